"""Browse: every card in a table with search; open one to see its content, state and history.

The table is filled a page at a time (see :func:`neuroquiz.study.search.search_cards`), so
a collection of 100,000 cards opens as fast as a small one. The query language is the one of
:mod:`neuroquiz.study.search`: ``deck:``, ``tag:``, ``type:``, ``is:due``, ``is:new``,
``is:suspended``, ``is:leech`` and free text.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar, cast

from rich.cells import cell_len
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import DataTable, Footer, Header, Input, Static

from neuroquiz.errors import NeuroquizError
from neuroquiz.study.search import CardRow, SearchResult, card_row, search_cards
from neuroquiz.tui.screens.browse_layout import (
    FIXED_WIDTHS,
    MIN_DECK_WIDTH,
    MIN_PROMPT_WIDTH,
    BrowseWidths,
    column_widths,
    without_deck_cue,
)
from neuroquiz.tui.screens.card_detail import CardDetailScreen
from neuroquiz.tui.widgets.card_text import display_safe, single_line
from neuroquiz.tui.widgets.safe_input import SafeInput

if TYPE_CHECKING:
    from neuroquiz.tui.app import NeuroquizApp

PAGE = 200
"""Rows read from the store at a time."""
PRELOAD_MARGIN = 40
"""Read the next page when the cursor or the view comes this close to the last loaded row."""
SEARCH_DELAY = 0.3
"""Seconds of no typing before the search runs (enter runs it at once)."""
SEARCH_HELP = "deck: tag: type: is:due is:new is:suspended, words; -term negates"
"""The search box placeholder."""


def type_label(row: CardRow) -> str:
    """The Type column: the card type; ``rev`` (reversed), ``typed`` or ``rev+t`` (both)
    for the basic cards studied otherwise ("basic + reversed" does not fit)."""
    if row.reversed:
        return "rev+t" if row.typed else "rev"
    return "typed" if row.typed else row.type


def due_label(row: CardRow, today: date) -> Text:
    """The Due column: ``leech`` (a suspended leech), ``suspended``, ``new``, ``today``,
    ``overdue`` or the day."""
    if row.suspended and row.leech:
        return Text("leech", style="italic red")
    if row.suspended:
        return Text("suspended", style="dim italic")
    if row.due is None:
        return Text("new", style="italic")
    if row.due < today:
        return Text("overdue", style="bold")
    if row.due == today:
        return Text("today", style="bold")
    return Text(row.due.isoformat())


def one_line(raw: str, width: int) -> Text:
    """The first line of card text, made display-safe and cut to ``width`` with an ellipsis."""
    first, _, rest = display_safe(raw).strip().partition("\n")
    text = Text(first + (" …" if rest.strip() else ""), no_wrap=True, overflow="ellipsis")
    text.truncate(max(width, 1), overflow="ellipsis")
    return text


class CardTable(DataTable[Any]):
    """The cards table; its own ``enter`` (shown in the footer) opens the row under the
    cursor.

    The table handles ``enter`` itself, in turn with the keys before it: a screen binding
    with priority would run before a ``down`` still queued for the table, on the old row.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter", "select_cursor", "Open", tooltip="Show the card, its SM-2 state and history"
        ),
    ]


class BrowseScreen(Screen[None]):
    """A searchable table of every card; enter opens a card, ``e`` edits, ``s`` suspends."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # priority: run as soon as "/" arrives, before the keys typed after it are handed to
        # the table (check_action turns it off in the search box, where "/" is text).
        Binding(
            "slash",
            "focus_search",
            "Search",
            tooltip="Type a search (deck: tag: type: is:)",
            priority=True,
        ),
        Binding("e", "edit", "Edit", tooltip="Edit the selected card in its deck file"),
        Binding("s", "suspend", "Suspend", tooltip="Suspend or unsuspend the selected card"),
        Binding("escape", "back", "Back", tooltip="Leave the search box, or go back"),
    ]

    def __init__(self, query: str = "") -> None:
        """Create the browser.

        Args:
            query: A search to start with, e.g. ``"is:due"``.
        """
        super().__init__(id="browse")
        self._query = query
        self._result: SearchResult | None = None
        self._loaded = 0
        self._today = date.min
        self._titles: dict[str, str] = {}
        self._timer: Timer | None = None
        self._width = 0
        self._longest = 0  # the longest deck title, in cells, when the columns were sized
        self._widths = BrowseWidths(prompt=MIN_PROMPT_WIDTH, deck=MIN_DECK_WIDTH)
        self._away = False
        self._searched: str | None = None

    @property
    def nq(self) -> NeuroquizApp:
        """The app, typed."""
        return cast("NeuroquizApp", self.app)

    @property
    def result(self) -> SearchResult | None:
        """The current search result."""
        return self._result

    @property
    def loaded_rows(self) -> int:
        """Rows in the table so far (the rest are read as the cursor comes near)."""
        return self._loaded

    def compose(self) -> ComposeResult:
        """Search box, status line, table, footer."""
        yield Header()
        yield SafeInput(self._query, id="browse-search", placeholder=SEARCH_HELP, compact=True)
        yield Static(id="browse-status", markup=False)
        table = CardTable(id="browse-table", cursor_type="row", zebra_stripes=True)
        yield table
        yield Footer()

    def on_mount(self) -> None:
        """Run the first search; refresh whenever the deck files are reloaded."""
        self.sub_title = "Browse"
        self.watch(self.nq, "decks_version", self._decks_changed, init=False)
        self.run_search()
        self.query_one("#browse-table", DataTable).focus()

    def on_screen_suspend(self) -> None:
        """Another screen (card detail, author) is on top."""
        self._away = True

    def on_screen_resume(self) -> None:
        """Back from another screen, where the card may have been suspended or edited:
        re-read, keeping the cursor.
        """
        if self._away:
            self._away = False
            self.run_search(keep_cursor=True)

    def on_resize(self, event: events.Resize) -> None:
        """Give the prompt column the width that is left."""
        if event.size.width != self._width and self._result is not None:
            self.run_search(keep_cursor=True)

    def on_mouse_scroll_down(self, _event: events.MouseScrollDown) -> None:
        """The wheel may bring the last rows into view: read the next page if so."""
        self.call_after_refresh(self._maybe_load_more)

    def _decks_changed(self, _version: int) -> None:
        self.run_search(keep_cursor=True)

    # -- searching -----------------------------------------------------------------------

    def run_search(self, *, keep_cursor: bool = False) -> None:
        """Search with the text of the search box and refill the table from the first page."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        table = self.query_one("#browse-table", DataTable)
        selected = self.selected_card_id() if keep_cursor else None
        old_row = table.cursor_row
        self._today = self.nq.today()
        self._titles = {info.id: info.title for info in self.nq.store.decks()}
        query = self.query_one("#browse-search", Input).value
        self._searched = query
        self._result = search_cards(self.nq.store, query, today=self._today)
        self._setup_columns(table)
        table.clear()
        self._loaded = 0
        self._load_page(max(PAGE, old_row + PRELOAD_MARGIN) if keep_cursor else PAGE)
        if selected is not None and selected in table.rows:
            table.move_cursor(row=table.get_row_index(selected), animate=False)
        elif keep_cursor and table.row_count:
            table.move_cursor(row=min(old_row, table.row_count - 1), animate=False)
        self._show_status()

    def _setup_columns(self, table: DataTable[Any]) -> None:
        # The table spans the screen (app.tcss): its own size is not laid out yet on mount.
        width = self.size.width
        longest = max((cell_len(single_line(t)) for t in self._titles.values()), default=0)
        if (width, longest) == (self._width, self._longest) and table.columns:
            return
        self._width, self._longest = width, longest
        table.clear(columns=True)
        # The gutter of the vertical scrollbar is always kept (scrollbar-gutter: stable), so
        # the columns add up to the width inside it and no horizontal scrollbar appears.
        self._widths = column_widths(
            width, table.styles.scrollbar_size_vertical, table.cell_padding, longest
        )
        table.add_column("Card", width=self._widths.prompt, key="prompt")
        table.add_column("Deck", width=self._widths.deck, key="deck")
        table.add_column("Type", width=FIXED_WIDTHS["type"], key="type")
        table.add_column("Due", width=FIXED_WIDTHS["due"], key="due")

    def _cells(self, row: CardRow) -> list[Text]:
        title = self._titles.get(row.deck_id, row.deck_id)
        return [
            # The Deck column names the deck: a cue naming it again would fill every row.
            one_line(without_deck_cue(row.prompt, title), self._widths.prompt),
            one_line(title, self._widths.deck),
            Text(type_label(row)),
            due_label(row, self._today),
        ]

    def _load_page(self, size: int | None = None) -> None:
        """Append the next ``size`` rows (default :data:`PAGE`) of the result to the table."""
        size = PAGE if size is None else size
        result = self._result
        if result is None or self._loaded >= len(result):
            return
        table = self.query_one("#browse-table", DataTable)
        rows = result.rows(self._loaded, self._loaded + size)
        for row in rows:
            table.add_row(*self._cells(row), key=row.card_id)
        self._loaded += len(rows)

    def _maybe_load_more(self) -> None:
        table = self.query_one("#browse-table", DataTable)
        bottom = max(table.cursor_row, int(table.scroll_y) + table.size.height)
        if bottom >= self._loaded - PRELOAD_MARGIN:
            self._load_page()
            self._show_status()

    def _show_status(self) -> None:
        result = self._result
        if result is None:
            return
        count = len(result)
        text = Text()
        text.append(f"{count:,} card{'s' if count != 1 else ''}", style="bold")
        if self._loaded < count:
            text.append(f" · {self._loaded:,} listed, more as you scroll")
        if result.query.problems:
            text.append(" · ignored: ", style="bold")
            text.append(display_safe("; ".join(result.query.problems)))
        self.query_one("#browse-status", Static).update(text)

    @on(Input.Changed, "#browse-search")
    def _search_typed(self, event: Input.Changed) -> None:
        event.stop()
        if event.value == self._searched:
            return  # e.g. the initial query, set before mounting
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(SEARCH_DELAY, self.run_search)

    @on(Input.Submitted, "#browse-search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.run_search()
        self.query_one("#browse-table", DataTable).focus()

    @on(DataTable.RowHighlighted, "#browse-table")
    def _row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self._maybe_load_more()

    @on(DataTable.RowSelected, "#browse-table")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open_card()

    # -- actions -------------------------------------------------------------------------

    def selected_card_id(self) -> str | None:
        """The card under the table cursor, if any."""
        table = self.query_one("#browse-table", DataTable)
        if not table.row_count:
            return None
        row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        return str(row_key.value) if row_key.value is not None else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Card keys only with a card under the cursor, and not while typing a search."""
        if action == "focus_search":
            return not isinstance(self.focused, Input)
        if action in ("open_card", "edit", "suspend"):
            if isinstance(self.focused, Input):
                return False
            return True if self.selected_card_id() is not None else None
        return True

    def action_focus_search(self) -> None:
        """Put the cursor in the search box.

        At once, not with ``focus()`` (which waits its turn in the message queue): keys
        typed right after ``/`` are already queued and must reach the box, not the table.
        """
        self.set_focus(self.query_one("#browse-search", Input))

    def action_back(self) -> None:
        """From the search box back to the table; from the table, leave the screen."""
        if isinstance(self.focused, Input):
            self.query_one("#browse-table", DataTable).focus()
        else:
            self.app.pop_screen()

    def action_open_card(self) -> None:
        """Show the selected card's content, source, SM-2 state and review history."""
        card_id = self.selected_card_id()
        if card_id is not None:
            self.app.push_screen(CardDetailScreen(card_id))

    def action_edit(self) -> None:
        """Edit the selected card (author screen); the table refreshes when it is saved."""
        card_id = self.selected_card_id()
        if card_id is None:
            return
        card = self.nq.store.card(card_id)
        if card is None:
            return
        self.nq.edit_card(card, self.nq.store.deck_id_of(card_id))

    def action_suspend(self) -> None:
        """Suspend the selected card, or unsuspend it (the progress store only)."""
        card_id = self.selected_card_id()
        if card_id is None:
            return
        store = self.nq.store
        suspended = not store.is_suspended(card_id)
        try:
            store.set_suspended(card_id, suspended)
        except NeuroquizError as error:
            self.nq.store_failed(error)
            return
        note = f"Card {card_id} {'suspended' if suspended else 'unsuspended'}."
        if not suspended and store.leech_keys(card_id):
            # As in Anki, unsuspending leaves the leech mark: is:leech still finds the card
            # until it is edited (see README, Leeches).
            note = f"Card {card_id} unsuspended; still a leech (is:leech) until it is edited."
        self.notify(note, timeout=3, markup=False)
        row = card_row(store, card_id)
        if row is not None:
            table = self.query_one("#browse-table", DataTable)
            table.update_cell(card_id, "due", due_label(row, self._today))
