"""Crash safety: SIGKILL a studying process at random moments; nothing acknowledged is lost.

Each trial starts ``study_driver.py`` (the real store and StudySession on a database file with
synchronous=FULL), kills it with SIGKILL after a seeded random delay, then checks that every
answer (and undo) it acknowledged is in the database, that ``PRAGMA integrity_check`` is ok,
that every study card's state agrees with its review log, and that the store opens and a new
session works. One trial in five starts from no database at all, so kills also land in the
creation, migration and first sync of a database.
"""

from __future__ import annotations

import random
import shutil
import sqlite3
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from neuroquiz.store import open_store
from neuroquiz.study import StudySession

from .conftest import integrity, log_rows, parse, spawn_driver, states_match_log
from .study_driver import NOW, setup

TRIALS = 50
PARALLEL = 4
SEED = 20260105
CARDS = 200
"""Cards per deck (two decks): about 530 study cards, 700 answers with re-drills."""
MAX_DELAY = 0.3
"""Kill delays are uniform in [0, MAX_DELAY] s after the driver reports the store OPEN (after
READY for trials that create the database); a whole session takes longer than that, so most
kills land mid-session."""


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A closed database with two decks synced and the daily limits lifted."""
    path = tmp_path_factory.mktemp("template") / "progress.db"
    store = open_store(path)
    setup(store, decks=2, cards=CARDS)
    store.close()
    return path


def _trial(index: int, delay: float, template: Path, root: Path) -> tuple[str, list[str]]:
    """Run one kill trial; return (when the kill landed, problems found)."""
    db = root / f"trial-{index:02d}" / "progress.db"
    db.parent.mkdir()
    fresh = index % 5 == 0
    args = ["--seed", str(index), "--undo-every", "7"]
    if fresh:
        args.append("--setup")
    else:
        shutil.copy(template, db)
    args += ["--cards", str(CARDS)]
    proc = spawn_driver(db, *args)
    assert proc.stdout is not None
    started = [proc.stdout.readline()]
    if not fresh:
        started.append(proc.stdout.readline())  # OPEN
    time.sleep(delay)
    proc.kill()
    out, err = proc.communicate(timeout=60)
    expected = ["READY\n"] if fresh else ["READY\n", "OPEN\n"]
    problems = [] if started == expected else [f"driver did not start: {started!r} {err!r}"]
    if err:
        problems.append(f"driver wrote to stderr: {err.strip()}")
    transcript = parse(out)
    phase = "finished" if transcript.done else "mid-session" if transcript.acks else "opening"
    if db.exists():  # else killed before the file was created: nothing to lose
        problems += _check_database(db, transcript.logged, transcript.undone)
    return phase, [f"trial {index} (killed {phase} after {delay:.3f} s): {p}" for p in problems]


def _check_database(db: Path, logged: dict[int, str], undone: set[int]) -> list[str]:
    """What is wrong with a killed driver's database, given what it acknowledged."""
    problems = []
    if integrity(db) != ["ok"]:
        problems.append(f"integrity_check: {integrity(db)}")
    rows = log_rows(db) if _has_log(db) else {}  # a new file killed early has no tables yet
    missing = {log_id: key for log_id, key in logged.items() if rows.get(log_id) != key}
    if missing:
        problems.append(f"acknowledged answers missing from the log: {missing}")
    if undone & rows.keys():
        problems.append(f"acknowledged undos still in the log: {sorted(undone & rows.keys())}")
    if rows and states_match_log(db):
        problems.append(f"states disagree with the log: {states_match_log(db)[:5]}")
    store = open_store(db)  # what the app does next time: must just work
    try:
        setup(store, decks=2, cards=CARDS)  # idempotent; completes a first sync cut short
        session = StudySession(store, clock=lambda: NOW)
        if session.current is not None:
            if session.current.key in set(rows.values()):
                problems.append(f"{session.current.key} answered today is offered again")
            outcome = session.answer(4)
            if outcome.log_id is None or store.review_log_ids(outcome.key)[-1] != outcome.log_id:
                problems.append("a new answer after the crash was not logged")
    finally:
        store.close()
    return problems


def _has_log(db: Path) -> bool:
    conn = sqlite3.connect(db)
    try:
        found = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'review_log'"
        ).fetchone()
    finally:
        conn.close()
    return found is not None


def test_sigkill_at_random_moments_loses_no_acknowledged_answer(
    template: Path, tmp_path: Path
) -> None:
    rng = random.Random(SEED)
    results: list[tuple[str, list[str]]] = []
    # The test proves something only if most kills interrupt a session that is writing. On
    # a loaded machine the driver answers later, so more kills land while it opens: run
    # further batches (at most three) until half the trials' worth were mid-session.
    for batch in range(3):
        delays = [rng.uniform(0.0, MAX_DELAY) for _ in range(TRIALS)]
        first = batch * TRIALS
        with ThreadPoolExecutor(max_workers=PARALLEL) as pool:
            indices = range(first, first + TRIALS)
            results += pool.map(_trial, indices, delays, [template] * TRIALS, [tmp_path] * TRIALS)
        if Counter(phase for phase, _ in results)["mid-session"] >= TRIALS // 2:
            break
    phases = Counter(phase for phase, _ in results)
    problems = [problem for _, found in results for problem in found]
    assert problems == []
    assert phases["mid-session"] >= TRIALS // 2, phases
