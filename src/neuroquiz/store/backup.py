"""Backup copies of the progress database, with SQLite's online backup API.

:func:`backup_database` copies through a read-only connection, in one step: the copy is one
consistent snapshot, and it is safe while the app runs (in WAL mode a reader never blocks
the app's writes). The copy is made standalone (rollback journal), checked with
``PRAGMA quick_check``, flushed to disk and only then given its name, so a failed backup
leaves nothing behind and a backup file is always complete.

Copies go to ``backups/<stem>-YYYYMMDD-HHMMSS.db`` next to the database by default;
:func:`open_store` also keeps ``<name>.backup-v<version>`` before each schema upgrade.
:func:`list_backups` finds both kinds.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from neuroquiz.errors import NeuroquizError
from neuroquiz.fileio import fsync_dir, fsync_path
from neuroquiz.store.identity import give_new_token
from neuroquiz.store.open import BUSY_TIMEOUT_MS, create_private_file, make_private_dirs
from neuroquiz.store.open import _check_file as check_file

BACKUP_DIR = "backups"
"""The folder, next to the database, where ``neuroquiz backup`` puts its copies."""
STAMP_FORMAT = "%Y%m%d-%H%M%S"
"""Timestamp in backup and damaged-file names (local time)."""
MAX_LISTED = 20
"""At most this many check findings are read."""


def backups_dir(db_path: Path) -> Path:
    """The ``backups/`` folder next to the database."""
    return Path(db_path).parent / BACKUP_DIR


def default_backup_path(db_path: Path, now: datetime, folder: Path | None = None) -> Path:
    """``backups/<stem>-YYYYMMDD-HHMMSS.db`` next to the database, not yet taken.

    Args:
        db_path: The database file.
        now: The time to put in the name (the caller's clock, local time).
        folder: Put the file in this folder instead of ``backups/``.
    """
    db_path = Path(db_path)
    where = backups_dir(db_path) if folder is None else Path(folder)
    return free_name(where / f"{db_path.stem}-{now.strftime(STAMP_FORMAT)}.db")


def backup_database(db_path: Path, target: Path) -> Path:
    """Copy the database to ``target`` with SQLite's backup API; return ``target``.

    The copy is made through a read-only connection in one step (one consistent snapshot,
    the app may go on writing), switched to a standalone rollback-journal file, checked with
    ``PRAGMA quick_check``, flushed to disk, and only then renamed to ``target``: a failed
    backup leaves nothing behind.

    Args:
        db_path: The database file.
        target: The file to write; its folder is created if missing. Must not exist.

    Raises:
        NeuroquizError: if there is no database, it is not SQLite or is damaged, or
            ``target`` exists or cannot be written.
    """
    db_path, target = Path(db_path), Path(target)
    if not db_path.is_file():
        raise NeuroquizError("no database to back up (the file does not exist)", path=db_path)
    check_file(db_path)
    if target.exists():
        raise NeuroquizError("already exists; choose another backup file name", path=target)
    try:
        make_private_dirs(target.parent)
    except OSError as error:
        raise NeuroquizError(f"cannot create the folder ({error.strerror})", path=target) from None
    with temporary_beside(target) as temp:
        try:
            copy_database(db_path, temp)
        except sqlite3.OperationalError as error:
            if "unable to open" in str(error) or "readonly" in str(error):
                raise NeuroquizError(f"cannot write the backup ({error})", path=target) from None
            raise NeuroquizError(f"cannot read the database ({error})", path=db_path) from None
        except sqlite3.DatabaseError as error:
            raise NeuroquizError(
                f"database is damaged ({error}); no backup written, run 'neuroquiz doctor'",
                path=db_path,
            ) from None
        problems = quick_check(temp)
        if problems:
            raise NeuroquizError(
                f"database is damaged ({problems[0]}); no backup written, run 'neuroquiz doctor'",
                path=db_path,
            )
        publish(temp, target)
    return target


def list_backups(db_path: Path) -> list[Path]:
    """Backups of this database, newest first (by modification time, then name).

    Those are ``backups/<stem>-*.db`` and the pre-upgrade copies ``<name>.backup-v*``.
    """
    db_path = Path(db_path)
    found = [
        *backups_dir(db_path).glob(f"{_glob_escape(db_path.stem)}-*.db"),
        *db_path.parent.glob(f"{_glob_escape(db_path.name)}.backup-v*"),
    ]
    files = [path for path in found if path.is_file() and not path.name.endswith(".tmp")]
    return sorted(files, key=lambda path: (path.stat().st_mtime_ns, path.name), reverse=True)


@contextlib.contextmanager
def read_only(path: Path) -> Iterator[sqlite3.Connection]:
    """A read-only connection to ``path`` (it cannot change the file), closed at the end.

    A WAL database in a read-only folder cannot be opened the usual way (SQLite cannot
    create its ``-shm`` index there); if it has no pending ``-wal`` either, it is opened as
    immutable, which is safe because nothing can write to it in such a folder.
    """
    uri = path.resolve().as_uri()
    conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        conn.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()  # opens the file
    except sqlite3.OperationalError as error:
        conn.close()
        wal = Path(f"{path}-wal")
        if "unable to open" not in str(error) or (wal.exists() and wal.stat().st_size > 0):
            raise
        conn = sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True)
    except BaseException:
        conn.close()
        raise
    try:
        yield conn
    finally:
        conn.close()


def copy_database(source: Path, temp: Path) -> None:
    """Copy ``source`` into the new file ``temp`` in one backup step, as a standalone file.

    ``temp`` is created 0600 (see :func:`~neuroquiz.store.open.create_private_file`).
    """
    create_private_file(temp)
    destination = sqlite3.connect(str(temp))
    try:
        with read_only(source) as conn:
            conn.backup(destination)  # pages=-1: the whole database in one snapshot
        give_new_token(destination)  # a copy is another file (see store.identity)
        # The copy inherits WAL mode from the source header; a backup file stands alone.
        destination.execute("PRAGMA journal_mode = DELETE")
    finally:
        destination.close()


def quick_check(path: Path) -> list[str]:
    """``PRAGMA quick_check`` findings of a database file; empty if it is sound."""
    try:
        with read_only(path) as conn:
            rows = [str(row[0]) for row in conn.execute(f"PRAGMA quick_check({MAX_LISTED})")]
    except sqlite3.DatabaseError as error:  # too damaged for the check to run
        return [str(error)]
    return [] if rows == ["ok"] else rows


@contextlib.contextmanager
def temporary_beside(target: Path) -> Iterator[Path]:
    """A temporary file name next to ``target``, removed if it is still there at the end."""
    temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    temp.unlink(missing_ok=True)
    try:
        yield temp
    finally:
        for leftover in [
            temp,
            *(Path(f"{temp}{suffix}") for suffix in ("-journal", "-wal", "-shm")),
        ]:
            with contextlib.suppress(OSError):
                leftover.unlink()


def publish(temp: Path, target: Path) -> None:
    """Make ``temp`` durable, then rename it to ``target`` (never over an existing file)."""
    fsync_path(temp)
    try:
        os.link(temp, target)  # fails if target appeared meanwhile: never overwrite
    except FileExistsError:
        raise NeuroquizError(
            "already exists; choose another backup file name", path=target
        ) from None
    except OSError:
        os.replace(temp, target)
    fsync_dir(target.parent)


def free_name(path: Path) -> Path:
    """``path``, or ``<stem>-2<suffix>``, ``-3``... if taken (two backups in one second)."""
    candidate, n = path, 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
    return candidate


def _glob_escape(text: str) -> str:
    return "".join(f"[{ch}]" if ch in "*?[" else ch for ch in text)
