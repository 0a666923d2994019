"""The real clock and randomness, read only at the edge (the CLI), then injected."""

from __future__ import annotations

from datetime import datetime


def local_now() -> datetime:
    """The current time as an aware datetime in the local time zone."""
    return datetime.now().astimezone()
