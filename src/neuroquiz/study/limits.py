"""Daily limits and today's quotas.

The limits themselves (:class:`Limits`) live in the store, which keeps them; this module
turns them and the day's logged answers into how many new cards and reviews are left.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from neuroquiz.store import DayCounts, Extra, Limits


@dataclass(frozen=True)
class Quota:
    """What is left for today.

    Attributes:
        new: New study cards left over all decks.
        reviews: Reviews left over all decks.
        new_by_deck: New study cards left per deck (within ``new``).
        reviews_by_deck: Reviews left per deck (within ``reviews``).
    """

    new: int
    reviews: int
    new_by_deck: dict[str, int]
    reviews_by_deck: dict[str, int]


def daily_quota(
    global_limits: Limits,
    deck_limits: Mapping[str, Limits],
    done_today: Mapping[str, DayCounts],
    deck_ids: Sequence[str],
    extras: Mapping[str, Extra] | None = None,
) -> Quota:
    """How many new cards and reviews are left today, in total and per deck.

    The global limits cap the day's total over ALL decks (answers in decks outside
    ``deck_ids`` count too); a deck's own limits also cap that deck. Custom study's extras
    of the day raise them: a global extra raises the global limits and every deck's own; a
    deck's extra raises that deck's own limits and the global ones (so that the deck can
    use it; studying all decks, the others may take some of it).

    Args:
        global_limits: The global daily limits.
        deck_limits: Decks with their own limits.
        done_today: First answers already logged today, by deck.
        deck_ids: The decks being studied.
        extras: Today's extras by scope (``''`` global, else a deck id).
    """
    extras = extras or {}
    everywhere = extras.get("", Extra())
    new_extra = sum(extra.new for extra in extras.values())
    reviews_extra = sum(extra.reviews for extra in extras.values())
    new_done = sum(c.new for c in done_today.values())
    reviews_done = sum(c.reviews for c in done_today.values())
    new_left = max(0, global_limits.new_per_day + new_extra - new_done)
    reviews_left = max(0, global_limits.reviews_per_day + reviews_extra - reviews_done)
    new_by_deck: dict[str, int] = {}
    reviews_by_deck: dict[str, int] = {}
    for deck_id in deck_ids:
        own = deck_limits.get(deck_id)
        done = done_today.get(deck_id, DayCounts())
        if own is None:
            new_by_deck[deck_id] = new_left
            reviews_by_deck[deck_id] = reviews_left
        else:
            extra = extras.get(deck_id, Extra())
            own_new = own.new_per_day + everywhere.new + extra.new
            own_reviews = own.reviews_per_day + everywhere.reviews + extra.reviews
            new_by_deck[deck_id] = min(new_left, max(0, own_new - done.new))
            reviews_by_deck[deck_id] = min(reviews_left, max(0, own_reviews - done.reviews))
    return Quota(new_left, reviews_left, new_by_deck, reviews_by_deck)


__all__ = ["Limits", "Quota", "daily_quota"]
