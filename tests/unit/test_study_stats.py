"""Stats on a small hand-built review log with known answers."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlite_utils import Database

from neuroquiz.models import BasicCard, Deck, ReviewLog, ReviewState
from neuroquiz.store import ProgressStore
from neuroquiz.study import Stats

D = date  # short constructor for the tables below
TODAY = D(2026, 1, 10)

# (key, study day, grade, E-Factor after, due after); the last row of a key is its state.
LOG = [
    ("a3", D(2025, 12, 1), 4, 130, D(2026, 1, 8)),  # outside every window, overdue now
    ("a1", D(2026, 1, 7), 4, 250, D(2026, 1, 8)),
    ("a2", D(2026, 1, 7), 2, 230, D(2026, 1, 8)),
    ("a1", D(2026, 1, 9), 5, 260, D(2026, 1, 12)),
    ("b1", D(2026, 1, 9), 3, 236, D(2026, 1, 10)),
    ("a2", D(2026, 1, 10), 1, 170, D(2026, 1, 11)),
    ("b1", D(2026, 1, 10), 4, 255, D(2026, 1, 14)),
    ("b2", D(2026, 1, 10), 5, 260, D(2026, 2, 19)),
]


def _deck(deck_id: str, *ids: str) -> Deck:
    return Deck(
        id=deck_id,
        title=deck_id.upper(),
        cards=tuple(BasicCard(id=i, front=f"{i}?", back=i) for i in ids),
    )


@pytest.fixture
def store() -> ProgressStore:
    store = ProgressStore(Database(memory=True))
    store.sync([_deck("a", "a1", "a2", "a3"), _deck("b", "b1", "b2"), _deck("c", "c1")])
    for key, day, grade, ef, due in LOG:
        after = ReviewState(repetitions=1, interval=1, ef=ef, due=due, last_review=day)
        store.record_answer(
            ReviewLog(
                key=key,
                reviewed_at=datetime(day.year, day.month, day.day, 12, tzinfo=UTC),
                grade=grade,
                before=store.state(key),
                after=after,
            )
        )
    return store


def test_reviews_per_day(store: ProgressStore) -> None:
    stats = Stats(store, today=TODAY)
    assert stats.reviews_per_day(5) == [
        (D(2026, 1, 6), 0),
        (D(2026, 1, 7), 2),
        (D(2026, 1, 8), 0),
        (D(2026, 1, 9), 2),
        (D(2026, 1, 10), 3),
    ]
    assert Stats(store, today=TODAY, deck_ids=["b"]).reviews_per_day(1) == [(TODAY, 2)]
    assert stats.reviews_per_day(0) == []


def test_due_forecast_counts_overdue_cards_today(store: ProgressStore) -> None:
    stats = Stats(store, today=TODAY)
    assert stats.due_forecast(5) == [
        (D(2026, 1, 10), 1),  # a3, overdue since Jan 8
        (D(2026, 1, 11), 1),  # a2
        (D(2026, 1, 12), 1),  # a1
        (D(2026, 1, 13), 0),
        (D(2026, 1, 14), 1),  # b1
    ]
    assert sum(n for _, n in stats.due_forecast(30)) == 4  # b2 is due in February
    store.set_suspended("a2", True)
    assert Stats(store, today=TODAY).due_forecast(2) == [(TODAY, 1), (D(2026, 1, 11), 0)]
    assert Stats(store, today=TODAY, deck_ids=["b"]).due_forecast(5)[-1] == (D(2026, 1, 14), 1)


def test_retention_by_deck(store: ProgressStore) -> None:
    stats = Stats(store, today=TODAY)
    assert stats.retention_by_deck(30) == {"a": 0.5, "b": 1.0, "c": None}
    assert stats.retention_by_deck(1) == {"a": 0.0, "b": 1.0, "c": None}
    assert stats.retention(30) == pytest.approx(5 / 7)


def test_ef_distribution(store: ProgressStore) -> None:
    buckets = Stats(store, today=TODAY).ef_distribution()
    assert buckets[0] == (1.3, 1)
    assert buckets[-1] == (2.6, 2)
    assert len(buckets) == 14  # 1.3 .. 2.6 in steps of 0.1, empty ones included
    assert dict(buckets) == {
        **{round(1.3 + i / 10, 1): 0 for i in range(14)},
        1.3: 1,
        1.7: 1,
        2.5: 1,
        2.6: 2,
    }
    empty = ProgressStore(Database(memory=True))
    assert Stats(empty, today=TODAY).ef_distribution() == []


def test_streak_ends_today_or_yesterday(store: ProgressStore) -> None:
    assert Stats(store, today=TODAY).streak() == 2
    assert Stats(store, today=D(2026, 1, 11)).streak() == 2
    assert Stats(store, today=D(2026, 1, 12)).streak() == 0
    assert Stats(store, today=D(2026, 1, 7)).streak() == 1


def test_reviews_today_by_deck(store: ProgressStore) -> None:
    assert Stats(store, today=TODAY).reviews_today_by_deck() == {"a": 1, "b": 2, "c": 0}
