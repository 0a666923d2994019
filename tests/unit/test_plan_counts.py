"""Property: the home screen's plan, counted from the indexes, is what the queue chooses
(#14: the plan no longer reads the chosen cards, so its cost does not grow with the limits).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st
from sqlite_utils import Database

from neuroquiz.models import BasicCard, Deck, ReviewLog, ReviewState
from neuroquiz.store import Limits, ProgressStore
from neuroquiz.study.queue import plan_by_deck, plan_today, select_today

TODAY = date(2026, 1, 5)
DECKS = ("a", "b", "c")

# Per card: None (new), or days from today of its due day (negative: overdue); suspended.
CARD = st.tuples(st.one_of(st.none(), st.integers(-5, 3)), st.booleans())
CONFIG = st.fixed_dictionaries(
    {
        "cards": st.fixed_dictionaries({d: st.lists(CARD, max_size=8) for d in DECKS}),
        "limits": st.tuples(st.integers(0, 12), st.integers(0, 12)),
        "own": st.dictionaries(
            st.sampled_from(DECKS), st.tuples(st.integers(0, 6), st.integers(0, 6))
        ),
        "answered": st.lists(st.tuples(st.sampled_from(DECKS), st.booleans()), max_size=5),
        "asked": st.lists(st.sampled_from(DECKS), min_size=1, max_size=4),
    }
)


def _store(config: dict[str, object]) -> ProgressStore:
    store = ProgressStore(Database(memory=True))
    cards = config["cards"]
    assert isinstance(cards, dict)
    store.sync(
        [
            Deck(
                id=d,
                title=d,
                cards=[BasicCard(id=f"{d}{i}", front="q", back="a") for i in range(len(cards[d]))],
            )
            for d in DECKS
        ]
    )
    for d in DECKS:
        for i, (due_in, suspended) in enumerate(cards[d]):
            if due_in is not None:
                after = ReviewState(
                    repetitions=1,
                    interval=1,
                    due=TODAY + timedelta(days=due_in),
                    last_review=TODAY - timedelta(days=9),
                )
                store.record_answer(
                    ReviewLog(
                        key=f"{d}{i}",
                        reviewed_at=datetime(2025, 12, 27, 9, tzinfo=UTC),
                        grade=4,
                        before=ReviewState(),
                        after=after,
                    )
                )
            if suspended:
                store.set_suspended(f"{d}{i}", True)
    return store


def _answer_today(store: ProgressStore, deck_id: str, was_new: bool) -> None:
    """A first answer logged today in ``deck_id`` (counts against today's limits)."""
    store.db.execute(
        "INSERT INTO review_log (key, deck_id, reviewed_at, day, grade, was_new, "
        "state_before, state_after) VALUES (?, ?, ?, ?, 4, ?, '{}', '{}')",
        ["x", deck_id, "2026-01-05T09:00:00.000000+00:00", TODAY.isoformat(), int(was_new)],
    )


@settings(max_examples=120, deadline=None)
@given(CONFIG)
def test_the_counted_plan_is_what_the_queue_chooses(config: dict[str, object]) -> None:
    store = _store(config)
    new, reviews = config["limits"]  # type: ignore[misc]
    store.set_limits(Limits(new_per_day=new, reviews_per_day=reviews))
    for deck_id, (own_new, own_reviews) in config["own"].items():  # type: ignore[attr-defined]
        store.set_limits(Limits(new_per_day=own_new, reviews_per_day=own_reviews), deck_id)
    store.db.execute("PRAGMA foreign_keys = OFF")  # today's answers need no card here
    for deck_id, was_new in config["answered"]:  # type: ignore[attr-defined]
        _answer_today(store, deck_id, was_new)
    asked = list(config["asked"])  # type: ignore[call-overload]

    plans, total = plan_by_deck(store, TODAY, asked)
    chosen = select_today(store, TODAY, asked)
    assert (total.new, total.reviews) == (len(chosen.new), len(chosen.reviews))
    assert total.due == store.count_due(TODAY, asked)
    assert plan_today(store, TODAY, asked) == total
    for deck_id in asked:
        alone = select_today(store, TODAY, [deck_id])
        plan = plans[deck_id]
        assert (plan.new, plan.reviews) == (len(alone.new), len(alone.reviews))
        assert plan.due == store.count_due(TODAY, [deck_id])


_GROUPED = (
    "SELECT deck_id, SUM(last_review IS NULL AND suspended = 0), "
    "SUM(due IS NOT NULL AND due <= ? AND suspended = 0), SUM(last_review IS NOT NULL), "
    "COUNT(*), SUM(suspended) FROM study_cards WHERE retired = 0 GROUP BY deck_id"
)


@settings(max_examples=60, deadline=None)
@given(CONFIG)
def test_deck_summaries_count_per_deck_what_one_grouped_pass_counts(
    config: dict[str, object],
) -> None:
    """The per-deck index counts (#14) give the figures of the grouped query they replace."""
    store = _store(config)
    grouped = {row[0]: tuple(row[1:]) for row in store.db.execute(_GROUPED, [TODAY.isoformat()])}
    for summary in store.deck_summaries(TODAY):
        counts = (summary.new, summary.due, summary.learned, summary.total, summary.suspended)
        assert counts == grouped.get(summary.deck_id, (0, 0, 0, 0, 0))
