"""End of a study session: cards by grade, retention, time spent, what is due tomorrow."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from neuroquiz.models import GRADE_MEANINGS

if TYPE_CHECKING:
    from neuroquiz.study import SessionSummary

BAR_WIDTH = 20
"""Width in cells of the longest grade bar."""


def _duration(seconds: float) -> str:
    total = max(0, round(seconds))
    minutes, secs = divmod(total, 60)
    hours, minutes = divmod(minutes, 60)
    if hours:
        return f"{hours} h {minutes:02d} min"
    if minutes:
        return f"{minutes} min {secs:02d} s"
    return f"{secs} s"


def _redrills(count: int) -> str:
    if not count:
        return "\n"
    return f" (+{count} re-drill answer{'s' if count != 1 else ''}, schedule unchanged)\n"


def summary_table(summary: SessionSummary) -> Table:
    """The summary as a Rich table: one row per grade with a bar, then the totals."""
    by_grade = {grade: summary.by_grade.get(grade, 0) for grade in range(6)}
    most = max(by_grade.values(), default=0) or 1
    table = Table.grid(padding=(0, 2))
    table.add_column(justify="right")
    table.add_column(justify="right")
    table.add_column()
    for grade, count in by_grade.items():
        bar = "█" * round(BAR_WIDTH * count / most) if count else ""
        table.add_row(
            Text(str(grade), style="bold"),
            str(count),
            Text.assemble((bar, "bold"), " " if bar else "", (GRADE_MEANINGS[grade], "dim")),
        )
    return table


def summary_totals(summary: SessionSummary) -> Text:
    """Cards reviewed, retention, time spent and due tomorrow, one per line."""
    retention = summary.retention
    retention_text = f"{retention:.0%}" if retention is not None else "—"
    return Text.assemble(
        ("Cards reviewed: ", "bold"),
        str(summary.reviewed),
        _redrills(summary.redrills),
        ("Retention: ", "bold"),
        retention_text,
        " of answers graded 3 or better\n",
        ("Time spent: ", "bold"),
        _duration(summary.elapsed_seconds),
        f" (answering: {_duration(summary.seconds)})\n",
        ("Due tomorrow: ", "bold"),
        f"{summary.due_tomorrow} card{'s' if summary.due_tomorrow != 1 else ''}",
    )


class SummaryScreen(Screen[None]):
    """What the session did; every answer was already stored as it was given."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,enter", "app.pop_screen", "Back to decks", tooltip="Back to the decks"),
    ]

    def __init__(self, summary: SessionSummary, *, title: str = "Study") -> None:
        """Show ``summary`` of the session studied under ``title``."""
        super().__init__(id="summary")
        self.summary = summary
        self._title = title

    def compose(self) -> ComposeResult:
        """Heading, grades table, totals, footer."""
        yield Header()
        with VerticalScroll(id="summary-body"):
            yield Static(Text("Session finished", style="bold"), id="summary-heading")
            if self.summary.reviewed:
                yield Static(summary_table(self.summary), id="summary-grades")
            else:
                yield Static("No cards were answered in this session.", id="summary-grades")
            yield Static(summary_totals(self.summary), id="summary-totals")
        yield Footer()

    def on_mount(self) -> None:
        """Title the screen after the session."""
        self.sub_title = f"{self._title} · summary"
