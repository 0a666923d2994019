"""The text of the cohort's cards, from the deck files: what the hardest cards ask."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from neuroquiz.models import CLOZE_RE, REVERSE_ORDINAL, BasicCard, Card, ClozeCard, McqCard

BLANK = "[…]"
"""What stands for the hidden deletion of a cloze card."""


def cloze_prompt(text: str, ordinal: int) -> tuple[str, str]:
    """A cloze text with deletion ``ordinal`` hidden (its hint shown, if any) and the others
    shown, and the hidden answer(s).

    Example:
        >>> cloze_prompt("The {{c1::ICA}} enters via the {{c2::carotid canal::canal}}.", 2)
        ('The ICA enters via the […canal].', 'carotid canal')
    """
    answers: list[str] = []

    def replace(match: re.Match[str]) -> str:
        number, answer, hint = match.group(1), match.group(2), match.group(3)
        if int(number) != ordinal:
            return answer
        answers.append(answer)
        return f"[…{hint}]" if hint else BLANK

    return CLOZE_RE.sub(replace, text), "; ".join(answers)


def prompt_and_answer(card: Card, ordinal: int) -> tuple[str, str]:
    """What study card ``(card, ordinal)`` asks, and its answer, as plain text."""
    if isinstance(card, ClozeCard):
        return cloze_prompt(card.text, ordinal)
    if isinstance(card, McqCard):
        return card.question, card.answer
    assert isinstance(card, BasicCard)
    if ordinal == REVERSE_ORDINAL:
        return card.back, card.front
    return card.front, card.back


@dataclass
class DeckTexts:
    """Cards and deck titles read from a deck directory (files with problems are skipped)."""

    cards: dict[str, Card] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def text(self, card_id: str, ordinal: int) -> tuple[str, str] | None:
        """Prompt and answer of a study card, or None if no deck file holds the card."""
        card = self.cards.get(card_id)
        return prompt_and_answer(card, ordinal) if card is not None else None


def read_deck_texts(directory: Path) -> DeckTexts:
    """Load the decks of ``directory`` for their card text and titles."""
    from neuroquiz.decks import load_decks

    result = load_decks([directory])
    texts = DeckTexts(problems=[str(problem) for problem in result.problems])
    for loaded in result.decks:
        texts.titles[loaded.deck.id] = loaded.deck.title
        for card in loaded.deck.cards:
            texts.cards[card.id] = card
    return texts
