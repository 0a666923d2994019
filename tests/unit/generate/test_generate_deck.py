"""generate_deck: the deck of one document, nothing written, the same cards the CLI writes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from neuroquiz.decks import load_deck, save_deck
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


def test_existing_decks_lend_distractors_as_in_the_deck_directory(tmp_path: Path) -> None:
    other = generate_deck(DATA / OTHER).deck
    out = tmp_path / "out"
    out.mkdir()
    save_deck(out / f"{other.id}.yaml", other)
    doc = tmp_path / DOC
    shutil.copy(DATA / DOC, doc)

    alone = generate_deck(doc)
    with_other = generate_deck(doc, existing=[other])
    (outcome,) = generate_decks([doc], out).outcomes
    assert outcome.deck_path is not None

    # The other deck's terms change some distractors, exactly as generate_decks picks them.
    assert _distractors(with_other.deck.cards) != _distractors(alone.deck.cards)
    assert load_deck(outcome.deck_path).cards == with_other.deck.cards


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
