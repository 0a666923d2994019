"""Issue 12 #1: soundness is SQLite's to decide, never the file sizes'.

A SIGKILL while SQLite checkpoints a large WAL into the database (or a full disk then) leaves
the main file shorter than its header's page count while the WAL still holds every page.
SQLite reads that database whole; neuroquiz must use it, and ``doctor --restore`` must never
swap in an older backup for it.
"""

from __future__ import annotations

import shutil
import sqlite3
from datetime import datetime
from pathlib import Path

from neuroquiz.store import open_store

from .conftest import integrity
from .study_driver import make_decks
from .test_hostile_db import DECK_YAML, run_cli


def _read_only(db: Path, sql: str) -> object:
    # Read-only: a read-write connection that closes last would checkpoint (repair) the file.
    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute(sql).fetchone()[0]
    finally:
        conn.close()


def _row_count(db: Path, table: str) -> int:
    return int(str(_read_only(db, f"SELECT count(*) FROM {table}")))


def killed_during_checkpoint(folder: Path) -> Path:
    """A database as a kill in the middle of a checkpoint leaves it: short file, full WAL.

    Built by hand, deterministically: the main file and the WAL are copied together while
    the WAL holds the pages of a large sync (as a kill would leave them); the main file is
    then overwritten with the first pages of the same database once checkpointed, up to
    past the old file's end (a checkpoint writes the header, with the new page count, and
    pages in order; every page past the old end is in the WAL).
    """
    db = folder / "progress.db"
    store = open_store(db)
    store._db.execute("PRAGMA wal_autocheckpoint = 0")
    store.sync(make_decks(4, 300))
    wal = Path(f"{db}-wal")
    main_copy, wal_copy = db.read_bytes(), wal.read_bytes()
    store._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # nothing written since the copy
    full = db.read_bytes()
    store._db.close()
    page_size = int.from_bytes(full[16:18], "big")
    pages = int.from_bytes(full[28:32], "big")
    assert len(full) == page_size * pages
    cut = (len(main_copy) // page_size + pages) // 2 * page_size
    assert len(main_copy) < cut < len(full)
    for side in (wal, Path(f"{db}-shm")):
        side.unlink(missing_ok=True)
    db.write_bytes(full[:cut])
    wal.write_bytes(wal_copy)
    return db


def test_a_kill_during_checkpoint_leaves_a_database_sqlite_reads_and_neuroquiz_uses(
    tmp_path: Path,
) -> None:
    db = killed_during_checkpoint(tmp_path)
    decks = tmp_path / "decks"
    decks.mkdir()
    (decks / "tiny.yaml").write_text(DECK_YAML, encoding="utf-8")
    assert _read_only(db, "PRAGMA integrity_check") == "ok"  # SQLite recovers the WAL
    assert _row_count(db, "cards") == 1200
    assert db.stat().st_size < 4096 * int(str(_read_only(db, "PRAGMA page_count")))

    for command in (["doctor"], ["stats"]):
        result = run_cli(db, decks, *command)
        assert result.returncode == 0, result.stderr
        assert "truncated" not in result.stdout + result.stderr
    assert integrity(db) == ["ok"]
    assert _read_only(db, "SELECT count(*) FROM cards WHERE deck_id LIKE 'deck-%'") == 1200


def test_doctor_restore_never_replaces_a_database_sqlite_reads_as_sound(tmp_path: Path) -> None:
    db = killed_during_checkpoint(tmp_path)
    decks = tmp_path / "decks"
    decks.mkdir()
    (decks / "tiny.yaml").write_text(DECK_YAML, encoding="utf-8")
    # An older backup, as a user's routine would have left one.
    backups = tmp_path / "backups"
    backups.mkdir()
    older = backups / "progress-20260101-000000.db"
    open_store(older).close()
    shutil.copy(older, backups / "spare.db")

    result = run_cli(db, decks, "doctor", "--restore", "--yes")

    assert result.returncode == 0, result.stdout + result.stderr
    assert list(tmp_path.glob("progress.db.damaged-*")) == []
    assert _row_count(db, "cards") == 1200


def test_restore_backup_refuses_to_replace_a_sound_database(tmp_path: Path) -> None:
    import pytest

    from neuroquiz.errors import NeuroquizError
    from neuroquiz.store.backup import backup_database
    from neuroquiz.store.maintenance import restore_backup

    db = killed_during_checkpoint(tmp_path)
    older = tmp_path / "older.db"
    shutil.copy(db, tmp_path / "scratch.db")
    shutil.copy(Path(f"{db}-wal"), tmp_path / "scratch.db-wal")
    backup_database(tmp_path / "scratch.db", older)

    with pytest.raises(NeuroquizError, match="reads this database as sound"):
        restore_backup(db, older, now=datetime(2026, 1, 1, 12, 0, 0))
    assert list(tmp_path.glob("progress.db.damaged-*")) == []
