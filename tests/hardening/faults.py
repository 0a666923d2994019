"""Database failures: a connection whose COMMIT fails as SQLite's would on a full disk, and
a real tiny tmpfs to fill (root only)."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
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


@contextlib.contextmanager
def tiny_tmpfs(where: Path, size: str = "1m") -> Iterator[Path]:
    """A small tmpfs mounted at ``where`` (root only), or skip the test."""
    where.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
        capture_output=True,
        text=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def fill_disk(folder: Path) -> Path:
    """Fill the filesystem of ``folder`` until a write fails; return the filler file."""
    filler = folder / "filler"
    with filler.open("wb", buffering=0) as handle, contextlib.suppress(OSError):
        while True:
            handle.write(b"\0" * 512)
    return filler
