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


class DatabaseWriteError(NeuroquizError):
    """A write to the progress database failed and was rolled back; trying again may work.

    Nothing of the failed write is stored (the database is busy, the disk is full, the file
    is read-only): the app says so and keeps what it showed, so the user can retry.
    """


class DatabaseBusyError(DatabaseWriteError):
    """Another program held the database's write lock for longer than the busy timeout."""


class DiskFullError(DatabaseWriteError):
    """The disk (or the user's quota) has no room for the database to grow."""


class DatabaseReadOnlyError(DatabaseWriteError):
    """The database file, or its folder, cannot be written."""


class DatabaseGoneError(NeuroquizError):
    """The database file at the path is no longer the file neuroquiz opened.

    It was deleted, or another file was put in its place, while neuroquiz ran: whatever it
    wrote now would go to a file nobody will read again. Nothing more can be saved; the
    program must stop and be started again.
    """
