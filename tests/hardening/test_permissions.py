"""Issue 12 #12: progress is personal, so its files are 0600 and its folders 0700."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from neuroquiz.store.backup import backup_database
from neuroquiz.store.maintenance import restore_backup
from neuroquiz.store.open import open_store

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(autouse=True)
def usual_umask() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def test_a_new_database_its_wal_and_shm_and_its_folder_are_private(tmp_path: Path) -> None:
    db = tmp_path / "data" / "neuroquiz" / "progress.db"

    store = open_store(db)
    try:
        store._db.execute("CREATE TABLE IF NOT EXISTS scratch (x)")
        store._db.conn.commit()
        wal, shm = Path(f"{db}-wal"), Path(f"{db}-shm")
        assert wal.exists() and shm.exists()
        assert {p.name: mode(p) for p in (db, wal, shm)} == {
            db.name: 0o600,
            wal.name: 0o600,
            shm.name: 0o600,
        }
    finally:
        store.close()
    assert mode(db.parent) == 0o700
    assert mode(db.parent.parent) == 0o700


def test_backups_and_their_folder_are_private_and_a_restore_stays_private(
    tmp_path: Path,
) -> None:
    db = tmp_path / "progress.db"
    open_store(db).close()
    target = tmp_path / "backups" / "one.db"

    backup_database(db, target)

    assert mode(target) == 0o600
    assert mode(target.parent) == 0o700
    data = bytearray(db.read_bytes())  # damage it: a sound database is never replaced
    data[100:4096] = b"\xff" * (4096 - 100)
    db.write_bytes(bytes(data))
    restore_backup(db, target, now=datetime(2026, 1, 1, 12, 0, 0))
    assert mode(db) == 0o600


def test_an_upgrade_backup_copy_is_private(tmp_path: Path) -> None:
    from sqlite_utils import Database

    from neuroquiz.store.open import backup_copy

    db = Database(memory=True)
    target = tmp_path / "p.db.backup-v1"
    backup_copy(db, target)
    assert mode(target) == 0o600
