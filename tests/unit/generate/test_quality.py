"""The card rules of CARD-QUALITY.md that can be checked mechanically, on every deck."""

from __future__ import annotations

import re

import pytest

from neuroquiz.generate.makers.base import content_stems
from neuroquiz.models import ClozeCard, McqCard
from tests.unit.generate.conftest import Run, answers, full_text

STOPWORDS = {"the", "a", "an", "this", "these", "it", "they", "tumor", "tumors", "of", "and"}


@pytest.fixture(params=["seed", "heldout"])
def run(request: pytest.FixtureRequest, seed_run: Run, heldout_run: Run) -> Run:
    return seed_run if request.param == "seed" else heldout_run


def test_every_answer_is_short_and_never_a_stopword(run: Run) -> None:
    for deck in run.decks.values():
        for card in deck.cards:
            for answer in answers(card):
                assert answer.lower() not in STOPWORDS
                items = re.split(r",\s*(?:and |or )?|\s+(?:and|or)\s+", answer)
                assert len(items) <= 4, answer
                assert len(answer.split()) <= 20, answer


def test_at_most_two_deletions_per_cloze(run: Run) -> None:
    for deck in run.decks.values():
        for card in deck.cards:
            if isinstance(card, ClozeCard):
                assert 1 <= len(card.ordinals) <= 2


def test_no_dangling_pronoun_opens_a_card(run: Run) -> None:
    for deck in run.decks.values():
        for card in deck.cards:
            body = full_text(card).split(": ", 1)[-1]
            assert not re.match(r"(?:This|These|They|It|Their|Its)\b", body), body


def test_no_near_duplicates_within_a_deck(run: Run) -> None:
    for deck in run.decks.values():
        stems = [content_stems(full_text(c)) for c in deck.cards]
        for i in range(len(stems)):
            for j in range(i + 1, len(stems)):
                overlap = len(stems[i] & stems[j]) / len(stems[i] | stems[j])
                assert overlap < 0.7, (deck.cards[i].id, deck.cards[j].id)


def test_mcq_distractors_are_of_another_term(run: Run) -> None:
    for deck in run.decks.values():
        for card in deck.cards:
            if isinstance(card, McqCard):
                assert len(card.distractors) == 3
                for distractor in card.distractors:
                    assert not content_stems(distractor) & content_stems(card.answer)


def test_budget_grows_with_the_document_and_is_respected(seed_run: Run) -> None:
    for deck in seed_run.decks.values():
        units = sum(len(c.ordinals) if isinstance(c, ClozeCard) else 1 for c in deck.cards)
        assert 5 <= units <= 40


def test_every_kind_of_card_is_made(seed_run: Run, heldout_run: Run) -> None:
    kinds = {c.type for run in (seed_run, heldout_run) for d in run.decks.values() for c in d.cards}
    assert kinds == {"basic", "cloze", "mcq"}
