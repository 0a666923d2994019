"""Build today's study queue from the store: due reviews first, then new cards.

Only the cards the queue can hold are read (per deck, in index order, with a LIMIT), so the
cost does not grow with the collection.
"""

from __future__ import annotations

import contextlib
import heapq
import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date

from neuroquiz.models import ReviewState
from neuroquiz.store import ProgressStore, QueueEntry
from neuroquiz.study.limits import Quota, daily_quota


@dataclass(frozen=True, eq=False)
class QueueItem:
    """One place in the session queue. Compared by identity: a re-drill is a new item.

    Attributes:
        key: Study-card key.
        card_id: The card (note) id.
        ordinal: 0 for basic/mcq, N for cloze cN.
        deck_id: The card's deck.
        state: The study card's state when this item was queued or re-queued.
        is_new: True if the study card was new when the session first queued it.
        is_redrill: True if this is a step-7 re-drill of a card already graded today.
    """

    key: str
    card_id: str
    ordinal: int
    deck_id: str
    state: ReviewState
    is_new: bool
    is_redrill: bool = False

    @classmethod
    def from_entry(cls, entry: QueueEntry) -> QueueItem:
        """A first-time item from a store queue entry."""
        return cls(
            key=entry.key,
            card_id=entry.card_id,
            ordinal=entry.ordinal,
            deck_id=entry.deck_id,
            state=entry.state,
            is_new=entry.state.is_new,
        )


def _round_robin(sources: Sequence[Iterator[QueueEntry]], limit: int) -> list[QueueEntry]:
    """Take one entry from each source in turn until ``limit`` or all are exhausted."""
    taken: list[QueueEntry] = []
    live = list(sources)
    while live and len(taken) < limit:
        still = []
        for source in live:
            if len(taken) >= limit:
                break
            entry = next(source, None)
            if entry is not None:
                taken.append(entry)
                still.append(source)
        live = still
    return taken


def quota_for(store: ProgressStore, today: date, deck_ids: Sequence[str]) -> Quota:
    """Today's quota for ``deck_ids``, counting answers already logged today."""
    return daily_quota(store.limits(), store.deck_limits(), store.day_counts(today), deck_ids)


def build_queue(store: ProgressStore, today: date, deck_ids: Sequence[str]) -> list[QueueItem]:
    """Today's queue for ``deck_ids``: due reviews (most overdue first), then new cards.

    Reviews are capped by the review quota, new cards by the new quota; new cards of several
    decks are interleaved one deck at a time, each deck in file order.
    """
    quota = quota_for(store, today, deck_ids)
    order = {deck_id: i for i, deck_id in enumerate(deck_ids)}

    def review_rank(entry: QueueEntry) -> tuple[date, int, int, int]:
        assert entry.state.due is not None  # due_entries only returns reviewed cards
        return (entry.state.due, order[entry.deck_id], entry.position, entry.ordinal)

    # Each deck's rows are read lazily and merged, so only the rows that make it into the
    # queue (plus one per deck) are read from SQLite and turned into models.
    with contextlib.ExitStack() as stack:
        due_iters = [
            stack.enter_context(
                contextlib.closing(
                    store.iter_due_entries(
                        deck_id, today, min(quota.reviews, quota.reviews_by_deck[deck_id])
                    )
                )
            )
            for deck_id in deck_ids
        ]
        reviews = list(itertools.islice(heapq.merge(*due_iters, key=review_rank), quota.reviews))
        new_iters = [
            stack.enter_context(
                contextlib.closing(
                    store.iter_new_entries(deck_id, min(quota.new, quota.new_by_deck[deck_id]))
                )
            )
            for deck_id in deck_ids
        ]
        new = _round_robin(new_iters, quota.new)
    return [QueueItem.from_entry(entry) for entry in (*reviews, *new)]
