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
