"""Symbolic links in a deck folder (issue 12 item 6): nothing outside the folder is read.

A shared deck repository may hold links. One to a file of the same folder keeps working;
one that leads out of it (to ``/etc/passwd``, a home directory) is refused: the source view
does not open it, and a deck file that is such a link is one problem and skipped.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from neuroquiz.cli import cli
from neuroquiz.decks.stamps import READER, FileStamp, KnownFile, UnchangedDeck, iter_deck_files
from neuroquiz.models import Source
from neuroquiz.tui.screens.source_context import find_document, load_context

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX symbolic links")

SENTENCE = "The foramen of Monro connects the lateral and third ventricles."
SECRET = f"root:x:0:0:root:/root:/bin/bash\n\n{SENTENCE}\n"


def deck_text(title: str, card_id: str) -> str:
    return (
        f"title: {title}\ncards:\n  - id: {card_id}\n    type: basic\n"
        f"    front: What does the {title} deck ask?\n"
        "    back: foramen of Monro\n"
    )


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder beside the deck folder, holding what a link must not reveal."""
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    (folder / "secret.txt").write_text(SECRET, encoding="utf-8")
    (folder / "stolen.yaml").write_text(deck_text("Stolen", "s-one"), encoding="utf-8")
    return folder


@pytest.fixture
def decks(tmp_path: Path) -> Path:
    folder = tmp_path / "decks"
    (folder / "sources").mkdir(parents=True)
    (folder / "good.yaml").write_text(deck_text("Good", "g-one"), encoding="utf-8")
    return folder


def invoke(tmp_path: Path, decks: Path, *args: str) -> Result:
    return CliRunner().invoke(
        cli, ["--db", str(tmp_path / "p.db"), "--decks", str(decks), *args], catch_exceptions=False
    )


# The source view (the `c` key of the study screen reads load_context in its worker).


def test_a_source_linked_out_of_the_deck_folder_is_not_opened(decks: Path, outside: Path) -> None:
    (decks / "sources" / "notes.txt").symlink_to(outside / "secret.txt")

    context = load_context(Source(document="notes.txt", sentences=(SENTENCE,)), decks / "sources")

    assert context.document is None and context.paragraph is None
    assert context.note == "The document is a link that leads outside the deck folder: not opened."
    assert find_document(decks / "sources", "notes.txt") is None


def test_a_source_folder_linked_out_of_the_deck_folder_is_not_opened(
    tmp_path: Path, outside: Path
) -> None:
    decks = tmp_path / "decks"
    decks.mkdir()
    (decks / "sources").symlink_to(outside)

    context = load_context(Source(document="secret.txt", sentences=(SENTENCE,)), decks / "sources")

    assert context.paragraph is None
    assert "outside the deck folder" in context.note


def test_a_source_linked_by_its_stem_out_of_the_folder_is_not_found(
    decks: Path, outside: Path
) -> None:
    # The same-stem fallback ("notes.pdf" -> "notes.md") must not reach a link either.
    (decks / "sources" / "notes.md").symlink_to(outside / "secret.txt")

    assert find_document(decks / "sources", "notes.pdf") is None


def test_a_source_linked_inside_the_deck_folder_still_opens(decks: Path) -> None:
    shared = decks / "shared"
    shared.mkdir()
    (shared / "handbook.txt").write_text(f"Intro.\n\n{SENTENCE}\n", encoding="utf-8")
    (decks / "sources" / "notes.txt").symlink_to(Path("..") / "shared" / "handbook.txt")

    context = load_context(Source(document="notes.txt", sentences=(SENTENCE,)), decks / "sources")

    assert context.document == decks / "sources" / "notes.txt"
    assert context.paragraph == SENTENCE


def test_a_deck_folder_reached_through_a_link_keeps_its_sources(tmp_path: Path) -> None:
    real = tmp_path / "real-decks"
    (real / "sources").mkdir(parents=True)
    (real / "sources" / "notes.txt").write_text(SENTENCE, encoding="utf-8")
    decks = tmp_path / "decks"
    decks.symlink_to(real)

    context = load_context(Source(document="notes.txt", sentences=(SENTENCE,)), decks / "sources")

    assert context.paragraph == SENTENCE


# Deck files.


def test_check_reports_a_deck_file_linked_out_of_the_folder_once(
    tmp_path: Path, decks: Path, outside: Path
) -> None:
    link = decks / "linked.yaml"
    link.symlink_to(outside / "stolen.yaml")

    result = invoke(tmp_path, decks, "check")

    target = os.path.realpath(outside / "stolen.yaml")
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"{link}:1:1: is a symbolic link to {target}, outside the deck folder; it is not read "
        "(copy the file into the folder instead)",
        "1 problem found.",
    ]


def test_sync_skips_a_deck_file_linked_out_of_the_folder(
    tmp_path: Path, decks: Path, outside: Path
) -> None:
    link = decks / "linked.yaml"
    link.symlink_to(outside / "stolen.yaml")

    result = invoke(tmp_path, decks, "sync")

    assert f"{link}:1:1: is a symbolic link to" in result.output
    assert "Traceback" not in result.output
    import sqlite3

    conn = sqlite3.connect(tmp_path / "p.db")
    try:
        deck_ids = [row[0] for row in conn.execute("SELECT id FROM decks ORDER BY id")]
    finally:
        conn.close()
    assert deck_ids == ["good"]


def test_a_deck_file_linked_inside_the_folder_still_loads(tmp_path: Path, decks: Path) -> None:
    shared = decks / "shared"
    shared.mkdir()
    (shared / "real.yaml").write_text(deck_text("Linked", "l-one"), encoding="utf-8")
    (decks / "linked.yaml").symlink_to(Path("shared") / "real.yaml")

    result = invoke(tmp_path, decks, "check")

    assert result.exit_code == 0, result.output
    assert result.output == "OK: 2 decks, 2 cards, no problems.\n"


def test_a_link_out_recorded_as_unchanged_is_still_refused(decks: Path, outside: Path) -> None:
    # A store filled before links were checked may hold the stamp of the file behind a
    # link: the link must be read again (and refused), not taken as unchanged.
    link = decks / "linked.yaml"
    link.symlink_to(outside / "stolen.yaml")
    real = os.path.realpath(link)
    st = os.stat(real)
    stamp = FileStamp(real, st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, "x")
    known = {"linked": KnownFile(stamp, READER, "linked", "Stolen", "", "f", 1)}

    items = list(iter_deck_files([link], known, lambda ids: dict.fromkeys(ids, ())))

    assert not any(isinstance(item, UnchangedDeck) for item in items)
    assert [str(item) for item in items] == [
        f"{link}:1:1: is a symbolic link to {real}, outside the deck folder; it is not read "
        "(copy the file into the folder instead)"
    ]
