"""Custom study: extra new cards and reviews today, review ahead (SM-2 early reviews) and
cram (schedule untouched, nothing logged). Real store in memory, injected clock, seeded rng."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta, timezone

import pytest
from sqlite_utils import Database

from neuroquiz import sm2
from neuroquiz.models import BasicCard, ClozeCard, Deck, ReviewState
from neuroquiz.store import DayCounts, Extra, Limits, ProgressStore, StudyOptions
from neuroquiz.study import StudySession, daily_quota, plan_today
from neuroquiz.study.custom import Cram, ReviewAhead, add_extra_today

TZ = timezone(timedelta(hours=2))
DAY = date(2026, 3, 2)
NOW = datetime(2026, 3, 2, 10, tzinfo=TZ)


def _basic(card_id: str, *tags: str) -> BasicCard:
    return BasicCard(id=card_id, front=f"front {card_id}", back=f"back {card_id}", tags=tags)


def _store(*decks: Deck) -> ProgressStore:
    store = ProgressStore(Database(memory=True))
    store.sync(decks)
    return store


def _deck(deck_id: str, count: int) -> Deck:
    return Deck(id=deck_id, title=deck_id, cards=[_basic(f"{deck_id}-{i}") for i in range(count)])


def _learned(store: ProgressStore, key: str, due: date, interval: int = 10) -> None:
    store.db.execute(
        "UPDATE study_cards SET repetitions = 3, interval = ?, ef = 250, due = ?, "
        "last_review = ? WHERE key = ?",
        [interval, due.isoformat(), (due - timedelta(days=interval)).isoformat(), key],
    )
    store.db.conn.commit()


def _session(store: ProgressStore, **options: object) -> StudySession:
    return StudySession(store, clock=lambda: NOW, rng=random.Random(4), **options)  # type: ignore[arg-type]


def _keys(session: StudySession) -> list[str]:
    return [item.key for item in session._queue]


def _stored(store: ProgressStore) -> list[object]:
    """Everything an answer could change: states, both logs, suspension, leech marks."""
    db = store.db
    return [
        db.execute("SELECT * FROM study_cards ORDER BY key").fetchall(),
        db.execute("SELECT * FROM review_log").fetchall(),
        db.execute("SELECT * FROM redrill_log").fetchall(),
        db.execute("SELECT id, suspended FROM cards ORDER BY id").fetchall(),
    ]


# -- extra new cards and reviews today -----------------------------------------------------


def test_extra_new_cards_today_raise_the_plan_and_the_session_then_expire() -> None:
    store = _store(_deck("a", 30))
    assert plan_today(store, DAY, ["a"]).new == 20
    assert add_extra_today(store, DAY, new=5) == Extra(new=5)
    assert add_extra_today(store, DAY, new=2) == Extra(new=7)  # added to, not replaced
    assert plan_today(store, DAY, ["a"]).new == 27
    assert len(_keys(_session(store))) == 27
    assert plan_today(store, DAY + timedelta(days=1), ["a"]).new == 20  # today only


def test_a_decks_extra_raises_that_deck_even_with_its_own_limits() -> None:
    store = _store(_deck("a", 30), _deck("b", 30))
    store.set_limits(Limits(new_per_day=3, reviews_per_day=200), deck_id="a")
    add_extra_today(store, DAY, new=4, deck_id="a")
    assert plan_today(store, DAY, ["a"]).new == 7
    assert plan_today(store, DAY, ["b"]).new == 24  # the global limit was raised too
    session = _session(store, deck_ids=["a"])
    while session.current is not None:
        session.answer(5)
    # Used up: the extra does not come back once its cards are studied.
    assert plan_today(store, DAY, ["a"]).new == 0
    assert plan_today(store, DAY, ["b"]).new == 17


def test_extra_reviews_today() -> None:
    store = _store(_deck("a", 6))
    store.set_limits(Limits(new_per_day=0, reviews_per_day=2))
    for i in range(6):
        _learned(store, f"a-{i}", DAY)
    assert plan_today(store, DAY, ["a"]).reviews == 2
    add_extra_today(store, DAY, reviews=3)
    assert plan_today(store, DAY, ["a"]).reviews == 5


def test_extras_must_add_something() -> None:
    store = _store(_deck("a", 1))
    with pytest.raises(ValueError, match="nothing to add"):
        add_extra_today(store, DAY)
    with pytest.raises(ValueError, match="extra new must be a whole number >= 0"):
        add_extra_today(store, DAY, new=-1)


def test_daily_quota_with_extras() -> None:
    limits = Limits(new_per_day=10, reviews_per_day=100)
    own = {"a": Limits(new_per_day=2, reviews_per_day=5)}
    done = {"a": DayCounts(new=2, reviews=5), "b": DayCounts(new=8, reviews=0)}
    quota = daily_quota(limits, own, done, ["a", "b"])
    assert (quota.new, quota.new_by_deck) == (0, {"a": 0, "b": 0})
    quota = daily_quota(limits, own, done, ["a", "b"], {"": Extra(new=3, reviews=1)})
    assert (quota.new, quota.new_by_deck) == (3, {"a": 3, "b": 3})
    assert quota.reviews_by_deck == {"a": 1, "b": 96}
    quota = daily_quota(limits, own, done, ["a", "b"], {"a": Extra(new=4)})
    assert (quota.new, quota.new_by_deck) == (4, {"a": 4, "b": 4})


# -- review ahead --------------------------------------------------------------------------


def test_review_early_counts_the_days_that_passed() -> None:
    before = ReviewState(
        repetitions=3,
        interval=15,
        ef=250,
        due=DAY + timedelta(days=5),
        last_review=DAY - timedelta(days=10),
    )
    after = sm2.review_early(before, 4, today=DAY)
    assert (after.repetitions, after.interval, after.ef) == (4, 25, 250)  # ceil(10 x 2.5)
    assert after.due == DAY + timedelta(days=25) and after.last_review == DAY
    on_time = sm2.review(before, 4, today=before.due)
    assert on_time.interval == 38  # ceil(15 x 2.5): reviewed on time, more credit
    # Far too early: the interval it had, never less.
    barely = before.model_copy(update={"last_review": DAY - timedelta(days=1)})
    assert sm2.review_early(barely, 5, today=DAY).interval == 15
    # A failure is a failure, a card due today is an ordinary review.
    assert sm2.review_early(before, 2, today=DAY) == sm2.review(before, 2, today=DAY)
    due_now = before.model_copy(update={"due": DAY})
    assert sm2.review_early(due_now, 4, today=DAY) == sm2.review(due_now, 4, today=DAY)
    new = ReviewState()
    assert sm2.review_early(new, 4, today=DAY) == sm2.review(new, 4, today=DAY)


def test_review_ahead_holds_the_next_days_reviews_and_schedules_them_early() -> None:
    store = _store(_deck("a", 6))
    _learned(store, "a-0", DAY)  # due today: the ordinary session's
    _learned(store, "a-1", DAY + timedelta(days=3))
    _learned(store, "a-2", DAY + timedelta(days=1))
    _learned(store, "a-3", DAY + timedelta(days=4))  # beyond 3 days
    _learned(store, "a-4", DAY + timedelta(days=2))
    session = _session(store, custom=ReviewAhead(days=3))
    assert _keys(session) == ["a-2", "a-4", "a-1"]
    before = store.state("a-1")
    session.answer(4)
    session.answer(4)
    outcome = session.answer(4)
    assert outcome.scheduled and not outcome.cram
    assert outcome.state == sm2.review_early(before, 4, today=DAY)
    assert outcome.state.interval == 18  # 7 days passed: ceil(7 x 2.5), more than its 10
    assert len(store.review_logs()) == 3  # real reviews, logged
    assert session.summary().reviewed == 3
    # Answered today: not offered again; the ordinary session still has today's review.
    assert _keys(_session(store, custom=ReviewAhead(days=3))) == []
    assert _keys(_session(store)) == ["a-0", "a-5"]


def test_review_ahead_limit_and_bounds() -> None:
    store = _store(_deck("a", 5))
    for i in range(5):
        _learned(store, f"a-{i}", DAY + timedelta(days=1 + i))
    assert len(_keys(_session(store, custom=ReviewAhead(days=30, limit=2)))) == 2
    with pytest.raises(ValueError, match="days ahead must be a whole number from 1 to 365"):
        ReviewAhead(days=0)


# -- cram ----------------------------------------------------------------------------------


def test_cram_leaves_the_schedule_and_the_logs_untouched() -> None:
    store = _store(
        Deck(
            id="a",
            title="A",
            cards=[
                _basic("gcs-1", "gcs"),
                _basic("sah-1", "sah"),
                ClozeCard(id="gcs-2", text="{{c1::one}} and {{c2::two}}", tags=("gcs",)),
                _basic("gcs-3", "gcs"),
            ],
        )
    )
    store.set_study_options(StudyOptions(bury_siblings=True))
    _learned(store, "gcs-1", DAY + timedelta(days=20))
    store.set_suspended("gcs-3", True)
    before = _stored(store)
    session = _session(store, custom=Cram("tag:gcs"))
    # Every study card the search finds (both deletions), suspended ones left out, shuffled.
    assert sorted(_keys(session)) == ["gcs-1", "gcs-2:c1", "gcs-2:c2"]
    first = session.current
    assert first is not None
    outcome = session.answer(1)
    assert outcome.cram and not outcome.scheduled and outcome.again and outcome.log_id is None
    assert outcome.state == first.state
    while session.current is not None:
        session.answer(5)
    assert _stored(store) == before
    summary = session.summary()
    assert summary.reviewed == 3 and summary.redrills == 1 and summary.by_grade[1] == 1
    session.undo()
    assert session.current is not None and _stored(store) == before


def test_cram_refresh_keeps_what_was_crammed_out() -> None:
    store = _store(_deck("a", 4))
    session = _session(store, custom=Cram(""))
    assert len(_keys(session)) == 4
    session.answer(5)
    session.refresh()
    assert len(_keys(session)) == 3


def test_cram_scope_limit_and_a_bad_query() -> None:
    store = _store(_deck("a", 4), _deck("b", 4))
    assert len(_keys(_session(store, custom=Cram("", limit=3)))) == 3
    only_b = _session(store, deck_ids=["b"], custom=Cram("front"))
    assert sorted(_keys(only_b)) == ["b-0", "b-1", "b-2", "b-3"]
    # An unclosed quote does not swallow the suspension filter.
    store.set_suspended("a-1", True)
    assert "a-1" not in _keys(_session(store, custom=Cram('"front')))
    with pytest.raises(ValueError, match="unknown type 'foo'"):
        Cram("type:foo")
