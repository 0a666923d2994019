"""Defect 5 of #11: each exported note carries when its own card last changed.

A note's modification time used to be its deck file's: one edited card made every note of
the file newer than Anki's copy, so a later import overwrote what a resident had edited in
Anki in the other notes. The official ``anki`` library is the judge.
"""

from __future__ import annotations

import os
import sqlite3
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from neuroquiz.cli import cli
from neuroquiz.cli.anki_cmd import COMMANDS

from .conftest import import_apkg, notes_by_guid

DECK = """\
title: Two
cards:
  - id: n-a
    type: basic
    front: Which nerve exits the stylomastoid foramen?
    back: the facial nerve
  - id: n-b
    type: basic
    front: Which artery supplies the lateral medulla?
    back: PICA
"""


@pytest.fixture(autouse=True)
def _registered() -> None:
    for command in COMMANDS:
        if command.name not in cli.commands:
            cli.add_command(command)


def _invoke(tmp_path: Path, decks: Path, *args: str) -> Result:
    return CliRunner().invoke(
        cli, ["--db", str(tmp_path / "p.db"), "--decks", str(decks), *args], catch_exceptions=False
    )


def _note_mods(package: Path, tmp_path: Path) -> dict[str, int]:
    database = tmp_path / f"{package.stem}.db"
    with zipfile.ZipFile(package) as archive:
        database.write_bytes(archive.read("collection.anki2"))
    connection = sqlite3.connect(database)
    try:
        return dict(connection.execute("SELECT guid, mod FROM notes").fetchall())
    finally:
        connection.close()


@pytest.fixture
def decks(tmp_path: Path) -> Path:
    directory = tmp_path / "decks"
    directory.mkdir()
    deck_file = directory / "two.yaml"
    deck_file.write_text(DECK, encoding="utf-8")
    written = time.time() - 3600
    os.utime(deck_file, (written, written))
    return directory


def test_an_edit_in_anki_to_another_note_survives_an_edit_in_neuroquiz(
    tmp_path: Path, decks: Path, anki_collection: Callable[[], Any]
) -> None:
    first, second = tmp_path / "1.apkg", tmp_path / "2.apkg"
    assert _invoke(tmp_path, decks, "export", "anki", "-o", str(first)).exit_code == 0
    col = anki_collection()
    import_apkg(col, first)
    # A resident corrects note A in Anki (Anki stamps it with the clock) ...
    note_a = notes_by_guid(col)["nq:n-a"]
    note_a["Back"] = "CN VII (facial)"
    col.update_note(note_a)
    edited_in_anki = col.get_note(note_a.id).mod
    # ... and later card B is edited in neuroquiz's deck file.
    deck_file = decks / "two.yaml"
    deck_file.write_text(DECK.replace("back: PICA", "back: posterior inferior cerebellar"))
    later = time.time() + 60
    os.utime(deck_file, (later, later))
    assert _invoke(tmp_path, decks, "export", "anki", "-o", str(second)).exit_code == 0
    mods = _note_mods(second, tmp_path)
    assert mods["nq:n-b"] == int(later)
    assert mods["nq:n-a"] == _note_mods(first, tmp_path)["nq:n-a"] < edited_in_anki
    log = import_apkg(col, second).log
    assert len(log.updated) == 1
    notes = notes_by_guid(col)
    assert notes["nq:n-a"]["Back"] == "CN VII (facial)"  # Anki's edit is kept
    assert notes["nq:n-b"]["Back"] == "posterior inferior cerebellar"  # neuroquiz's arrives


def test_a_note_keeps_its_time_through_edits_of_other_cards_and_timestamps(
    tmp_path: Path, decks: Path
) -> None:
    deck_file = decks / "two.yaml"
    first_written = int(deck_file.stat().st_mtime)
    exports = []
    versions = [
        (DECK, "1767225600"),
        (DECK.replace("PICA", "the PICA"), "1767225600"),
        (DECK.replace("PICA", "PICA (vertebral)"), "1900000000"),
    ]
    for number, (text, stamp) in enumerate(versions):
        deck_file.write_text(text)
        written = first_written + 100 * number
        os.utime(deck_file, (written, written))
        out = tmp_path / f"{number}.apkg"
        assert _invoke(tmp_path, decks, "export", "anki", "-o", str(out),
                       "--timestamp", stamp).exit_code == 0  # fmt: skip
        exports.append(_note_mods(out, tmp_path))
    # --timestamp (ids and zip dates) no longer sets any note's time.
    assert [mods["nq:n-a"] for mods in exports] == [first_written] * 3
    assert [mods["nq:n-b"] for mods in exports] == [first_written + 100 * n for n in range(3)]


def test_a_content_change_to_an_older_file_time_still_moves_the_note_forward(
    tmp_path: Path, decks: Path
) -> None:
    deck_file = decks / "two.yaml"
    first_written = int(deck_file.stat().st_mtime)
    assert _invoke(tmp_path, decks, "export", "anki", "-o", str(tmp_path / "1.apkg")).exit_code == 0
    # An older copy put back with its own time (cp -p, a backup): its content changed.
    deck_file.write_text(DECK.replace("back: PICA", "back: AICA"))
    os.utime(deck_file, (first_written - 500, first_written - 500))
    assert _invoke(tmp_path, decks, "export", "anki", "-o", str(tmp_path / "2.apkg")).exit_code == 0
    mods = _note_mods(tmp_path / "2.apkg", tmp_path)
    assert mods == {"nq:n-a": first_written, "nq:n-b": first_written + 1}


def test_without_a_database_a_note_has_its_deck_file_time(tmp_path: Path, decks: Path) -> None:
    (tmp_path / "p.db").write_bytes(b"not a database at all" * 10)
    out = tmp_path / "x.apkg"
    result = _invoke(tmp_path, decks, "export", "anki", "-o", str(out))
    assert result.exit_code == 0, result.output
    written = int((decks / "two.yaml").stat().st_mtime)
    assert _note_mods(out, tmp_path) == {"nq:n-a": written, "nq:n-b": written}


def test_sync_and_the_app_record_the_deck_file_time(tmp_path: Path, decks: Path) -> None:
    from neuroquiz.store import open_store

    assert _invoke(tmp_path, decks, "sync").exit_code == 0
    store = open_store(tmp_path / "p.db")
    times = store.content_times(["n-a", "n-b"])
    store.close()
    written = (decks / "two.yaml").stat().st_mtime_ns
    assert times == {"n-a": written, "n-b": written}
