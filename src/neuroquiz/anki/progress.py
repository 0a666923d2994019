"""Carry SM-2 progress into the card rows of an Anki collection.

genanki writes every card as new. For ``--with-progress`` we rewrite the rows of the
collection it built, with Anki's meaning of each column:

- ``type=2, queue=2``: a review card (``queue=-1``: suspended, its type kept);
- ``ivl``: the SM-2 interval in days; ``factor``: the E-Factor in permille (EF 2.5 -> 2500,
  i.e. our hundredths x 10);
- ``due``: for review cards, the due day counted in days since the collection was created
  (``col.crt``). Anki's importer shifts it by how many days the source collection is ahead of
  the target one, so the card lands on the same calendar day in the user's collection.
- ``reps``: how many times the card was answered; ``lapses``: how often it was forgotten.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from neuroquiz.models import ReviewState

REVIEW = 2
SUSPENDED = -1


@dataclass(frozen=True)
class CardProgress:
    """What neuroquiz knows about one study card, keyed by its study key elsewhere."""

    state: ReviewState
    suspended: bool = False
    reps: int = 0
    """Number of answers in the review log."""
    modified: datetime | None = None
    """When the card was last reviewed or (un)suspended; None if never."""


@dataclass(frozen=True)
class ProgressCounts:
    """How many card rows became review cards and how many are suspended."""

    review: int = 0
    suspended: int = 0


def is_review(progress: CardProgress) -> bool:
    """True if the card was reviewed and has a due day (Anki: a review card)."""
    return progress.state.due is not None and not progress.state.is_new


def collection_day(progress: Mapping[str, CardProgress], today: date) -> date:
    """The day the exported collection says it was created: today, or earlier if needed.

    Anki stores due days as days since creation and treats them as non-negative, so an
    overdue card moves the creation day back to its due day.
    """
    dues = [p.state.due for p in progress.values() if p.state.due is not None and is_review(p)]
    return min([today, *dues])


def crt_seconds(day: date) -> int:
    """``col.crt`` for a collection created on ``day``: midnight UTC (creationOffset 0)."""
    return int(datetime.combine(day, time(0), tzinfo=UTC).timestamp())


def apply_progress(
    connection: sqlite3.Connection,
    keys: Mapping[int, str],
    progress: Mapping[str, CardProgress],
    *,
    created: date,
    default_mod: int,
) -> ProgressCounts:
    """Rewrite the scheduling columns of the card rows that have progress.

    Args:
        connection: The collection database genanki built.
        keys: Anki card id -> our study key.
        progress: Study key -> progress; keys without progress stay new cards.
        created: The collection's creation day (see :func:`collection_day`).
        default_mod: Card modification time (epoch seconds) when the progress has none.

    Returns:
        How many cards became review cards and how many are suspended.
    """
    updates: list[tuple[int, int, int, int, int, int, int, int, int]] = []
    review = suspended = 0
    for card_row, key in keys.items():
        item = progress.get(key)
        if item is None:
            continue
        state = item.state
        mod = _epoch(item.modified) if item.modified is not None else default_mod
        if is_review(item) and state.due is not None:
            review += 1
            queue = SUSPENDED if item.suspended else REVIEW
            updates.append(
                (
                    REVIEW,
                    queue,
                    (state.due - created).days,
                    max(1, state.interval),
                    state.ef * 10,
                    max(item.reps, 1),
                    state.lapses,
                    mod,
                    card_row,
                )
            )
        elif item.suspended:
            updates.append((0, SUSPENDED, 0, 0, 0, item.reps, state.lapses, mod, card_row))
        else:
            continue
        if item.suspended:
            suspended += 1
    connection.executemany(
        "UPDATE cards SET type = ?, queue = ?, due = ?, ivl = ?, factor = ?, reps = ?,"
        " lapses = ?, mod = ? WHERE id = ?",
        updates,
    )
    return ProgressCounts(review=review, suspended=suspended)


def _epoch(moment: datetime) -> int:
    # A naive datetime is UTC: the review log stores UTC times.
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return int(moment.timestamp())
