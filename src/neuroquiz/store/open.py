"""Open the user's progress database file safely.

Checks come before any write: a file that is not SQLite, is truncated, or was written by a
newer neuroquiz is refused with a one-line :class:`NeuroquizError` naming the file, and the
file is left exactly as it was. An older schema is first copied to
``<name>.backup-v<old version>`` with SQLite's online backup API, then migrated.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from neuroquiz.errors import DatabaseReadOnlyError, NeuroquizError
from neuroquiz.store.checks import quick_check_bounded
from neuroquiz.store.failures import database_error, os_error
from neuroquiz.store.identity import FileConnection, bind_file, foreign_wal, give_new_token
from neuroquiz.store.migrations import SCHEMA_VERSION, schema_status
from neuroquiz.store.progress import ProgressStore

if TYPE_CHECKING:
    from sqlite_utils import Database

BUSY_TIMEOUT_MS = 5000
"""How long a writer waits for another process's lock before giving up."""

PRIVATE_FILE_MODE = 0o600
"""Mode of every database file neuroquiz creates (SQLite gives its -wal/-shm the same one)."""
PRIVATE_DIR_MODE = 0o700
"""Mode of every folder neuroquiz creates for databases and backups."""

_MAGIC = b"SQLite format 3\x00"
_HEADER_SIZE = 100

Synchronous = Literal["FULL", "NORMAL"]


def open_store(
    path: Path, *, synchronous: Synchronous = "FULL", busy_timeout_ms: int = BUSY_TIMEOUT_MS
) -> ProgressStore:
    """Open (creating if needed) the progress database at ``path``.

    The connection uses WAL, foreign keys and a 5 s busy timeout. Before each commit it
    checks that ``path`` still leads to the file it opened (see
    :mod:`neuroquiz.store.identity`). ``synchronous=FULL``
    (default) makes every committed answer survive a power loss; ``NORMAL`` is faster but in
    WAL mode may lose the last commits on power loss (never corrupts the file).

    Args:
        path: The database file; its parent directory is created if missing.
        synchronous: SQLite ``synchronous`` level for this connection.
        busy_timeout_ms: How long a write waits for another process's write lock before
            it fails with :class:`~neuroquiz.errors.DatabaseBusyError`.

    An older schema is copied to ``<name>.backup-v<old version>`` (SQLite backup API) and
    then migrated in one transaction; if that fails, the file is left as it was.

    Returns:
        A ready store with the current schema.

    Raises:
        NeuroquizError: naming the file, if it is not SQLite, is truncated or corrupt, has
            the -wal of another copy beside it, was written by a newer neuroquiz, cannot
            be upgraded, or cannot be created.
    """
    from sqlite_utils import Database

    path = Path(path)
    _prepare_directory(path)
    # Create the file ourselves (O_EXCL) so that "this call created it" is certain: another
    # process may create the same new database at the same moment, and a failed open must
    # never remove a file that someone else made and is using.
    existed = not _create_new(path)
    version = _check_existing(path) if existed else 0
    db: Database | None = None
    try:
        conn = sqlite3.connect(str(path), timeout=busy_timeout_ms / 1000, factory=FileConnection)
        db = Database(conn)
        db.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        backup: Path | None = None
        if 0 < version < SCHEMA_VERSION:
            backup = _backup_path(path, version)
            # Another process may have upgraded the file since its version was read: then
            # it kept the copy of the old schema, and ours must not replace it.
            backup_copy(db, backup, expect_version=version)
        try:
            store = ProgressStore(db)  # applies pending migrations, all or nothing
        except sqlite3.DatabaseError as error:
            if backup is None:
                raise
            raise NeuroquizError(
                f"cannot upgrade database from schema version {version} ({error}); "
                f"it is unchanged, and a copy is in {backup.name}",
                path=path,
            ) from None
        # WAL only once the schema is right, so that a refused upgrade leaves the file as
        # it was (switching the journal mode rewrites the header).
        db.enable_wal()
        db.execute(f"PRAGMA synchronous = {synchronous}")
        conn.watch(path)
        bind_file(db, path)
        return store
    except NeuroquizError:
        _abandon(db, path, existed)
        raise
    except sqlite3.DatabaseError as error:
        _abandon(db, path, existed)
        raise _unreadable(error, path) from None
    except OSError as error:
        _abandon(db, path, existed)
        raise os_error(error, path, "open the database") from None


def _unreadable(error: sqlite3.DatabaseError, path: Path) -> NeuroquizError:
    """What SQLite's ``error`` at open means: a full disk, a read-only file, a lock held
    elsewhere, a damaged file..., in one line."""
    explained = database_error(error, path, writing=False)
    return explained or NeuroquizError(f"database is unreadable ({error})", path=path)


def _check_existing(path: Path) -> int:
    """Check an existing file before opening it for writing; return its schema version.

    The schema is read through a READ-ONLY connection: a read-write connection that closes
    last checkpoints the WAL into the file, which would change a file we refuse.
    """
    from sqlite_utils import Database

    _check_file(path)
    if path.stat().st_size == 0:
        return 0
    foreign = foreign_wal(path)
    if foreign is not None:
        raise NeuroquizError(f"{foreign}; see 'neuroquiz doctor'", path=path)
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        damage = quick_check_bounded(conn, _size_with_wal(path))
        if damage is not None:
            raise NeuroquizError(
                f"database is damaged ({damage}); it was not changed: run 'neuroquiz doctor'",
                path=path,
            )
        status = schema_status(Database(conn))
    except sqlite3.DatabaseError as error:
        raise _unreadable(error, path) from None
    finally:
        conn.close()
    if status.foreign:
        raise NeuroquizError("not a neuroquiz database (it holds other tables)", path=path)
    if status.is_newer:
        raise NeuroquizError(
            f"database schema version {status.version} is newer than this neuroquiz "
            f"knows ({SCHEMA_VERSION}); upgrade neuroquiz",
            path=path,
        )
    return status.version


def _size_with_wal(path: Path) -> int:
    wal = Path(f"{path}-wal")
    return path.stat().st_size + (wal.stat().st_size if wal.exists() else 0)


def _create_new(path: Path) -> bool:
    """Create ``path`` as an empty file; False if it exists already."""
    try:
        create_private_file(path)
    except FileExistsError:
        return False
    except OSError as error:
        raise os_error(error, path, "create the database") from None
    return True


def create_private_file(path: Path) -> None:
    """Create ``path`` as an empty file readable and writable by its owner only (0600).

    Progress is personal, as an SSH key or a password store is: the database, and so its
    ``-wal`` and ``-shm`` files, which SQLite creates with the database file's mode, and
    every backup copy are 0600 whatever the umask.

    Raises:
        FileExistsError: it exists already.
        OSError: it cannot be created.
    """
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
    try:
        os.fchmod(fd, PRIVATE_FILE_MODE)  # a umask cannot widen it, but may narrow it: undo
    finally:
        os.close(fd)


def make_private_dirs(directory: Path) -> None:
    """Create ``directory`` (and missing parents) as 0700 folders; existing ones are kept."""
    missing = [d for d in (directory, *directory.parents) if not d.exists()]
    for folder in reversed(missing):
        with contextlib.suppress(FileExistsError):
            folder.mkdir(mode=PRIVATE_DIR_MODE)
            os.chmod(folder, PRIVATE_DIR_MODE)


def _backup_path(path: Path, version: int) -> Path:
    return path.with_name(f"{path.name}.backup-v{version}")


def backup_copy(db: Database, target: Path, *, expect_version: int | None = None) -> bool:
    """Copy the whole database to ``target`` with SQLite's backup API, atomically.

    The copy goes to a temporary file first and is renamed into place, so ``target`` is
    either the complete old database or absent.

    Args:
        db: The database to copy.
        target: Where the copy goes.
        expect_version: If given, the copy is kept only if it has this schema version
            (a concurrent upgrade makes it newer: the copy is then discarded).

    Returns:
        True if ``target`` was written.
    """
    # One temporary name per process: two processes upgrading the same file at once each
    # write their own copy (the same content) and rename it into place.
    temp = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    temp.unlink(missing_ok=True)
    create_private_file(temp)
    destination = sqlite3.connect(str(temp))
    try:
        db.conn.backup(destination)
        give_new_token(destination)
        from sqlite_utils import Database as _Db

        stale = expect_version is not None and schema_status(_Db(destination)).version != (
            expect_version
        )
    finally:
        destination.close()
    if stale:
        temp.unlink(missing_ok=True)
        return False
    os.replace(temp, target)
    return True


def _prepare_directory(path: Path) -> None:
    parent = path.parent
    for ancestor in (parent, *parent.parents):
        if ancestor.exists():
            if not ancestor.is_dir():
                raise NeuroquizError(
                    f"cannot create database: {ancestor} is not a directory", path=path
                )
            break
    try:
        make_private_dirs(parent)
    except OSError as error:
        raise NeuroquizError(
            f"cannot create database: directory {parent} cannot be created ({error.strerror})",
            path=path,
        ) from None
    if path.is_dir():
        raise NeuroquizError("is a directory, not a database file", path=path)
    # WAL needs to create <name>-wal and <name>-shm beside the file, so the directory must be
    # writable even when the database file exists.
    exists = path.exists()
    if exists and not os.access(path, os.R_OK):
        raise NeuroquizError("cannot read database: the file is not readable", path=path)
    if not os.access(parent, os.W_OK | os.X_OK):
        if exists:
            raise DatabaseReadOnlyError(
                f"database is read-only: its directory {parent} is not writable (SQLite "
                f"keeps {path.name}-wal and {path.name}-shm beside it); 'neuroquiz doctor' "
                "and 'neuroquiz backup' still read it",
                path=path,
            )
        raise NeuroquizError(
            f"cannot create database: directory {parent} is not writable", path=path
        )
    if exists and not os.access(path, os.W_OK):
        raise DatabaseReadOnlyError(
            "database is read-only: the file is not writable; 'neuroquiz doctor' and "
            "'neuroquiz backup' still read it",
            path=path,
        )


def _check_file(path: Path) -> None:
    """Refuse a file that is not SQLite, or is truncated and SQLite cannot read it whole."""
    size = path.stat().st_size
    if size == 0:
        return  # an empty file is an empty SQLite database
    with path.open("rb") as handle:
        header = handle.read(_HEADER_SIZE)
    if not header.startswith(_MAGIC[: len(header)]):
        raise NeuroquizError("not a neuroquiz database (file is not SQLite)", path=path)
    if size < _HEADER_SIZE:
        raise NeuroquizError("database file is truncated (incomplete header)", path=path)
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    page_count = int.from_bytes(header[28:32], "big")
    # The page count in the header is only valid when the change counter matches the
    # "version valid for" number (SQLite >= 3.7.0 writers keep them equal).
    header_count_valid = header[24:28] == header[92:96] and page_count > 0
    # A file shorter than its header says is only a hint: after a kill (or a full disk) in
    # the middle of a checkpoint, the -wal still holds every page and SQLite reads the
    # database whole. SQLite itself decides: only a file it cannot read soundly is refused.
    if header_count_valid and size < page_size * page_count and not sqlite_reads_sound(path):
        raise NeuroquizError(
            f"database file is truncated ({size} bytes, expected {page_size * page_count})",
            path=path,
        )


def sqlite_reads_sound(path: Path) -> bool:
    """True if SQLite, through a read-only connection, reads ``path`` as a sound database.

    The connection lets SQLite recover a pending ``-wal`` (it rebuilds the ``-shm`` index,
    never the database file) and runs ``PRAGMA integrity_check``. Without a ``-wal`` there is
    nothing to recover and no connection open (a WAL database keeps one while in use), so
    the file is read as immutable, which leaves no ``-wal``/``-shm`` behind.
    """
    wal = Path(f"{path}-wal")
    flags = "mode=ro" if wal.exists() else "mode=ro&immutable=1"
    try:
        conn = sqlite3.connect(
            f"{path.resolve().as_uri()}?{flags}", uri=True, timeout=BUSY_TIMEOUT_MS / 1000
        )
    except sqlite3.Error:
        return False
    try:
        rows = conn.execute("PRAGMA integrity_check(1)").fetchall()
    except sqlite3.Error:
        return False
    finally:
        conn.close()
    return rows == [("ok",)]


def _abandon(db: Database | None, path: Path, existed: bool) -> None:
    """Close after a failure; remove the file only if this call created it."""
    if db is not None:
        with contextlib.suppress(sqlite3.Error):
            db.close()
    if not existed:
        for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")):
            leftover.unlink(missing_ok=True)
