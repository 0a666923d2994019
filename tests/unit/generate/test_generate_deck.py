"""generate_deck: the deck of one document, nothing written, the same cards the CLI writes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from neuroquiz.decks import load_deck
from neuroquiz.errors import NeuroquizError
from neuroquiz.generate import generate_deck, generate_decks
from neuroquiz.models import McqCard
from tests.unit.generate.conftest import DATA

DOC = "seed_glomus.txt"
OTHER = "heldout_medulloblastoma.txt"


def _files(root: Path) -> set[Path]:
    return set(root.rglob("*"))


def _distractors(cards: tuple[object, ...]) -> dict[str, tuple[str, ...]]:
    return {card.id: card.distractors for card in cards if isinstance(card, McqCard)}


def test_the_deck_is_made_without_writing_anything(tmp_path: Path) -> None:
    doc = tmp_path / DOC
    shutil.copy(DATA / DOC, doc)
    before = _files(tmp_path)

    made = generate_deck(doc)

    assert _files(tmp_path) == before
    assert made.source == doc
    assert made.deck.id and made.deck.cards
    assert made.deck.sources == (DOC,)
    assert all(card.origin == "generated" and card.source for card in made.deck.cards)
    assert made.sentences  # what a merge with an older deck needs


def test_it_makes_exactly_what_generate_decks_writes(tmp_path: Path) -> None:
    doc = tmp_path / DOC
    shutil.copy(DATA / DOC, doc)
    made = generate_deck(doc)

    report = generate_decks([doc], tmp_path / "out")
    (outcome,) = report.outcomes
    assert outcome.deck_path == tmp_path / "out" / f"{made.deck.id}.yaml"
    written = load_deck(outcome.deck_path)
    assert written.cards == made.deck.cards
    assert (written.title, written.description, written.sources) == (
        made.deck.title,
        made.deck.description,
        made.deck.sources,
    )
    assert outcome.warnings == made.warnings


def test_a_deck_is_the_same_alone_or_next_to_a_sibling_document(tmp_path: Path) -> None:
    # Issue 9: sentences shared with another document of the run were dropped as
    # boilerplate, so a deck depended on what else was generated with it.
    doc = tmp_path / DOC
    shutil.copy(DATA / DOC, doc)
    sibling = tmp_path / "sibling.txt"
    sibling.write_text(
        doc.read_text(encoding="utf-8").replace("\n\n", "\n\nExtra line.\n\n", 1), encoding="utf-8"
    )
    alone = generate_deck(doc).deck
    (together, _other) = generate_decks([doc, sibling], tmp_path / "out").outcomes
    assert together.deck_path is not None
    assert load_deck(together.deck_path).cards == alone.cards


def test_progress_is_told_once_the_deck_is_made(tmp_path: Path) -> None:
    seen: list[Path] = []
    generate_deck(DATA / DOC, progress=seen.append)
    assert seen == [DATA / DOC]


@pytest.mark.parametrize(
    ("text", "message"),
    [("", "the file is empty"), ("ok ok ok.", "no card could be made from this text")],
)
def test_a_document_without_cards_is_one_error_naming_it(
    tmp_path: Path, text: str, message: str
) -> None:
    doc = tmp_path / "notes.txt"
    doc.write_text(text, encoding="utf-8")
    with pytest.raises(NeuroquizError) as caught:
        generate_deck(doc)
    assert str(caught.value) == f"{doc}: {message}"
    assert _files(tmp_path) == {doc}
