"""Migration 0011 (cards.content_changed_ns): when each card's content last changed.

Sync records the deck file's modification time for the cards it adds or finds changed; an
export gives each Anki note its own card's time (#11 defect 5).
"""

from __future__ import annotations

from pathlib import Path

from sqlite_utils import Database

from neuroquiz.decks.stamps import StampedDeck
from neuroquiz.models import BasicCard, Deck
from neuroquiz.store import ProgressStore, migrations

S = 1_000_000_000  # nanoseconds per second
T = 1_772_442_000 * S


def _deck(back: str = "A", *, deck_id: str = "d", extra: bool = False) -> Deck:
    cards = [BasicCard(id="b", front="Q?", back=back), BasicCard(id="c", front="Q2?", back="B")]
    if extra:
        cards.append(BasicCard(id="e", front="Q3?", back="C"))
    return Deck(id=deck_id, title="D", cards=tuple(cards))


def _sync(store: ProgressStore, deck: Deck, mtime_ns: int | None) -> None:
    store.sync_files([StampedDeck(Path(f"{deck.id}.yaml"), deck, mtime_ns=mtime_ns)])


def test_sync_records_the_file_time_of_added_and_changed_cards_only() -> None:
    store = ProgressStore(Database(memory=True))
    _sync(store, _deck(), T)
    assert store.content_times(["b", "c", "nope"]) == {"b": T, "c": T}
    _sync(store, _deck("A2", extra=True), T + 50 * S)  # b changed, e added, c as it was
    assert store.content_times(["b", "c", "e"]) == {"b": T + 50 * S, "c": T, "e": T + 50 * S}
    _sync(store, _deck("A2", extra=True), T + 90 * S)  # the file touched, nothing changed
    assert store.content_times(["b", "c", "e"]) == {"b": T + 50 * S, "c": T, "e": T + 50 * S}


def test_a_change_never_goes_back_in_time() -> None:
    store = ProgressStore(Database(memory=True))
    _sync(store, _deck(), T + S // 2)
    _sync(store, _deck("A2"), T - 500 * S)  # an older copy put back with its time
    assert store.content_times(["b", "c"]) == {"b": T + S, "c": T + S // 2}


def test_a_card_moved_to_another_deck_changed() -> None:
    store = ProgressStore(Database(memory=True))
    _sync(store, _deck(), T)
    left = Deck(id="d", title="D", cards=_deck().cards[1:])
    moved = Deck(id="d2", title="D2", cards=_deck().cards[:1])
    store.sync_files(
        [
            StampedDeck(Path("d.yaml"), left, mtime_ns=T + 7 * S),
            StampedDeck(Path("d2.yaml"), moved, mtime_ns=T + 9 * S),
        ]
    )
    assert store.content_times(["b", "c"]) == {"b": T + 9 * S, "c": T}


def test_an_unknown_time_is_null_until_filled() -> None:
    store = ProgressStore(Database(memory=True))
    _sync(store, _deck(), T)
    store.sync([_deck("A2")])  # decks without a file time
    assert store.content_times(["b", "c"]) == {"c": T}
    store.fill_content_times({"b": T + 3 * S, "c": T + 3 * S})
    assert store.content_times(["b", "c"]) == {"b": T + 3 * S, "c": T}


def test_migration_0011_takes_the_deck_file_time_of_cards_already_there() -> None:
    db = Database(memory=True)
    migrations().apply(db, stop_before="0011_card_modified")
    for deck_id, mtime_ns, stamped_fingerprint in [
        ("synced", T, "f-synced"),  # a trusted stamp matching the deck's rows
        ("racy", -1, "f-racy"),  # a stamp too recent to trust
        ("edited", T, "older"),  # the file stamp is not of the rows held
    ]:
        db.execute(
            "INSERT INTO decks (id, title, fingerprint) VALUES (?, 'D', ?)",
            [deck_id, f"f-{deck_id}"],
        )
        db.execute(
            "INSERT INTO cards (id, deck_id, type, content_hash, payload) VALUES"
            " (?, ?, 'basic', 'h', '{}')",
            [f"card-{deck_id}", deck_id],
        )
        db.execute(
            "INSERT INTO deck_files VALUES (?, 'p', 1, ?, 1, 1, 'h', 'r', ?, 1)",
            [deck_id, mtime_ns, stamped_fingerprint],
        )
    db.execute("INSERT INTO decks (id, title) VALUES ('nofile', 'D')")
    db.execute("INSERT INTO cards (id, deck_id, type, content_hash, payload) VALUES"
               " ('card-nofile', 'nofile', 'basic', 'h', '{}')")  # fmt: skip
    db.conn.commit()
    store = ProgressStore(db)  # applies 0011
    ids = ["card-synced", "card-racy", "card-edited", "card-nofile"]
    assert store.content_times(ids) == {"card-synced": T}
