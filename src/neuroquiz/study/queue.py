"""Build today's study queue from the store: due reviews first, then new cards.

Only the cards the queue can hold are read (per deck, in index order, with a LIMIT), so the
cost does not grow with the collection. :func:`select_today` chooses the study cards (without
their states, so choosing is cheap); :func:`build_queue` makes the queue of the chosen ones
(their states are read by the session, one card at a time as each comes up), and
:func:`plan_today` counts them, so what the home screen announces is what a session
holds (counted from the indexes, as the queue would choose, at a cost that does not grow
with the daily limits).

Siblings (the study cards of one card: a cloze's c1 and c2, a reversed pair) are buried by
default, as in Anki: the queue holds at most one study card of a card, a review before a
new one, and none of a card one of whose study cards was answered today; the others wait
for another day. Buried cards leave room for the next ones within the daily limits.
"""

from __future__ import annotations

import contextlib
import heapq
import itertools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from neuroquiz.study.limits import Quota, daily_quota

if TYPE_CHECKING:
    from neuroquiz.models import ReviewState
    from neuroquiz.store import ProgressStore, QueueEntry, QueuePick


@dataclass(frozen=True, eq=False)
class QueueItem:
    """One place in the session queue. Compared by identity: a re-drill is a new item.

    Attributes:
        key: Study-card key.
        card_id: The card (note) id.
        ordinal: 0 for basic/mcq, N for cloze cN.
        deck_id: The card's deck.
        state: The study card's state when this item was queued or re-queued; None until
            the session reads it, when the item comes up (today's queue reads no state:
            with large daily limits that was most of its cost).
        is_new: True if the study card was new when the session first queued it.
        is_redrill: True if this is a step-7 re-drill of a card already graded today.
    """

    key: str
    card_id: str
    ordinal: int
    deck_id: str
    state: ReviewState | None
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

    @classmethod
    def from_pick(cls, pick: QueuePick) -> QueueItem:
        """A first-time item from a queue pick, its state not read yet."""
        return cls(
            key=pick.key,
            card_id=pick.card_id,
            ordinal=pick.ordinal,
            deck_id=pick.deck_id,
            state=None,
            is_new=pick.is_new,
        )


def _round_robin(sources: Sequence[Iterator[QueuePick]], limit: int) -> list[QueuePick]:
    """Take one pick from each source in turn until ``limit`` or all are exhausted."""
    taken: list[QueuePick] = []
    live = list(sources)
    while live and len(taken) < limit:
        still = []
        for source in live:
            if len(taken) >= limit:
                break
            pick = next(source, None)
            if pick is not None:
                taken.append(pick)
                still.append(source)
        live = still
    return taken


def unburied(picks: Iterable[QueuePick], buried: frozenset[str]) -> Iterator[QueuePick]:
    """The picks that are nobody's sibling: the first of each card not in ``buried``.

    Lazy, so that a caller taking N picks reads only as far as it needs.

    Args:
        picks: Study cards in queue order.
        buried: Cards (card ids) none of whose study cards may come.

    Example:
        >>> from neuroquiz.store import QueuePick
        >>> picks = [QueuePick(f"m:c{n}", "m", n, "d", 0, None) for n in (1, 2)]
        >>> [p.key for p in unburied(picks, frozenset())]
        ['m:c1']
    """
    seen: set[str] = set()
    for pick in picks:
        if pick.card_id in buried or pick.card_id in seen:
            continue
        seen.add(pick.card_id)
        yield pick


_UNLIMITED = 2**62
"""The SQL LIMIT of a deck's picks when siblings are buried: the rows are stepped lazily, so
the queue reads only as many as it keeps, plus the siblings it skips."""


def quota_for(store: ProgressStore, today: date, deck_ids: Sequence[str]) -> Quota:
    """Today's quota for ``deck_ids``, counting answers already logged today."""
    return daily_quota(
        store.limits(),
        store.deck_limits(),
        store.day_counts(today),
        deck_ids,
        store.extras(today),
    )


@dataclass(frozen=True)
class Selection:
    """The study cards of today's queue, in queue order, without their states.

    Attributes:
        reviews: Due reviews, most overdue first.
        new: New study cards, one deck at a time, each deck in file order.
    """

    reviews: list[QueuePick]
    new: list[QueuePick]


def select_today(store: ProgressStore, today: date, deck_ids: Sequence[str]) -> Selection:
    """Choose today's study cards of ``deck_ids`` within the daily limits.

    Reviews are capped by the review quota, new cards by the new quota; new cards of several
    decks are interleaved one deck at a time, each deck in file order. With sibling burying
    on (:class:`~neuroquiz.store.StudyOptions`), siblings are left out (see the module).
    """
    quota = quota_for(store, today, deck_ids)
    order = {deck_id: i for i, deck_id in enumerate(deck_ids)}
    bury = store.study_options().bury_siblings
    answered = frozenset(store.answered_card_ids(today)) if bury else frozenset()

    def review_rank(pick: QueuePick) -> tuple[date, int, int, int]:
        assert pick.due is not None  # due picks are reviewed cards
        return (pick.due, order[pick.deck_id], pick.position, pick.ordinal)

    def kept(picks: Iterator[QueuePick], limit: int, buried: frozenset[str]) -> Iterator[QueuePick]:
        return itertools.islice(unburied(picks, buried), limit) if bury else picks

    # Each deck's rows are read lazily and merged, so only the rows that make it into the
    # queue (plus one per deck, and the siblings skipped) are read from SQLite.
    with contextlib.ExitStack() as stack:
        due_iters = []
        for deck_id in deck_ids:
            limit = min(quota.reviews, quota.reviews_by_deck[deck_id])
            rows = store.iter_due_picks(deck_id, today, _UNLIMITED if bury else limit)
            due_iters.append(kept(stack.enter_context(contextlib.closing(rows)), limit, answered))
        reviews = list(itertools.islice(heapq.merge(*due_iters, key=review_rank), quota.reviews))
        taken = answered | {pick.card_id for pick in reviews} if bury else answered
        new_iters = []
        for deck_id in deck_ids:
            limit = min(quota.new, quota.new_by_deck[deck_id])
            rows = store.iter_new_picks(deck_id, _UNLIMITED if bury else limit)
            new_iters.append(kept(stack.enter_context(contextlib.closing(rows)), limit, taken))
        new = _round_robin(new_iters, quota.new)
    return Selection(reviews, new)


def build_queue(store: ProgressStore, today: date, deck_ids: Sequence[str]) -> list[QueueItem]:
    """Today's queue for ``deck_ids``: due reviews (most overdue first), then new cards.

    The study cards are those of :func:`select_today`; their states are not read here (the
    session reads each one when it comes up).
    """
    selection = select_today(store, today, deck_ids)
    return [QueueItem.from_pick(pick) for pick in (*selection.reviews, *selection.new)]


@dataclass(frozen=True)
class TodayPlan:
    """What today's session over some decks holds, and the reviews left beyond it.

    Attributes:
        new: New study cards in today's session.
        reviews: Reviews in today's session.
        due: Every review due today or overdue (active, unsuspended), in or out of it.
    """

    new: int
    reviews: int
    due: int

    @property
    def more_due(self) -> int:
        """Due reviews that today's session leaves for later days (the backlog)."""
        return max(0, self.due - self.reviews)

    @property
    def size(self) -> int:
        """Study cards in today's session."""
        return self.new + self.reviews


def plan_today(store: ProgressStore, today: date, deck_ids: Sequence[str]) -> TodayPlan:
    """Count today's session for ``deck_ids``: what :func:`select_today` would choose.

    Example:
        ``plan_today(store, today, ids)`` is ``TodayPlan(new=20, reviews=200, due=69218)``
        when 69,218 reviews are due and the limits are 20 new and 200 reviews a day.
    """
    return plan_by_deck(store, today, deck_ids)[1]


def plan_by_deck(
    store: ProgressStore, today: date, deck_ids: Sequence[str]
) -> tuple[dict[str, TodayPlan], TodayPlan]:
    """Today's session of each deck of ``deck_ids`` alone, and of all of them together.

    Counted, not chosen: :func:`select_today` takes from each deck at most its quota of
    the cards it has, and stops at the total quota, so its choice holds
    ``min(total quota, sum over decks of min(total quota, deck quota, cards there))`` new
    cards and as many reviews; the counts are read from the indexes (the new cards only up
    to the quota), so the cost does not grow with the daily limits. The quota of a deck
    does not depend on the other decks asked, so one quota serves every plan. With sibling
    burying on (the default) the plans are counted from the selection itself.
    """
    if store.study_options().bury_siblings:
        return _chosen_plans(store, today, deck_ids)
    quota = quota_for(store, today, deck_ids)
    due = store.due_counts(today, deck_ids)
    fresh = store.new_counts(deck_ids, quota.new)
    plans: dict[str, TodayPlan] = {}
    new_sum = reviews_sum = 0
    for deck_id in deck_ids:
        new = min(quota.new, quota.new_by_deck[deck_id], fresh[deck_id])
        reviews = min(quota.reviews, quota.reviews_by_deck[deck_id], due[deck_id])
        plans[deck_id] = TodayPlan(new=new, reviews=reviews, due=due[deck_id])
        new_sum += new
        reviews_sum += reviews
    total = TodayPlan(
        new=min(quota.new, new_sum),
        reviews=min(quota.reviews, reviews_sum),
        due=sum(due[deck_id] for deck_id in deck_ids),
    )
    return plans, total


def _chosen_plans(
    store: ProgressStore, today: date, deck_ids: Sequence[str]
) -> tuple[dict[str, TodayPlan], TodayPlan]:
    """:func:`plan_by_deck` with siblings buried: which cards are buried depends on the
    cards chosen, so the plans are counted from the queue's own selection (each deck
    alone, then all of them)."""
    due = store.due_counts(today, deck_ids)
    plans: dict[str, TodayPlan] = {}
    for deck_id in dict.fromkeys(deck_ids):
        chosen = select_today(store, today, [deck_id])
        plans[deck_id] = TodayPlan(
            new=len(chosen.new), reviews=len(chosen.reviews), due=due[deck_id]
        )
    every = select_today(store, today, deck_ids)
    total = TodayPlan(
        new=len(every.new),
        reviews=len(every.reviews),
        due=sum(due[deck_id] for deck_id in deck_ids),
    )
    return plans, total
