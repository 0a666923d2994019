"""User-facing errors: one clear line naming the file and the problem.

The CLI and the TUI catch :class:`NeuroquizError` and show ``str(error)``; anything else is a
bug and may show a traceback.
"""

from __future__ import annotations

from pathlib import Path


class NeuroquizError(Exception):
    """A problem caused by the user's input or environment, with a one-line message."""

    def __init__(self, message: str, *, path: Path | str | None = None) -> None:
        self.path = str(path) if path is not None else None
        self.message = message
        super().__init__(f"{self.path}: {message}" if self.path else message)
