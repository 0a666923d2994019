"""StudySession through a real store: SM-2 golden traces, day boundary, limits, step-7
re-drills, undo, suspend and refresh. Fixed clock, seeded rng, in-memory database."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from sqlite_utils import Database

from neuroquiz import sm2
from neuroquiz.models import BasicCard, ClozeCard, Deck, ReviewLog, ReviewState
from neuroquiz.store import Limits, ProgressStore, StudyOptions
from neuroquiz.study import REDRILL_GAP, StudySession, study_day

TZ = timezone(timedelta(hours=-5))  # not UTC, so that UTC conversion is exercised
JAN5 = date(2026, 1, 5)


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def at(day: date, hour: int = 10, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=TZ)


def basic(card_id: str) -> BasicCard:
    return BasicCard(id=card_id, front=f"front of {card_id}", back=f"back of {card_id}")


def make_store(*decks: Deck) -> ProgressStore:
    store = ProgressStore(Database(memory=True))
    store.sync(decks)
    return store


def deck(deck_id: str, *card_ids: str) -> Deck:
    return Deck(id=deck_id, title=deck_id, cards=tuple(basic(c) for c in card_ids))


def session(store: ProgressStore, clock: Clock, deck_ids: list[str] | None = None) -> StudySession:
    return StudySession(store, clock=clock, deck_ids=deck_ids, rng=random.Random(1))


def drain(s: StudySession, grade: int = 5) -> list[str]:
    keys = []
    while (card := s.current) is not None:
        keys.append(card.key)
        s.answer(grade)
    return keys


def set_due(store: ProgressStore, key: str, due: date) -> None:
    """Give a study card a reviewed state due on ``due`` (logged on an earlier day)."""
    before = store.state(key)
    last = due - timedelta(days=1)
    after = ReviewState(repetitions=1, interval=1, ef=250, due=due, last_review=last)
    store.record_answer(
        ReviewLog(
            key=key,
            reviewed_at=datetime(last.year, last.month, last.day, 12, tzinfo=UTC),
            grade=4,
            before=before,
            after=after,
        )
    )


# -- the study day ---------------------------------------------------------------------------


def test_study_day_starts_at_4_am_local_time() -> None:
    assert study_day(at(date(2026, 1, 6), 3, 59)) == JAN5
    assert study_day(at(date(2026, 1, 6), 4, 0)) == date(2026, 1, 6)
    assert study_day(at(date(2026, 1, 6), 0, 30), day_start_hour=0) == date(2026, 1, 6)
    # its own timezone counts, not UTC: 02:00 UTC on Jan 6 is 21:00 on Jan 5 at UTC-5
    assert study_day(datetime(2026, 1, 6, 2, tzinfo=UTC).astimezone(TZ)) == JAN5
    with pytest.raises(ValueError, match="aware"):
        study_day(datetime(2026, 1, 6, 10))


def test_study_day_across_daylight_saving_changes() -> None:
    zoneinfo = pytest.importorskip("zoneinfo")
    try:
        new_york = zoneinfo.ZoneInfo("America/New_York")
    except zoneinfo.ZoneInfoNotFoundError:
        pytest.skip("no time zone database")
    # 2026-03-08: clocks jump from 2:00 to 3:00; 3:30 is still before the 4 am start
    assert study_day(datetime(2026, 3, 8, 3, 30, tzinfo=new_york)) == date(2026, 3, 7)
    assert study_day(datetime(2026, 3, 8, 4, 0, tzinfo=new_york)) == date(2026, 3, 8)
    assert study_day(datetime(2026, 11, 1, 3, 59, tzinfo=new_york)) == date(2026, 10, 31)


# -- SM-2 through the store ------------------------------------------------------------------


def test_golden_trace_4_4_4_gives_exact_due_dates() -> None:
    store = make_store(deck("basics", "gcs"))
    clock = Clock(at(JAN5))
    due_dates = []
    for day in (JAN5, date(2026, 1, 6), date(2026, 1, 12)):
        clock.now = at(day)
        s = session(store, clock)
        card = s.current
        assert card is not None and card.key == "gcs"
        outcome = s.answer(4)
        assert outcome.scheduled and not outcome.again
        assert s.current is None
        due_dates.append(outcome.state.due)
    assert due_dates == [date(2026, 1, 6), date(2026, 1, 12), date(2026, 1, 27)]
    assert store.state("gcs") == ReviewState(
        repetitions=3, interval=15, ef=250, due=date(2026, 1, 27), last_review=date(2026, 1, 12)
    )
    logs = store.review_logs("gcs")
    assert [log.grade for log in logs] == [4, 4, 4]
    assert logs[0].reviewed_at == at(JAN5).astimezone(UTC)
    clock.now = at(date(2026, 1, 26))
    assert session(store, clock).current is None  # not due before the 27th


def test_answer_before_4_am_belongs_to_the_previous_day() -> None:
    store = make_store(deck("basics", "gcs"))
    clock = Clock(at(date(2026, 1, 6), 3, 30))
    s = session(store, clock)
    outcome = s.answer(5)
    assert outcome.state.last_review == JAN5
    assert outcome.state.due == date(2026, 1, 6)
    clock.now = at(date(2026, 1, 6), 3, 59)
    assert session(store, clock).current is None  # still Jan 5's study day
    clock.now = at(date(2026, 1, 6), 4, 0)
    card = session(store, clock).current
    assert card is not None and card.key == "gcs"


def test_due_reviews_come_first_most_overdue_first_then_new_cards() -> None:
    store = make_store(deck("basics", "a", "b", "c", "d", "e", "f"))
    set_due(store, "b", date(2026, 1, 3))
    set_due(store, "c", date(2026, 1, 1))
    set_due(store, "d", JAN5)
    set_due(store, "f", date(2026, 1, 9))  # not due yet
    s = session(store, Clock(at(JAN5)))
    first = s.current
    assert first is not None and not first.is_new and first.state.due == date(2026, 1, 1)
    assert drain(s) == ["c", "b", "d", "a", "e"]


def test_cloze_is_two_study_cards() -> None:
    cloze = ClozeCard(id="monro", text="The {{c1::foramen of Monro}} joins {{c2::ventricles}}.")
    store = make_store(Deck(id="basics", title="Basics", cards=(cloze,)))
    store.set_study_options(StudyOptions(bury_siblings=False))  # both on one day
    s = session(store, Clock(at(JAN5)))
    card = s.current
    assert card is not None
    assert (card.key, card.ordinal, card.card, card.is_new) == ("monro:c1", 1, cloze, True)
    s.answer(5)
    assert store.state("monro:c2") == ReviewState()
    card = s.current
    assert card is not None and (card.key, card.ordinal) == ("monro:c2", 2)


def test_deck_filter_suspended_and_retired_cards() -> None:
    store = make_store(deck("basics", "a", "b", "c"), deck("spine", "s1"))
    store.set_suspended("b", True)
    store.sync([deck("basics", "a", "b"), deck("spine", "s1")])  # c is retired
    assert drain(session(store, Clock(at(JAN5)))) == ["a", "s1"]
    store2 = make_store(deck("basics", "a"), deck("spine", "s1", "s2"))
    assert drain(session(store2, Clock(at(JAN5)), deck_ids=["spine"])) == ["s1", "s2"]


# -- limits ----------------------------------------------------------------------------------


def test_new_limit_counts_cards_introduced_in_earlier_sessions_today() -> None:
    ids = [f"n{i:02d}" for i in range(25)]
    store = make_store(deck("basics", *ids))
    clock = Clock(at(JAN5))
    first = session(store, clock)
    assert first.left == 20
    for _ in range(5):
        first.answer(5)
    second = session(store, clock)
    assert second.left == 15
    card = second.current
    assert card is not None and card.key == "n05"
    first.refresh()
    assert first.left == 15
    clock.now = at(date(2026, 1, 6))
    tomorrow = session(store, clock)
    assert tomorrow.left == 5 + 20  # the 5 reviews due, then 20 new cards


def test_review_limit_counts_reviews_done_in_earlier_sessions_today() -> None:
    store = make_store(deck("basics", "a", "b", "c", "d", "e"))
    for key in "abcde":
        set_due(store, key, JAN5)
    store.set_limits(Limits(new_per_day=0, reviews_per_day=3))
    clock = Clock(at(JAN5))
    first = session(store, clock)
    assert first.left == 3
    first.answer(5)
    first.answer(5)
    assert session(store, clock).left == 1


def test_deck_limits_cap_their_deck_and_the_global_limit_caps_the_total() -> None:
    store = make_store(deck("a", "a0", "a1", "a2", "a3"), deck("b", "b0", "b1", "b2", "b3"))
    store.set_limits(Limits(new_per_day=2, reviews_per_day=200), deck_id="a")
    clock = Clock(at(JAN5))
    assert drain(session(store, clock, deck_ids=["a"])) == ["a0", "a1"]
    store2 = make_store(deck("a", "a0", "a1", "a2", "a3"), deck("b", "b0", "b1", "b2", "b3"))
    store2.set_limits(Limits(new_per_day=2, reviews_per_day=200), deck_id="a")
    assert drain(session(store2, clock)) == ["a0", "b0", "a1", "b1", "b2", "b3"]
    store3 = make_store(deck("a", "a0", "a1", "a2", "a3"), deck("b", "b0", "b1", "b2", "b3"))
    store3.set_limits(Limits(new_per_day=3, reviews_per_day=200))
    assert drain(session(store3, clock)) == ["a0", "b0", "a1"]
    # the global limit counts answers in every deck, even outside the session's decks
    assert session(store3, clock, deck_ids=["b"]).left == 0


def test_plan_today_counts_the_queue_after_the_limits_and_the_backlog_apart() -> None:
    """What the home screen shows is what a session holds (#13 defect 11)."""
    from neuroquiz.study import plan_today

    store = make_store(deck("a", "a0", "a1", "a2", "a3", "a4"), deck("b", "b0", "b1", "b2"))
    for key in ("a0", "a1", "a2", "b0"):
        set_due(store, key, JAN5 - timedelta(days=2))
    store.set_limits(Limits(new_per_day=2, reviews_per_day=3))
    clock = Clock(at(JAN5))
    plan = plan_today(store, JAN5, ["a", "b"])
    assert (plan.new, plan.reviews, plan.due, plan.more_due) == (2, 3, 4, 1)
    both = session(store, clock)
    assert both.left == plan.size and both.left_new == plan.new
    assert plan_today(store, JAN5, ["b"]) == type(plan)(new=2, reviews=1, due=1)
    both.answer(5)  # a review: one left today, the backlog stays apart
    plan = plan_today(store, JAN5, ["a", "b"])
    assert (plan.new, plan.reviews, plan.more_due) == (2, 2, 1)
    assert session(store, clock).left == plan.size


# -- step 7 re-drills ------------------------------------------------------------------------


def test_a_failed_card_comes_back_and_only_its_first_grade_is_scheduled() -> None:
    store = make_store(deck("basics", "x", "y", "z"))
    s = session(store, Clock(at(JAN5)))
    outcome = s.answer(2)
    scheduled = sm2.review(ReviewState(), 2, today=JAN5)
    assert (outcome.key, outcome.scheduled, outcome.again) == ("x", True, True)
    assert outcome.state == scheduled == store.state("x")
    s.answer(5)
    s.answer(5)
    card = s.current
    assert card is not None and card.key == "x" and card.is_redrill and card.state == scheduled
    again = s.answer(3)  # still below 4: comes back again, schedule untouched
    assert (again.scheduled, again.again, again.log_id) == (False, True, None)
    redrill = s.answer(5)
    assert (redrill.scheduled, redrill.again, redrill.log_id) == (False, False, None)
    assert s.current is None
    assert store.state("x") == scheduled
    assert [log.grade for log in store.review_logs("x")] == [2]
    assert s.done == 3


def test_a_redrill_comes_back_after_a_few_other_cards() -> None:
    store = make_store(deck("basics", *[f"c{i}" for i in range(10)]))
    s = session(store, Clock(at(JAN5)))
    s.answer(1)
    between = 0
    while (card := s.current) is not None and card.key != "c0":
        s.answer(5)
        between += 1
    assert REDRILL_GAP[0] <= between <= REDRILL_GAP[1]


# -- undo, suspend, refresh ------------------------------------------------------------------


def test_undo_several_levels_restores_states_logs_and_queue() -> None:
    store = make_store(deck("basics", "a", "b", "c"))
    s = session(store, Clock(at(JAN5)))
    s.answer(5)  # a
    s.answer(2)  # b, comes back at the end
    s.answer(4)  # c
    s.answer(5)  # b re-drill
    assert s.current is None and len(store.review_logs()) == 3

    card = s.undo()
    assert card is not None and card.key == "b" and card.is_redrill
    assert len(store.review_logs()) == 3  # a re-drill wrote nothing, undoing it neither
    card = s.undo()
    assert card is not None and card.key == "c" and store.state("c") == ReviewState()
    assert [log.key for log in store.review_logs()] == ["a", "b"]
    card = s.undo()
    assert card is not None and card.key == "b" and not card.is_redrill
    assert s.left == 2  # b and c; the pending re-drill of b is gone
    card = s.undo()
    assert card is not None and card.key == "a" and s.left == 3
    assert s.undo() is None and not s.can_undo
    assert store.review_logs() == []
    assert all(store.state(k) == ReviewState() for k in "abc")
    assert drain(s) == ["a", "b", "c"]


def test_undo_of_a_review_restores_the_exact_previous_state() -> None:
    store = make_store(deck("basics", "a"))
    set_due(store, "a", JAN5)
    before = store.state("a")
    logs_before = store.review_logs()
    s = session(store, Clock(at(JAN5)))
    s.answer(0)
    assert store.state("a").lapses == 1
    s.undo()
    assert store.state("a") == before
    assert store.review_logs() == logs_before


def test_suspend_removes_every_study_card_of_the_note_and_can_be_undone() -> None:
    cloze = ClozeCard(id="monro", text="{{c1::Monro}} and {{c2::Magendie}}")
    store = make_store(Deck(id="basics", title="Basics", cards=(cloze, basic("gcs"))))
    store.set_study_options(StudyOptions(bury_siblings=False))  # both on one day
    s = session(store, Clock(at(JAN5)))
    s.answer(1)  # monro:c1 will come back
    card = s.current
    assert card is not None and card.key == "monro:c2"
    s.suspend()
    assert store.is_suspended("monro")
    assert s.left == 1
    card = s.current
    assert card is not None and card.key == "gcs"
    card = s.undo()
    assert card is not None and card.key == "monro:c2"
    assert not store.is_suspended("monro")
    assert s.left == 3
    assert drain(s) == ["monro:c2", "gcs", "monro:c1"]


def test_refresh_drops_cards_answered_elsewhere_and_keeps_redrills() -> None:
    store = make_store(deck("basics", "a", "b", "c", "d"))
    clock = Clock(at(JAN5))
    mine, other = session(store, clock), session(store, clock)
    mine.answer(1)  # a comes back later in my session
    other.answer(5)  # a, answered elsewhere
    other.answer(5)  # b
    mine.refresh()
    card = mine.current
    assert card is not None and card.key == "c"
    assert drain(mine) == ["c", "d", "a"]


def test_answering_a_card_already_answered_elsewhere_does_not_reschedule_it() -> None:
    store = make_store(deck("basics", "a"))
    clock = Clock(at(JAN5))
    mine, other = session(store, clock), session(store, clock)
    other.answer(4)
    stored = store.state("a")
    outcome = mine.answer(1)
    assert (outcome.scheduled, outcome.log_id) == (False, None)
    assert store.state("a") == stored
    assert len(store.review_logs()) == 1


def test_summary_of_a_session() -> None:
    store = make_store(deck("basics", "a", "b", "c"))
    clock = Clock(at(JAN5))
    s = session(store, clock)
    s.answer(5, answer_ms=1000)
    s.answer(2, answer_ms=3000)
    s.answer(3, answer_ms=2000)
    clock.now = at(JAN5, 10, 10)
    while s.current is not None:
        s.answer(4, answer_ms=500)
    summary = s.summary()
    assert summary.by_grade == {0: 0, 1: 0, 2: 1, 3: 1, 4: 0, 5: 1}
    assert summary.reviewed == 3
    assert summary.retention == pytest.approx(2 / 3)
    assert summary.seconds == pytest.approx(7.0)
    assert summary.redrills == 2
    assert summary.due_tomorrow == 3
    assert summary.elapsed_seconds == 600
    assert session(store, clock).summary().retention is None


def test_invalid_answers_change_nothing() -> None:
    store = make_store(deck("basics", "a"))
    s = session(store, Clock(at(JAN5)))
    with pytest.raises(ValueError):
        s.answer(6)
    with pytest.raises(ValueError):
        s.answer(4, answer_ms=-1)
    assert store.review_logs() == [] and s.left == 1
    s.answer(4)
    with pytest.raises(RuntimeError):
        s.answer(4)
    with pytest.raises(RuntimeError):
        s.suspend()


def test_redrill_grades_are_logged_apart_and_undo_removes_them() -> None:
    store = make_store(deck("basics", "a", "b"))
    clock = Clock(at(JAN5))
    s = session(store, clock)
    s.answer(2)  # a: first answer, comes back
    s.answer(5)  # b
    clock.now = at(JAN5, 11)
    outcome = s.answer(3)  # a re-drill: comes back again
    assert not outcome.scheduled and outcome.log_id is None
    s.answer(4)  # a re-drill: done
    rows = store.db.execute(
        "SELECT key, day, grade, reviewed_at, state FROM redrill_log ORDER BY id"
    ).fetchall()
    assert [(k, d, g) for k, d, g, _, _ in rows] == [("a", "2026-01-05", 3), ("a", "2026-01-05", 4)]
    assert rows[0][3] == "2026-01-05T16:00:00.000000+00:00"
    assert ReviewState.model_validate_json(rows[0][4]) == store.state("a")
    assert [log.key for log in store.review_logs()] == ["a", "b"]  # the schedule's log only
    s.undo()
    assert store.db.execute("SELECT grade FROM redrill_log").fetchall() == [(3,)]


def test_a_card_answered_elsewhere_today_is_logged_as_a_redrill() -> None:
    store = make_store(deck("basics", "a"))
    first = session(store, Clock(at(JAN5)))
    second = session(store, Clock(at(JAN5, 12)))
    first.answer(5)
    outcome = second.answer(4)  # the same card, already answered in the other session
    assert not outcome.scheduled
    assert store.db.execute("SELECT key, grade FROM redrill_log").fetchall() == [("a", 4)]


def test_a_card_shows_its_stored_state_when_it_comes_up() -> None:
    # The queue reads states when each card comes up, not when it is built: a card answered
    # in another window meanwhile shows that answer's state, and is still new in the queue.
    store = make_store(deck("basics", "a", "b"))
    clock = Clock(at(JAN5))
    mine, other = session(store, clock), session(store, clock)
    other.answer(5)
    other.answer(4)  # "b", answered elsewhere while "a" is on screen here
    mine.answer(5)
    current = mine.current
    assert current is not None and current.key == "b"
    assert current.state == store.state("b")
    assert current.state.last_review == JAN5 and current.is_new
    assert mine.left_new == 1
