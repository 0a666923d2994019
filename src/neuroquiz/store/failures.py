"""SQLite errors in plain words: what the user can do about a busy, full or read-only file.

SQLite reports a full disk, a read-only file or a lock held elsewhere as
``sqlite3.OperationalError`` with a result code (``SQLITE_FULL``, ``SQLITE_READONLY``,
``SQLITE_BUSY``...). :func:`database_error` turns those into the
:class:`~neuroquiz.errors.NeuroquizError` subclass that says it in one line; an error it does
not know (a bug, such as bad SQL) is left alone. The result code is read from the exception
when SQLite set it, else from SQLite's message (an error raised by a test double has none).
"""

from __future__ import annotations

import errno
import os
import sqlite3
from enum import Enum
from pathlib import Path

from neuroquiz.errors import (
    DatabaseBusyError,
    DatabaseReadOnlyError,
    DatabaseWriteError,
    DiskFullError,
    NeuroquizError,
)


class Failure(Enum):
    """The kinds of SQLite failure neuroquiz explains."""

    BUSY = "busy"
    FULL = "full"
    READONLY = "readonly"
    IOERR = "ioerr"
    CORRUPT = "corrupt"
    CANTOPEN = "cantopen"


# Primary result codes (the low byte of an extended code), from sqlite3.h.
_CODES = {
    3: Failure.READONLY,  # SQLITE_PERM
    5: Failure.BUSY,  # SQLITE_BUSY
    6: Failure.BUSY,  # SQLITE_LOCKED
    8: Failure.READONLY,  # SQLITE_READONLY
    10: Failure.IOERR,  # SQLITE_IOERR
    11: Failure.CORRUPT,  # SQLITE_CORRUPT
    13: Failure.FULL,  # SQLITE_FULL
    14: Failure.CANTOPEN,  # SQLITE_CANTOPEN
    26: Failure.CORRUPT,  # SQLITE_NOTADB
}

# SQLite's own messages for those codes (sqlite3ErrStr), for errors without a code.
_MESSAGES = (
    ("database or disk is full", Failure.FULL),
    ("database is locked", Failure.BUSY),
    ("database table is locked", Failure.BUSY),
    ("database schema is locked", Failure.BUSY),
    ("readonly database", Failure.READONLY),
    ("access permission denied", Failure.READONLY),
    ("disk i/o error", Failure.IOERR),
    ("database disk image is malformed", Failure.CORRUPT),
    ("file is not a database", Failure.CORRUPT),
    ("unable to open database file", Failure.CANTOPEN),
)

_IOERR_SHMSIZE = 10 | (19 << 8)
"""SQLite could not grow the -shm index of a WAL database: no room on the disk."""
NEARLY_FULL_BYTES = 1024 * 1024
"""An I/O error on a disk with less free space than this is taken for a full disk."""

DOCTOR_HINT = "run 'neuroquiz doctor'"
"""What a message about a damaged database tells the user to do."""


def failure_of(error: BaseException, path: Path | str | None = None) -> Failure | None:
    """The kind of ``error`` if it is a SQLite failure neuroquiz explains, else None.

    Args:
        error: What SQLite raised.
        path: The database file, if known: an I/O error while its disk has (almost) no
            free space is a full disk (SQLite says "disk I/O error" when, for one, it
            cannot grow the ``-shm`` index of a WAL database).
    """
    if not isinstance(error, sqlite3.Error):
        return None
    code = getattr(error, "sqlite_errorcode", None)
    kind: Failure | None
    if isinstance(code, int) and (code & 0xFF) in _CODES:
        kind = Failure.FULL if code == _IOERR_SHMSIZE else _CODES[code & 0xFF]
    else:
        text = str(error).lower()
        kind = next((kind for message, kind in _MESSAGES if message in text), None)
    if kind is Failure.IOERR and path is not None and disk_nearly_full(Path(path)):
        return Failure.FULL
    return kind


def disk_nearly_full(path: Path) -> bool:
    """True if the filesystem of ``path`` (a file or folder) has almost no room left."""
    folder = path if path.is_dir() else path.parent
    try:
        info = os.statvfs(folder)
    except OSError:
        return False
    return info.f_bavail * info.f_frsize < NEARLY_FULL_BYTES


def os_error(error: OSError, path: Path | str, doing: str) -> NeuroquizError:
    """The one-line error for an ``OSError`` met while ``doing`` something to ``path``.

    Args:
        error: What the system said.
        path: The database file.
        doing: What failed, e.g. "create the database" (for the message).
    """
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return DiskFullError(f"disk full: cannot {doing}; free some space and try again", path=path)
    if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return DatabaseReadOnlyError(
            f"cannot {doing}: the place is read-only ({error.strerror})", path=path
        )
    return NeuroquizError(f"cannot {doing}: {error.strerror or error}", path=path)


def database_error(
    error: BaseException, path: Path | str | None, *, writing: bool = True
) -> NeuroquizError | None:
    """The one-line error that explains SQLite's ``error`` on the database at ``path``.

    Args:
        error: What SQLite raised.
        path: The database file (None for an in-memory database).
        writing: True if a write failed (it was rolled back: "nothing was saved").

    Returns:
        The error to raise instead, or None if ``error`` is not one neuroquiz explains.
    """
    kind = failure_of(error, path)
    if kind is None:
        return None
    unsaved = "; nothing was saved" if writing else ""
    if kind is Failure.BUSY:
        return DatabaseBusyError(
            "database is busy: another program (a 'neuroquiz sync'?) holds its write lock"
            f"{unsaved}; try again in a moment",
            path=path,
        )
    if kind is Failure.FULL:
        return DiskFullError(
            f"disk full: the database cannot grow{unsaved}; free some space and try again",
            path=path,
        )
    if kind is Failure.READONLY:
        return DatabaseReadOnlyError(
            f"database is read-only (the file or its folder cannot be written){unsaved}",
            path=path,
        )
    if kind is Failure.IOERR:
        return DatabaseWriteError(
            f"disk I/O error on the database ({error}){unsaved}; check the disk and try again",
            path=path,
        )
    if kind is Failure.CANTOPEN:
        return DatabaseWriteError(f"cannot open the database file ({error}){unsaved}", path=path)
    return NeuroquizError(f"database is damaged ({error}); {DOCTOR_HINT}", path=path)
