"""From a model's response to checked cards: parse, ground in the document, then the gate.

A proposed card is kept only if its cited sentence is a sentence of the cleaned document,
its answer's content words are in that sentence, its numbers are the sentence's numbers,
and it passes the card checks of :mod:`neuroquiz.generate.gate`. Every dropped card is
counted under the name of the check it failed.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass

from neuroquiz.generate.gate import check_card, stems
from neuroquiz.generate.ids import normalise_sentence
from neuroquiz.generate.llm.client import LlmError

_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


@dataclass(frozen=True)
class Proposal:
    """A card as the model proposed it."""

    question: str
    answer: str
    source: str


def parse_cards(content: str) -> list[Proposal]:
    """The cards of a response; entries of the wrong shape are skipped by :func:`ground`.

    Raises:
        LlmError: the response is not JSON or has no ``cards`` list.
    """
    try:
        data = json.loads(content)
    except ValueError:
        raise LlmError("the model's answer is not valid JSON") from None
    cards = data.get("cards") if isinstance(data, dict) else None
    if not isinstance(cards, list):
        raise LlmError("the model's answer has no list of cards")
    out: list[Proposal] = []
    for entry in cards:
        if isinstance(entry, dict):
            fields = [entry.get(k) for k in ("question", "answer", "source")]
            texts = [" ".join(f.split()) if isinstance(f, str) else "" for f in fields]
            out.append(Proposal(*texts))
        else:
            out.append(Proposal("", "", ""))
    return out


def ground(proposal: Proposal, units: dict[str, str]) -> tuple[str, str | None]:
    """The document's sentence a card cites and the check it fails (None if it passes).

    Args:
        proposal: The card.
        units: The document's units by normalised text (see
            :func:`~neuroquiz.generate.gate.document_units`).
    """
    if not (proposal.question and proposal.answer and proposal.source):
        return "", "malformed-card"
    cited = normalise_sentence(proposal.source)
    source = units.get(cited)
    if source is None:
        source = next((u for k, u in units.items() if cited and f" {cited} " in f" {k} "), None)
    if source is None:
        return "", "source-not-in-document"
    if not set(_NUMBER.findall(f"{proposal.question} {proposal.answer}")) <= set(
        _NUMBER.findall(source)
    ):
        return source, "number-mismatch"
    if not stems(proposal.answer) <= stems(source):
        return source, "answer-not-in-source"
    return source, check_card(proposal.question, proposal.answer, source)


def count(reasons: Counter[str], reason: str | None) -> None:
    """Count a dropped card's reason (a kept card counts as ``kept``)."""
    reasons[reason or "kept"] += 1
