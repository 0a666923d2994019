"""Helpers of the hardening tests: the study driver subprocess and what it acknowledged."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
DRIVER = HERE / "study_driver.py"
CLI_MAIN = HERE / "cli_main.py"


def driver_env() -> dict[str, str]:
    """The environment of a subprocess: this one, with the test's isolated HOME."""
    env = dict(os.environ)
    env.pop("NEUROQUIZ_DB", None)
    env.pop("NEUROQUIZ_DECKS", None)
    return env


def spawn_driver(db: Path, *args: str, stdin: int | None = None) -> subprocess.Popen[str]:
    """Start ``study_driver.py`` on ``db`` with text pipes."""
    return subprocess.Popen(
        [sys.executable, str(DRIVER), str(db), *args],
        stdin=stdin,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=driver_env(),
    )


@dataclass
class Transcript:
    """What one driver acknowledged, parsed from its stdout.

    Attributes:
        acks: ``(key, log_id or None, monotonic ns)`` per acknowledged answer, in order.
        undone: Log ids whose undo was acknowledged.
        undoing: Log ids whose undo had started (it may or may not have happened).
        refreshes: ``(monotonic ns at start, first-time keys of the new queue)``.
        done: True if the driver reported an empty queue.
    """

    acks: list[tuple[str, int | None, int]] = field(default_factory=list)
    undone: set[int] = field(default_factory=set)
    undoing: set[int] = field(default_factory=set)
    refreshes: list[tuple[int, list[str]]] = field(default_factory=list)
    done: bool = False

    @property
    def logged(self) -> dict[int, str]:
        """Acknowledged log ids and their keys, those with an undo started left out."""
        return {
            log_id: key
            for key, log_id, _ in self.acks
            if log_id is not None and log_id not in self.undoing
        }


def parse(stdout: str) -> Transcript:
    """Parse complete protocol lines; a line cut by a kill (no newline) acknowledges nothing."""
    transcript = Transcript()
    lines = stdout.split("\n")[:-1]  # the last piece has no newline: not acknowledged
    for line in lines:
        word, _, rest = line.partition(" ")
        parts = rest.split()
        if word == "ACK":
            log_id = None if parts[1] == "-" else int(parts[1])
            transcript.acks.append((parts[0], log_id, int(parts[2])))
        elif word == "UNDOING":
            transcript.undoing.add(int(parts[0]))
        elif word == "UNDO":
            transcript.undone.add(int(parts[0]))
        elif word == "REFRESH":
            transcript.refreshes.append((int(parts[0]), parts[1:]))
        elif word == "DONE":
            transcript.done = True
    return transcript


def log_rows(db: Path) -> dict[int, str]:
    """``{log id: key}`` of every review-log row, read with a plain sqlite3 connection."""
    conn = sqlite3.connect(db)
    try:
        return {int(i): str(k) for i, k in conn.execute("SELECT id, key FROM review_log")}
    finally:
        conn.close()


def integrity(db: Path) -> list[str]:
    """``PRAGMA integrity_check`` rows (``['ok']`` for a sound file)."""
    conn = sqlite3.connect(db)
    try:
        return [str(row[0]) for row in conn.execute("PRAGMA integrity_check")]
    finally:
        conn.close()


def states_match_log(db: Path) -> list[str]:
    """Study cards whose state is not the ``state_after`` of their latest log row.

    An answer writes both in one transaction, so after any crash they must agree.
    """
    from neuroquiz.models import ReviewState
    from neuroquiz.store.rows import STATE_COLUMNS, state_from_row

    columns = ", ".join(f"s.{column}" for column in STATE_COLUMNS.split(", "))
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute(
            f"SELECT s.key, l.state_after, {columns} "
            "FROM study_cards AS s JOIN review_log AS l ON l.id = "
            "(SELECT MAX(id) FROM review_log WHERE key = s.key)"
        ).fetchall()
        fresh = conn.execute(
            f"SELECT key, {STATE_COLUMNS} FROM study_cards "
            "WHERE key NOT IN (SELECT key FROM review_log)"
        ).fetchall()
    finally:
        conn.close()
    wrong = [
        str(row[0])
        for row in rows
        if ReviewState.model_validate_json(row[1]) != state_from_row(row[2:])
    ]
    return wrong + [str(row[0]) for row in fresh if state_from_row(row[1:]) != ReviewState()]


@pytest.fixture
def decks_dir(tmp_path: Path) -> Path:
    """An empty deck directory (the database tests need no deck files)."""
    directory = tmp_path / "decks"
    directory.mkdir()
    return directory
