"""Sync's first step, with no database access: decks prepared one at a time.

Each deck is fingerprinted as it comes; one whose fingerprint matches the store's keeps
only its title, description, fingerprint and card count, so a sync over a generator of
decks holds one deck's card models at a time, plus those of the decks that changed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pydantic import TypeAdapter

from neuroquiz.decks.problems import LoadedDeck
from neuroquiz.decks.stamps import FileStamp, StampedDeck, UnchangedDeck
from neuroquiz.errors import NeuroquizError
from neuroquiz.models import Card, Deck

if TYPE_CHECKING:
    from sqlite_utils import Database


FINGERPRINT_VERSION = b"neuroquiz-deck-fingerprint-1\n"
"""Salt of :func:`deck_fingerprint`; change it when sync's per-card rules change, so that
every deck is compared card by card once more."""

_CARDS_JSON: TypeAdapter[tuple[Card, ...]] = TypeAdapter(tuple[Card, ...])


def deck_fingerprint(deck: Deck) -> str:
    """A digest of a deck's cards: their order and every field (title and description aside).

    Two decks with the same fingerprint sync to the same card rows, so a deck whose stored
    fingerprint matches needs no per-card work.
    """
    digest = hashlib.blake2b(FINGERPRINT_VERSION, digest_size=20)
    digest.update(_CARDS_JSON.dump_json(deck.cards))
    return digest.hexdigest()


@dataclass(frozen=True, slots=True)
class PreparedDeck:
    """A deck as sync needs it: its cards only if they may differ from the store's.

    Attributes:
        id: The deck id.
        title: Its title.
        description: Its description.
        fingerprint: :func:`deck_fingerprint` of its cards.
        card_count: How many cards it has.
        cards: Its cards, or None if its fingerprint matched the store's when it was
            prepared (the store's card rows are then exactly these cards).
        stamp: Its file's stamp, recorded by the sync (None: record nothing).
        changed_ns: Its file's modification time (epoch ns), recorded by the sync as the
            content time of the cards it adds or finds changed (None: unknown).
    """

    id: str
    title: str
    description: str
    fingerprint: str
    card_count: int
    cards: tuple[Card, ...] | None
    stamp: FileStamp | None = None
    changed_ns: int | None = None


def prepare_decks(decks: Iterable[Deck], known: Mapping[str, str]) -> list[PreparedDeck]:
    """Fingerprint decks one at a time, keeping the cards only of those that changed.

    Pure (no database): the app runs it in a worker thread while the deck files are read,
    so that each deck model can be freed as soon as the next one is read.

    Args:
        decks: The decks, in order (any iterable, consumed once).
        known: The fingerprints the store holds, per active deck id
            (:func:`stored_fingerprints`).

    Returns:
        The prepared decks, in order.

    Raises:
        NeuroquizError: if a deck id or a card id appears twice.
    """
    return prepare_files(decks, known)


def prepare_files(
    decks: Iterable[Deck | LoadedDeck | UnchangedDeck], known: Mapping[str, str]
) -> list[PreparedDeck]:
    """Like :func:`prepare_decks`, for deck files as ``neuroquiz.decks.stamps`` reads them.

    An :class:`UnchangedDeck` was not parsed: it is prepared from what the store recorded,
    without cards (its ids were checked by the loader). A parsed deck keeps its file's stamp
    and modification time.
    """
    prepared: list[PreparedDeck] = []
    deck_ids: set[str] = set()
    owner: dict[str, str] = {}
    for item in decks:
        stamp = None
        changed_ns = None
        if isinstance(item, UnchangedDeck):
            same = item.known
            if same.deck_id in deck_ids:
                raise NeuroquizError(f"deck id {same.deck_id!r} is given twice")
            deck_ids.add(same.deck_id)
            prepared.append(
                PreparedDeck(
                    same.deck_id,
                    same.title,
                    same.description,
                    same.fingerprint,
                    same.card_count,
                    None,
                    item.stamp,
                )
            )
            continue
        if isinstance(item, LoadedDeck):
            deck = item.deck
            if isinstance(item, StampedDeck):
                stamp, changed_ns = item.stamp, item.mtime_ns
        else:
            deck = item
        if deck.id in deck_ids:
            raise NeuroquizError(f"deck id {deck.id!r} is given twice")
        deck_ids.add(deck.id)
        before = len(owner)
        for card in deck.cards:
            first = owner.setdefault(card.id, deck.id)
            if first != deck.id:
                raise NeuroquizError(
                    f"card id {card.id!r} appears twice (decks {first!r} and {deck.id!r})"
                )
        if len(owner) - before != len(deck.cards):
            _raise_twice_in(deck)  # a card id twice within this deck
        fingerprint = deck_fingerprint(deck)
        changed = known.get(deck.id) != fingerprint
        prepared.append(
            PreparedDeck(
                deck.id,
                deck.title,
                deck.description,
                fingerprint,
                len(deck.cards),
                deck.cards if changed else None,
                stamp,
                changed_ns,
            )
        )
    return prepared


def _raise_twice_in(deck: Deck) -> None:
    seen: set[str] = set()
    for card in deck.cards:
        if card.id in seen:
            raise NeuroquizError(f"card id {card.id!r} appears twice (deck {deck.id!r})")
        seen.add(card.id)


def stored_fingerprints(db: Database) -> dict[str, str]:
    """The fingerprint of each active deck whose rows are in line with it (see module doc)."""
    return {
        str(row[0]): str(row[1])
        for row in db.execute(
            "SELECT id, fingerprint FROM decks WHERE retired = 0 AND fingerprint IS NOT NULL"
        )
    }
