"""The cohort report as plain-text tables (what ``neuroquiz cohort`` prints without --json)."""

from __future__ import annotations

from collections.abc import Sequence

from neuroquiz.cohort.cells import card_cells, deck_cells, learner_cells, origin_cells
from neuroquiz.cohort.report import LEECH_LAPSES, CohortReport, number, percent

__all__ = ["TEXT_WIDTH", "number", "percent", "render", "table"]

TEXT_WIDTH = 70
"""Longest 'prompt → answer' shown for a hard card; longer ones end with '…'."""


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], right: set[int]) -> list[str]:
    """Lines of a table with one space between columns; columns in ``right`` right-aligned."""
    widths = [len(h) for h in headers]
    for row in rows:
        widths = [max(w, len(cell)) for w, cell in zip(widths, row, strict=True)]

    def line(cells: Sequence[str]) -> str:
        parts = [
            cell.rjust(w) if i in right else cell.ljust(w)
            for i, (cell, w) in enumerate(zip(cells, widths, strict=True))
        ]
        return "  ".join(parts).rstrip()

    return [line(headers), *(line(row) for row in rows)]


def _one_line(text: str, width: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def render(report: CohortReport) -> str:
    """The whole report: summary, hardest cards, decks, learners, generated vs authored."""
    span = f"{report.first_day} to {report.last_day}" if report.first_day else "no answers"
    since = f", answers since {report.since}" if report.since else ""
    lines = [
        f"Cohort: {report.learners} learners, {report.reviews} answers "
        f"(+{report.redrills} re-drills), {span}{since}; streaks as of {report.as_of}.",
        "",
        f"Hardest cards ({len(report.hardest)} of {len(report.cards)}; leech = "
        f"{LEECH_LAPSES}+ lapses; every card: --json)",
    ]
    rows = [
        [
            *card_cells(index, h.figures),
            _one_line(f"{h.prompt} → {h.answer}", TEXT_WIDTH)
            if h.prompt is not None
            else "(not in the deck files)",
        ]
        for index, h in enumerate(report.hardest, 1)
    ]
    headers = ["#", "card", "deck", "type", "origin", "learners", "answers", "fail rate",
               "lapse rate", "1st grade", "leech", "prompt → answer"]  # fmt: skip
    lines += table(headers, rows, right={0, 5, 6, 7, 8, 9, 10})
    lines += ["", "Decks (cards learned per learner: lower quartile / median / upper quartile)"]
    rows = []
    for d in report.decks:
        *cells, q1, median, q3 = deck_cells(d)
        rows.append([*cells, f"{q1} / {median} / {q3}"])
    headers = ["deck", "title", "cards", "learners", "answers", "retention", "learned"]
    lines += table(headers, rows, right={2, 3, 4, 5, 6})
    lines += ["", "Learners"]
    rows = [learner_cells(p) for p in report.per_learner]
    headers = ["learner", "answers", "days", "retention", "new", "learned", "progress",
               "streak", "longest", "last day"]  # fmt: skip
    lines += table(headers, rows, right={1, 2, 3, 4, 5, 6, 7, 8})
    lines += ["", "Generated vs authored cards"]
    rows = [origin_cells(o) for o in report.origins]
    headers = ["origin", "cards", "learners", "answers", "retention", "lapse rate",
               "1st grade", "leech"]  # fmt: skip
    lines += table(headers, rows, right={1, 2, 3, 4, 5, 6, 7})
    return "\n".join(lines)
