"""Decks home: every deck with new / due / learned / total / last studied, and where to go next."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any, ClassVar, Literal, cast

from rich.console import Console
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from neuroquiz.study.day import study_day
from neuroquiz.study.queue import TodayPlan, plan_by_deck
from neuroquiz.tui.widgets.safe_text import display_safe

if TYPE_CHECKING:
    from neuroquiz.store import DeckSummary
    from neuroquiz.study.custom import CustomSession
    from neuroquiz.tui.app import NeuroquizApp
    from neuroquiz.tui.screens.custom_study import CustomChoice

MAX_PROBLEMS_SHOWN = 3
"""Deck-file problems listed in the banner; the rest are counted."""
COUNT_COLUMNS = (
    ("new", "New", 4),
    ("due", "Due", 4),  # New and Due: what today's session of the deck holds (the limits)
    ("learned", "Learned", 7),
    ("total", "Total", 5),
    ("last", "Last studied", 12),
)
"""The count columns after the deck title: key, label, width."""
MIN_TITLE_WIDTH = 16
"""The deck-title column never gets narrower than this."""
TITLE_LINES = 2
"""A deck title too long for its column wraps onto this many lines, then ends in "…"."""


def title_cell(console: Console, title: str, width: int) -> Text:
    """The deck title as shown in a column ``width`` cells wide: whole on one line if it
    fits, else wrapped at words onto :data:`TITLE_LINES` lines, the last one ending in an
    ellipsis if even that is too little.

    Args:
        console: The console that measures text (the app's).
        title: The deck title (one line, display-safe).
        width: The column width in cells.
    """
    width = max(width, 1)
    lines = [line.plain.rstrip() for line in Text(title).wrap(console, width, overflow="fold")]
    if len(lines) <= 1:
        return Text(title, no_wrap=True, overflow="ellipsis")
    kept = lines[:TITLE_LINES]
    if len(lines) > TITLE_LINES:
        last = Text(" ".join(lines[TITLE_LINES - 1 :]))
        last.truncate(width, overflow="ellipsis")
        kept[-1] = last.plain
    return Text("\n".join(kept), no_wrap=True, overflow="ellipsis")


def last_studied_label(day: date | None, today: date) -> str:
    """``today``, ``yesterday``, ``3 days ago`` or the date; ``never`` if not studied."""
    if day is None:
        return "never"
    days = (today - day).days
    if days <= 0:
        return "today"
    if days == 1:
        return "yesterday"
    if days < 14:
        return f"{days} days ago"
    return day.isoformat()


class DeckTable(DataTable[Any]):
    """The decks table; its own ``enter`` (shown in the footer) studies the row under the
    cursor.

    The table handles ``enter`` itself, in turn with the keys before it: a screen binding
    with priority would run before a ``down`` still queued for the table, on the old row.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "Study", tooltip="Study the selected deck"),
    ]


class HomeScreen(Screen[None]):
    """The decks table and the keys that lead to every other screen."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "study_all", "All due", tooltip="Study every card due today, all decks"),
        Binding("q", "open('quiz')", "Quiz", tooltip="Multiple-choice quiz (schedule unchanged)"),
        Binding("b", "open('browse')", "Browse", tooltip="Search and open every card"),
        Binding("t", "open('stats')", "Stats", tooltip="Reviews, forecast, retention, streak"),
        Binding("g", "open('generate')", "Generate", tooltip="Make cards from a document"),
        Binding("n", "new_card", "New", tooltip="Write a new card in the selected deck"),
        Binding("r", "reload", "Reload", tooltip="Reload the deck files from disk", show=False),
        # Not in the footer: no room at 80 columns; `?` lists it.
        Binding(
            "c",
            "custom_study",
            "Custom",
            tooltip="Custom study: more new cards or reviews today, review ahead, cram",
            show=False,
        ),
    ]

    def __init__(self) -> None:
        """Create the home screen (it reads everything from the app)."""
        super().__init__(id="home")
        self._summaries: list[DeckSummary] = []
        self._plans: dict[str, TodayPlan] = {}
        self._total = TodayPlan(0, 0, 0)
        self._title_width = 0
        self._stale = False  # another screen was shown since the counts were read

    @property
    def nq(self) -> NeuroquizApp:
        """The app, typed."""
        return cast("NeuroquizApp", self.app)

    def compose(self) -> ComposeResult:
        """Problems banner, totals line, decks table, selected deck's description, footer."""
        yield Header()
        yield Static(id="problems", markup=False)
        yield Static(id="totals", markup=False)
        table = DeckTable(id="decks", cursor_type="row", zebra_stripes=True)
        yield table
        yield Static(id="deck-info", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        """Fill the table; refresh whenever the decks are reloaded."""
        self.sub_title = "Decks"
        self.watch(self.nq, "decks_version", self._decks_changed, init=False)
        self.watch(self.nq, "decks_loading", self._loading_changed, init=False)
        self.refresh_decks()

    def on_resize(self) -> None:
        """Fit the deck-title column to the new width (the counts never scroll away)."""
        if self._title_width != self._fit_title_width():
            self.refresh_decks()

    def _fit_title_width(self) -> int:
        fixed = sum(width for _, _, width in COUNT_COLUMNS)
        padding = 2 * (len(COUNT_COLUMNS) + 1)  # one cell each side of every column
        return max(MIN_TITLE_WIDTH, self.size.width - fixed - padding - 2)  # 2: scrollbar

    def _build_columns(self, table: DataTable[Any]) -> None:
        self._title_width = self._fit_title_width()
        table.clear(columns=True)
        table.add_column("Deck", key="deck", width=self._title_width)
        for key, label, width in COUNT_COLUMNS:
            justify: Literal["left", "right"] = "left" if key == "last" else "right"
            table.add_column(Text(label, justify=justify), key=key, width=width)

    def on_screen_suspend(self) -> None:
        """Another screen covers this one: its counts may change until it comes back."""
        self._stale = True

    def on_screen_resume(self) -> None:
        """Counts change after studying: refresh when coming back to this screen.

        Not when it is first shown: :meth:`on_mount` has just counted.
        """
        if self.is_mounted and self._stale:
            self._stale = False
            self.refresh_decks()

    def _decks_changed(self, _version: int) -> None:
        self.refresh_decks()
        self.notify("Deck files reloaded.", timeout=3)

    def _loading_changed(self, _loading: bool) -> None:
        """The status line follows the load; once done, show its problems and the titles.

        The counts need no refresh here: a load that changed the store bumps
        ``decks_version``, which refreshes the whole table.
        """
        self._show_totals()
        self._show_problems()
        self._show_deck_info()

    def refresh_decks(self) -> None:
        """Re-read the deck summaries from the store and redraw the table and banners.

        This runs on the UI thread: the store's SQLite connection belongs to it, and the
        summary is one grouped query.
        """
        app = self.nq
        now = app.clock()
        today = study_day(now, app.day_start_hour)
        store = self.nq.store
        self._summaries = list(store.deck_summaries(today))
        # New and due as the queue counts them: after the daily limits and today's answers.
        self._plans, self._total = plan_by_deck(store, today, [s.deck_id for s in self._summaries])
        table = self.query_one("#decks", DataTable)
        selected = self.selected_deck_id()
        self._build_columns(table)
        for summary in self._summaries:
            plan = self._plans[summary.deck_id]
            title = title_cell(self.app.console, display_safe(summary.title), self._title_width)
            table.add_row(
                title,
                Text(str(plan.new), justify="right"),
                Text(str(plan.reviews), justify="right", style="bold" if plan.reviews else ""),
                Text(str(summary.learned), justify="right"),
                Text(str(summary.total), justify="right"),
                Text(last_studied_label(self._local_day(summary.last_studied, now), today)),
                key=summary.deck_id,
                height=len(title.plain.splitlines()) or 1,
            )
        if selected is not None and selected in table.rows:
            table.move_cursor(row=table.get_row_index(selected), animate=False)
        self._show_totals()
        self._show_problems()
        self._show_deck_info()

    @on(DataTable.RowHighlighted, "#decks")
    def _row_highlighted(self) -> None:
        self._show_deck_info()

    def _show_deck_info(self) -> None:
        """The full title and the description of the deck under the cursor."""
        info = self.query_one("#deck-info", Static)
        deck_id = self.selected_deck_id()
        loaded = self.nq.loaded_deck(deck_id) if deck_id else None
        # While the files load, the title and description the store last synced.
        deck = loaded if loaded is not None else self.nq.stored_deck(deck_id or "")
        info.display = deck is not None
        if deck is None:
            return
        text = Text(display_safe(deck.title), style="bold")
        description = " ".join(deck.description.split())
        if description:
            text.append(" — " + display_safe(description), style="not bold")
        info.update(text)

    def _local_day(self, moment: datetime | None, now: datetime) -> date | None:
        """The study day of a stored UTC time, in the clock's timezone."""
        if moment is None:
            return None
        return study_day(moment.astimezone(now.tzinfo), self.nq.day_start_hour)

    def _show_totals(self) -> None:
        total = self._total
        decks = len(self._summaries)
        totals = self.query_one("#totals", Static)
        loading = self.nq.decks_loading
        if not self._summaries:
            if loading:
                totals.update(Text(f"Loading the decks in {self.nq.decks_dir}…", style="dim"))
            else:
                totals.update(self._no_decks_text())
            return
        reviews = "review" if total.reviews == 1 else "reviews"
        text = Text.assemble(
            (f"{total.new:,} new · {total.reviews:,} {reviews} today", "bold" if total.size else "")
        )
        if total.more_due:
            text.append(f" ({total.more_due:,} more due)")
        text.append(f" · {decks} deck{'s' if decks != 1 else ''}")
        if total.size:
            text.append(" — ")
            text.append("a", style="bold")
            text.append(": study all, ")
            text.append("enter", style="bold")
            text.append(": the selected deck")
        elif total.more_due:
            text.append(" — the daily limits are reached.")
        else:
            text.append(" — all done for today.")
        if loading:
            text.append("  · loading decks…", style="dim")
        totals.update(text)

    def _no_decks_text(self) -> Text:
        """No deck yet: say where they were looked for, and the two keys that make one."""
        return Text.assemble(
            (f"No decks found in {self.nq.decks_dir}.", "bold"),
            " Press ",
            ("n", "bold"),
            " to write a card (",
            ("ctrl+n", "bold"),
            " there makes a deck), or ",
            ("g", "bold"),
            " to generate cards from a document.",
        )

    def _show_problems(self) -> None:
        problems = list(self.nq.loaded.problems)
        banner = self.query_one("#problems", Static)
        banner.display = bool(problems)
        if not problems:
            return
        noun = "problem" if len(problems) == 1 else "problems"
        text = Text(f"Some deck files could not be loaded ({len(problems)} {noun}):", style="bold")
        for problem in problems[:MAX_PROBLEMS_SHOWN]:
            where = f"{problem.path.name}:{problem.line}:{problem.col}"
            text.append(f"\n• {display_safe(where)}: {display_safe(problem.message)}")
        if len(problems) > MAX_PROBLEMS_SHOWN:
            text.append(
                f"\n… and {len(problems) - MAX_PROBLEMS_SHOWN} more; run `neuroquiz check`."
            )
        banner.update(text)

    def selected_deck_id(self) -> str | None:
        """The deck under the table cursor, if any."""
        table = self.query_one("#decks", DataTable)
        if not table.row_count:
            return None
        row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        return str(row_key.value) if row_key.value is not None else None

    @on(DataTable.RowSelected, "#decks")
    def _row_chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value is not None:
            self.study(deck_ids=[str(event.row_key.value)])

    def action_study_all(self) -> None:
        """Study every due (and new) card of every deck."""
        self.study(deck_ids=None)

    def study(self, deck_ids: list[str] | None, custom: CustomSession | None = None) -> None:
        """Open a study session on ``deck_ids`` (None: all decks), or a custom one."""
        from neuroquiz.tui.screens.study import StudyScreen

        self.app.push_screen(StudyScreen(deck_ids=deck_ids, custom=custom))

    def action_custom_study(self) -> None:
        """Ask for a custom study of the selected deck (or every deck) and start it."""
        from neuroquiz.tui.screens.custom_study import CustomStudyDialog

        deck_id = self.selected_deck_id()
        title = self.nq.deck_title(deck_id) if deck_id is not None else None

        def chosen(choice: CustomChoice | None) -> None:
            if choice is not None:
                self._start_custom(choice, None if choice.all_decks else deck_id)

        self.app.push_screen(CustomStudyDialog(title), chosen)

    def _start_custom(self, choice: CustomChoice, deck_id: str | None) -> None:
        """Raise today's limits and study, or start a review-ahead or cram session."""
        from neuroquiz.errors import NeuroquizError
        from neuroquiz.study.custom import add_extra_today

        deck_ids = None if deck_id is None else [deck_id]
        if choice.session is None:
            new = choice.count if choice.kind == "new" else 0
            reviews = choice.count if choice.kind == "reviews" else 0
            try:
                add_extra_today(
                    self.nq.store, self.nq.today(), new=new, reviews=reviews, deck_id=deck_id
                )
            except NeuroquizError as error:
                self.nq.store_failed(error, title="Limits not raised")
                return
            what = f"{new} more new cards" if new else f"{reviews} more reviews"
            self.notify(f"Today: {what}.", timeout=3, markup=False)
            self.refresh_decks()
        self.study(deck_ids, choice.session)

    def action_open(self, name: str) -> None:
        """Open the screen ``name`` (quiz, browse, stats, generate)."""
        self.nq.open_screen(name)

    def action_new_card(self) -> None:
        """Open the author screen on a new card for the selected deck."""
        deck_id = self.selected_deck_id()
        self.nq.edit_card(None, deck_id)

    def action_reload(self) -> None:
        """Reload and sync the deck files (in a worker)."""
        self.nq.reload_decks()
