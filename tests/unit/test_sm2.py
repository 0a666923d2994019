"""SM-2 as published: golden traces worked out by hand, and invariants for all inputs."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from neuroquiz.models import EF_MIN, ReviewState
from neuroquiz.sm2 import ef_delta, needs_redrill, next_interval, review

DAY0 = date(2026, 1, 5)


def run(grades: list[int], start: ReviewState | None = None) -> list[ReviewState]:
    """Review on each due day with the given grades; return every state after a review."""
    state = start or ReviewState()
    day = DAY0
    states = []
    for grade in grades:
        state = review(state, grade, today=day)
        states.append(state)
        assert state.due is not None
        day = state.due
    return states


@pytest.mark.parametrize(
    ("grades", "intervals", "efs"),
    [
        # From the issue.
        ([5, 5, 5, 5], [1, 6, 17, 48], ["2.6", "2.7", "2.8", "2.9"]),
        ([4, 4, 4, 4, 4], [1, 6, 15, 38, 95], ["2.5"] * 5),
        ([3, 3, 3, 3, 0, 3], [1, 6, 14, 30, 1, 1], ["2.36", "2.22", "2.08", "1.94", "1.3", "1.3"]),
        # By hand: 6 x 2.46 = 14.76 -> 15; 15 x 2.46 = 36.9 -> 37 (EF used before its update).
        ([5, 3, 4, 4], [1, 6, 15, 37], ["2.6", "2.46", "2.46", "2.46"]),
        # A failure keeps EF's loss and restarts at 1, 6; then ceil(6 x 2.18) = 13.08 -> 14.
        ([4, 4, 2, 4, 4, 4], [1, 6, 1, 1, 6, 14], ["2.5", "2.5", "2.18", "2.18", "2.18", "2.18"]),
        # A first failure: 1, then the repetitions start again at 1, 6; ceil(6 x 2.16) = 13.
        ([1, 5, 5, 5], [1, 1, 6, 13], ["1.96", "2.06", "2.16", "2.26"]),
    ],
)
def test_golden_traces(grades: list[int], intervals: list[int], efs: list[str]) -> None:
    states = run(grades)
    assert [s.interval for s in states] == intervals
    assert [s.easiness for s in states] == [Decimal(e) for e in efs]


@pytest.mark.parametrize(
    ("interval", "ef", "expected"), [(25, 220, 55), (50, 218, 109), (75, 136, 102)]
)
def test_exact_arithmetic_where_floats_drift(interval: int, ef: int, expected: int) -> None:
    # 25 x 2.2 is exactly 55, but in floats 25 * 2.2 == 55.00000000000001 and ceil gives 56.
    import math

    assert math.ceil(interval * (ef / 100)) == expected + 1  # the float trap avoided here
    after = review(ReviewState(repetitions=3, interval=interval, ef=ef), 4, today=DAY0)
    assert after.interval == expected


def test_due_is_review_day_plus_interval() -> None:
    states = run([5, 5, 5])
    assert states[0].due == DAY0 + timedelta(days=1)
    assert states[1].due == DAY0 + timedelta(days=1 + 6)
    assert states[2].last_review == DAY0 + timedelta(days=7)


def test_ef_delta_per_grade() -> None:
    assert [ef_delta(q) for q in range(6)] == [-80, -54, -32, -14, 0, 10]


def test_lapses_count_forgotten_learned_cards_only() -> None:
    states = run([1, 4, 0, 4, 1])
    assert [s.lapses for s in states] == [0, 0, 1, 1, 2]


@pytest.mark.parametrize("bad", [-1, 6, 2.5, "3", True, None])
def test_bad_grade_rejected(bad: object) -> None:
    with pytest.raises(ValueError, match="grade"):
        review(ReviewState(), bad, today=DAY0)  # type: ignore[arg-type]


def test_redrill_below_four() -> None:
    assert [needs_redrill(q) for q in range(6)] == [True, True, True, True, False, False]


states = st.builds(
    ReviewState,
    repetitions=st.integers(0, 50),
    interval=st.integers(0, 10_000),
    ef=st.integers(EF_MIN, 400),
    lapses=st.integers(0, 50),
)
grades = st.integers(0, 5)


@given(states, grades, st.dates())
def test_ef_never_below_floor(state: ReviewState, grade: int, today: date) -> None:
    if today > date(9000, 1, 1):
        return
    assert review(state, grade, today=today).ef >= EF_MIN


@given(states, st.integers(0, 2), st.dates(max_value=date(9000, 1, 1)))
def test_failure_restarts(state: ReviewState, grade: int, today: date) -> None:
    after = review(state, grade, today=today)
    assert (after.repetitions, after.interval) == (0, 1)
    assert after.due == today + timedelta(days=1)


@given(states, st.integers(3, 5), st.dates(max_value=date(9000, 1, 1)))
def test_success_grows(state: ReviewState, grade: int, today: date) -> None:
    after = review(state, grade, today=today)
    assert after.repetitions == state.repetitions + 1
    assert after.interval == next_interval(state.repetitions, state.interval, state.ef)
    if state.repetitions >= 2:
        assert after.interval >= state.interval  # EF >= 1.3 never shrinks the interval


@given(states, grades, st.dates(max_value=date(9000, 1, 1)))
def test_pure_and_deterministic(state: ReviewState, grade: int, today: date) -> None:
    copy = state.model_copy()
    first = review(state, grade, today=today)
    assert review(state, grade, today=today) == first
    assert state == copy


@given(st.lists(grades, min_size=1, max_size=30))
def test_no_upper_cap_and_monotone_for_perfect(seq: list[int]) -> None:
    trace = run(seq)
    assert all(s.ef >= EF_MIN for s in trace)
    if all(q == 5 for q in seq):
        assert trace[-1].ef == 250 + 10 * len(seq)


def test_interval_never_exceeds_the_maximum_and_the_due_day_never_overflows() -> None:
    from neuroquiz.sm2 import MAX_INTERVAL

    # Issue 12 #15: a long run of 5s used to overflow the date range after ~12 reviews.
    states = run([5] * 40)
    assert max(s.interval for s in states) == MAX_INTERVAL == 36_500
    assert states[-1].interval == MAX_INTERVAL


def test_an_imported_huge_interval_is_capped_at_the_maximum() -> None:
    from neuroquiz.sm2 import MAX_INTERVAL

    start = ReviewState(repetitions=9, interval=2_000_000, ef=300, due=DAY0, last_review=DAY0)
    after = review(start, 5, today=DAY0)
    assert after.interval == MAX_INTERVAL
    assert after.due == DAY0 + timedelta(days=MAX_INTERVAL)


def test_due_day_is_clamped_at_the_end_of_the_calendar() -> None:
    late = date(9999, 12, 1)
    after = review(ReviewState(repetitions=5, interval=1000, ef=250), 5, today=late)
    assert after.due == date.max
