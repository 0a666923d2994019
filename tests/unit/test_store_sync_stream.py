"""Streaming sync: decks read one at a time, unchanged decks kept without their cards."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlite_utils import Database

from neuroquiz.decks import DeckProblem, LoadedDeck, load_decks
from neuroquiz.decks.load import iter_decks
from neuroquiz.errors import NeuroquizError
from neuroquiz.models import BasicCard, Deck
from neuroquiz.store import ProgressStore, SyncReport
from neuroquiz.store.sync import deck_fingerprint, prepare_decks


def _deck(deck_id: str, *card_ids: str, title: str = "") -> Deck:
    cards = [BasicCard(id=c, front=f"front {c}", back=f"back {c}") for c in card_ids]
    return Deck(id=deck_id, title=title or deck_id, cards=cards)


def _dump(store: ProgressStore) -> list[str]:
    # Without the migrations' own table, which records when each ran.
    return [line for line in store.db.conn.iterdump() if "_sqlite_migrations" not in line]


def test_a_generator_syncs_like_a_list() -> None:
    decks = [_deck("a", "a1", "a2"), _deck("b", "b1")]
    from_list = ProgressStore(Database(memory=True))
    from_list.sync(decks)
    from_stream = ProgressStore(Database(memory=True))
    report = from_stream.sync(deck for deck in decks)
    assert report == SyncReport(added=3)
    assert _dump(from_stream) == _dump(from_list)


def test_unchanged_decks_are_prepared_without_their_cards() -> None:
    store = ProgressStore(Database(memory=True))
    store.sync([_deck("a", "a1"), _deck("b", "b1")])
    prepared = prepare_decks([_deck("a", "a1"), _deck("b", "b1", "b2")], store.deck_fingerprints())
    assert [p.cards is None for p in prepared] == [True, False]
    assert prepared[0].fingerprint == deck_fingerprint(_deck("a", "a1"))
    assert store.sync_prepared(prepared) == SyncReport(added=1, unchanged=2)


def test_models_of_unchanged_decks_are_freed_as_the_stream_goes() -> None:
    store = ProgressStore(Database(memory=True))
    store.sync([_deck(f"d{i}", f"c{i}") for i in range(5)])
    alive: list[weakref.ref[Deck]] = []
    most_alive = 0

    def decks() -> Iterator[Deck]:
        nonlocal most_alive
        for i in range(5):
            deck = _deck(f"d{i}", f"c{i}")
            alive.append(weakref.ref(deck))
            gc.collect()
            most_alive = max(most_alive, sum(ref() is not None for ref in alive))
            yield deck
            del deck

    assert store.sync(decks()) == SyncReport(unchanged=5)
    assert most_alive <= 2  # the deck read now and the one just prepared, never all five


def test_a_stream_retires_what_is_missing_from_the_whole_stream() -> None:
    store = ProgressStore(Database(memory=True))
    store.sync([_deck("a", "a1"), _deck("b", "b1"), _deck("c", "c1")])
    report = store.sync(iter([_deck("a", "a1"), _deck("c", "c1", "b1")]))
    assert report == SyncReport(changed=1, unchanged=2, retired_decks=1)  # b1 moved to c
    assert [d.id for d in store.decks()] == ["a", "c"]
    assert store.deck_id_of("b1") == "c"


def test_a_deck_changed_by_another_sync_meanwhile_is_left_as_that_sync_wrote_it() -> None:
    store = ProgressStore(Database(memory=True))
    store.sync([_deck("a", "a1"), _deck("b", "b1")])
    prepared = prepare_decks([_deck("a", "a1"), _deck("b", "b1")], store.deck_fingerprints())
    store.sync([_deck("a", "a1"), _deck("b", "b1", "b2")])  # another process, meanwhile
    before = _dump(store)
    store.sync_prepared(prepared)  # b was prepared without cards: it is not rolled back
    assert _dump(store) == before


@pytest.mark.parametrize(
    ("decks", "message"),
    [
        ([_deck("a", "x"), _deck("a", "y")], "deck id 'a' is given twice"),
        ([_deck("a", "x"), _deck("b", "x")], "card id 'x' appears twice (decks 'a' and 'b')"),
        ([_deck("a", "y", "x", "x")], "card id 'x' appears twice (deck 'a')"),
    ],
)
def test_ids_given_twice_are_refused_before_anything_is_written(
    decks: list[Deck], message: str
) -> None:
    store = ProgressStore(Database(memory=True))
    with pytest.raises(NeuroquizError, match=message.replace("(", r"\(").replace(")", r"\)")):
        store.sync(iter(decks))
    assert store.decks() == []


def _write(path: Path, title: str, *card_ids: str) -> None:
    card = "  - id: {0}\n    type: basic\n    front: f {0}\n    back: b {0}\n"
    cards = "".join(card.format(c) for c in card_ids)
    path.write_text(f"title: {title}\ncards:\n{cards}", encoding="utf-8")


def test_iter_decks_yields_what_load_decks_returns(tmp_path: Path) -> None:
    _write(tmp_path / "a.yaml", "A", "a1", "shared")
    _write(tmp_path / "b.yaml", "B", "b1", "shared")  # reuses an id of a.yaml
    (tmp_path / "c.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    _write(tmp_path / "d.yaml", "D", "d1")
    items = list(iter_decks([tmp_path]))
    result = load_decks([tmp_path])
    assert [i for i in items if isinstance(i, LoadedDeck)] == list(result.decks)
    problems = [i for i in items if isinstance(i, DeckProblem)]
    assert problems == list(result.problems)
    assert [p.path.name for p in problems] == ["b.yaml", "c.yaml"]
    assert f"already used in {tmp_path / 'a.yaml'}:7" in problems[0].message
