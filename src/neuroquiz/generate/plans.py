"""What the composer makes of a unit: a :class:`Plan` (a card to make) and its :class:`Trace`."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Plan:
    """A card to make.

    Attributes:
        kind: ``cloze`` or ``basic``.
        source: The source sentence (or list, or row) as written.
        text: Cloze text with ``{{cN::...}}`` deletions, or the basic card's front.
        back: The basic card's back ("" for a cloze).
        answers: The answers (the deletions, or the back).
        score: Rank among the document's plans.
        position: Order in the document.
        rules: Names of the fact rules used.
    """

    kind: str
    source: str
    text: str
    back: str
    answers: tuple[str, ...]
    score: float
    position: int
    rules: tuple[str, ...]


@dataclass
class Trace:
    """What happened to one unit: the verdicts shown by ``generate --explain``."""

    unit: str
    heading: str | None
    verdicts: list[str] = field(default_factory=list)
    plan: Plan | None = None


def similar(a: set[str], b: set[str]) -> bool:
    """True if two sentences' word stems (their answers left out) overlap enough to be one
    fact: half of the smaller set, at most 8 stems, shared."""
    return len(a & b) >= 0.5 * min(len(a), len(b), 8) if a and b else True
