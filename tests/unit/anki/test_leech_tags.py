"""The leech mark both ways, as Anki's ``leech`` note tag (official ``anki`` library as judge).

``export anki --with-progress`` tags the note of a card with a leech study card ``leech``, as
Anki tags a note whose card becomes a leech; ``import anki --with-progress`` turns the tag
back into the mark (the study cards of the note with the most lapses) and never writes it
into a deck file as a card tag.
"""

from __future__ import annotations

import sqlite3
import zipfile
from pathlib import Path
from typing import Any

import pytest
from anki.scheduler_pb2 import CardAnswer

from neuroquiz.decks import load_decks
from neuroquiz.store import open_store

from .conftest import import_apkg, notes_by_guid
from .test_anki_round_trip import export_from_anki, invoke, study_in_anki

pytest.importorskip("anki")

DECK = """\
title: Tiny
cards:
  - id: t-one
    type: basic
    front: What connects the lateral and third ventricles?
    back: the foramen of Monro
    tags: [csf]
  - id: t-two
    type: cloze
    text: The {{c1::Glasgow Coma Scale}} ranges from {{c2::3}} to 15.
"""


@pytest.fixture
def decks(tmp_path: Path) -> Path:
    directory = tmp_path / "decks"
    directory.mkdir()
    (directory / "tiny.yaml").write_text(DECK, encoding="utf-8")
    store = open_store(tmp_path / "p.db")
    store.sync([item.deck for item in load_decks([directory]).decks])
    store.close()
    return directory


def _package_tags(package: Path, tmp_path: Path) -> dict[str, str]:
    database = tmp_path / f"{package.stem}.anki2"
    with zipfile.ZipFile(package) as archive:
        database.write_bytes(archive.read("collection.anki2"))
    connection = sqlite3.connect(database)
    try:
        return dict(connection.execute("SELECT guid, tags FROM notes").fetchall())
    finally:
        connection.close()


def test_export_with_progress_tags_a_leech_note_as_anki_does(
    tmp_path: Path, decks: Path, anki_collection: Any
) -> None:
    store = open_store(tmp_path / "p.db")
    store.set_leech("t-two:c1", True)
    store.close()
    db = tmp_path / "p.db"
    plain, progress = tmp_path / "plain.apkg", tmp_path / "progress.apkg"
    invoke(db, decks, "export", "anki", "-o", str(plain))
    invoke(db, decks, "export", "anki", "--with-progress", "-o", str(progress))
    assert all("leech" not in tags.split() for tags in _package_tags(plain, tmp_path).values())
    col = anki_collection()
    import_apkg(col, progress, with_scheduling=True)
    assert [col.get_note(nid).guid for nid in col.find_notes("tag:leech")] == ["nq:t-two"]
    assert sorted(notes_by_guid(col)["nq:t-one"].tags) == ["csf", "tiny"]


def test_an_anki_leech_tag_marks_the_card_with_the_most_lapses(
    tmp_path: Path, decks: Path, anki_collection: Any
) -> None:
    db = tmp_path / "p.db"
    first, back = tmp_path / "1.apkg", tmp_path / "back.apkg"
    invoke(db, decks, "export", "anki", "-o", str(first))
    col = anki_collection()
    import_apkg(col, first)
    notes = notes_by_guid(col)
    cloze = notes["nq:t-two"]
    lapses = {0: 8, 1: 1}
    for card in cloze.cards():
        col.db.execute("UPDATE cards SET lapses = ? WHERE id = ?", lapses[card.ord], card.id)
    for note in (cloze, notes["nq:t-one"]):
        note.add_tag("leech")
        col.update_note(note)
    export_from_anki(col, back, "apkg")
    result = invoke(db, decks, "import", "anki", str(back), "--with-progress")
    assert "Unchanged" in result.output  # the tag is not a card tag of the deck file
    assert "  2 leeches marked, 0 unmarked as in Anki ('leech' tag)" in result.output
    store = open_store(db)
    marks = {key: store.is_leech(key) for key in ("t-one", "t-two:c1", "t-two:c2")}
    store.close()
    assert marks == {"t-one": True, "t-two:c1": True, "t-two:c2": False}
    assert (decks / "tiny.yaml").read_text(encoding="utf-8") == DECK


def test_a_newer_anki_review_without_the_tag_lifts_the_mark(
    tmp_path: Path, decks: Path, anki_collection: Any
) -> None:
    db = tmp_path / "p.db"
    store = open_store(db)
    store.set_leech("t-one", True)
    store.close()
    first, back = tmp_path / "1.apkg", tmp_path / "back.apkg"
    invoke(db, decks, "export", "anki", "--with-progress", "-o", str(first))
    col = anki_collection()
    import_apkg(col, first, with_scheduling=True)
    note = notes_by_guid(col)["nq:t-one"]
    note.remove_tag("leech")  # the resident rewrote it in Anki and studied it again
    col.update_note(note)
    col.decks.select(col.decks.id("NeuroQuiz::Tiny"))
    study_in_anki(col, {"nq:t-one/0": [CardAnswer.GOOD]})
    export_from_anki(col, back, "apkg")
    result = invoke(db, decks, "import", "anki", str(back), "--with-progress")
    assert "  0 leeches marked, 1 unmarked as in Anki ('leech' tag)" in result.output
    store = open_store(db)
    assert not store.is_leech("t-one")
    store.close()


def test_a_card_of_its_own_tagged_leech_comes_back_unchanged(
    tmp_path: Path, anki_collection: Any
) -> None:
    decks = tmp_path / "own"
    decks.mkdir()
    text = DECK.replace("tags: [csf]", "tags: [csf, leech]")
    (decks / "tiny.yaml").write_text(text, encoding="utf-8")
    db = tmp_path / "own.db"
    first, back = tmp_path / "1.apkg", tmp_path / "back.apkg"
    invoke(db, decks, "export", "anki", "-o", str(first))
    col = anki_collection()
    import_apkg(col, first)
    export_from_anki(col, back, "apkg")
    result = invoke(db, decks, "import", "anki", str(back), "--out", str(decks))
    assert "Unchanged" in result.output
    assert (decks / "tiny.yaml").read_text(encoding="utf-8") == text
