"""The custom study dialog (``c`` on the decks screen): more new cards or reviews today,
review ahead, or cram a search — over the selected deck or every deck.

The dialog only asks and checks; the decks screen applies the choice
(:mod:`neuroquiz.study.custom`) and starts the session.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Literal

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, RadioButton, RadioSet, Static

from neuroquiz.study.custom import MAX_AHEAD_DAYS, Cram, CustomSession, ReviewAhead
from neuroquiz.tui.widgets.card_text import display_safe
from neuroquiz.tui.widgets.safe_input import SafeInput

Kind = Literal["new", "reviews", "ahead", "cram"]
"""What the custom study does."""

KINDS: tuple[tuple[Kind, str, str, str], ...] = (
    ("new", "More new cards today", "How many more new cards today?", "10"),
    ("reviews", "More reviews today", "How many more reviews today?", "50"),
    ("ahead", "Review ahead", "How many days ahead?", "3"),
    ("cram", "Cram a search (schedule unchanged)", "Which cards? (a Browse search)", "tag:gcs"),
)
"""Each kind: its name, its radio label, the question for its value and an example."""
MAX_EXTRA = 10_000
"""The most new cards or reviews one custom study adds."""


@dataclass(frozen=True)
class CustomChoice:
    """What the user asked for.

    Attributes:
        kind: What to do.
        count: The number of new cards or reviews to add (kinds ``new``, ``reviews``).
        session: The custom session to start (kinds ``ahead``, ``cram``).
        all_decks: Over every deck rather than the selected one.
    """

    kind: Kind
    count: int = 0
    session: CustomSession | None = None
    all_decks: bool = False


def parse_choice(kind: Kind, value: str, all_decks: bool) -> CustomChoice | str:
    """The choice, or the one line that says what is wrong with ``value``."""
    if kind == "cram":
        try:
            return CustomChoice(kind, session=Cram(value.strip()), all_decks=all_decks)
        except ValueError as error:
            return f"Search: {error}."
    high = MAX_AHEAD_DAYS if kind == "ahead" else MAX_EXTRA
    text = value.strip()
    if not text.isascii() or not text.isdigit() or not 1 <= int(text) <= high:
        what = "days" if kind == "ahead" else "cards"
        return f"Type a whole number of {what} from 1 to {high:,}."
    if kind == "ahead":
        return CustomChoice(kind, session=ReviewAhead(int(text)), all_decks=all_decks)
    return CustomChoice(kind, count=int(text), all_decks=all_decks)


class CustomStudyDialog(ModalScreen[CustomChoice | None]):
    """Choose a custom study and its number or search; dismisses with the choice."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", tooltip="Close without studying"),
    ]

    def __init__(self, deck_title: str | None) -> None:
        """Create the dialog.

        Args:
            deck_title: The selected deck's title; None if there is none (every deck).
        """
        super().__init__(id="custom-study")
        self._deck_title = deck_title

    def compose(self) -> ComposeResult:
        """Kinds, value, scope, the problem line, buttons."""
        with Vertical():
            yield Static("Custom study", classes="dialog-title")
            with RadioSet(id="custom-kind"):
                for index, (kind, label, _, _) in enumerate(KINDS):
                    yield RadioButton(label, value=index == 0, id=f"custom-{kind}")
            yield Label(KINDS[0][2], id="custom-value-label")
            yield SafeInput(id="custom-value", placeholder=f"e.g. {KINDS[0][3]}", compact=True)
            title = self._deck_title
            yield Checkbox(
                "Every deck" if title is None else f"Every deck, not only {display_safe(title)}",
                value=title is None,
                disabled=title is None,
                id="custom-all",
            )
            yield Static(id="custom-problem", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Start", id="custom-start", variant="primary", compact=True)
                yield Button("Cancel", id="custom-cancel", compact=True)

    def on_mount(self) -> None:
        """Focus the kinds: arrows and enter choose, tab goes on to the value, where enter
        starts."""
        self.query_one("#custom-kind", RadioSet).focus()

    @property
    def kind(self) -> Kind:
        """The kind chosen."""
        index = self.query_one("#custom-kind", RadioSet).pressed_index
        return KINDS[max(index, 0)][0]

    @on(RadioSet.Changed, "#custom-kind")
    def _kind_changed(self, event: RadioSet.Changed) -> None:
        event.stop()
        _, _, question, example = KINDS[event.index]
        self.query_one("#custom-value-label", Label).update(question)
        self.query_one("#custom-value", Input).placeholder = f"e.g. {example}"
        self.query_one("#custom-problem", Static).update("")

    @on(Input.Submitted, "#custom-value")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.start()

    @on(Button.Pressed, "#custom-start")
    def _start_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.start()

    @on(Button.Pressed, "#custom-cancel")
    def _cancel_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)

    def start(self) -> None:
        """Close with the choice, or say what is wrong with the value."""
        value = self.query_one("#custom-value", Input).value
        all_decks = self.query_one("#custom-all", Checkbox).value
        choice = parse_choice(self.kind, value, all_decks)
        if isinstance(choice, str):
            self.query_one("#custom-problem", Static).update(Text(choice, style="bold"))
            return
        self.dismiss(choice)

    def action_cancel(self) -> None:
        """Close without studying."""
        self.dismiss(None)
