"""Control characters in deck titles (issue 12 item 7): refused by check, never exported.

YAML's double-quoted escapes let a deck file hold ``"\\e]0;pwned\\a"``; printed, it sets the
terminal's title. ``check`` reports it; the exporters write neither it nor any other control
character, whatever the deck holds (read back with the official ``anki`` library and as TSV
bytes).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from neuroquiz.cli import cli

HOSTILE = """\
title: "Neuro \\e]0;pwned\\a basics\\x9b"
description: "Line one\\nline two\\e[2J"
cards:
  - id: h-one
    type: basic
    front: "What \\e[31m connects\\x9b the ventricles?"
    back: foramen of Monro
    tags: ["csf\\eflow"]
  - id: h-two
    type: cloze
    text: "The {{c1::aqueduct\\x07}} joins the third and fourth ventricles."
"""
CLEAN_NAME = "NeuroQuiz::Neuro ]0;pwned basics"
CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]")
"""C0 controls but tab and newline, DEL, and C1 controls (UTF-8 encoded)."""


@pytest.fixture
def decks(tmp_path: Path) -> Path:
    folder = tmp_path / "decks"
    folder.mkdir()
    (folder / "hostile.yaml").write_text(HOSTILE, encoding="utf-8")
    return folder


def invoke(tmp_path: Path, decks: Path, *args: str) -> Result:
    return CliRunner().invoke(
        cli, ["--db", str(tmp_path / "p.db"), "--decks", str(decks), *args], catch_exceptions=False
    )


def test_check_reports_control_characters_in_the_title_and_description(
    tmp_path: Path, decks: Path
) -> None:
    result = invoke(tmp_path, decks, "check")

    path = decks / "hostile.yaml"
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"{path}:1:1: title holds control characters (U+001B, U+0007, U+009B); remove them",
        f"{path}:2:1: description holds a control character (U+001B); remove it",
        "2 problems found.",
    ]


def test_check_accepts_tabs_and_line_breaks_in_a_description(tmp_path: Path, decks: Path) -> None:
    (decks / "hostile.yaml").write_text(
        'title: "Neuro-oncology: gliomas \\u2014 WHO 2021"\n'
        'description: "Line one\\n\\tindented line two"\n'
        "cards: []\n",
        encoding="utf-8",
    )

    result = invoke(tmp_path, decks, "check")

    assert result.output == "OK: 1 decks, 0 cards, no problems.\n"


def test_the_tsv_export_holds_no_control_character(tmp_path: Path, decks: Path) -> None:
    out = tmp_path / "neuro.txt"

    result = invoke(tmp_path, decks, "export", "tsv", "-o", str(out))

    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    assert CONTROL_BYTES.findall(data) == []
    rows = [line.split("\t") for line in data.decode("utf-8").splitlines()[6:]]
    assert [(row[2], row[3]) for row in rows] == [
        (CLEAN_NAME, "csfflow hostile"),
        (CLEAN_NAME, "hostile"),
    ]
    assert rows[0][4] == "What [31m connects the ventricles?"


def test_anki_reads_the_package_without_control_characters(tmp_path: Path, decks: Path) -> None:
    pytest.importorskip("anki")
    from anki.collection import (
        Collection,
        ImportAnkiPackageOptions,
        ImportAnkiPackageRequest,
    )

    out = tmp_path / "neuro.apkg"
    result = invoke(tmp_path, decks, "export", "anki", "-o", str(out))
    assert result.exit_code == 0, result.output

    col: Any = Collection(str(tmp_path / "collection.anki2"))
    try:
        col.import_anki_package(
            ImportAnkiPackageRequest(package_path=str(out), options=ImportAnkiPackageOptions())
        )
        names = sorted(d.name for d in col.decks.all_names_and_ids())
        notes = [col.get_note(nid) for nid in col.find_notes("")]
        description = col.decks.by_name(CLEAN_NAME)["desc"]
        texts = [*names, description, *(f for n in notes for f in n.fields)]
        texts += [tag for note in notes for tag in note.tags]
    finally:
        col.close()

    assert names == ["Default", "NeuroQuiz", CLEAN_NAME]
    controls = [t for t in texts if re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", t)]
    assert controls == []
    assert description.startswith("Line one<br>line two[2J")


def test_a_crafted_package_with_escapes_in_a_deck_name_imports_clean(tmp_path: Path) -> None:
    import genanki

    from neuroquiz.anki.import_apkg import import_package

    model = genanki.BASIC_MODEL
    deck = genanki.Deck(1_234_567_890, "Neuro\x1b]0;pwned\x07\tbasics\x9b")
    deck.description = "Wipe &#27;[2J the screen"
    deck.add_note(genanki.Note(model=model, fields=["Front?", "Back"], guid="abc"))
    out = tmp_path / "crafted.apkg"
    genanki.Package(deck).write_to_file(str(out))

    (imported,) = import_package(out).decks

    assert (imported.title, imported.description) == ("Neuro]0;pwned basics", "Wipe [2J the screen")
