"""The search index (migration 0005): card_tags, card_text and cards.origin.

Checked three ways: a schema-4 database upgraded by the migration holds exactly what sync
writes into a new database; after any history of syncs the index matches the card
payloads; and free-text search finds exactly the cards whose text contains the term.
"""

from __future__ import annotations

import importlib
import json
import sqlite3
import string
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlite_utils import Database

from neuroquiz.models import BasicCard, ClozeCard, Deck, McqCard, Source
from neuroquiz.store import ProgressStore, migrations
from neuroquiz.store.rows import card_payload, content_hash, quiz_answer, search_text
from neuroquiz.study.search import has_text_index, search_cards

TODAY = date(2026, 3, 2)
# The module, not the function of the same name that neuroquiz.store exports.
migrations_module = importlib.import_module("neuroquiz.store.migrations")

CARDS = (
    BasicCard(
        id="gcs-range",
        front="Range of the Glasgow Coma Scale?",
        back="3 to 15",
        tags=("gcs", "trauma", "gcs"),  # a tag given twice is one row
        notes="Eye 1-4, verbal 1-5, motor 1-6.",
    ),
    ClozeCard(
        id="monro",
        text="The {{c1::foramen of Monro}} joins the ventricles.",
        origin="generated",
        source=Source(document="anatomy.pdf", sentences=("The foramen joins.",)),
        tags=("Ventricles",),
    ),
    McqCard(
        id="edh",
        question="Artery torn in an epidural hematoma?",
        answer="middle meningeal artery",
        distractors=("bridging veins", "superficial temporal artery"),
    ),
    BasicCard(id="gone", front="Retired before the upgrade", back="x", tags=("old",)),
)


def _index(store: ProgressStore) -> tuple[object, ...]:
    """The search index by card id (rowids differ between databases)."""
    db = store.db
    tags = db.execute("SELECT card_id, tag FROM card_tags ORDER BY card_id, tag").fetchall()
    text = db.execute(
        "SELECT c.id, t.text FROM card_text AS t JOIN cards AS c ON c.rowid = t.rowid ORDER BY c.id"
    ).fetchall()
    origin = db.execute("SELECT id, origin FROM cards ORDER BY id").fetchall()
    return tags, text, origin


def _schema_4_store() -> Database:
    """A database at schema version 4 holding CARDS as that version's sync wrote them."""
    db = Database(memory=True)
    migrations().apply(db, stop_before="0005_search_index")
    db.execute("INSERT INTO decks (id, title, position) VALUES ('d', 'D', 0)")
    for position, card in enumerate(CARDS):
        payload = card_payload(card)
        db.execute(
            "INSERT INTO cards (id, deck_id, type, content_hash, payload, quiz_answer, position, "
            "retired) VALUES (?, 'd', ?, ?, ?, ?, ?, ?)",
            [
                card.id,
                card.type,
                content_hash(payload),
                payload,
                quiz_answer(card),
                position,
                int(card.id == "gone"),
            ],
        )
    db.conn.commit()
    return db


def test_migration_backfills_what_sync_writes() -> None:
    upgraded = ProgressStore(_schema_4_store())  # applies 0005
    fresh = ProgressStore(Database(memory=True))
    fresh.sync([Deck(id="d", title="D", cards=CARDS)])
    fresh.sync([Deck(id="d", title="D", cards=CARDS[:3])])  # retires "gone"
    assert _index(upgraded) == _index(fresh)
    tags, text, origin = _index(upgraded)
    assert ("gcs-range", "gcs") in tags and ("gone", "old") in tags  # retired cards too
    assert len(text) == len(CARDS)
    assert ("monro", "generated") in origin
    # ... and search reads it: tags, text, origin.
    tagged = search_cards(upgraded, "tag:ventricles", today=TODAY)
    assert [row.card_id for row in tagged.rows(0, 9)] == ["monro"]
    assert len(search_cards(upgraded, "meningeal", today=TODAY)) == 1
    assert len(search_cards(upgraded, "anatomy.pdf is:generated", today=TODAY)) == 1
    assert len(search_cards(upgraded, "retired before", today=TODAY)) == 0


def test_sync_after_the_upgrade_changes_nothing() -> None:
    store = ProgressStore(_schema_4_store())
    before = _index(store)
    report = store.sync([Deck(id="d", title="D", cards=CARDS[:3])])
    assert report.unchanged == 3 and not report.touched
    assert _index(store) == before


def test_without_fts5_card_text_is_a_plain_table_and_search_gives_the_same_cards(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with_fts = ProgressStore(Database(memory=True))
    # As on a SQLite without the trigram tokenizer: creating the index fails.
    monkeypatch.setattr(
        migrations_module,
        "CARD_TEXT_FTS",
        "CREATE VIRTUAL TABLE card_text USING fts5(text, tokenize = 'no_such_tokenizer')",
    )
    plain = ProgressStore(Database(memory=True))
    assert has_text_index(with_fts) and not has_text_index(plain)
    decks = [Deck(id="d", title="D", cards=CARDS)]
    for store in (with_fts, plain):
        store.sync(decks)
        store.sync([Deck(id="d", title="D", cards=(CARDS[1], CARDS[0]))])
    for query in ("glasgow", "GLASGOW coma", "1-", "%", "anatomy", "-ventricles", "e", "tag:gcs"):
        found = [
            [r.card_id for r in search_cards(store, query, today=TODAY).rows(0, 9)]
            for store in (with_fts, plain)
        ]
        assert found[0] == found[1], query


# -- sync keeps the index in line with the payloads ---------------------------------------

_VARIANTS = (
    lambda card_id: BasicCard(id=card_id, front="alpha beta", back="gamma", tags=("t1",)),
    lambda card_id: BasicCard(id=card_id, front="alpha delta", back="gamma", tags=("t1", "T2")),
    lambda card_id: ClozeCard(
        id=card_id,
        text="The {{c1::epsilon}}.",
        origin="generated",
        source=Source(document="doc.txt"),
    ),
    lambda card_id: McqCard(id=card_id, question="zeta?", answer="eta", distractors=("a", "b")),
)
_placement = st.one_of(st.none(), st.tuples(st.integers(0, 1), st.integers(0, 3)))


def _check_index(store: ProgressStore) -> None:
    db = store.db
    cards = db.execute("SELECT rowid, id, payload, origin FROM cards").fetchall()
    texts = dict(db.execute("SELECT rowid, text FROM card_text").fetchall())
    assert len(texts) == len(cards)
    for rowid, card_id, payload, origin in cards:
        fields = json.loads(payload)
        assert texts[rowid] == search_text(fields)
        assert origin == fields["origin"]
        tags = db.execute("SELECT tag FROM card_tags WHERE card_id = ?", [card_id]).fetchall()
        assert sorted(tag for (tag,) in tags) == sorted(set(fields["tags"]))


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(st.lists(_placement, min_size=4, max_size=4), st.booleans()),
        min_size=1,
        max_size=5,
    )
)
def test_the_index_matches_the_payloads_after_any_syncs(
    history: list[tuple[list[tuple[int, int] | None], bool]],
) -> None:
    store = ProgressStore(Database(memory=True))
    for placements, partial in history:
        decks = [
            Deck(
                id=f"d{index}",
                title="D",
                cards=tuple(
                    _VARIANTS[place[1]](f"c{n}")
                    for n, place in enumerate(placements)
                    if place is not None and place[0] == index
                ),
            )
            for index in (0, 1)
        ]
        store.sync(decks[:1] if partial else decks, partial=partial)
        _check_index(store)


# -- free text finds exactly the substrings -----------------------------------------------

_ALPHABET = string.ascii_letters + string.digits + " -%_.,'\"éÉ\x00"
_words = st.text(alphabet=_ALPHABET, min_size=1, max_size=30)


@settings(max_examples=60, deadline=None)
@given(st.lists(_words, min_size=1, max_size=6), st.data())
def test_free_text_finds_exactly_the_cards_containing_the_term(
    fronts: list[str], data: st.DataObject
) -> None:
    cards = tuple(
        BasicCard(id=f"c{n}", front=front, back="x")
        for n, front in enumerate(fronts)
        if front.replace("\x00", "").strip()  # a blank or only-control front is refused
    )
    store = ProgressStore(Database(memory=True))
    store.sync([Deck(id="d", title="D", cards=cards)])
    # A piece of one of the fronts (so that some cards match), with its case swapped.
    source = data.draw(st.sampled_from(fronts))
    start = data.draw(st.integers(0, len(source) - 1))
    term = source[start : data.draw(st.integers(start + 1, len(source)))].strip().swapcase()
    term = term.replace('"', "")  # the parser takes quotes as phrase marks
    if not term or term.startswith("-"):
        return  # a negation, not a text term
    result = search_cards(store, f'"{term}"', today=TODAY)
    found = [row.card_id for row in result.rows(0, len(result))]
    # What the card text holds, searched naively. NUL is a space to search (SQLite's text
    # functions stop at a NUL); three or more characters: FTS5 folds case in every script;
    # fewer: LIKE folds ASCII letters only.
    wanted = term.replace("\x00", " ")
    ascii_lower = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
    fold = str.casefold if len(wanted) >= 3 else (lambda text: text.translate(ascii_lower))
    expected = [
        card.id
        for card in cards
        if fold(wanted) in fold(f"{card.id}\n{card.front}\nx".replace("\x00", " "))
    ]
    assert found == expected


def test_a_failed_backfill_leaves_schema_4_as_it_was() -> None:
    # The migration is all or nothing.
    db = _schema_4_store()
    db.execute("UPDATE cards SET payload = 'not json' WHERE id = 'edh'")
    db.conn.commit()
    with pytest.raises((ValueError, sqlite3.DatabaseError)):
        ProgressStore(db)
    names = [row[0] for row in db.execute("SELECT name FROM sqlite_master").fetchall()]
    assert "card_tags" not in names and "card_text" not in names
    assert [m.name for m in migrations().applied(db)][-1] == "0004_deck_fingerprints"
