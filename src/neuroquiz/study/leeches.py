"""When a study card becomes a leech: Anki's rule, as a pure function.

A leech is a card the learner keeps forgetting; studying it again as it is wastes time, so
it is suspended until it is rewritten. As in Anki, a study card becomes a leech when a
lapse (a failing grade of a card that had been recalled) brings its lapse count to the
threshold, and again every half threshold after that (8, 12, 16... for the default 8), so
a leech that was unsuspended without being fixed is caught again.
"""

from __future__ import annotations

from neuroquiz.models import ReviewState


def becomes_leech(before: ReviewState, after: ReviewState, threshold: int) -> bool:
    """True if the answer from ``before`` to ``after`` makes the study card a leech.

    Args:
        before: The state before the answer.
        after: The state after it (from :func:`neuroquiz.sm2.review`).
        threshold: Lapses that make a leech (``StudyOptions.leech_lapses``); 0 turns it off.

    Example:
        >>> becomes_leech(ReviewState(lapses=7), ReviewState(lapses=8), 8)
        True
        >>> [n for n in range(1, 17) if becomes_leech(ReviewState(lapses=n - 1),
        ...                                           ReviewState(lapses=n), 8)]
        [8, 12, 16]
    """
    if threshold <= 0 or after.lapses <= before.lapses or after.lapses < threshold:
        return False
    return (after.lapses - threshold) % max(threshold // 2, 1) == 0
