"""Issue 12 #4: a database with a damaged page is refused, never used or written to.

``doctor`` flagged files that ``stats`` and ``sync`` then opened and wrote to (one with a raw
traceback). Each command now runs SQLite's quick check at open (bounded in steps) through a
read-only connection: a damaged b-tree page is refused with one line pointing at
``neuroquiz doctor``, and the file is left as it was. A damaged page the bounded check did
not reach still ends the command with one line, never a traceback.
"""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

import neuroquiz.store.checks
from neuroquiz.cli import cli
from neuroquiz.store import open_store
from neuroquiz.store.checks import quick_check_bounded
from neuroquiz.study import StudySession

from .study_driver import NOW, setup
from .test_hostile_db import DECK_YAML, assert_refused, files_in, run_cli

PAGE = 4096


@pytest.fixture
def decks(tmp_path: Path) -> Path:
    """A deck folder with one small deck."""
    directory = tmp_path / "decks"
    directory.mkdir()
    (directory / "tiny.yaml").write_text(DECK_YAML, encoding="utf-8")
    return directory


def _studied_database(path: Path) -> Path:
    """A closed database with 600 cards and 100 answers, as neuroquiz leaves it."""
    store = open_store(path)
    setup(store, decks=2, cards=300)
    session = StudySession(store, clock=lambda: NOW, rng=random.Random(3))
    for _ in range(100):
        session.answer(4)
    store.close()
    return path


def _leaf_page(db: Path, table: str) -> int:
    """The number of a leaf page of ``table`` (or index), from SQLite's dbstat table."""
    conn = sqlite3.connect(db)
    try:
        row = conn.execute(
            "SELECT max(pageno) FROM dbstat WHERE name = ? AND pagetype = 'leaf'", [table]
        ).fetchone()
    finally:
        conn.close()
    assert row[0] is not None, table
    return int(row[0])


def _damage(db: Path, page: int) -> None:
    """Overwrite a b-tree page's header and cell pointers with junk, as a bad disk would."""
    data = bytearray(db.read_bytes())
    start = (page - 1) * PAGE
    data[start : start + 64] = bytes(range(7, 71))
    db.write_bytes(bytes(data))


@pytest.mark.parametrize(
    "table", ["cards", "study_cards", "review_log", "sqlite_autoindex_study_cards_2"]
)
@pytest.mark.parametrize("command", ["stats", "sync"])
def test_a_damaged_page_is_refused_with_one_line_and_the_file_is_unchanged(
    tmp_path: Path, decks: Path, table: str, command: str
) -> None:
    db = _studied_database(tmp_path / "progress.db")
    _damage(db, _leaf_page(db, table))
    before = db.read_bytes()

    result = run_cli(db, decks, command)

    assert_refused(result, f"{db}: database is damaged")
    assert "run 'neuroquiz doctor'" in result.stderr
    assert db.read_bytes() == before
    assert files_in(tmp_path) == ["decks", "progress.db"]
    doctor = run_cli(db, decks, "doctor")
    assert doctor.returncode == 1 and "damaged" in doctor.stdout


def test_the_check_at_open_is_bounded_by_size(tmp_path: Path) -> None:
    db = _studied_database(tmp_path / "progress.db")
    _damage(db, _leaf_page(db, "review_log"))
    size = db.stat().st_size
    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        assert quick_check_bounded(conn, size) is not None  # this size is checked
        assert quick_check_bounded(conn, size, max_bytes=size - 1) is None  # not checked
    finally:
        conn.close()


def test_a_damaged_page_the_check_did_not_look_at_is_one_line_not_a_traceback(
    tmp_path: Path, decks: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = _studied_database(tmp_path / "progress.db")
    _damage(db, _leaf_page(db, "study_cards"))
    monkeypatch.setattr(neuroquiz.store.checks, "QUICK_CHECK_MAX_BYTES", 1)  # a "large" file

    result = CliRunner().invoke(cli, ["--db", str(db), "--decks", str(decks), "stats"])

    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert len(lines) == 1, result.output
    assert lines[0].startswith(f"neuroquiz: error: {db}: database is damaged")
    assert "run 'neuroquiz doctor'" in lines[0]
