"""One card in full: its content, source, SM-2 state per study card and review history."""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import TYPE_CHECKING, ClassVar, cast

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from neuroquiz.errors import NeuroquizError
from neuroquiz.models import (
    CLOZE_RE,
    GRADE_MEANINGS,
    BasicCard,
    ClozeCard,
    McqCard,
    ReviewLog,
    ReviewState,
)
from neuroquiz.tui.widgets.card_text import AnyCard, basic_label, display_safe, plain

if TYPE_CHECKING:
    from neuroquiz.tui.app import NeuroquizApp

HEADING = "bold underline"
"""Style of a section heading."""


def cloze_all(text: str) -> Text:
    """A cloze text with every deletion highlighted and labelled ``c1``, ``c2``..."""
    result = Text()
    position = 0
    for match in CLOZE_RE.finditer(text):
        result.append(display_safe(text[position : match.start()]))
        result.append(display_safe(match.group(2)), style="bold reverse")
        hint = match.group(3)
        label = f"c{match.group(1)}" + (f", hint: {hint}" if hint and hint.strip() else "")
        result.append(f"⁽{display_safe(label)}⁾", style="dim")
        position = match.end()
    result.append(display_safe(text[position:]))
    return result


def _section(title: str, body: Text) -> Text:
    text = Text()
    text.append(title, style=HEADING)  # not Text(title, style=...): that styles all of it
    text.append("\n")
    text.append_text(body)
    text.append("\n\n")
    return text


def content_text(card: AnyCard) -> Text:
    """The card's fields as labelled sections (card text shown literally)."""
    text = Text()
    if isinstance(card, BasicCard):
        text.append_text(_section("Front", plain(card.front)))
        text.append_text(_section("Back", plain(card.back, "bold")))
    elif isinstance(card, ClozeCard):
        text.append_text(_section("Text", cloze_all(card.text)))
    elif isinstance(card, McqCard):
        text.append_text(_section("Question", plain(card.question)))
        text.append_text(_section("Answer", plain(card.answer, "bold")))
        wrong = Text("\n").join(plain(f"· {d}") for d in card.distractors)
        text.append_text(_section("Distractors", wrong))
    if card.notes:
        text.append_text(_section("Notes", plain(card.notes, "italic")))
    if card.source is not None:
        body = plain(card.source.document)
        for sentence in card.source.sentences:
            body.append("\n“")
            body.append_text(plain(sentence, "italic"))
            body.append("”")
        text.append_text(_section("Source", body))
    text.rstrip()
    return text


def _ef(value: int) -> str:
    return f"{value / 100:.2f}"


def state_table(states: list[tuple[str, ReviewState]], suspended: bool) -> Table:
    """The SM-2 state of each study card: n, I, EF, due, lapses, last review."""
    table = Table(box=None, padding=(0, 1), show_edge=False, title_justify="left")
    for label in ("study card", "n", "I", "EF", "due", "lapses", "last review"):
        table.add_column(label, justify="right" if label in ("n", "I", "EF", "lapses") else "left")
    for key, state in states:
        due = "suspended" if suspended else (state.due.isoformat() if state.due else "new")
        table.add_row(
            Text(key),
            Text(str(state.repetitions)),
            Text(f"{state.interval}d"),
            Text(_ef(state.ef)),
            Text(due),
            Text(str(state.lapses)),
            Text(state.last_review.isoformat() if state.last_review else "never"),
        )
    return table


def history_table(logs: list[ReviewLog], zone: tzinfo | None) -> Table | Text:
    """Every answer, oldest first: local time, study card, grade and what it changed."""
    if not logs:
        return Text("No review yet.", style="dim")
    table = Table(box=None, padding=(0, 1), show_edge=False)
    for label in ("when", "study card", "grade", "I", "EF"):
        table.add_column(label)
    for log in logs:
        when: datetime = log.reviewed_at.astimezone(zone)
        table.add_row(
            Text(when.strftime("%Y-%m-%d %H:%M")),
            Text(log.key),
            Text(f"{log.grade} {GRADE_MEANINGS[log.grade]}"),
            Text(f"{log.before.interval}→{log.after.interval}d"),
            Text(f"{_ef(log.before.ef)}→{_ef(log.after.ef)}"),
        )
    return table


class CardDetailScreen(Screen[None]):
    """Everything about one card; ``e`` edits it, ``s`` suspends or unsuspends it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "edit", "Edit", tooltip="Edit this card in its deck file"),
        Binding("s", "suspend", "Suspend", tooltip="Suspend or unsuspend this card"),
        Binding("escape", "app.pop_screen", "Back", tooltip="Back to the card list"),
    ]

    def __init__(self, card_id: str) -> None:
        """Create the view of card ``card_id``."""
        super().__init__(id="card-detail")
        self.card_id = card_id

    @property
    def nq(self) -> NeuroquizApp:
        """The app, typed."""
        return cast("NeuroquizApp", self.app)

    def compose(self) -> ComposeResult:
        """The card's sections in a scrolling body, and the footer."""
        yield Header()
        with VerticalScroll(id="detail-body"):
            yield Static(id="detail-meta", markup=False)
            yield Static(id="detail-content")
            yield Static(id="detail-state")
            yield Static(id="detail-history")
        yield Footer()

    def on_mount(self) -> None:
        """Show the card; show it again whenever the deck files are reloaded."""
        self.sub_title = f"Card {self.card_id}"
        self.watch(self.nq, "decks_version", lambda _v: self.refresh_card(), init=False)
        self.refresh_card()
        self.query_one("#detail-body", VerticalScroll).focus()

    def refresh_card(self) -> None:
        """Re-read the card, its states and its log from the store."""
        store = self.nq.store
        card = store.card(self.card_id)
        meta = self.query_one("#detail-meta", Static)
        if card is None:
            meta.update(Text(f"Card {self.card_id} is not in the store any more."))
            return
        deck_id = store.deck_id_of(self.card_id) or ""
        suspended = store.is_suspended(self.card_id)
        kind = basic_label(card) if isinstance(card, BasicCard) else card.type
        parts = [card.id, self.nq.deck_title(deck_id), kind, card.origin]
        if card.tags:
            parts.append("tags: " + " ".join(card.tags))
        line = Text(display_safe(" · ".join(parts)))
        if suspended:
            line.append("  SUSPENDED", style="bold")
        if store.leech_keys(self.card_id):
            line.append("  LEECH", style="bold")
        if not store.study_keys(self.card_id):
            line.append("  (no longer in its deck file)", style="bold")
        meta.update(line)
        self.query_one("#detail-content", Static).update(content_text(card))
        keys = store.study_keys(self.card_id, include_retired=True)
        states = [(key, store.state(key)) for key in keys]
        zone = self.nq.clock().tzinfo
        logs = [log for key in keys for log in store.review_logs(key)]
        logs.sort(key=lambda log: log.reviewed_at)
        state: RenderableType = Group(
            Text("SM-2 state", style=HEADING), state_table(states, suspended), Text("")
        )
        self.query_one("#detail-state", Static).update(state)
        history: RenderableType = Group(
            Text(f"Review history ({len(logs)})", style=HEADING), history_table(logs, zone)
        )
        self.query_one("#detail-history", Static).update(history)

    def action_edit(self) -> None:
        """Edit this card (author screen); the view refreshes once it is saved."""
        card = self.nq.store.card(self.card_id)
        if card is not None:
            self.nq.edit_card(card, self.nq.store.deck_id_of(self.card_id))

    def action_suspend(self) -> None:
        """Suspend or unsuspend this card (the progress store only)."""
        store = self.nq.store
        suspended = not store.is_suspended(self.card_id)
        try:
            store.set_suspended(self.card_id, suspended)
        except NeuroquizError as error:
            self.nq.store_failed(error)
            return
        self.notify(f"Card {'suspended' if suspended else 'unsuspended'}.", timeout=3)
        self.refresh_card()
