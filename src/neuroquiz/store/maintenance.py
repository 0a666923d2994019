"""Check-up and restore of the progress database (``neuroquiz doctor``).

- :func:`check_database` runs ``PRAGMA integrity_check`` and ``foreign_key_check``,
  compares the schema with the one this neuroquiz makes and looks for a ``-wal`` written
  for another copy of the file (:func:`~neuroquiz.store.identity.foreign_wal`); it never
  writes.
- :func:`restore_backup` puts the newest sound backup (see :func:`choose_backup`) in place
  and keeps the damaged file (with its ``-wal``) aside as ``<name>.damaged-<time>``.

The backups are those of :mod:`neuroquiz.store.backup`: ``backups/`` next to the database
and the pre-upgrade copies ``<name>.backup-v<version>``.
"""

from __future__ import annotations

import functools
import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from neuroquiz.errors import NeuroquizError
from neuroquiz.fileio import fsync_dir, fsync_path
from neuroquiz.store.backup import (
    MAX_LISTED,
    STAMP_FORMAT,
    copy_database,
    free_name,
    list_backups,
    quick_check,
    read_only,
    temporary_beside,
)
from neuroquiz.store.identity import foreign_wal
from neuroquiz.store.migrations import SCHEMA_VERSION, schema_status
from neuroquiz.store.open import _check_file as check_file
from neuroquiz.store.open import sqlite_reads_sound


@dataclass(frozen=True)
class Checkup:
    """What :func:`check_database` found.

    Attributes:
        path: The database file.
        exists: False if there is no file (nothing to check).
        problems: One plain-words line per problem; empty if the database is sound.
        notes: Facts worth knowing that are not problems (an upgrade pending, counts).
        version: The schema version, None if it could not be read.
    """

    path: Path
    exists: bool
    problems: tuple[str, ...]
    notes: tuple[str, ...] = ()
    version: int | None = None

    @property
    def ok(self) -> bool:
        """True if no problem was found."""
        return not self.problems


@dataclass(frozen=True)
class BackupChoice:
    """The backup :func:`choose_backup` picked, and the newer ones it had to pass over.

    Attributes:
        backup: The newest sound backup, None if there is none.
        rejected: ``(backup, reason)`` of each newer backup that is not sound.
    """

    backup: Path | None
    rejected: tuple[tuple[Path, str], ...]


# -- check-up ----------------------------------------------------------------------------


def check_database(path: Path) -> Checkup:
    """Check the database without writing to it.

    Runs ``PRAGMA integrity_check`` and ``PRAGMA foreign_key_check``, reads the schema
    version, and looks for tables and indexes this neuroquiz expects.

    Args:
        path: The database file.

    Raises:
        NeuroquizError: if another program keeps the database locked past the busy timeout.
    """
    path = Path(path)
    if not path.exists():
        return Checkup(path, exists=False, problems=())
    if path.is_dir():
        return Checkup(path, exists=True, problems=("is a folder, not a database file",))
    try:
        check_file(path)
    except NeuroquizError as error:
        return Checkup(path, exists=True, problems=(error.message,))
    foreign = foreign_wal(path)
    if foreign is not None:
        return Checkup(path, exists=True, problems=(foreign,))
    problems: list[str] = []
    notes: list[str] = []
    version: int | None = None
    try:
        with read_only(path) as conn:
            problems += _integrity(conn)
            if problems:  # a damaged file may fail the checks below in unhelpful ways
                return Checkup(path, exists=True, problems=tuple(problems))
            problems += _foreign_keys(conn)
            version = _schema(conn, problems, notes)
    except sqlite3.OperationalError as error:
        if "locked" in str(error):
            raise NeuroquizError(
                "database is locked by another program; try again", path=path
            ) from None
        if "unable to open" in str(error):
            problems.append(
                "cannot open the database file: its folder is read-only and it has "
                "unsaved changes in its -wal file"
            )
        else:
            problems.append(f"the database file is damaged ({error})")
    except sqlite3.DatabaseError as error:
        problems.append(f"the database file is damaged ({error})")
    return Checkup(path, exists=True, problems=tuple(problems), notes=tuple(notes), version=version)


def _integrity(conn: sqlite3.Connection) -> list[str]:
    rows = [str(row[0]) for row in conn.execute(f"PRAGMA integrity_check({MAX_LISTED})")]
    if rows == ["ok"]:
        return []
    found = []
    for row in rows:
        for line in row.splitlines():
            if line.strip() and not line.startswith("*** in database"):
                found.append(f"the database file is damaged: {line.strip()}")
    return found or ["the database file is damaged"]


def _foreign_keys(conn: sqlite3.Connection) -> list[str]:
    counts: dict[tuple[str, str], int] = {}
    for table, _rowid, parent, _fk in conn.execute("PRAGMA foreign_key_check"):
        counts[(str(table), str(parent))] = counts.get((str(table), str(parent)), 0) + 1
    return [
        f"{n} {'row' if n == 1 else 'rows'} of table {table} "
        f"{'refers' if n == 1 else 'refer'} to missing rows of table {parent}"
        for (table, parent), n in sorted(counts.items())
    ]


def _schema(conn: sqlite3.Connection, problems: list[str], notes: list[str]) -> int:
    from sqlite_utils import Database

    status = schema_status(Database(conn))
    if status.foreign:
        problems.append("not a neuroquiz database (it holds other tables)")
    elif status.is_newer:
        problems.append(
            f"written by a newer neuroquiz (schema version {status.version}; this one knows "
            f"up to {SCHEMA_VERSION}): upgrade neuroquiz"
        )
    elif status.version == 0:
        notes.append("the database is empty: neuroquiz sets it up the next time it opens it")
    elif status.version < SCHEMA_VERSION:
        notes.append(
            f"schema version {status.version} is older than {SCHEMA_VERSION}: neuroquiz "
            "upgrades it (after a backup copy) the next time it opens it"
        )
    else:
        present = set(conn.execute("SELECT type, name FROM sqlite_master").fetchall())
        for kind, name in sorted(_expected_objects() - present):
            problems.append(f"{kind} {name} is missing")
    if not problems and status.version > 0:
        cards = conn.execute("SELECT COUNT(*) FROM cards WHERE retired = 0").fetchone()[0]
        answers = conn.execute("SELECT COUNT(*) FROM review_log").fetchone()[0]
        notes.append(f"{cards} cards, {answers} answers logged")
    return status.version


@functools.cache
def _expected_objects() -> frozenset[tuple[str, str]]:
    """Tables and indexes of a database migrated by this neuroquiz (sqlite_* aside)."""
    from sqlite_utils import Database

    from neuroquiz.store.progress import ProgressStore

    db = Database(memory=True)
    ProgressStore(db)
    rows = db.execute(
        "SELECT type, name FROM sqlite_master WHERE type IN ('table', 'index') "
        "AND name NOT LIKE 'sqlite_%'"
    ).fetchall()
    db.close()
    return frozenset((str(kind), str(name)) for kind, name in rows)


# -- restore -----------------------------------------------------------------------------


def backup_problems(backup: Path) -> list[str]:
    """Why ``backup`` cannot be restored (empty if it can): damaged, foreign or newer."""
    checkup = check_database(backup)
    if not checkup.exists:
        return ["the file is gone"]
    if checkup.ok and not checkup.version:
        return ["it is empty"]  # restoring it would throw all progress away
    return list(checkup.problems)


def choose_backup(db_path: Path) -> BackupChoice:
    """The newest backup of ``db_path`` that passes :func:`check_database`.

    Newer backups that fail are passed over and reported in ``rejected``.
    """
    rejected: list[tuple[Path, str]] = []
    for backup in list_backups(db_path):
        problems = backup_problems(backup)
        if not problems:
            return BackupChoice(backup, tuple(rejected))
        rejected.append((backup, problems[0]))
    return BackupChoice(None, tuple(rejected))


def database_in_use(path: Path) -> bool:
    """True if another connection (a running neuroquiz) has the database open.

    Tries to take an exclusive lock for a moment; an open WAL connection prevents it.
    A file SQLite cannot read at all counts as not in use.
    """
    if not Path(path).is_file():
        return False
    conn = sqlite3.connect(str(path), timeout=0.5)
    try:
        conn.execute("PRAGMA locking_mode = EXCLUSIVE")
        conn.execute("BEGIN EXCLUSIVE")
        conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
        conn.execute("ROLLBACK")
    except sqlite3.OperationalError as error:
        return "locked" in str(error) or "busy" in str(error)
    except sqlite3.DatabaseError:
        return False
    finally:
        conn.close()
    return False


def restore_backup(db_path: Path, backup: Path, *, now: datetime) -> Path | None:
    """Replace the database with a copy of ``backup``; return where the old file was kept.

    The backup is copied (backup API) next to the database and checked first. The old
    database and its ``-wal``/``-journal`` files are renamed to ``<name>.damaged-<time>``
    (their ``-shm`` index is dropped), then the copy is renamed into place.

    Args:
        db_path: The database file (may be missing).
        backup: The backup to restore, e.g. :attr:`BackupChoice.backup`.
        now: The time for the damaged file's name (the caller's clock).

    Returns:
        The damaged file kept aside, or None if there was no database file.

    Raises:
        NeuroquizError: if the database is open in another program, SQLite reads it as
            sound (it is never replaced then), the backup is not sound, or a file cannot be
            written.
    """
    db_path, backup = Path(db_path), Path(backup)
    problems = backup_problems(backup)
    if problems:
        raise NeuroquizError(f"cannot restore from this backup: {problems[0]}", path=backup)
    if database_in_use(db_path):
        raise NeuroquizError(
            "database is in use by another program; close neuroquiz first", path=db_path
        )
    if db_path.exists() and sqlite_reads_sound(db_path):
        # Never swap an older backup in for a database SQLite reads whole (after a kill in
        # a checkpoint, say): its newer answers would survive only in the set-aside copy.
        raise NeuroquizError(
            "SQLite reads this database as sound (integrity check ok); nothing restored",
            path=db_path,
        )
    with temporary_beside(db_path) as temp:
        try:
            copy_database(backup, temp)
        except sqlite3.Error as error:
            raise NeuroquizError(f"cannot copy the backup ({error})", path=backup) from None
        if quick_check(temp):
            raise NeuroquizError("cannot restore: the copy of the backup is damaged", path=backup)
        fsync_path(temp)
        damaged = _set_aside(db_path, now) if db_path.exists() else None
        os.replace(temp, db_path)
    fsync_dir(db_path.parent)
    return damaged


def _set_aside(db_path: Path, now: datetime) -> Path:
    """Rename the database's side files, then hard-link the database, to ``.damaged-<time>``.

    The main file keeps its name until the restored copy replaces it (os.replace), so there
    is never a moment without a database file that a starting app would create anew.
    """
    damaged = free_name(db_path.with_name(f"{db_path.name}.damaged-{now.strftime(STAMP_FORMAT)}"))
    # The WAL holds committed answers not yet in the main file: it goes with it.
    for suffix in ("-wal", "-journal"):
        side = Path(f"{db_path}{suffix}")
        if side.exists():
            os.replace(side, Path(f"{damaged}{suffix}"))
    Path(f"{db_path}-shm").unlink(missing_ok=True)
    try:
        os.link(db_path, damaged)
    except OSError:  # no hard links here (some network or FAT filesystems)
        os.replace(db_path, damaged)
    return damaged
