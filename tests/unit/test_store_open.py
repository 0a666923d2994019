"""open_store: pragmas, migrations with backup, and refusals that write nothing."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from neuroquiz.errors import NeuroquizError
from neuroquiz.models import BasicCard, Deck
from neuroquiz.store import SCHEMA_VERSION, ProgressStore, migrations, open_store


def _deck(n: int = 3) -> Deck:
    cards = tuple(BasicCard(id=f"card-{i}", front=f"front {i}", back=f"back {i}") for i in range(n))
    return Deck(id="basics", title="Basics", cards=cards)


def _snapshot(path: Path) -> bytes:
    return path.read_bytes()


def _applied(path: Path) -> list[str]:
    db = Database(path)
    try:
        return [m.name for m in migrations().applied(db)]
    finally:
        db.close()


def test_creates_parent_directory_and_sets_connection_pragmas(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "progress.db"
    store = open_store(path)
    db = store.db
    assert path.is_file()
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] == 5000
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    store.close()
    assert len(_applied(path)) == SCHEMA_VERSION


def test_synchronous_normal_can_be_chosen(tmp_path: Path) -> None:
    store = open_store(tmp_path / "p.db", synchronous="NORMAL")
    assert store.db.execute("PRAGMA synchronous").fetchone()[0] == 1
    store.close()


def test_reopening_keeps_data_and_makes_no_backup(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    store = open_store(path)
    store.sync([_deck()])
    store.close()
    again = open_store(path)
    assert [d.id for d in again.decks()] == ["basics"]
    again.close()
    assert not list(tmp_path.glob("*.backup-*"))


def test_an_answer_is_committed_when_record_answer_returns(tmp_path: Path) -> None:
    from datetime import UTC, date, datetime

    from neuroquiz import sm2
    from neuroquiz.models import ReviewLog, ReviewState

    path = tmp_path / "p.db"
    writer = open_store(path)
    writer.sync([_deck()])
    after = sm2.review(ReviewState(), 4, today=date(2026, 1, 5))
    writer.record_answer(
        ReviewLog(
            key="card-0",
            reviewed_at=datetime(2026, 1, 5, 9, tzinfo=UTC),
            grade=4,
            before=ReviewState(),
            after=after,
        )
    )
    reader = open_store(path)  # another connection, as another process would have
    assert reader.state("card-0") == after
    reader.close()
    writer.close()


def test_empty_file_becomes_a_database(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    path.touch()
    store = open_store(path)
    assert store.sync([_deck()]).added == 3
    store.close()


def test_not_sqlite_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database\n" * 10)
    before = _snapshot(path)
    with pytest.raises(NeuroquizError) as caught:
        open_store(path)
    assert str(caught.value) == f"{path}: not a neuroquiz database (file is not SQLite)"
    assert _snapshot(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.db"]


def test_truncated_database_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    store = open_store(path)
    store.sync([_deck(300)])
    store.close()
    data = path.read_bytes()
    assert len(data) > 8192
    path.write_bytes(data[: len(data) // 2])
    before = _snapshot(path)
    with pytest.raises(NeuroquizError) as caught:
        open_store(path)
    assert str(caught.value).startswith(f"{path}: database file is truncated")
    assert _snapshot(path) == before
    assert not Path(f"{path}-wal").exists()


def test_header_only_file_is_refused_as_truncated(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    path.write_bytes(b"SQLite format 3\x00" + b"\x00" * 20)
    with pytest.raises(NeuroquizError, match="truncated"):
        open_store(path)


def test_corrupt_first_page_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    store = open_store(path)
    store.sync([_deck()])
    store.close()
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # wipe the schema page after the header
    path.write_bytes(bytes(data))
    with pytest.raises(NeuroquizError) as caught:
        open_store(path)
    assert str(caught.value).startswith(f"{path}: database is damaged")


def test_newer_schema_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    open_store(path).close()
    db = Database(path)
    db["_sqlite_migrations"].insert(
        {"migration_set": "neuroquiz", "name": "9999_from_the_future", "applied_at": "x"}
    )
    db.close()
    before = _snapshot(path)
    with pytest.raises(NeuroquizError) as caught:
        open_store(path)
    assert str(caught.value) == (
        f"{path}: database schema version {SCHEMA_VERSION + 1} is newer than this neuroquiz "
        f"knows ({SCHEMA_VERSION}); upgrade neuroquiz"
    )
    assert _snapshot(path) == before


def test_newer_user_version_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    open_store(path).close()
    # Another process wrote the change and is still connected: it sits in the WAL. Refusing
    # the file must not checkpoint that WAL into the file either.
    other = sqlite3.connect(path)
    other.execute("PRAGMA user_version = 999")
    other.commit()
    before = _snapshot(path)
    try:
        with pytest.raises(NeuroquizError, match=r"schema version 999 is newer .* upgrade"):
            open_store(path)
        assert _snapshot(path) == before
        assert Path(f"{path}-wal").exists()
    finally:
        other.close()


def test_user_version_records_the_schema_version(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    open_store(path).close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    conn.close()


def test_newer_schema_is_refused_by_the_store_itself() -> None:
    db = Database(memory=True)
    ProgressStore(db)
    db["_sqlite_migrations"].insert(
        {"migration_set": "neuroquiz", "name": "9999_from_the_future", "applied_at": "x"}
    )
    with pytest.raises(NeuroquizError, match="is newer than this neuroquiz knows"):
        ProgressStore(db)


def test_older_schema_is_backed_up_then_migrated(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    old = Database(path)
    migrations().apply(old, stop_before="0002_settings")
    old["decks"].insert({"id": "kept", "title": "Kept", "description": "", "position": 0})
    old.close()
    assert len(_applied(path)) == 1

    store = open_store(path)
    assert [d.id for d in store.decks()] == ["kept"]
    store.set_day_start_hour(5)  # the settings table came with the migration
    store.close()

    backup = tmp_path / "p.db.backup-v1"
    assert backup.is_file()
    assert _applied(backup) == ["0001_core_tables"]
    copy = Database(backup)
    assert [r["id"] for r in copy["decks"].rows] == ["kept"]
    assert "settings" not in copy.table_names()
    copy.close()
    assert len(_applied(path)) == SCHEMA_VERSION
    assert not list(tmp_path.glob("*.tmp"))


def test_other_sqlite_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY)")
    conn.commit()
    conn.close()
    before = _snapshot(path)
    with pytest.raises(NeuroquizError, match="not a neuroquiz database"):
        open_store(path)
    assert _snapshot(path) == before


def test_parent_that_is_a_file_is_refused(tmp_path: Path) -> None:
    # Fails for root too, unlike a permission test.
    blocker = tmp_path / "plain-file"
    blocker.write_text("x")
    with pytest.raises(NeuroquizError) as caught:
        open_store(blocker / "sub" / "p.db")
    message = str(caught.value)
    assert message.startswith(f"{blocker / 'sub' / 'p.db'}: cannot create database:")
    assert "is not a directory" in message
    assert blocker.read_text() == "x"


def test_directory_instead_of_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(NeuroquizError, match="is a directory"):
        open_store(tmp_path)


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write to any directory")
def test_unwritable_directory_is_refused(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        with pytest.raises(NeuroquizError) as caught:
            open_store(locked / "p.db")
        assert f"cannot create database: directory {locked} is not writable" in str(caught.value)
        assert list(locked.iterdir()) == []
    finally:
        locked.chmod(0o700)


def test_unwritable_directory_message_even_as_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Root may write anywhere, so pretend the permission check says no.
    locked = tmp_path / "locked"
    locked.mkdir()
    real_access = os.access
    monkeypatch.setattr(
        os, "access", lambda p, mode: False if Path(p) == locked else real_access(p, mode)
    )
    with pytest.raises(NeuroquizError) as caught:
        open_store(locked / "p.db")
    assert str(caught.value) == (
        f"{locked / 'p.db'}: cannot create database: directory {locked} is not writable"
    )
    assert list(locked.iterdir()) == []


def test_a_failed_upgrade_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    old = Database(path)
    migrations().apply(old, stop_before="0002_settings")
    old.execute("CREATE TABLE settings (x)")  # makes migration 0002 fail
    old.close()
    before = _snapshot(path)
    with pytest.raises(NeuroquizError) as caught:
        open_store(path)
    assert "cannot upgrade database from schema version 1" in str(caught.value)
    assert _snapshot(path) == before  # 0002 and 0003 both rolled back, nothing else written
    backup = tmp_path / "p.db.backup-v1"
    assert _applied(backup) == ["0001_core_tables"]
