"""The cohort report as plain records, and its JSON form (what ``cohort --json`` prints).

Definitions (every figure counts first answers only, the ones SM-2 schedules, unless it says
re-drills; with ``--since`` only answers on or after that study day count):

- *lapse*: an answer that made a recalled card forgotten (grade below 3 after at least one
  successful recall; SM-2's lapse count went up). *Lapse rate*: lapses per answer to a card
  that had been recalled before (the answers that could lapse).
- *fail rate*: share of answers graded below 3. *Retention*: share graded 3 or more.
- *first grade*: the grade of the answer that introduced the card to a learner.
- *leech*: a card a learner has lapsed on at least :data:`LEECH_LAPSES` times, counted by
  its SM-2 lapse count after the learner's last answer in the period.
- *learned*: a card introduced (answered for the first time) in the period.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from neuroquiz.models import study_key

LEECH_LAPSES = 8
"""A card a learner lapsed on this many times is a leech for them (Anki's default)."""
HARDEST = 20
"""How many cards the hardest-cards list holds."""
MIN_LEARNERS = 3
"""A card needs this many learners (or every learner, in a smaller cohort) to be ranked."""


@dataclass(frozen=True)
class CardFigures:
    """One study card over the cohort."""

    card_id: str
    ordinal: int
    deck_id: str
    card_type: str
    origin: str
    learners: int
    reviews: int
    lapses: int
    lapse_rate: float | None
    fail_rate: float | None
    mean_first_grade: float | None
    leech_learners: int
    leech_share: float | None
    redrills: int

    @property
    def key(self) -> str:
        """The study-card key: ``card-id``, ``card-id:cN`` for cloze deletion N,
        ``card-id:reverse`` for a reversed card's back-to-front card."""
        return study_key(self.card_id, self.ordinal)


@dataclass(frozen=True)
class HardCard:
    """A card of the hardest list, with its text from the deck files (None if not found)."""

    figures: CardFigures
    prompt: str | None
    answer: str | None


@dataclass(frozen=True)
class DeckFigures:
    """One deck over the cohort.

    Attributes:
        cards: Active study cards in the deck (the most any learner's export holds).
        learned_q1, learned_median, learned_q3: Cards learned per learner, over every
            learner of the cohort (those who never opened the deck count 0), quartiles by
            linear interpolation.
    """

    deck_id: str
    title: str | None
    cards: int
    learners: int
    reviews: int
    retention: float | None
    learned_q1: float
    learned_median: float
    learned_q3: float


@dataclass(frozen=True)
class LearnerFigures:
    """One learner (a pseudonym unless they exported under a name).

    Attributes:
        learned: Active study cards the learner has ever answered (from their card states).
        cards: Active study cards in their export.
        progress: ``learned / cards`` (None without cards).
        new: Cards introduced in the period.
        streak: Consecutive study days ending on the report's day, or the day before if
            they have not studied yet that day (all answers count, whatever ``since``).
        longest_streak: Longest run of consecutive study days.
    """

    learner: str
    reviews: int
    days: int
    retention: float | None
    new: int
    learned: int
    cards: int
    progress: float | None
    streak: int
    longest_streak: int
    first_day: date | None
    last_day: date | None


@dataclass(frozen=True)
class OriginFigures:
    """Generated or authored cards over the cohort."""

    origin: str
    cards: int
    learners: int
    reviews: int
    retention: float | None
    lapse_rate: float | None
    mean_first_grade: float | None
    leech_share: float | None


@dataclass(frozen=True)
class CohortReport:
    """Everything ``neuroquiz cohort`` shows."""

    learners: int
    reviews: int
    redrills: int
    first_day: date | None
    last_day: date | None
    as_of: date
    since: date | None
    cards: list[CardFigures] = field(default_factory=list)
    hardest: list[HardCard] = field(default_factory=list)
    decks: list[DeckFigures] = field(default_factory=list)
    per_learner: list[LearnerFigures] = field(default_factory=list)
    origins: list[OriginFigures] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The report as JSON-ready values (dates as ISO text, cards with their key)."""
        data = asdict(self)
        data["cards"] = [{"key": c.key, **asdict(c)} for c in self.cards]
        data["hardest"] = [
            {"key": h.figures.key, **asdict(h.figures), "prompt": h.prompt, "answer": h.answer}
            for h in self.hardest
        ]
        data["leech_lapses"] = LEECH_LAPSES
        return {key: _iso(value) for key, value in data.items()}


def percent(value: float | None) -> str:
    """A share as shown in the report: ``0.4567`` as ``46%``; None as ``-``."""
    return "-" if value is None else f"{value * 100:.0f}%"


def number(value: float | None, digits: int = 1) -> str:
    """A figure with ``digits`` decimals, as shown in the report; None as ``-``."""
    return "-" if value is None else f"{value:.{digits}f}"


def _iso(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _iso(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_iso(v) for v in value]
    return value
