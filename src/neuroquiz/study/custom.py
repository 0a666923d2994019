"""Custom study, as in Anki: more new cards or reviews today, review ahead, cram.

- **Extra new cards / reviews today** raise the day's limits (see :func:`add_extra_today`
  and :func:`neuroquiz.study.limits.daily_quota`); the day's ordinary session then holds
  more. Nothing else changes.
- **Review ahead N days** (:class:`ReviewAhead`) is a session over the reviews due in the
  next N days (not today's: those are the ordinary session's), soonest first. Its answers
  are real reviews: logged, counted, scheduled by :func:`neuroquiz.sm2.review_early`.
- **Cram** (:class:`Cram`) is a session over the cards a Browse search finds, in a shuffled
  order, that leaves the schedule untouched: no SM-2 update, nothing logged (neither the
  review log nor the re-drill log), so limits, statistics and cohort reports never see it.
  A card graded below 4 comes back in the session, as in an ordinary one.

Sessions of both kinds are :class:`~neuroquiz.study.StudySession` with ``custom=``.
"""

from __future__ import annotations

import contextlib
import heapq
import itertools
import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from neuroquiz.store import Extra
from neuroquiz.study.queue import QueueItem, unburied
from neuroquiz.study.search import SearchQuery, Term, parse_query, search_cards

if TYPE_CHECKING:
    from neuroquiz.store import ProgressStore, QueuePick

MAX_AHEAD_DAYS = 365
"""Review ahead looks at most this far."""
MAX_SESSION = 9999
"""The largest custom session (cards)."""
SEARCH_PAGE = 200
"""Search rows read at a time while a cram queue is filled."""


@dataclass(frozen=True)
class ReviewAhead:
    """A session over the reviews due in the next ``days`` days (today's excluded).

    Attributes:
        days: How many days ahead, 1 to :data:`MAX_AHEAD_DAYS`.
        limit: The most study cards the session holds.

    Raises:
        ValueError: if ``days`` or ``limit`` is out of range.
    """

    days: int
    limit: int = 200

    def __post_init__(self) -> None:
        _check_count("days ahead", self.days, 1, MAX_AHEAD_DAYS)
        _check_count("cards", self.limit, 1, MAX_SESSION)

    @property
    def label(self) -> str:
        """How the session is named on screen."""
        return f"review ahead {self.days} day{'s' if self.days != 1 else ''}"


@dataclass(frozen=True)
class Cram:
    """A session over the cards a Browse search finds, schedule untouched.

    Attributes:
        query: A Browse search (``tag:gcs``, ``deck:vascular is:leech``, words); empty for
            every card.
        limit: The most study cards the session holds.

    Raises:
        ValueError: if the query has a term that means nothing (``type:foo``), or ``limit``
            is out of range; the message is the search's own problem line.
    """

    query: str
    limit: int = 100

    def __post_init__(self) -> None:
        _check_count("cards", self.limit, 1, MAX_SESSION)
        problems = parse_query(self.query).problems
        if problems:
            raise ValueError(problems[0])

    @property
    def label(self) -> str:
        """How the session is named on screen."""
        return f"cram {self.query.strip()}" if self.query.strip() else "cram every card"


CustomSession = ReviewAhead | Cram
"""The custom sessions a :class:`~neuroquiz.study.StudySession` can be."""


def _check_count(what: str, value: int, low: int, high: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValueError(f"{what} must be a whole number from {low} to {high}, got {value!r}")


def add_extra_today(
    store: ProgressStore,
    today: date,
    *,
    new: int = 0,
    reviews: int = 0,
    deck_id: str | None = None,
) -> Extra:
    """Raise today's limits by ``new`` new cards and ``reviews`` reviews, for one deck or
    every deck (``deck_id=None``); added to what was already added today.

    Returns:
        What is now added to today's limits of that scope.

    Raises:
        ValueError: if a count is negative, or both are 0.
    """
    extra = Extra(new=new, reviews=reviews)
    if not extra.new and not extra.reviews:
        raise ValueError("nothing to add: give a number of new cards or reviews above 0")
    return store.add_extra(today, extra, deck_id)


def custom_queue(
    store: ProgressStore,
    today: date,
    deck_ids: Sequence[str],
    custom: CustomSession,
    rng: random.Random,
) -> list[QueueItem]:
    """The queue of a custom session over ``deck_ids`` on study day ``today``."""
    if isinstance(custom, ReviewAhead):
        keys = [pick.key for pick in _ahead_picks(store, today, deck_ids, custom)]
    else:
        keys = _cram_keys(store, today, deck_ids, custom)
        rng.shuffle(keys)
    entries = store.queue_entries(keys)
    return [QueueItem.from_entry(entries[key]) for key in keys if key in entries]


def _ahead_picks(
    store: ProgressStore, today: date, deck_ids: Sequence[str], ahead: ReviewAhead
) -> list[QueuePick]:
    """Reviews due after today and within ``ahead.days``, soonest first; none of a card
    answered today (its first grade of the day is given), siblings buried if they are."""
    until = today + timedelta(days=ahead.days)
    order = {deck_id: i for i, deck_id in enumerate(deck_ids)}
    answered = frozenset(store.answered_card_ids(today))
    bury = store.study_options().bury_siblings

    def rank(pick: QueuePick) -> tuple[date, int, int, int]:
        assert pick.due is not None  # due picks are reviewed cards
        return (pick.due, order[pick.deck_id], pick.position, pick.ordinal)

    with contextlib.ExitStack() as stack:
        rows = [
            stack.enter_context(
                contextlib.closing(store.iter_ahead_picks(deck_id, today, until, 2**62))
            )
            for deck_id in deck_ids
        ]
        merged = heapq.merge(*rows, key=rank)
        if bury:
            picks = unburied(merged, answered)
        else:
            picks = (pick for pick in merged if pick.card_id not in answered)
        return list(itertools.islice(picks, ahead.limit))


def _cram_keys(store: ProgressStore, today: date, deck_ids: Sequence[str], cram: Cram) -> list[str]:
    """The study cards of the unsuspended cards ``cram.query`` finds in ``deck_ids``, in
    search order, up to ``cram.limit``."""
    decks = set(deck_ids)
    parsed = parse_query(cram.query)
    # A term, not text added to the query: an unclosed quote there would swallow it.
    unsuspended = SearchQuery((*parsed.terms, Term("is", ("suspended",), negated=True)))
    result = search_cards(store, unsuspended, today=today)
    keys: list[str] = []
    for start in range(0, len(result), SEARCH_PAGE):
        for row in result.rows(start, start + SEARCH_PAGE):
            if row.deck_id not in decks:
                continue
            for key in store.study_keys(row.card_id):
                keys.append(key)
                if len(keys) >= cram.limit:
                    return keys
    return keys
