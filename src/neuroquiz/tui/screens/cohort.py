"""Cohort report: the instructor's view of ``neuroquiz cohort`` in the app.

Opened from the command palette ("Cohort report") when the app was started with
``neuroquiz --cohort DIR``. The report is the one ``neuroquiz cohort DIR`` prints (the same
:func:`neuroquiz.cohort.service.cohort_report`, card text from the app's deck directory),
read in a worker thread, so the screen answers keys while DuckDB reads the files. Four
tabs: the hardest cards, the decks, the learners, generated vs authored cards. A hardest
card opens in the author screen (``e`` or ``enter``).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, cast

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static, TabbedContent, TabPane

from neuroquiz.cohort.cards_text import prompt_and_answer
from neuroquiz.cohort.cells import card_cells, deck_cells, learner_cells, origin_cells
from neuroquiz.cohort.report import LEECH_LAPSES, CohortReport, HardCard
from neuroquiz.cohort.service import CohortRun, cohort_report
from neuroquiz.errors import NeuroquizError
from neuroquiz.tui.widgets.safe_text import single_line

if TYPE_CHECKING:
    from neuroquiz.tui.app import NeuroquizApp

NOT_IN_DECKS = "(not in the deck files)"
"""The text column of a hardest card that no deck file holds."""

TABLES: dict[str, tuple[str, list[tuple[str, str, bool]]]] = {
    "hardest": (
        "1 Hardest cards",
        [
            ("rank", "#", True),
            ("card", "Card", False),
            ("deck", "Deck", False),
            ("type", "Type", False),
            ("origin", "Origin", False),
            ("learners", "Learners", True),
            ("answers", "Answers", True),
            ("fail", "Fail", True),
            ("lapse", "Lapse", True),
            ("first", "1st grade", True),
            ("leech", "Leech", True),
            ("text", "Prompt → answer", False),
        ],
    ),
    "decks": (
        "2 Decks",
        [
            ("deck", "Deck", False),
            ("title", "Title", False),
            ("cards", "Cards", True),
            ("learners", "Learners", True),
            ("answers", "Answers", True),
            ("retention", "Retention", True),
            ("q1", "Learned Q1", True),
            ("median", "Median", True),
            ("q3", "Q3", True),
        ],
    ),
    "learners": (
        "3 Learners",
        [
            ("learner", "Learner", False),
            ("answers", "Answers", True),
            ("days", "Days", True),
            ("retention", "Retention", True),
            ("new", "New", True),
            ("learned", "Learned", True),
            ("progress", "Progress", True),
            ("streak", "Streak", True),
            ("longest", "Longest", True),
            ("last", "Last day", False),
        ],
    ),
    "origins": (
        "4 Generated vs authored",
        [
            ("origin", "Origin", False),
            ("cards", "Cards", True),
            ("learners", "Learners", True),
            ("answers", "Answers", True),
            ("retention", "Retention", True),
            ("lapse", "Lapse rate", True),
            ("first", "1st grade", True),
            ("leech", "Leech", True),
        ],
    ),
}
"""Each tab: its label and its table's columns (key, label, right-aligned)."""


def hard_text(hard: HardCard) -> Text:
    """The 'prompt → answer' cell of a hardest card, on one line, shown literally."""
    if hard.prompt is None:
        return Text(NOT_IN_DECKS, style="dim italic")
    return Text(single_line(f"{hard.prompt} → {hard.answer}"))


def table_rows(report: CohortReport) -> dict[str, list[tuple[str, list[str]]]]:
    """The cells of every table (as text), each row with its key, in the report's order."""
    hardest = [
        (h.figures.key, [*card_cells(rank, h.figures), ""])
        for rank, h in enumerate(report.hardest, 1)
    ]
    decks = [(d.deck_id, deck_cells(d)) for d in report.decks]
    learners = [(p.learner, learner_cells(p)) for p in report.per_learner]
    origins = [(o.origin, origin_cells(o)) for o in report.origins]
    return {"hardest": hardest, "decks": decks, "learners": learners, "origins": origins}


def summary(report: CohortReport) -> str:
    """The line above the tables: learners, answers, the period, the streaks' day."""
    span = f"{report.first_day} to {report.last_day}" if report.first_day else "no answers"
    return (
        f"{report.learners} learners, {report.reviews:,} answers (+{report.redrills:,} "
        f"re-drills), {span}; streaks as of {report.as_of}; leech = {LEECH_LAPSES}+ lapses"
    )


class HardestTable(DataTable[Any]):
    """The hardest cards; its own ``enter`` (shown in the footer) opens the card to edit.

    The table handles ``enter`` itself, in turn with the keys before it (see
    :class:`neuroquiz.tui.screens.browse.CardTable`).
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        # Not in the footer, which shows the screen's "e Edit card" already.
        Binding("enter", "select_cursor", "Edit", tooltip="Edit the selected card", show=False),
    ]


class CohortScreen(Screen[None]):
    """The cohort report in four tables, read in the background."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "e", "edit", "Edit card", tooltip="Open the selected hardest card in the author screen"
        ),
        Binding("r", "reload", "Reload", tooltip="Read the cohort's files again"),
        Binding("1", "tab('hardest')", "Hardest", tooltip="The hardest cards", show=False),
        Binding(
            "2", "tab('decks')", "Decks", tooltip="Retention and cards learned per deck", show=False
        ),
        Binding(
            "3",
            "tab('learners')",
            "Learners",
            tooltip="Progress and streak per learner",
            show=False,
        ),
        Binding(
            "4", "tab('origins')", "Origins", tooltip="Generated vs authored cards", show=False
        ),
        Binding("escape", "app.pop_screen", "Back", tooltip="Back to the previous screen"),
    ]

    loading: reactive[bool] = reactive(False)
    """True while the report is being read."""

    class Loaded(Message):
        """The worker read the report."""

        def __init__(self, run: CohortRun) -> None:
            """Carry ``run``."""
            super().__init__()
            self.run = run

    class Failed(Message):
        """The worker could not read the report: ``error`` says why, in one line."""

        def __init__(self, error: str) -> None:
            """Carry ``error``."""
            super().__init__()
            self.error = error

    def __init__(self, dirs: Sequence[Path]) -> None:
        """Create the screen; the report is read once it is mounted.

        Args:
            dirs: The cohort datasets (the app's ``--cohort`` directories).
        """
        super().__init__(id="cohort")
        self.dirs = tuple(dirs)
        self._report: CohortReport | None = None
        self._hardest: dict[str, HardCard] = {}

    @property
    def nq(self) -> NeuroquizApp:
        """The app, typed."""
        return cast("NeuroquizApp", self.app)

    @property
    def report(self) -> CohortReport | None:
        """The report shown (None until the first read ends)."""
        return self._report

    def compose(self) -> ComposeResult:
        """Status line, the four tables in tabs, footer."""
        yield Header()
        yield Static(id="cohort-status", markup=False)
        with TabbedContent(id="cohort-tabs"):
            for name, (label, _) in TABLES.items():
                with TabPane(label, id=name):
                    table_class = HardestTable if name == "hardest" else DataTable
                    yield table_class(id=f"cohort-{name}", cursor_type="row", zebra_stripes=True)
                    if name == "hardest":
                        yield Static(id="cohort-card", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        """Make the columns and start reading the report."""
        self.sub_title = "Cohort report"
        for name, (_, columns) in TABLES.items():
            table = self.query_one(f"#cohort-{name}", DataTable)
            for key, label, right in columns:
                table.add_column(Text(label, justify="right" if right else "left"), key=key)
        self.action_reload()
        self.query_one("#cohort-hardest", DataTable).focus()

    # -- reading -------------------------------------------------------------------------

    def action_reload(self) -> None:
        """Read the report again, in a worker (the tables keep the last one meanwhile)."""
        if self.loading:
            return
        self.loading = True
        where = single_line(", ".join(str(path) for path in self.dirs))
        self._status(Text(f"Reading the cohort's exports in {where} …", style="italic"))
        self._read(self.dirs, self.nq.decks_dir, self.nq.today())

    @work(thread=True, exclusive=True, group="cohort-report", description="read the cohort")
    def _read(self, dirs: tuple[Path, ...], decks_dir: Path, today: date) -> None:
        """Read the report off the UI thread (DuckDB over every learner's files)."""
        try:
            run = cohort_report(dirs, decks_dir=decks_dir, today=today)
        except NeuroquizError as error:
            self.post_message(self.Failed(str(error)))
            return
        self.post_message(self.Loaded(run))

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        message.stop()
        self.loading = False
        report = message.run.report
        self._report = report
        self._hardest = {h.figures.key: h for h in report.hardest}
        rows = table_rows(report)
        for name, (_, columns) in TABLES.items():
            table = self.query_one(f"#cohort-{name}", DataTable)
            table.clear()
            for key, cells in rows[name]:
                shown = [
                    Text(single_line(cell), justify="right" if right else "left")
                    for cell, (_, _, right) in zip(cells, columns, strict=True)
                ]
                if name == "hardest":
                    shown[-1] = hard_text(self._hardest[key])
                table.add_row(*shown, key=key)
        status = Text(summary(report))
        if message.run.deck_problems:
            count = len(message.run.deck_problems)
            status.append(
                f" · {count} deck file{'s' if count != 1 else ''} unreadable", style="bold"
            )
        self._status(status)
        self._show_card()
        self.refresh_bindings()

    @on(Failed)
    def _failed(self, message: Failed) -> None:
        message.stop()
        self.loading = False
        self._status(Text(f"Could not read the cohort: {message.error}", style="bold"))
        self.notify(
            message.error, title="Cohort report", severity="error", timeout=10, markup=False
        )
        self.refresh_bindings()

    def _status(self, text: Text) -> None:
        self.query_one("#cohort-status", Static).update(text)

    # -- actions -------------------------------------------------------------------------

    def selected_hard_card(self) -> HardCard | None:
        """The hardest card under the cursor, if the hardest-cards tab shows one."""
        if self.query_one(TabbedContent).active != "hardest":
            return None
        table = self.query_one("#cohort-hardest", DataTable)
        if not table.row_count:
            return None
        row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        return self._hardest.get(str(row_key.value))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Edit only with a hardest card selected; no reload while one runs."""
        if action == "edit":
            return True if self.selected_hard_card() is not None else None
        if action == "reload":
            return None if self.loading else True
        return True

    def action_tab(self, tab: str) -> None:
        """Show the tab ``tab``."""
        self.query_one(TabbedContent).active = tab
        self.query_one(f"#cohort-{tab}", DataTable).focus()

    @on(TabbedContent.TabActivated)
    def _tab_changed(self, event: TabbedContent.TabActivated) -> None:
        event.stop()
        self.refresh_bindings()

    @on(DataTable.RowHighlighted, "#cohort-hardest")
    def _row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self._show_card()

    def _show_card(self) -> None:
        """The whole 'prompt → answer' of the highlighted hardest card, under the table
        (the table's column is one line, cut by the screen's width)."""
        hard = self.selected_hard_card()
        shown = self.query_one("#cohort-card", Static)
        shown.update(hard_text(hard) if hard is not None else "")

    @on(DataTable.RowSelected, "#cohort-hardest")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit()

    def action_edit(self) -> None:
        """Open the selected hardest card in the author screen (the card of the decks the
        app studies; the report's text follows the saved card)."""
        hard = self.selected_hard_card()
        if hard is None:
            return
        card_id = hard.figures.card_id
        card = self.nq.store.card(card_id)
        if card is None:
            self.notify(
                f"Card {card_id} is not in the decks of {self.nq.decks_dir}: nothing to edit.",
                title="Cohort report",
                severity="warning",
                markup=False,
            )
            return
        self.nq.edit_card(
            card, self.nq.store.deck_id_of(card_id), lambda saved: self._edited(hard, saved)
        )

    def _edited(self, hard: HardCard, saved: Any) -> None:
        """Show the saved card's text in its row (None: cancelled or deleted)."""
        if saved is None or hard.figures.key not in self._hardest:
            return
        prompt, answer = prompt_and_answer(saved, hard.figures.ordinal)
        edited = HardCard(figures=hard.figures, prompt=prompt, answer=answer)
        self._hardest[hard.figures.key] = edited
        table = self.query_one("#cohort-hardest", DataTable)
        table.update_cell(hard.figures.key, "text", hard_text(edited))
        self._show_card()
