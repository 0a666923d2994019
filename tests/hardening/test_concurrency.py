"""Two processes studying in the same database at once (a resident with two terminals).

Both drivers start at the same moment (they wait for a line on stdin) and study until their
queues are empty, refreshing every few answers. Checked: no error reaches either process (no
"database is locked"), no acknowledged answer is lost (log rows = acknowledged answers), and
after a refresh a process never offers a card the other had answered before that refresh.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest
from sqlite_utils import Database

from neuroquiz.store import migrations, open_store

from .conftest import Transcript, integrity, log_rows, parse, spawn_driver, states_match_log
from .study_driver import setup

CARDS = 60
"""Cards per deck (two decks, about 160 study cards): each pair of runs takes about 1 s."""
REFRESH_EVERY = 4
PAUSE_MS = 1
"""A short pause before each answer (a person reading) keeps the two sessions overlapping."""


def _run_pair(db: Path, *extra: str) -> list[Transcript]:
    """Start two drivers on ``db``, release them together, wait; return their transcripts."""
    procs = [
        spawn_driver(
            db,
            "--seed",
            str(seed),
            "--cards",
            str(CARDS),
            "--refresh-every",
            str(REFRESH_EVERY),
            "--pause-ms",
            str(PAUSE_MS),
            "--wait-go",
            *extra,
            stdin=subprocess.PIPE,
        )
        for seed in (1, 2)
    ]
    for proc in procs:
        assert proc.stdout is not None
        assert proc.stdout.readline() == "READY\n"
    for proc in procs:  # both are waiting: let them go as close together as we can
        assert proc.stdin is not None
        proc.stdin.write("go\n")
        proc.stdin.flush()
    results = [proc.communicate(timeout=120) for proc in procs]
    for proc, (_, err) in zip(procs, results, strict=True):
        assert err == ""  # no "database is locked", no traceback, nothing
        assert proc.returncode == 0
    return [parse(out) for out, _ in results]


def _check(db: Path, runs: list[Transcript]) -> None:
    assert integrity(db) == ["ok"]
    rows = log_rows(db)
    logged = {log_id: key for run in runs for log_id, key in run.logged.items()}
    assert len(rows) == len(logged)  # every log row is an acknowledged answer...
    assert {log_id: rows.get(log_id) for log_id in logged} == logged  # ...and vice versa
    assert states_match_log(db) == []
    # One first answer per card and day, even when both offered the same card at once: the
    # later process sees the earlier one's answer and takes its own as a re-drill.
    assert sorted(rows.values()) == sorted(set(rows.values()))
    assert all(run.done for run in runs)
    conn = sqlite3.connect(db)
    try:
        never = conn.execute(
            "SELECT COUNT(*) FROM study_cards WHERE retired = 0 AND last_review IS NULL"
        ).fetchone()[0]
    finally:
        conn.close()
    assert never == 0  # together they answered every card
    # They really ran at the same time: each answered while the other was answering.
    spans = [(run.acks[0][2], run.acks[-1][2]) for run in runs]
    assert max(start for start, _ in spans) < min(end for _, end in spans)
    # After a refresh, a process offers none of the cards the other answered before it
    # (and did not undo: an undone card is rightly offered again).
    for me, other in ((runs[0], runs[1]), (runs[1], runs[0])):
        for started, keys in me.refreshes:
            answered = {
                key
                for key, log_id, at in other.acks
                if log_id is not None and log_id not in other.undoing and at < started
            }
            assert answered.isdisjoint(keys)
    # And each process did skip the other's cards: neither answered everything itself.
    first_time = [{key for key, log_id, _ in run.acks if log_id is not None} for run in runs]
    assert all(len(keys) < len(first_time[0] | first_time[1]) for keys in first_time)


@pytest.mark.parametrize("round_", range(3))
def test_two_processes_create_and_study_a_new_database_at_once(tmp_path: Path, round_: int) -> None:
    # Both create, migrate and sync the same new file at the same moment, then study.
    db = tmp_path / "progress.db"
    runs = _run_pair(db, "--setup")
    _check(db, runs)


def test_two_processes_upgrade_an_old_database_at_once(tmp_path: Path) -> None:
    # Both find schema version 3, both copy it aside, exactly one migrates, both study.
    db = tmp_path / "progress.db"
    old = Database(db)
    migrations().apply(old, stop_before="0004_deck_fingerprints")
    old.execute("PRAGMA journal_mode = wal")
    old.close()
    runs = _run_pair(db, "--setup")
    _check(db, runs)
    copy = Database(tmp_path / "progress.db.backup-v3")
    assert len(migrations().applied(copy)) == 3
    copy.close()
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_two_processes_study_and_undo_in_an_existing_database(tmp_path: Path) -> None:
    template = tmp_path / "template.db"
    store = open_store(template)
    setup(store, decks=2, cards=CARDS)
    store.close()
    db = tmp_path / "progress.db"
    shutil.copy(template, db)
    runs = _run_pair(db, "--undo-every", "5")
    assert all(run.undone for run in runs)
    _check(db, runs)
