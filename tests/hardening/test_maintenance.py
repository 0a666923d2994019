"""``neuroquiz backup`` and ``neuroquiz doctor [--restore]``: the commands and the service."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from neuroquiz.cli import cli
from neuroquiz.cli import maintenance_cmds as commands
from neuroquiz.store import SCHEMA_VERSION, open_store
from neuroquiz.store.backup import backup_database, list_backups
from neuroquiz.store.maintenance import check_database, database_in_use

from .conftest import integrity, spawn_driver, states_match_log
from .study_driver import make_decks, setup

NOW = datetime(2026, 1, 5, 10, 0, 0, tzinfo=timezone(timedelta(hours=1)))


@pytest.fixture(autouse=True)
def _commands(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Register backup and doctor if the lead has not yet, and fix the CLI clock."""
    added = [c for c in commands.COMMANDS if c.name not in cli.commands]
    for command in added:
        cli.add_command(command)
    monkeypatch.setattr("neuroquiz.cli.clock.local_now", lambda: NOW)
    yield
    for command in added:
        cli.commands.pop(str(command.name), None)


def invoke(db: Path, *args: str, answer: str | None = None) -> Result:
    """Run ``neuroquiz --db DB ARGS`` through Click's runner (stdin is not a terminal)."""
    return CliRunner().invoke(cli, ["--db", str(db), *args], input=answer, catch_exceptions=False)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A closed database with two decks and a few answers."""
    path = tmp_path / "progress.db"
    store = open_store(path)
    store.sync(make_decks(2, 30))
    store.close()
    return path


def dump_of(path: Path) -> list[str]:
    """The logical content (schema and rows) of a database file.

    Its binding row (the file's identity, new in every copy: ``neuroquiz.store.identity``)
    is left out.
    """
    conn = sqlite3.connect(path)
    try:
        return [line for line in conn.iterdump() if "'@file','binding'" not in line]
    finally:
        conn.close()


def damage(path: Path) -> None:
    """Overwrite pages 2-4 with junk (the schema page stays readable)."""
    data = bytearray(path.read_bytes())
    data[4096 : 4 * 4096] = bytes(range(256)) * (3 * 4096 // 256)
    path.write_bytes(bytes(data))


# -- backup ------------------------------------------------------------------------------


def test_backup_writes_a_standalone_consistent_copy_and_prints_its_path(db: Path) -> None:
    result = invoke(db, "backup")
    assert result.exit_code == 0, result.output
    expected = db.parent / "backups" / "progress-20260105-100000.db"
    assert result.output == f"{expected}\n"
    assert dump_of(expected) == dump_of(db)
    conn = sqlite3.connect(expected)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # no -wal needed
    conn.close()
    # A second backup in the same second does not overwrite the first.
    again = invoke(db, "backup")
    assert again.output == f"{expected.with_name('progress-20260105-100000-2.db')}\n"
    assert sorted(p.name for p in expected.parent.iterdir()) == [
        "progress-20260105-100000-2.db",
        "progress-20260105-100000.db",
    ]


def test_backup_to_a_file_or_into_a_folder(db: Path, tmp_path: Path) -> None:
    target = tmp_path / "elsewhere" / "before-exam.db"
    assert invoke(db, "backup", str(target)).output == f"{target}\n"
    assert dump_of(target) == dump_of(db)
    refused = invoke(db, "backup", str(target))
    assert refused.exit_code == 1
    assert refused.output == (
        f"neuroquiz: error: {target}: already exists; choose another backup file name\n"
    )
    into = invoke(db, "backup", str(target.parent))
    assert into.output == f"{target.parent / 'progress-20260105-100000.db'}\n"


def test_backup_without_a_database_or_of_a_damaged_one_writes_nothing(
    db: Path, tmp_path: Path
) -> None:
    missing = invoke(tmp_path / "none.db", "backup")
    assert missing.exit_code == 1
    assert "no database to back up" in missing.output
    damage(db)
    damaged = invoke(db, "backup")
    assert damaged.exit_code == 1
    assert damaged.output.startswith(f"neuroquiz: error: {db}: database is damaged")
    assert "run 'neuroquiz doctor'" in damaged.output
    assert list((db.parent / "backups").glob("*")) == []


def test_backup_while_another_process_answers_is_consistent(db: Path) -> None:
    store = open_store(db)
    setup(store, decks=2, cards=30)
    store.close()
    proc = spawn_driver(db, "--cards", "30", "--pause-ms", "2", "--undo-every", "4")
    assert proc.stdout is not None
    assert proc.stdout.readline() == "READY\n"
    assert proc.stdout.readline() == "OPEN\n"
    copies = []
    for i in range(5):
        proc.stdout.readline()  # wait for an answer between copies
        copies.append(backup_database(db, db.parent / f"copy-{i}.db"))
        time.sleep(0.01)
    _, err = proc.communicate(timeout=60)
    assert err == ""
    assert proc.returncode == 0
    for copy in copies:
        assert integrity(copy) == ["ok"]
        assert states_match_log(copy) == []  # a snapshot between two answers, never inside one
    written = [_last_log_id(copy) for copy in copies]
    assert written == sorted(written)  # later copies hold later answers
    assert written[0] < written[-1]


def _last_log_id(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        row = conn.execute("SELECT seq FROM sqlite_sequence WHERE name = 'review_log'").fetchone()
    finally:
        conn.close()
    return int(row[0]) if row else 0


# -- doctor ------------------------------------------------------------------------------


def test_doctor_on_a_sound_database(db: Path) -> None:
    result = invoke(db, "doctor")
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        f"{db}: OK (integrity, foreign keys, schema version {SCHEMA_VERSION})",
        f"{db}: 60 cards, 0 answers logged",
        "No backup yet: run 'neuroquiz backup'.",
    ]
    invoke(db, "backup")
    assert invoke(db, "doctor").output.splitlines()[-1] == (
        f"Newest backup: {db.parent / 'backups' / 'progress-20260105-100000.db'}"
    )


def test_doctor_without_a_database(tmp_path: Path) -> None:
    result = invoke(tmp_path / "none.db", "doctor")
    assert result.exit_code == 0
    assert "no database yet" in result.output


def test_doctor_reports_orphan_rows_and_missing_indexes_in_plain_words(db: Path) -> None:
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA foreign_keys = OFF")
    with conn:
        conn.execute(
            "INSERT INTO review_log (key, deck_id, reviewed_at, day, grade, was_new, "
            "state_before, state_after) VALUES ('ghost', 'deck-0', 'x', '2026-01-05', 4, 1, "
            "'{}', '{}')"
        )
        conn.execute("DROP INDEX cards_quiz")
    conn.close()
    result = invoke(db, "doctor")
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"{db}: 1 row of table review_log refers to missing rows of table study_cards",
        f"{db}: index cards_quiz is missing",
        "2 problems found.",
        "Run 'neuroquiz doctor --restore' to restore the newest sound backup.",
    ]


def test_doctor_restore_refuses_without_a_terminal_or_yes(db: Path) -> None:
    invoke(db, "backup")
    damage(db)
    before = db.read_bytes()
    result = invoke(db, "doctor", "--restore")
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == (
        f"neuroquiz: error: {db}: not restoring without confirmation: no terminal to ask on; "
        "run 'neuroquiz doctor --restore --yes' to restore anyway"
    )
    assert db.read_bytes() == before


def test_doctor_restore_yes_uses_the_newest_sound_backup_and_keeps_the_damaged_file(
    db: Path,
) -> None:
    good = Path(invoke(db, "backup").output.strip())
    good_dump = dump_of(good)
    store = open_store(db)  # progress after the backup...
    store.sync(make_decks(3, 30))
    store.close()
    newer = Path(invoke(db, "backup").output.strip())
    damage(newer)  # ...whose own backup is damaged
    damage(db)
    damaged_bytes = db.read_bytes()
    result = invoke(db, "doctor", "--restore", "--yes")
    assert result.exit_code == 0, result.output
    kept = db.with_name("progress.db.damaged-20260105-100000")
    assert f"Skipping backup {newer}: the database file is damaged" in result.output
    assert f"Restored {db} from {good}." in result.output
    assert f"The damaged file is kept as {kept}." in result.output
    assert kept.read_bytes() == damaged_bytes
    assert dump_of(db) == good_dump
    assert check_database(db).ok
    assert invoke(db, "doctor").exit_code == 0


def test_doctor_restore_asks_on_a_terminal(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(commands, "_can_ask", lambda: True)
    backup = Path(invoke(db, "backup").output.strip())
    damage(db)
    before = db.read_bytes()
    declined = invoke(db, "doctor", "--restore", answer="n\n")
    assert declined.exit_code == 1
    assert f"Restore {db} from {backup}" in declined.output
    assert declined.output.splitlines()[-1] == "Nothing restored."
    assert db.read_bytes() == before
    accepted = invoke(db, "doctor", "--restore", answer="y\n")
    assert accepted.exit_code == 0
    assert check_database(db).ok


def test_doctor_restore_can_use_the_copy_taken_before_an_upgrade(db: Path) -> None:
    pre_upgrade = db.with_name("progress.db.backup-v3")
    backup_database(db, pre_upgrade)
    damage(db)
    result = invoke(db, "doctor", "--restore", "--yes")
    assert result.exit_code == 0, result.output
    assert f"from {pre_upgrade}." in result.output
    assert list_backups(db) == [pre_upgrade]


def test_doctor_restore_refuses_when_no_backup_is_sound(db: Path) -> None:
    backup = Path(invoke(db, "backup").output.strip())
    damage(backup)
    damage(db)
    result = invoke(db, "doctor", "--restore", "--yes")
    assert result.exit_code == 1
    assert f"Skipping backup {backup}" in result.output
    assert result.output.splitlines()[-1] == (
        f"neuroquiz: error: {db}: no sound backup to restore from"
    )


def test_doctor_restore_refuses_while_neuroquiz_has_the_database_open(db: Path) -> None:
    invoke(db, "backup")
    store = open_store(db)  # the running app
    try:
        conn = store.db.conn
        conn.execute("PRAGMA foreign_keys = OFF")
        with conn:
            conn.execute("DROP INDEX cards_quiz")  # a problem that leaves the file readable
        assert database_in_use(db)
        result = invoke(db, "doctor", "--restore", "--yes")
        assert result.exit_code == 1
        assert result.output.splitlines()[-1] == (
            f"neuroquiz: error: {db}: database is in use by another program; close neuroquiz first"
        )
    finally:
        store.close()
    assert not database_in_use(db)
