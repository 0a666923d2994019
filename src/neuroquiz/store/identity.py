"""Is the file at the database's path still the one neuroquiz opened, and is its -wal its own?

Two ways progress can silently go nowhere:

- **The file is deleted or replaced while neuroquiz runs.** SQLite keeps writing to the file
  it opened, which no path leads to any more: every answer is acknowledged, and lost.
  :class:`FileConnection` remembers the device and inode of the database file (and of its
  ``-wal``) and, before each commit, checks that the path still leads to them; if not, the
  transaction is rolled back and :class:`~neuroquiz.errors.DatabaseGoneError` raised, so
  nothing is acknowledged.
- **A -wal left beside another copy.** SQLite applies whatever ``<name>-wal`` lies beside
  the file, even one written for another copy (the file that was replaced while the app ran
  and was then killed): its pages overwrite this file's progress. A WAL carries nothing that
  ties it to its file, so neuroquiz adds it: a *binding* row in ``settings`` (scope
  ``@file``) holds a token given to each file (a new one when a file appears at a path under
  another identity, e.g. a copy, and in every backup copy), and every write transaction
  updates that row, so every WAL holds it. :func:`foreign_wal` reads the token through the
  WAL and from the file alone: they differ only if the WAL was written for another file.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from neuroquiz.errors import DatabaseGoneError

if TYPE_CHECKING:
    from sqlite_utils import Database

BINDING_SCOPE = "@file"
"""The ``settings`` scope of the binding row (deck ids, the other scopes, have no ``@``)."""
BINDING_NAME = "binding"

_BUMP = (
    "UPDATE settings SET value = json_set(value, '$.seq', "
    "coalesce(json_extract(value, '$.seq'), 0) + 1) WHERE scope = ? AND name = ?"
)
_RESTART = "restart neuroquiz to go on with the file now at that path"


@dataclass(frozen=True)
class FileId:
    """A file's identity: its device and inode numbers."""

    dev: int
    ino: int

    @classmethod
    def of(cls, path: Path) -> FileId | None:
        """The identity of the file at ``path`` (links followed), None if there is none."""
        try:
            info = os.stat(path)
        except OSError:
            return None
        return cls(info.st_dev, info.st_ino)


def wal_path(path: Path) -> Path:
    """The ``-wal`` file of the database ``path``."""
    return Path(f"{path}-wal")


class FileConnection(sqlite3.Connection):
    """A connection to a database file that checks, before each commit, that it is still there.

    Create it with ``sqlite3.connect(path, factory=FileConnection)`` and call :meth:`watch`
    once the file is set up; :func:`~neuroquiz.store.transaction.write_transaction` calls
    :meth:`before_commit` and :meth:`after_commit` around every ``COMMIT``.
    """

    path: Path | None = None
    _main: FileId | None = None
    _wal: FileId | None = None

    def watch(self, path: Path) -> None:
        """From now on, refuse to commit unless ``path`` still leads to this file.

        Args:
            path: The database file this connection opened.
        """
        self.path = Path(path)
        self._main = FileId.of(self.path)
        self._wal = FileId.of(wal_path(self.path))  # None until the first write makes it

    def before_commit(self) -> None:
        """Check the file and its ``-wal``, then mark this transaction in the binding row.

        Raises:
            DatabaseGoneError: the path no longer leads to the file (or the ``-wal``) this
                connection writes to; the caller rolls back.
        """
        if self.path is None:
            return
        now = FileId.of(self.path)
        if now != self._main:
            what = "deleted" if now is None else "replaced by another file"
            raise DatabaseGoneError(
                f"the database file was {what} while neuroquiz was running; this change "
                f"and any later one cannot be saved there: {_RESTART}",
                path=self.path,
            )
        if self._wal is not None and FileId.of(wal_path(self.path)) != self._wal:
            raise DatabaseGoneError(
                "the database's -wal file was deleted or replaced while neuroquiz was "
                f"running; this change and any later one cannot be saved: {_RESTART}",
                path=self.path,
            )
        # A changed row: SQLite writes no page for an update that changes nothing.
        self.execute(_BUMP, [BINDING_SCOPE, BINDING_NAME])

    def after_commit(self) -> None:
        """Remember the ``-wal`` the first commit created."""
        if self.path is not None and self._wal is None:
            self._wal = FileId.of(wal_path(self.path))


def _binding(conn: sqlite3.Connection) -> dict[str, Any] | None:
    row = conn.execute(
        "SELECT value FROM settings WHERE scope = ? AND name = ?", [BINDING_SCOPE, BINDING_NAME]
    ).fetchone()
    if row is None:
        return None
    value = json.loads(row[0])
    return value if isinstance(value, dict) else None


def bind_file(db: Database, path: Path) -> None:
    """Give the file at ``path`` its own token if it has none or came from elsewhere.

    A file that holds the binding of another identity (a copy, a backup put back, a file
    moved here) gets a new token, and the WAL is checkpointed at once (as far as other
    connections let it, without waiting), so that the token is in the file itself, not
    only in its ``-wal``.
    """
    from neuroquiz.store.transaction import write_transaction

    here = FileId.of(path)
    if here is None:
        return

    def bound() -> bool:
        value = _binding(db.conn)
        return value is not None and (value.get("dev"), value.get("ino")) == (here.dev, here.ino)

    if bound():
        return
    with write_transaction(db):
        if bound():  # another process bound it meanwhile
            return
        value = {"token": secrets.token_hex(16), "dev": here.dev, "ino": here.ino, "seq": 0}
        db.conn.execute(
            "INSERT OR REPLACE INTO settings (scope, name, value) VALUES (?, ?, ?)",
            [BINDING_SCOPE, BINDING_NAME, json.dumps(value)],
        )
    # PASSIVE: never wait for (nor fail because of) another process opening the same file;
    # what it leaves in the WAL is named by its binding (see foreign_wal).
    with contextlib.suppress(sqlite3.OperationalError):
        db.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()


def give_new_token(conn: sqlite3.Connection) -> None:
    """Give a copy of a database (a backup) a token of its own; no binding, no change.

    Put back in place of its database by hand, the copy then never passes for the file a
    leftover ``-wal`` was written for.
    """
    try:
        with conn:
            conn.execute(
                "UPDATE settings SET value = json_set(value, '$.token', ?, '$.dev', 0, '$.ino', 0)"
                " WHERE scope = ? AND name = ?",
                [secrets.token_hex(16), BINDING_SCOPE, BINDING_NAME],
            )
    except sqlite3.OperationalError:
        pass  # an old schema without a settings table: it has no binding either


class _Unreadable:
    """SQLite cannot read the database (or its quick check fails)."""


_UNREADABLE = _Unreadable()
_Read = dict[str, Any] | _Unreadable | None


def _binding_at(uri: str, *, check: bool = False) -> _Read:
    """The binding of the database at ``uri``; :data:`_UNREADABLE` if SQLite cannot read it
    (or, with ``check``, its quick check fails); None if it has none."""
    try:
        conn = sqlite3.connect(uri, uri=True)
    except sqlite3.Error:
        return _UNREADABLE
    try:
        if check and conn.execute("PRAGMA quick_check(1)").fetchall() != [("ok",)]:
            return _UNREADABLE
        value = _binding(conn)
    except sqlite3.OperationalError as error:
        # No settings table (an old schema) is no binding; anything else is unreadable.
        return None if "no such table" in str(error) else _UNREADABLE
    except (sqlite3.Error, ValueError):
        return _UNREADABLE
    finally:
        conn.close()
    return value if value is not None and isinstance(value.get("token"), str) else None


def foreign_wal(path: Path) -> str | None:
    """Why the ``-wal`` beside ``path`` belongs to another file, or None if it may be its own.

    The binding read through the WAL is compared with the one in the file alone (read as
    immutable, which ignores the WAL). The WAL was written for another file if its binding
    has another token AND names another file than the one at ``path`` (a neuroquiz that
    has just given this very file its token may not have checkpointed it yet), or if the
    database is damaged read through the WAL while the file alone is sound and has a token.
    Not judged: files without a binding (from an older neuroquiz); a file copied over the
    one a running neuroquiz had open (same inode: the WAL names it). Nothing is written.
    """
    wal = wal_path(path)
    try:
        if wal.stat().st_size == 0:
            return None
    except OSError:
        return None
    uri = Path(path).resolve().as_uri()
    through = _binding_at(f"{uri}?mode=ro")
    if through is None:
        return None
    damaged = isinstance(through, _Unreadable)
    alone = _binding_at(f"{uri}?mode=ro&immutable=1", check=damaged)
    if not isinstance(alone, dict):
        return None
    if isinstance(through, dict):
        here = FileId.of(path)
        names_this_file = here is not None and (through.get("dev"), through.get("ino")) == (
            here.dev,
            here.ino,
        )
        if through["token"] == alone["token"] or names_this_file:
            return None
    note = " (read through it, the database is damaged)" if damaged else ""
    return (
        f"its -wal file was written for another copy of this database{note}: SQLite "
        f"would overwrite this file's progress with it; move {wal.name} aside (keep it) to "
        f"use {Path(path).name} as it is"
    )
