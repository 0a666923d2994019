"""SM-2 exactly as published (P. A. Woźniak, 1990), as pure functions.

The E-Factor is kept as an exact integer count of hundredths: every update moves it by a
whole number of hundredths, so there is no floating-point drift. Intervals are rounded up
("if interval is a fraction, round it up") using the E-Factor *before* this review's update.
"""

from __future__ import annotations

from datetime import date, timedelta

from neuroquiz.models import EF_MIN, ReviewState

PASSING_GRADE = 3
"""Grades at or above this count as a successful recall."""
REDRILL_BELOW = 4
"""Step 7: cards graded below this come back in the same session."""
MAX_INTERVAL = 36_500
"""Longest interval in days (about 100 years, Anki's default maximum interval).

Without a ceiling a long run of 5s grows the interval geometrically and the due day overflows
the calendar after about a dozen reviews; an imported schedule can start there already.
"""


def ef_delta(grade: int) -> int:
    """E-Factor change in hundredths: 100 x (0.1 - (5-q)(0.08 + (5-q)0.02))."""
    _check_grade(grade)
    miss = 5 - grade
    return 10 - miss * (8 + miss * 2)


def next_interval(repetitions: int, interval: int, ef: int) -> int:
    """Interval after a successful review, given the state before it (ef in hundredths).

    The result never exceeds ``MAX_INTERVAL`` days.
    """
    if repetitions == 0:
        return 1
    if repetitions == 1:
        return 6
    return min(MAX_INTERVAL, -(-interval * ef // 100))  # ceil(I * EF) in exact integers


def review(state: ReviewState, grade: int, *, today: date) -> ReviewState:
    """Apply one SM-2 review with grade ``grade`` (0-5) on day ``today``; return the new state.

    The input state is not changed. Failures (grade < 3) restart the repetitions with an
    interval of one day and count a lapse if the card had been recalled before; the E-Factor
    is updated after every review, failures included, and never drops below 1.3. The interval
    is capped at ``MAX_INTERVAL`` days, and the due day at the last day the calendar holds.

    Example:
        >>> s = review(ReviewState(), 5, today=date(2026, 1, 1))
        >>> (s.repetitions, s.interval, s.ef, s.due)
        (1, 1, 260, datetime.date(2026, 1, 2))
    """
    _check_grade(grade)
    if grade >= PASSING_GRADE:
        interval = next_interval(state.repetitions, state.interval, state.ef)
        repetitions = state.repetitions + 1
        lapses = state.lapses
    else:
        interval = 1
        repetitions = 0
        lapses = state.lapses + (1 if state.repetitions > 0 else 0)
    ef = max(EF_MIN, state.ef + ef_delta(grade))
    return ReviewState(
        repetitions=repetitions,
        interval=interval,
        ef=ef,
        due=_add_days(today, interval),
        lapses=lapses,
        last_review=today,
    )


def review_early(state: ReviewState, grade: int, *, today: date) -> ReviewState:
    """A review before the due day (custom study's review ahead), kept as close to SM-2 as
    the published algorithm allows; it does not define early reviews.

    A card not yet due on ``today`` that is recalled (grade >= 3) has its repetitions and
    E-Factor updated as in :func:`review`, but the new interval counts the days that really
    passed since the last review instead of the interval it was given: ⌈elapsed × EF⌉ (1 and
    6 for the first two repetitions, as in SM-2), never less than the interval it had, so an
    early review can delay the next one but never bring it nearer. A failure (grade < 3) is
    a failure whatever the day: :func:`review`. A card due on ``today`` or before, or new,
    is reviewed by :func:`review`.

    Example:
        >>> before = ReviewState(repetitions=3, interval=15, ef=250, due=date(2026, 1, 16),
        ...                      last_review=date(2026, 1, 1))
        >>> after = review_early(before, 4, today=date(2026, 1, 11))  # 5 days early
        >>> (after.interval, after.due)  # ceil(10 x 2.5) = 25 days, not ceil(15 x 2.5) = 38
        (25, datetime.date(2026, 2, 5))
    """
    _check_grade(grade)
    last = state.last_review
    if state.due is None or last is None or today >= state.due or grade < PASSING_GRADE:
        return review(state, grade, today=today)
    elapsed = max(1, (today - last).days)
    interval = max(state.interval, next_interval(state.repetitions, elapsed, state.ef))
    interval = min(MAX_INTERVAL, interval)
    return ReviewState(
        repetitions=state.repetitions + 1,
        interval=interval,
        ef=max(EF_MIN, state.ef + ef_delta(grade)),
        due=_add_days(today, interval),
        lapses=state.lapses,
        last_review=today,
    )


def needs_redrill(grade: int) -> bool:
    """Step 7: True if a card graded ``grade`` must come back later in the same session."""
    _check_grade(grade)
    return grade < REDRILL_BELOW


def _add_days(day: date, days: int) -> date:
    # A clock set near year 9999 must not turn a review into an OverflowError.
    return day + timedelta(days=min(days, (date.max - day).days))


def _check_grade(grade: int) -> None:
    if isinstance(grade, bool) or not isinstance(grade, int) or not 0 <= grade <= 5:
        raise ValueError(f"grade must be an integer from 0 to 5, got {grade!r}")
