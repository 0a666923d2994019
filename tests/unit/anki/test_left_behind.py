"""Defect 6: an export says what it leaves behind in Anki, compared with the last export.

The claims are Anki's own behaviour, checked here with the official library: after importing
the second export, the removed cloze number is an empty card, the deleted card and the moved
card are where they were, the type change is a conflict, and the renamed deck is a new, empty
deck beside the old one.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from neuroquiz.anki.left_behind import ExportedNote, LeftBehind, advice, left_behind
from neuroquiz.cli import cli
from neuroquiz.cli.anki_cmd import COMMANDS

from .conftest import import_apkg, notes_by_guid

SKULL = """\
title: Skull base
cards:
  - id: sb-ica
    type: cloze
    text: The {{c1::ICA}} enters via the {{c2::carotid canal}}.
  - id: sb-jugular
    type: basic
    front: What passes through the jugular foramen?
    back: CN IX, X and XI
  - id: sb-ovale
    type: basic
    front: Which nerve exits the foramen ovale?
    back: V3
  - id: sb-old
    type: basic
    front: A card deleted later
    back: gone
"""
VASCULAR = """\
title: Vascular
cards:
  - id: va-acom
    type: basic
    front: Most common aneurysm site?
    back: AComm
"""
# The next version: c2 removed, sb-old deleted, sb-ovale a cloze now, sb-jugular moved to the
# vascular deck, and the skull-base deck renamed.
SKULL_2 = """\
title: Skull base and foramina
cards:
  - id: sb-ica
    type: cloze
    text: The {{c1::ICA}} enters via the carotid canal.
  - id: sb-ovale
    type: cloze
    text: The {{c1::V3}} exits the foramen ovale.
"""
VASCULAR_2 = (
    VASCULAR
    + """\
  - id: sb-jugular
    type: basic
    front: What passes through the jugular foramen?
    back: CN IX, X and XI
"""
)


@pytest.fixture(autouse=True)
def _registered() -> None:
    for command in COMMANDS:
        if command.name not in cli.commands:
            cli.add_command(command)


def write_decks(directory: Path, skull: str, vascular: str, *, mtime: float = 1e9) -> Path:
    """The two deck files, last changed at ``mtime`` (a note's time in the export: Anki
    updates a note only from a newer one)."""
    directory.mkdir(exist_ok=True)
    for name, text in (("skull-base.yaml", skull), ("vascular.yaml", vascular)):
        (directory / name).write_text(text, encoding="utf-8")
        os.utime(directory / name, (mtime, mtime))
    return directory


def export(tmp_path: Path, decks: Path, out: Path, *args: str) -> Result:
    result = CliRunner().invoke(
        cli,
        ["--db", str(tmp_path / "p.db"), "--decks", str(decks), "export", "anki", *args,
         "-o", str(out)],
        catch_exceptions=False,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return result


def test_the_second_export_says_what_it_leaves_behind(tmp_path: Path) -> None:
    decks = write_decks(tmp_path / "decks", SKULL, VASCULAR)
    first = export(tmp_path, decks, tmp_path / "1.apkg")
    assert "Left behind" not in first.output
    write_decks(decks, SKULL_2, VASCULAR_2)
    second = export(tmp_path, decks, tmp_path / "2.apkg")
    lines = second.output.splitlines()
    assert lines[1:] == [
        "Left behind in Anki since the last export (importing into Anki never deletes or"
        " moves anything):",
        "  1 card of a removed cloze number (sb-ica c2): Anki keeps it, its front says"
        ' "No cloze N found"; in Anki, Tools > Empty Cards deletes it',
        '  1 deleted card (sb-old "A card deleted later" in NeuroQuiz::Skull base): Anki'
        " keeps them; find them in Anki's browser by their text and delete them",
        "  1 card of another type now (sb-ovale basic -> cloze): Anki counts them as"
        " conflicting and keeps the old note; delete it in Anki's browser, then import this"
        " file again",
        '  deck "NeuroQuiz::Skull base" is now "NeuroQuiz::Skull base and foramina": Anki'
        " keeps the cards in the old deck; before importing, rename it in Anki to"
        ' "NeuroQuiz::Skull base and foramina" (or afterwards, move its cards with'
        " Browse > Change Deck)",
        "  1 card moved to another deck (sb-jugular to NeuroQuiz::Vascular): Anki keeps them"
        " in the old deck; move them with Browse > Change Deck",
    ]
    # Compared with the last export: said once.
    third = export(tmp_path, decks, tmp_path / "3.apkg")
    assert "Left behind" not in third.output


def test_only_the_exported_decks_are_compared(tmp_path: Path) -> None:
    decks = write_decks(tmp_path / "decks", SKULL, VASCULAR)
    export(tmp_path, decks, tmp_path / "1.apkg")
    write_decks(decks, SKULL_2, VASCULAR_2)
    # The vascular deck alone: sb-jugular joined it, nothing of skull-base is reported.
    result = export(tmp_path, decks, tmp_path / "2.apkg", "vascular")
    assert result.output.splitlines()[1:] == [
        "Left behind in Anki since the last export (importing into Anki never deletes or"
        " moves anything):",
        "  1 card moved to another deck (sb-jugular to NeuroQuiz::Vascular): Anki keeps them"
        " in the old deck; move them with Browse > Change Deck",
    ]
    # skull-base's own changes are still to be said when it is exported.
    result = export(tmp_path, decks, tmp_path / "3.apkg", "skull-base")
    assert "sb-old" in result.output and "sb-ica c2" in result.output
    assert "moved to another deck" not in result.output


def test_an_export_without_a_usable_database_still_works(tmp_path: Path) -> None:
    decks = write_decks(tmp_path / "decks", SKULL, VASCULAR)
    (tmp_path / "p.db").write_bytes(b"not a database at all, just some bytes" * 100)
    result = export(tmp_path, decks, tmp_path / "1.apkg")
    assert "(not compared with the last export)" in result.output
    assert (tmp_path / "1.apkg").exists()


def note(card_id: str, **changes: Any) -> ExportedNote:
    fields = {"deck_id": "d", "deck_name": "NeuroQuiz::D", "kind": "basic", "ordinals": (0,),
              "label": "Q?", **changes}  # fmt: skip
    return ExportedNote(card_id=card_id, **fields)


def test_many_of_a_kind_are_counted_and_a_few_named() -> None:
    before = {f"c{i}": note(f"c{i}") for i in range(5)}
    found = left_behind(before, [note("other")], known=["other"])
    assert len(found.deleted) == 5
    (line,) = advice(found)
    assert line.startswith('5 deleted cards (c0 "Q?" in NeuroQuiz::D, c1 "Q?" in')
    assert "and 2 more)" in line
    assert not left_behind(before, list(before.values()), known=before)
    assert not LeftBehind()


def test_a_label_is_short_and_holds_no_control_character() -> None:
    from neuroquiz.anki.left_behind import exported_notes
    from neuroquiz.models import BasicCard, Deck

    card = BasicCard(id="x", front="A\x1b]0;owned\x07 question\nthat goes on and on and on",
                     back="a")  # fmt: skip
    (exported,) = exported_notes([Deck(id="d", title="D", cards=(card,))])
    assert exported.label == "A]0;owned question that goes on and on…"


def test_anki_leaves_behind_what_the_export_says(anki_collection: Any, tmp_path: Path) -> None:
    pytest.importorskip("anki")
    decks = write_decks(tmp_path / "decks", SKULL, VASCULAR)
    first, second = tmp_path / "1.apkg", tmp_path / "2.apkg"
    export(tmp_path, decks, first)
    col = anki_collection()
    import_apkg(col, first)
    write_decks(decks, SKULL_2, VASCULAR_2, mtime=1e9 + 86_400)
    export(tmp_path, decks, second)
    log = import_apkg(col, second).log
    notes = notes_by_guid(col)
    # The removed cloze number: an empty card, which Tools > Empty Cards would delete.
    (empty,) = col.get_empty_cards().notes
    assert empty.note_id == notes["nq:sb-ica"].id and len(empty.card_ids) == 1
    # The deleted card is still there; the type change is a conflict, the old note kept.
    assert "nq:sb-old" in notes
    conflicting = [entry.fields[0] for entry in log.conflicting]
    assert conflicting == ["The {{c1::V3}} exits the foramen ovale."]
    assert notes["nq:sb-ovale"].note_type()["name"] == "NeuroQuiz Basic"
    # The renamed deck exists beside the old one, which keeps the cards; the moved card
    # stays in its old deck.
    names = {d.name for d in col.decks.all_names_and_ids()}
    assert {"NeuroQuiz::Skull base", "NeuroQuiz::Skull base and foramina"} <= names
    old_deck = col.decks.id("NeuroQuiz::Skull base")
    assert {c.did for c in notes["nq:sb-ica"].cards()} == {old_deck}
    assert {c.did for c in notes["nq:sb-jugular"].cards()} == {old_deck}
