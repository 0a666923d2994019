"""Injected database failures: a connection whose COMMIT fails as SQLite's would on a full disk."""

from __future__ import annotations

import sqlite3
from typing import Any

from sqlite_utils import Database

from neuroquiz.store import ProgressStore

DISK_FULL = "database or disk is full"
"""SQLite's message for SQLITE_FULL."""


class FailingConnection(sqlite3.Connection):
    """An in-memory connection whose ``COMMIT`` raises ``failure`` while it is set.

    A real full disk fails the commit (the WAL cannot grow); the transaction is then rolled
    back by the store, as SQLite would leave it.
    """

    failure: str | None = None
    failed = 0

    def execute(self, sql: str, *args: Any, **kwargs: Any) -> sqlite3.Cursor:
        """Run ``sql``; a ``COMMIT`` while :attr:`failure` is set raises it instead."""
        if self.failure is not None and sql.strip().upper() == "COMMIT":
            self.failed += 1
            raise sqlite3.OperationalError(self.failure)
        return super().execute(sql, *args, **kwargs)


def failing_store() -> tuple[ProgressStore, FailingConnection]:
    """An in-memory store over a :class:`FailingConnection` (not failing yet)."""
    conn = sqlite3.connect(":memory:", factory=FailingConnection)
    return ProgressStore(Database(conn)), conn
