"""Hostile database files, through the real command line in a subprocess.

Not SQLite, truncated, damaged, from a newer neuroquiz: refused with one line on stderr, exit 1,
no traceback, the file byte-for-byte unchanged and no side file created. From an older
neuroquiz: copied aside first, then upgraded. In a read-only folder (or a read-only file):
refused the same way, while ``doctor`` and ``backup`` (which only read) still work.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlite_utils import Database

from neuroquiz.store import MIGRATION_NAMES, SCHEMA_VERSION, migrations, open_store

from .conftest import CLI_MAIN, driver_env
from .study_driver import make_decks

DECK_YAML = """\
title: Tiny
cards:
  - id: t-one
    type: basic
    front: What connects the lateral and third ventricles?
    back: foramen of Monro
"""


def run_cli(db: Path, decks: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``neuroquiz --db DB --decks DECKS ARGS...`` in a fresh interpreter."""
    return subprocess.run(
        [sys.executable, str(CLI_MAIN), "--db", str(db), "--decks", str(decks), *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=driver_env(),
        stdin=subprocess.DEVNULL,
    )


@pytest.fixture
def decks(tmp_path: Path) -> Path:
    """A deck folder with one small deck."""
    directory = tmp_path / "decks"
    directory.mkdir()
    (directory / "tiny.yaml").write_text(DECK_YAML, encoding="utf-8")
    return directory


def files_in(folder: Path) -> list[str]:
    """Names in a folder, sorted (to see that no side file appeared).

    SQLite's shared-memory index of a WAL database (``-shm``) and an EMPTY ``-wal`` are left
    out: a read-only connection, which neuroquiz uses to look at a file before it decides to
    open it, leaves them behind, and they change nothing.
    """
    names = []
    for path in folder.iterdir():
        if path.name.endswith("-shm") or (path.name.endswith("-wal") and not path.stat().st_size):
            continue
        names.append(path.name)
    return sorted(names)


def assert_refused(result: subprocess.CompletedProcess[str], expected: str) -> None:
    """Exit 1 and exactly one line on stderr, naming the problem; no traceback."""
    assert result.returncode == 1, result
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("neuroquiz: error: ")
    assert expected in lines[0]
    assert "Traceback" not in result.stdout + result.stderr


def real_database(path: Path, cards: int = 300) -> Path:
    """A closed database with some decks, as neuroquiz leaves it."""
    store = open_store(path)
    store.sync(make_decks(2, cards // 2))
    store.close()
    return path


def old_database(path: Path, stop_before: str) -> list[str]:
    """A database of an older neuroquiz (migrations up to ``stop_before``) holding data and
    one answer; returns its logical dump."""
    db = Database(path)
    migrations().apply(db, stop_before=stop_before)
    db.execute("PRAGMA journal_mode = wal")
    with db.conn:
        db.conn.execute("INSERT INTO decks (id, title) VALUES ('old', 'Old deck')")
        db.conn.execute(
            "INSERT INTO cards (id, deck_id, type, content_hash, payload) "
            "VALUES ('t-one', 'old', 'basic', 'x', '{}')"
        )
        db.conn.execute(
            "INSERT INTO study_cards (key, card_id, ordinal, deck_id) "
            "VALUES ('t-one', 't-one', 0, 'old')"
        )
        db.conn.execute(
            "INSERT INTO review_log (key, deck_id, reviewed_at, day, grade, was_new, "
            "state_before, state_after) VALUES ('t-one', 'old', "
            "'2026-01-04T09:00:00.000000+00:00', '2026-01-04', 4, 1, '{}', '{}')"
        )
    dump = list(db.conn.iterdump())
    db.close()
    return dump


def dump_of(path: Path) -> list[str]:
    """The logical content of a database file (schema and rows, as SQL).

    The file's binding row (its identity, which every copy gets anew: see
    ``neuroquiz.store.identity``) is left out.
    """
    conn = sqlite3.connect(path)
    try:
        return [line for line in conn.iterdump() if "'@file','binding'" not in line]
    finally:
        conn.close()


@contextlib.contextmanager
def immutable(path: Path) -> Iterator[None]:
    """Make a file or folder read-only even for root (``chattr +i``), or skip the test."""
    if shutil.which("chattr") is None:
        pytest.skip("chattr is not available to make a path read-only for root")
    made = subprocess.run(["chattr", "+i", str(path)], capture_output=True, check=False)
    if made.returncode != 0:
        pytest.skip(f"this filesystem or user cannot set the immutable flag: {made.stderr!r}")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)


# -- refused, unchanged ------------------------------------------------------------------


@pytest.mark.parametrize("command", [["sync"], ["stats"], ["config"]])
def test_not_sqlite_is_refused_by_every_command(
    tmp_path: Path, decks: Path, command: list[str]
) -> None:
    db = tmp_path / "progress.db"
    db.write_text("my notes from the ward round, not a database\n" * 50)
    before = db.read_bytes()
    result = run_cli(db, decks, *command)
    assert_refused(result, f"{db}: not a neuroquiz database (file is not SQLite)")
    assert db.read_bytes() == before
    assert files_in(tmp_path) == ["decks", "progress.db"]


def test_truncated_database_is_refused(tmp_path: Path, decks: Path) -> None:
    db = real_database(tmp_path / "progress.db")
    data = db.read_bytes()
    db.write_bytes(data[: len(data) // 2])
    before = db.read_bytes()
    result = run_cli(db, decks, "sync")
    assert_refused(result, f"{db}: database file is truncated")
    assert db.read_bytes() == before
    assert files_in(tmp_path) == ["decks", "progress.db"]


def test_newer_schema_is_refused(tmp_path: Path, decks: Path) -> None:
    db = real_database(tmp_path / "progress.db")
    conn = sqlite3.connect(db)
    with conn:
        conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
            "VALUES ('neuroquiz', '9999_from_the_future', 'x')"
        )
    conn.close()
    before = db.read_bytes()
    result = run_cli(db, decks, "sync")
    assert_refused(
        result,
        f"database schema version {SCHEMA_VERSION + 1} is newer than this neuroquiz knows "
        f"({SCHEMA_VERSION}); upgrade neuroquiz",
    )
    assert db.read_bytes() == before
    assert files_in(tmp_path) == ["decks", "progress.db"]
    doctor = run_cli(db, decks, "doctor")
    assert doctor.returncode == 1
    assert "written by a newer neuroquiz" in doctor.stdout
    assert db.read_bytes() == before


def test_damaged_pages_are_refused_and_doctor_says_so(tmp_path: Path, decks: Path) -> None:
    db = real_database(tmp_path / "progress.db", cards=600)
    data = bytearray(db.read_bytes())
    page = 4096
    data[3 * page : 6 * page] = bytes(range(256)) * (3 * page // 256)  # three pages of junk
    db.write_bytes(bytes(data))
    before = db.read_bytes()
    doctor = run_cli(db, decks, "doctor")
    assert doctor.returncode == 1
    problems = [line for line in doctor.stdout.splitlines() if "damaged" in line]
    assert problems
    assert all(line.startswith(f"{db}: the database file is damaged") for line in problems)
    assert "Traceback" not in doctor.stdout + doctor.stderr
    assert db.read_bytes() == before


# -- older schema: backup, then upgrade ---------------------------------------------------


@pytest.mark.parametrize("stop_before", ["0002_settings", "0004_deck_fingerprints"])
def test_older_schema_is_copied_then_upgraded(
    tmp_path: Path, decks: Path, stop_before: str
) -> None:
    db = tmp_path / "progress.db"
    old_dump = old_database(db, stop_before)
    old_version = MIGRATION_NAMES.index(stop_before)  # migrations applied before it
    result = run_cli(db, decks, "sync")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    backup = tmp_path / f"progress.db.backup-v{old_version}"
    assert backup.is_file()
    assert dump_of(backup) == old_dump  # the copy is exactly the old database
    copy = Database(backup)
    assert [m.name for m in migrations().applied(copy)] == list(MIGRATION_NAMES[:old_version])
    copy.close()
    upgraded = open_store(db)
    try:
        assert len(upgraded.review_logs("t-one")) == 1  # the old answer survived the upgrade
        assert [d.id for d in upgraded.decks()] == ["tiny"]  # and the sync ran after it
        assert upgraded.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    finally:
        upgraded.close()


# -- read-only places ---------------------------------------------------------------------


def test_database_under_a_file_is_refused(tmp_path: Path, decks: Path) -> None:
    # A read-only place even for root: a "folder" that is a file.
    blocker = tmp_path / "notes.txt"
    blocker.write_text("x")
    db = blocker / "neuroquiz" / "progress.db"
    result = run_cli(db, decks, "sync")
    assert_refused(result, f"cannot create database: {blocker} is not a directory")
    assert blocker.read_text() == "x"
    assert files_in(tmp_path) == ["decks", "notes.txt"]


def test_read_only_folder_refuses_writes_but_doctor_and_backup_work(
    tmp_path: Path, decks: Path
) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    db = real_database(folder / "progress.db")
    before = db.read_bytes()
    with _read_only_folder(folder):
        result = run_cli(db, decks, "sync")
        assert_refused(result, f"database is read-only: its directory {folder} is not writable")
        doctor = run_cli(db, decks, "doctor")
        assert doctor.returncode == 0, doctor.stdout + doctor.stderr
        assert f"{db}: OK" in doctor.stdout
        copy = tmp_path / "copy.db"
        backup = run_cli(db, decks, "backup", str(copy))
        assert backup.returncode == 0, backup.stderr
        assert backup.stdout.strip() == str(copy)
        assert files_in(folder) == ["progress.db"]
    assert db.read_bytes() == before
    assert dump_of(copy) == dump_of(db)


@contextlib.contextmanager
def _read_only_folder(folder: Path) -> Iterator[None]:
    if os.geteuid() != 0:
        folder.chmod(0o555)
        try:
            yield
        finally:
            folder.chmod(0o755)
    else:  # root ignores permission bits: use the immutable flag
        with immutable(folder):
            yield


@pytest.mark.skipif(
    os.geteuid() == 0, reason="root ignores file permissions: chmod 0444 does not stop root"
)
def test_read_only_file_is_refused(tmp_path: Path, decks: Path) -> None:
    db = real_database(tmp_path / "progress.db")
    before = db.read_bytes()
    db.chmod(0o444)
    try:
        result = run_cli(db, decks, "sync")
    finally:
        db.chmod(0o644)
    assert_refused(result, f"{db}: database is read-only: the file is not writable")
    assert db.read_bytes() == before
    assert files_in(tmp_path) == ["decks", "progress.db"]


def test_immutable_file_is_refused_even_for_root(tmp_path: Path, decks: Path) -> None:
    db = real_database(tmp_path / "progress.db")
    before = db.read_bytes()
    with immutable(db):
        result = run_cli(db, decks, "sync")
    assert_refused(result, f"{db}: database is read-only: the file is not writable")
    assert db.read_bytes() == before
    assert files_in(tmp_path) == ["decks", "progress.db"]
