"""The cells of the cohort report's tables as text, shared by ``neuroquiz cohort`` (plain
text) and the app's Cohort report screen (DataTables), so that both show the same figures.

Example:
    >>> from neuroquiz.cohort.report import OriginFigures
    >>> origin_cells(OriginFigures("generated", 3, 2, 10, 0.8, 0.1, 3.5, 0.0))
    ['generated', '3', '2', '10', '80%', '10%', '3.5', '0%']
"""

from __future__ import annotations

from neuroquiz.cohort.report import (
    CardFigures,
    DeckFigures,
    LearnerFigures,
    OriginFigures,
    number,
    percent,
)

__all__ = ["card_cells", "deck_cells", "learner_cells", "origin_cells"]


def card_cells(rank: int, figures: CardFigures) -> list[str]:
    """Rank, card, deck, type, origin, learners, answers, fail, lapse, 1st grade, leech."""
    return [
        str(rank),
        figures.key,
        figures.deck_id,
        figures.card_type,
        figures.origin,
        str(figures.learners),
        str(figures.reviews),
        percent(figures.fail_rate),
        percent(figures.lapse_rate),
        number(figures.mean_first_grade),
        percent(figures.leech_share),
    ]


def deck_cells(d: DeckFigures) -> list[str]:
    """Deck, title, cards, learners, answers, retention, learned Q1, median, Q3."""
    return [
        d.deck_id,
        d.title or "",
        str(d.cards),
        str(d.learners),
        str(d.reviews),
        percent(d.retention),
        number(d.learned_q1),
        number(d.learned_median),
        number(d.learned_q3),
    ]


def learner_cells(p: LearnerFigures) -> list[str]:
    """Learner, answers, days, retention, new, learned, progress, streak, longest, last day."""
    return [
        p.learner,
        str(p.reviews),
        str(p.days),
        percent(p.retention),
        str(p.new),
        f"{p.learned}/{p.cards}",
        percent(p.progress),
        str(p.streak),
        str(p.longest_streak),
        str(p.last_day or "-"),
    ]


def origin_cells(o: OriginFigures) -> list[str]:
    """Origin, cards, learners, answers, retention, lapse rate, 1st grade, leech share."""
    return [
        o.origin,
        str(o.cards),
        str(o.learners),
        str(o.reviews),
        percent(o.retention),
        percent(o.lapse_rate),
        number(o.mean_first_grade),
        percent(o.leech_share),
    ]
