"""Write transactions that take SQLite's write lock up front (``BEGIN IMMEDIATE``).

Two neuroquiz processes may share one database (a resident with two terminals). A
transaction that reads first and writes later (``BEGIN`` DEFERRED) must upgrade its read lock
to a write lock; if the other process wrote in between, SQLite fails that upgrade at once
with "database is locked", without waiting for the busy timeout. ``BEGIN IMMEDIATE`` takes
the write lock when the transaction starts, where the busy timeout applies, so writers queue
up instead of failing; readers are never blocked in WAL mode.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from typing import TYPE_CHECKING, NoReturn

if TYPE_CHECKING:
    from sqlite_utils import Database


@contextlib.contextmanager
def write_transaction(db: Database) -> Iterator[None]:
    """Run the block in one write transaction, committed when the block ends.

    Outside a transaction this is ``BEGIN IMMEDIATE`` ... ``COMMIT`` (rolled back if the
    block raises); inside one, the block joins it, so calls nest. On a connection to a file
    (:class:`~neuroquiz.store.identity.FileConnection`) the commit happens only while the
    path still leads to that file. A failure SQLite explains (busy, disk full, read-only)
    is rolled back and raised as the :class:`~neuroquiz.errors.NeuroquizError` that says so.

    Args:
        db: The database.

    Raises:
        DatabaseBusyError: another process held the write lock for longer than the
            connection's busy timeout.
        DiskFullError: the disk is full.
        DatabaseGoneError: the file was deleted or replaced since it was opened.

    Example:
        >>> with write_transaction(db):  # doctest: +SKIP
        ...     db.conn.execute("UPDATE settings SET value = '1'")
    """
    conn = db.conn
    if conn.in_transaction:
        # Join the open transaction: whoever opened it commits or rolls back everything. (A
        # savepoint per nested block would cost a statement journal on every answer, and no
        # caller goes on after an error inside a nested block.)
        yield
        return
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.Error as error:
        _rollback(conn)
        _raise_explained(error, conn)
    try:
        yield
        before = getattr(conn, "before_commit", None)
        if before is not None:
            before()
        conn.execute("COMMIT")
    except sqlite3.Error as error:
        _rollback(conn)
        _raise_explained(error, conn)
    except BaseException:
        _rollback(conn)
        raise
    after = getattr(conn, "after_commit", None)
    if after is not None:
        after()


def _raise_explained(error: sqlite3.Error, conn: sqlite3.Connection) -> NoReturn:
    """Raise ``error`` explained in one line if SQLite's code allows, else as it is."""
    from neuroquiz.store.failures import database_error

    explained = database_error(error, getattr(conn, "path", None))
    if explained is None:
        raise error
    raise explained from error


def data_version(db: Database) -> int:
    """SQLite's ``PRAGMA data_version``: changes whenever ANOTHER connection commits.

    Reading it before a plan and again under the write lock tells whether the plan was made
    on data that is still current.
    """
    return int(db.execute("PRAGMA data_version").fetchone()[0])


def _rollback(conn: sqlite3.Connection) -> None:
    # An error such as SQLITE_FULL may already have ended the transaction.
    if conn.in_transaction:
        with contextlib.suppress(sqlite3.Error):
            conn.execute("ROLLBACK")
