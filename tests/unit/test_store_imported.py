"""Migrations 0009 (review_log.anki_id) and 0010 (anki_exported): the store side of Anki."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime

import pytest
from sqlite_utils import Database

from neuroquiz.models import BasicCard, Deck, ReviewLog, ReviewState
from neuroquiz.store import ProgressStore, migrations
from neuroquiz.store.imported import ImportedAnswer

DAY = date(2026, 3, 2)
AT = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
AFTER = ReviewState(repetitions=1, interval=1, ef=250, due=date(2026, 3, 3), last_review=DAY)
DECK = Deck(
    id="d",
    title="D",
    cards=(BasicCard(id="b", front="Q?", back="A"), BasicCard(id="c", front="Q2?", back="B")),
)


def test_migration_0009_keeps_the_log_and_marks_nothing_as_imported() -> None:
    db = Database(memory=True)
    migrations().apply(db, stop_before="0009_review_anki_ids")
    # A log row as the 0007 schema held it.
    db.execute("INSERT INTO decks (id, title) VALUES ('d', 'D')")
    db.execute("INSERT INTO cards (id, deck_id, type, content_hash, payload) VALUES "
               "('b', 'd', 'basic', 'h', '{}')")  # fmt: skip
    db.execute("INSERT INTO study_cards (key, card_id, ordinal, deck_id) VALUES ('b', 'b', 0, 'd')")
    db.execute(
        "INSERT INTO review_log (key, deck_id, reviewed_at, day, grade, was_new, state_before,"
        " state_after) VALUES ('b', 'd', ?, ?, 4, 1, ?, ?)",
        [AT.isoformat(), DAY.isoformat(), ReviewState().model_dump_json(),
         AFTER.model_dump_json()],
    )  # fmt: skip
    db.conn.commit()
    store = ProgressStore(db)  # applies 0009 and 0010
    rows = store.db.execute("SELECT source, anki_id FROM review_log").fetchall()
    assert [tuple(row) for row in rows] == [("neuroquiz", None)]
    (logged,) = store.logged_answers(["b"])["b"]
    assert (logged.source, logged.anki_id, logged.after) == ("neuroquiz", None, AFTER)


def test_an_imported_answer_is_logged_once() -> None:
    store = ProgressStore(Database(memory=True))
    store.sync([DECK])
    log = ReviewLog(key="b", reviewed_at=AT, grade=4, before=ReviewState(), after=AFTER)
    store.add_imported_answers([ImportedAnswer(log=log, anki_id=1_772_442_000_000)])
    row = store.db.execute(
        "SELECT key, deck_id, day, grade, was_new, source, anki_id FROM review_log"
    ).fetchone()
    assert tuple(row) == ("b", "d", "2026-03-02", 4, 1, "anki", 1_772_442_000_000)
    with pytest.raises(sqlite3.IntegrityError):
        store.add_imported_answers([ImportedAnswer(log=log, anki_id=1_772_442_000_000)])
    assert store.db.execute("SELECT count(*) FROM review_log").fetchone()[0] == 1
    # The same Anki id for another study card (another collection) is another answer.
    other = log.model_copy(update={"key": "c"})
    store.add_imported_answers([ImportedAnswer(log=other, anki_id=1_772_442_000_000)])
    assert store.db.execute("SELECT count(*) FROM review_log").fetchone()[0] == 2
    assert store.active_study_cards(["b", "nope"]) == {"b": "b"}


def test_set_states_writes_the_review_state() -> None:
    store = ProgressStore(Database(memory=True))
    store.sync([DECK])
    with store.write_transaction():
        store.set_states({"b": AFTER})
    assert store.state("b") == AFTER


def test_the_last_anki_export_is_remembered() -> None:
    store = ProgressStore(Database(memory=True))
    assert store.anki_exported() == []
    rows = [("b", "d", "NeuroQuiz::D", "basic", (0,), "Q?"),
            ("c", "d", "NeuroQuiz::D", "cloze", (1, 3), "The …")]  # fmt: skip
    store.record_anki_export(rows)
    assert store.anki_exported() == rows
    store.record_anki_export([("c", "e", "NeuroQuiz::E", "cloze", (1,), "The …")], forget=["b"])
    assert store.anki_exported() == [("c", "e", "NeuroQuiz::E", "cloze", (1,), "The …")]
