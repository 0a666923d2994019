"""ProgressStore: answers and undo, suspension, settings, summaries and log queries."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlite_utils import Database

from neuroquiz import sm2
from neuroquiz.errors import NeuroquizError
from neuroquiz.models import BasicCard, ClozeCard, Deck, ReviewLog, ReviewState
from neuroquiz.store import DeckSummary, Limits, ProgressStore

DAY = date(2026, 1, 5)
AT = datetime(2026, 1, 5, 9, 30, tzinfo=UTC)


def _store() -> ProgressStore:
    store = ProgressStore(Database(memory=True))
    store.sync(
        [
            Deck(
                id="basics",
                title="Basics",
                cards=(
                    BasicCard(id="gcs", front="GCS range?", back="3 to 15"),
                    ClozeCard(id="monro", text="{{c1::Monro}} and {{c2::Magendie}}"),
                    BasicCard(id="csf", front="CSF per day?", back="500 mL"),
                ),
            ),
            Deck(
                id="spine", title="Spine", cards=(BasicCard(id="c5", front="C5?", back="Deltoid"),)
            ),
        ]
    )
    return store


def _log(store: ProgressStore, key: str, grade: int, day: date = DAY) -> ReviewLog:
    before = store.state(key)
    at = datetime(day.year, day.month, day.day, 9, 30, tzinfo=UTC)
    return ReviewLog(
        key=key,
        reviewed_at=at,
        grade=grade,
        before=before,
        after=sm2.review(before, grade, today=day),
        answer_ms=1500,
    )


def test_record_answer_sets_the_state_and_appends_the_log() -> None:
    store = _store()
    log = _log(store, "gcs", 4)
    log_id = store.record_answer(log)
    assert store.state("gcs") == log.after
    assert store.review_logs() == [log]
    assert store.review_logs("gcs") == [log]
    assert store.review_logs("csf") == []
    assert store.review_log_ids("gcs") == [log_id]


def test_record_answer_for_an_unknown_key_writes_nothing() -> None:
    store = _store()
    log = _log(store, "gcs", 4).model_copy(update={"key": "nope"})
    with pytest.raises(KeyError):
        store.record_answer(log)
    assert store.review_logs() == []


def test_record_answer_needs_an_aware_time() -> None:
    store = _store()
    log = _log(store, "gcs", 4).model_copy(update={"reviewed_at": datetime(2026, 1, 5, 9)})
    with pytest.raises(ValueError, match="naive"):
        store.record_answer(log)
    assert store.state("gcs") == ReviewState()


def test_undo_restores_the_state_and_removes_the_row() -> None:
    store = _store()
    first = _log(store, "gcs", 4)
    first_id = store.record_answer(first)
    second = _log(store, "gcs", 2, DAY + timedelta(days=1))
    second_id = store.record_answer(second)
    with pytest.raises(NeuroquizError, match="answered again after it"):
        store.undo_answer(first_id)
    assert store.undo_answer(second_id) == second
    assert store.state("gcs") == first.after
    assert store.undo_answer(first_id) == first
    assert store.state("gcs") == ReviewState()
    assert store.review_logs() == []
    with pytest.raises(KeyError):
        store.undo_answer(first_id)
    # ids are never reused, so a stale id can never undo someone else's answer
    assert store.record_answer(_log(store, "gcs", 5)) > second_id


def test_suspension_covers_every_study_card_of_the_note() -> None:
    store = _store()
    store.set_suspended("monro", True)
    assert store.is_suspended("monro")
    assert [e.key for e in store.new_entries("basics", 10)] == ["gcs", "csf"]
    store.set_suspended("monro", False)
    assert not store.is_suspended("monro")
    assert [e.key for e in store.new_entries("basics", 10)] == [
        "gcs",
        "monro:c1",
        "monro:c2",
        "csf",
    ]
    with pytest.raises(KeyError):
        store.set_suspended("nope", True)
    with pytest.raises(KeyError):
        store.is_suspended("nope")


def test_unknown_lookups() -> None:
    store = _store()
    assert store.card("nope") is None
    assert store.deck_id_of("nope") is None
    with pytest.raises(KeyError):
        store.state("nope")


def test_limits_global_and_per_deck() -> None:
    store = _store()
    assert store.limits() == Limits(new_per_day=20, reviews_per_day=200)
    store.set_limits(Limits(new_per_day=10, reviews_per_day=100))
    assert store.limits() == Limits(10, 100)
    assert store.limits("spine") == Limits(10, 100)  # falls back to the global ones
    assert store.own_limits("spine") is None
    store.set_limits(Limits(new_per_day=3, reviews_per_day=50), deck_id="spine")
    assert store.limits("spine") == Limits(3, 50)
    assert store.deck_limits() == {"spine": Limits(3, 50)}
    store.clear_limits("spine")
    assert store.limits("spine") == Limits(10, 100)
    assert store.deck_limits() == {}
    with pytest.raises(ValueError, match="new_per_day"):
        Limits(new_per_day=-1)


def test_day_start_hour() -> None:
    store = _store()
    assert store.day_start_hour() == 4
    store.set_day_start_hour(0)
    assert store.day_start_hour() == 0
    for bad in (-1, 24):
        with pytest.raises(ValueError, match="0 to 23"):
            store.set_day_start_hour(bad)
    assert store.day_start_hour() == 0


def test_deck_summaries_count_study_cards() -> None:
    store = _store()
    store.record_answer(_log(store, "gcs", 4))  # due DAY + 1
    store.record_answer(_log(store, "monro:c1", 5))  # due DAY + 1
    store.set_suspended("csf", True)
    summaries = store.deck_summaries(DAY + timedelta(days=1))
    assert summaries == [
        DeckSummary(
            deck_id="basics",
            title="Basics",
            new=1,  # monro:c2 (csf is suspended)
            due=2,
            learned=2,
            total=4,
            last_studied=AT,
            suspended=1,
        ),
        DeckSummary("spine", "Spine", new=1, due=0, learned=0, total=1, last_studied=None),
    ]
    assert store.deck_summaries(DAY)[0].due == 0


def test_review_logs_since_a_time() -> None:
    store = _store()
    early = _log(store, "gcs", 4)
    store.record_answer(early)
    late = _log(store, "csf", 4, DAY + timedelta(days=2))
    store.record_answer(late)
    assert store.review_logs(since=AT + timedelta(hours=1)) == [late]
    assert store.review_logs(key="gcs", since=AT) == [early]


def test_day_counts_split_new_cards_and_reviews() -> None:
    store = _store()
    store.record_answer(_log(store, "gcs", 4, DAY - timedelta(days=1)))
    store.record_answer(_log(store, "gcs", 4))  # a review today
    store.record_answer(_log(store, "csf", 1))  # a new card today
    store.record_answer(_log(store, "c5", 5))
    counts = store.day_counts(DAY)
    assert (counts["basics"].new, counts["basics"].reviews) == (1, 1)
    assert (counts["spine"].new, counts["spine"].reviews) == (1, 0)
