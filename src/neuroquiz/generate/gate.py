"""The card checks every engine's cards pass, exposed in one place.

The rules engine applies these checks while it composes a card (:mod:`.compose`,
:mod:`.extract`, :mod:`.noise`); an engine that receives finished cards (the LLM engine)
calls :func:`check_card` on each one, so that both engines share one gate rather than two
copies of it. Each check returns the name of the rule a card breaks, or None.

Example:
    >>> check_card("What do chordomas arise from?", "remnants of the notochord",
    ...            "Chordomas arise from remnants of the notochord.")
    >>> check_card("What do chordomas arise from?", "chordomas",
    ...            "Chordomas arise from remnants of the notochord.")
    'given-away'
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from neuroquiz.generate.blocks import StructuredDocument
from neuroquiz.generate.extract import Candidate, gate, stems
from neuroquiz.generate.factrules import FactRule
from neuroquiz.generate.ids import normalise_sentence
from neuroquiz.generate.noise import noise_section, noise_sentence
from neuroquiz.generate.plans import similar
from neuroquiz.generate.units import MAX_WORDS, MIN_WORDS, units

__all__ = [
    "check_card",
    "check_source",
    "document_units",
    "near_duplicate",
    "noise_section",
    "stems",
]

_GIVEN = FactRule(
    name="given-answer",
    fact="any",
    trigger=re.compile(r"(?!)"),
    side="after",
    weight=0.0,
    example="",
)
"""The rule a finished card's answer is checked under: an answer after its cue."""


def check_source(sentence: str) -> str | None:
    """The rule a card's source sentence breaks (noise, length), or None."""
    noise = noise_sentence(sentence)
    if noise:
        return f"noise-{noise}"
    words = len(sentence.split())
    if words < MIN_WORDS or words > MAX_WORDS:
        return "source-length"
    return None


def check_card(front: str, answer: str, source: str) -> str | None:
    """The card rule a question-and-answer card breaks, or None if it is fit to ask.

    The same checks as a rules card's answer (:func:`~.extract.gate`: answer length, no
    content, generic or filler answer, pronoun, given away by the question, too little
    context), then those of its source sentence (:func:`check_source`).
    """
    candidate = Candidate(_GIVEN, 0, len(answer), (answer,), answer)
    return gate(candidate, front) or check_source(source)


def near_duplicate(answer: str, source: str, others: Iterable[tuple[str, str]]) -> bool:
    """True if another card (answer, source) asks the same answer from much the same text,
    as the rules engine's one-card-per-fact check decides."""
    given = stems(answer) or {normalise_sentence(answer)}
    mine = stems(source) - given
    return any(
        (stems(a) or {normalise_sentence(a)}) == given and similar(mine, stems(s) - given)
        for a, s in others
    )


def document_units(doc: StructuredDocument) -> dict[str, str]:
    """Every unit a card may come from (sentence, list item, table row) after the rules
    engine's cleaning, keyed by its normalised form (:func:`~.ids.normalise_sentence`)."""
    found: dict[str, str] = {}
    for block in doc.blocks:
        if any(noise_section(h) for h in block.headings):
            continue
        for row in block.rows:
            found.setdefault(normalise_sentence(" | ".join(row)), " | ".join(row))
        for _kind, text, _label in units(block):
            found.setdefault(normalise_sentence(text), text)
    return found
