"""The cohort report as one call: find the learners' files, read the deck texts, analyse.

``neuroquiz cohort`` and the app's instructor screen both call :func:`cohort_report`, so
they show the same figures.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from neuroquiz.cohort.report import HARDEST, CohortReport
from neuroquiz.errors import NeuroquizError


@dataclass(frozen=True)
class CohortRun:
    """A report and the problems of the deck files its card text was read from.

    Attributes:
        report: The figures.
        deck_problems: One line per deck file that could not be read (its cards then have
            no text in the report).
    """

    report: CohortReport
    deck_problems: list[str] = field(default_factory=list)


def cohort_report(
    dirs: Sequence[Path],
    *,
    decks_dir: Path,
    today: date,
    since: date | None = None,
    hardest: int = HARDEST,
) -> CohortRun:
    """The cohort report over the learners' exports in ``dirs``.

    Args:
        dirs: Datasets (holding ``learner=<id>/`` partitions) or single partitions.
        decks_dir: The deck directory the hardest cards' text and the deck titles come from.
        today: The day the streaks end on.
        since: Count only answers on or after this study day (None: all).
        hardest: Length of the hardest-cards list.

    Raises:
        NeuroquizError: naming the path, for a directory without learner data, a file of
            another shape, a learner found twice, a missing deck directory or a file DuckDB
            cannot read.
    """
    from neuroquiz.cohort.analyse import analyse
    from neuroquiz.cohort.cards_text import read_deck_texts
    from neuroquiz.cohort.dataset import find_learners

    learners = find_learners(dirs)
    if not decks_dir.is_dir():
        raise NeuroquizError("no such deck directory", path=decks_dir)
    texts = read_deck_texts(decks_dir)
    report = analyse(
        learners,
        today=today,
        since=since,
        card_text=texts.text,
        deck_titles=texts.titles,
        hardest=hardest,
    )
    return CohortRun(report=report, deck_problems=texts.problems)
