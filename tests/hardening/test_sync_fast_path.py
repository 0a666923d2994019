"""The sync fast path (per-deck fingerprints) gives exactly what the card-by-card sync gives.

A store that skips decks whose fingerprint matches is compared, after every sync of a random
history of collections (full and partial syncs, cards moving between decks, edited, removed
and restored), with a store whose fingerprints are wiped before each sync, so that it always
compares every card.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlite_utils import Database

from neuroquiz.models import BasicCard, ClozeCard, Deck, card_ordinals, study_key
from neuroquiz.store import ProgressStore
from neuroquiz.store import sync as sync_module
from neuroquiz.store.rows import card_payload, content_hash

CARD_IDS = [f"c{i}" for i in range(7)]
DECK_IDS = ["d0", "d1", "d2"]

# One card: absent, or (deck index, content variant, sort key within the deck).
_placement = st.one_of(
    st.none(),
    st.tuples(st.integers(0, len(DECK_IDS) - 1), st.integers(0, 3), st.integers(0, 20)),
)
_collection = st.lists(_placement, min_size=len(CARD_IDS), max_size=len(CARD_IDS))
_step = st.tuples(_collection, st.booleans(), st.sets(st.integers(0, len(DECK_IDS) - 1)))


def _card(card_id: str, variant: int) -> BasicCard | ClozeCard:
    if variant == 3:
        return ClozeCard(id=card_id, text="The {{c1::a}} and {{c2::b}}.")
    if variant == 2:
        return ClozeCard(id=card_id, text="The {{c1::a}}.")
    return BasicCard(id=card_id, front=f"front {variant}", back="back")


def _decks(collection: list[tuple[int, int, int] | None], keep: set[int]) -> list[Deck]:
    """The decks of a collection; with a partial sync, only the decks in ``keep``."""
    decks = []
    for index, deck_id in enumerate(DECK_IDS):
        placed = sorted(
            (place[2], card_id, place[1])
            for card_id, place in zip(CARD_IDS, collection, strict=True)
            if place is not None and place[0] == index
        )
        if keep and index not in keep:
            continue
        cards = tuple(_card(card_id, variant) for _, card_id, variant in placed)
        decks.append(Deck(id=deck_id, title=deck_id.upper(), cards=cards))
    return decks


def _rows(store: ProgressStore) -> tuple[list[tuple[object, ...]], ...]:
    db = store.db
    return (
        db.execute("SELECT id, title, position, retired FROM decks ORDER BY id").fetchall(),
        db.execute("SELECT * FROM cards ORDER BY id").fetchall(),
        db.execute("SELECT * FROM study_cards ORDER BY key").fetchall(),
    )


def _check_in_line(
    store: ProgressStore, decks: list[Deck], before: dict[str, tuple[object, ...]], *, partial: bool
) -> None:
    """The store holds what the sync rules say, checked row by row (not by syncing again)."""
    db = store.db
    cards = {row[0]: row for row in db.execute("SELECT id, deck_id, retired FROM cards")}
    study = db.execute("SELECT key, card_id, deck_id, position, retired FROM study_cards")
    study_of: dict[str, dict[str, tuple[object, ...]]] = {}
    for key, card_id, *rest in study:
        study_of.setdefault(card_id, {})[key] = tuple(rest)
    listed = set()
    for deck in decks:
        for position, card in enumerate(deck.cards):
            listed.add(card.id)
            row = db.execute(
                "SELECT deck_id, position, content_hash, retired FROM cards WHERE id = ?",
                [card.id],
            ).fetchone()
            assert row == (deck.id, position, content_hash(card_payload(card)), 0)
            wanted = {study_key(card.id, n) for n in card_ordinals(card)}
            assert wanted <= study_of[card.id].keys()
            for key, (deck_id, pos, retired) in study_of[card.id].items():
                if key in wanted:
                    assert (deck_id, pos, retired) == (deck.id, position, 0)
                else:
                    assert retired == 1  # a deletion the cloze lost
    given = {deck.id for deck in decks}
    for card_id, (_, deck_id, retired) in cards.items():
        if card_id in listed:
            continue
        if partial and before[card_id][1] not in given:
            assert (card_id, deck_id, retired) == before[card_id]  # outside: untouched
        else:
            assert retired == 1
            assert all(rest[2] == 1 for rest in study_of[card_id].values())


@settings(max_examples=80, deadline=None)
@given(st.lists(_step, min_size=1, max_size=6))
def test_fast_sync_matches_card_by_card_sync(
    history: list[tuple[list[tuple[int, int, int] | None], bool, set[int]]],
) -> None:
    fast = ProgressStore(Database(memory=True))
    slow = ProgressStore(Database(memory=True))
    for collection, partial, keep in history:
        decks = _decks(collection, keep if partial else set())
        before = {row[0]: row for row in fast.db.execute("SELECT id, deck_id, retired FROM cards")}
        slow.db.execute("UPDATE decks SET fingerprint = NULL")
        expected = slow.sync(decks, partial=partial)
        assert fast.sync(decks, partial=partial) == expected
        assert _rows(fast) == _rows(slow)
        _check_in_line(fast, decks, before, partial=partial)


def test_an_unchanged_collection_is_synced_without_reading_any_card(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    store = ProgressStore(Database(memory=True))
    decks = _decks([(0, 0, 1), (0, 3, 2), (1, 1, 0), None, (2, 2, 0), None, None], set())
    first = store.sync(decks)
    assert first.added == 4

    def fail(*args: object, **kwargs: object) -> None:
        raise AssertionError("the fast path read the cards")

    monkeypatch.setattr(sync_module, "_load_cards", fail)
    assert store.sync(decks).unchanged == 4
    renamed = [decks[0].model_copy(update={"title": "New title"}), *decks[1:]]
    assert store.sync(renamed).unchanged == 4  # a deck's title is not its cards
    assert store.decks()[0].title == "New title"


def test_a_partial_sync_that_takes_a_card_from_another_deck_forgets_its_fingerprint() -> None:
    store = ProgressStore(Database(memory=True))
    a, b, c = (_card(card_id, 0) for card_id in ("a", "b", "c"))
    x = Deck(id="x", title="X", cards=(a, b))
    z = Deck(id="z", title="Z", cards=(c,))
    store.sync([x, z])
    store.sync([z.model_copy(update={"cards": (c, a)})], partial=True)  # a moves to z
    assert store.deck_id_of("a") == "z"
    store.sync([x], partial=True)  # x's file is as before, with a: a moves back
    assert store.deck_id_of("a") == "x"
