"""Issue 12 #2: answers are never acknowledged into a file nobody will read again.

The database file deleted or replaced while neuroquiz runs: the next write is refused before
it is acknowledged, with one clear line, and the app stops. A ``-wal`` left beside another
copy of the database (the running app was killed after its file was replaced): ``doctor``
reports it and no command applies it over that copy's progress.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from neuroquiz.cli import cli
from neuroquiz.errors import DatabaseGoneError
from neuroquiz.store import ProgressStore, open_store
from neuroquiz.store.backup import backup_database
from neuroquiz.store.identity import foreign_wal
from neuroquiz.study import StudySession
from neuroquiz.tui.app import NeuroquizApp

from .conftest import log_rows, parse, spawn_driver
from .study_driver import NOW, setup
from .test_hostile_db import DECK_YAML, assert_refused, real_database, run_cli
from .tui_helpers import deck_folder, run_headless


def _session(db: Path) -> tuple[ProgressStore, StudySession]:
    store = open_store(db)
    setup(store, decks=1, cards=20)
    return store, StudySession(store, clock=lambda: NOW, rng=random.Random(1))


@pytest.mark.parametrize("change", ["replaced", "deleted", "wal deleted"])
def test_a_write_after_the_file_is_replaced_or_deleted_is_refused_not_acknowledged(
    tmp_path: Path, change: str
) -> None:
    db = tmp_path / "progress.db"
    store, session = _session(db)
    session.answer(5)
    kept = tmp_path / "kept.db"
    os.link(db, kept)  # to read what reached the file neuroquiz has open
    key = session.current.key if session.current else None
    if change == "replaced":
        other = real_database(tmp_path / "other.db")
        os.replace(other, db)
    elif change == "deleted":
        db.unlink()
    else:
        Path(f"{db}-wal").unlink()

    with pytest.raises(DatabaseGoneError) as caught:
        session.answer(5)
    store.close()

    message = str(caught.value)
    assert message.startswith(f"{db}: ")
    expected = {"replaced": "replaced by another file", "deleted": "deleted"}.get(change, "-wal")
    assert expected in message and "restart neuroquiz" in message
    assert "\n" not in message
    assert session.current is not None and session.current.key == key  # not acknowledged
    if change != "wal deleted":
        # The file neuroquiz had open, with its -wal: the first answer, not the refused one.
        pair = tmp_path / "pair" / "progress.db"
        pair.parent.mkdir()
        shutil.copy(kept, pair)
        shutil.copy(Path(f"{db}-wal"), Path(f"{pair}-wal"))
        assert len(log_rows(pair)) == 1
    if change == "replaced":
        # The other copy now at the path got nothing; the -wal left beside it is not its own
        # (and no neuroquiz applies it, see below).
        assert _rows_of_file_alone(db) == 0
        assert foreign_wal(db) is not None


def _rows_of_file_alone(db: Path) -> int:
    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    try:
        return int(conn.execute("SELECT count(*) FROM review_log").fetchone()[0])
    finally:
        conn.close()


def test_the_driver_stops_at_the_first_answer_after_its_file_is_replaced(
    tmp_path: Path,
) -> None:
    # The reported run acknowledged 155 answers into a replaced file: now not one.
    db = tmp_path / "progress.db"
    store = open_store(db)
    setup(store, decks=1, cards=30)
    store.close()
    other = real_database(tmp_path / "other.db")
    proc = spawn_driver(db, "--step", stdin=subprocess.PIPE)
    assert proc.stdin is not None and proc.stdout is not None
    assert proc.stdout.readline() == "READY\n"
    assert proc.stdout.readline() == "OPEN\n"
    for _ in range(3):
        proc.stdin.write("go\n")
        proc.stdin.flush()
        assert proc.stdout.readline().startswith("ACK ")
    os.replace(other, db)
    out, err = proc.communicate("go\n" * 10, timeout=60)

    assert parse(out).acks == []  # nothing acknowledged after the replacement
    assert proc.returncode == 1
    assert err.startswith("ERROR DatabaseGoneError: ") and "replaced" in err
    assert _rows_of_file_alone(db) == 0  # the file now at the path never got an answer
    # (Its -wal, the driver's, lies beside it: through it SQLite reads this file as damaged.)
    assert foreign_wal(db) is not None


def _killed_after_replacement(tmp_path: Path, other: Path) -> tuple[Path, Path]:
    """A driver answers 3 cards, ``other`` is moved over its file, the driver is killed.

    Returns the database path (now ``other``'s content) and the driver's ``-wal`` beside it.
    """
    db = tmp_path / "progress.db"
    store = open_store(db)
    setup(store, decks=1, cards=30)
    store.close()
    proc = spawn_driver(db, "--step", stdin=subprocess.PIPE)
    assert proc.stdin is not None and proc.stdout is not None
    assert proc.stdout.readline() == "READY\n"
    assert proc.stdout.readline() == "OPEN\n"
    for _ in range(3):
        proc.stdin.write("go\n")
        proc.stdin.flush()
        assert proc.stdout.readline().startswith("ACK ")
    os.replace(other, db)
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=60)
    wal = Path(f"{db}-wal")
    assert wal.stat().st_size > 0  # the driver's three answers, not checkpointed
    return db, wal


@pytest.mark.parametrize("copy", ["another database", "an older backup of the same one"])
def test_a_wal_of_another_copy_is_reported_by_doctor_and_never_applied(
    tmp_path: Path, copy: str
) -> None:
    decks = tmp_path / "decks"
    decks.mkdir()
    (decks / "tiny.yaml").write_text(DECK_YAML, encoding="utf-8")
    if copy == "another database":
        other = real_database(tmp_path / "other.db")
    else:
        source = tmp_path / "source.db"
        store = open_store(source)
        setup(store, decks=1, cards=30)
        store.close()
        other = backup_database(source, tmp_path / "older-backup.db")
    db, wal = _killed_after_replacement(tmp_path, other)
    before = (db.read_bytes(), wal.read_bytes())

    doctor = run_cli(db, decks, "doctor")
    assert doctor.returncode == 1, doctor.stdout
    assert f"{db}: its -wal file was written for another copy of this database" in doctor.stdout
    assert "OK" not in doctor.stdout
    for command in ("stats", "sync"):
        result = run_cli(db, decks, command)
        assert_refused(result, "its -wal file was written for another copy of this database")
    assert (db.read_bytes(), wal.read_bytes()) == before

    # Moved aside as doctor says, the file is used as it is (none of the driver's answers).
    shutil.move(wal, tmp_path / "progress.db-wal.kept")
    Path(f"{db}-shm").unlink(missing_ok=True)
    result = run_cli(db, decks, "stats")
    assert result.returncode == 0, result.stderr
    assert log_rows(db) == {}


def test_a_database_copied_with_its_wal_is_not_foreign(tmp_path: Path) -> None:
    # A file and its own -wal copied together (a kill, then the folder moved): kept whole.
    db = tmp_path / "a" / "progress.db"
    db.parent.mkdir()
    store, session = _session(db)
    store.db.execute("PRAGMA wal_autocheckpoint = 0")
    for _ in range(3):
        session.answer(5)
    copy = tmp_path / "b" / "progress.db"
    copy.parent.mkdir()
    shutil.copy(db, copy)
    shutil.copy(Path(f"{db}-wal"), Path(f"{copy}-wal"))
    store.close()
    decks = tmp_path / "decks"
    decks.mkdir()

    doctor = run_cli(copy, decks, "doctor")
    assert doctor.returncode == 0, doctor.stdout
    reopened = open_store(copy)
    try:
        assert len(reopened.review_logs()) == 3
    finally:
        reopened.close()


def test_the_app_stops_with_one_line_when_its_file_is_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")
    db = tmp_path / "progress.db"
    decks = deck_folder(tmp_path)
    seen: dict[str, Any] = {}

    def headless_run(self: NeuroquizApp, *args: Any, **kwargs: Any) -> None:
        # The CLI's app, driven by Pilot instead of a terminal.
        self.animation_level = "none"

        async def scenario(pilot: Any) -> None:
            await self.workers.wait_for_complete()  # the decks load and sync
            await pilot.pause()
            await pilot.press("a", "space", "5")
            await pilot.pause()
            seen["logged"] = len(log_rows(db))
            os.replace(real_database(tmp_path / "other.db"), db)
            await pilot.press("space", "5")
            await pilot.pause()

        run_headless(self, scenario)
        seen["return_code"] = self.return_code

    monkeypatch.setattr(NeuroquizApp, "run", headless_run)
    result = CliRunner().invoke(cli, ["--db", str(db), "--decks", str(decks)])

    assert result.exit_code == 1, result.output
    lines = result.output.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"neuroquiz: error: {db}: ")
    assert "replaced by another file" in lines[0]
    assert seen == {"logged": 1, "return_code": 1}
    assert _rows_of_file_alone(db) == 0  # the file now at the path: nothing written to it
