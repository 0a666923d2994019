"""Dialogs of the author screen: yes/no confirmation, and a new deck (title -> id -> file)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from neuroquiz.decks import save_deck
from neuroquiz.errors import NeuroquizError
from neuroquiz.models import Deck
from neuroquiz.tui.screens.author_draft import slugify
from neuroquiz.tui.widgets.card_text import display_safe
from neuroquiz.tui.widgets.safe_input import SafeInput

DECK_ID_LENGTH = 60
"""Longest deck id made from a title."""


class ConfirmDialog(ModalScreen[bool]):
    """A question with a yes and a no button; dismisses with True for yes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes", tooltip="Confirm"),
        Binding("n,escape", "answer(False)", "No", tooltip="Cancel"),
    ]

    def __init__(self, title: str, message: str, yes: str = "Yes") -> None:
        """Create the dialog.

        Args:
            title: One short line, e.g. "Delete this card?".
            message: What will happen (plain text, shown literally).
            yes: The label of the confirming button.
        """
        super().__init__()
        self._title = title
        self._message = message
        self._yes = yes

    def compose(self) -> ComposeResult:
        """Title, message, buttons."""
        with Vertical():
            yield Static(self._title, classes="dialog-title", markup=False)
            yield Static(Text(display_safe(self._message)))
            with Horizontal(classes="dialog-buttons"):
                yield Button(f"{self._yes} (y)", id="confirm-yes", variant="error", compact=True)
                yield Button("Cancel (n)", id="confirm-no", compact=True)

    def on_mount(self) -> None:
        """Focus the safe choice."""
        self.query_one("#confirm-no", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "confirm-yes")

    def action_answer(self, yes: bool) -> None:
        """Close with the answer."""
        self.dismiss(yes)


@dataclass(frozen=True)
class NewDeck:
    """A deck file the dialog created.

    Attributes:
        deck_id: The id (the file name without ``.yaml``).
        title: Its title.
        path: The new file.
    """

    deck_id: str
    title: str
    path: Path


def deck_id_for_title(title: str) -> str:
    """The deck id a title gives: ``"Spine: Trauma!"`` -> ``"spine-trauma"``."""
    return slugify(title, max_words=10, max_length=DECK_ID_LENGTH)


class NewDeckDialog(ModalScreen[NewDeck | None]):
    """Ask for a title, show the id and file it gives, and write the empty deck file."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", tooltip="Close without creating a deck"),
    ]

    def __init__(self, decks_dir: Path, deck_exists: Callable[[str], bool]) -> None:
        """Create the dialog.

        Args:
            decks_dir: Where the new deck file goes.
            deck_exists: True for a deck id already loaded (its file may be elsewhere).
        """
        super().__init__()
        self._decks_dir = decks_dir
        self._deck_exists = deck_exists

    def compose(self) -> ComposeResult:
        """Title input, the resulting file, buttons."""
        with Vertical():
            yield Static("New deck", classes="dialog-title")
            yield Label("Title")
            yield SafeInput(id="new-deck-title", placeholder="e.g. Spinal trauma")
            yield Static(id="new-deck-file", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Create", id="new-deck-create", variant="primary", compact=True)
                yield Button("Cancel", id="new-deck-cancel", compact=True)

    def on_mount(self) -> None:
        """Explain, and focus the title."""
        self._describe("")
        self.query_one("#new-deck-title", Input).focus()

    def _problem(self, title: str) -> str | None:
        if not title.strip():
            return "Type the deck's title."
        deck_id = deck_id_for_title(title)
        if not deck_id:
            return "The title needs a letter or a digit (the file is named after it)."
        path = self._decks_dir / f"{deck_id}.yaml"
        if self._deck_exists(deck_id) or path.exists():
            return f"A deck with id {deck_id!r} already exists ({path.name})."
        return None

    def _describe(self, title: str) -> None:
        line = self.query_one("#new-deck-file", Static)
        problem = self._problem(title)
        if problem is not None and title.strip():
            line.update(Text(problem, style="bold"))
        elif problem is not None:
            line.update(Text(f"The file goes in {self._decks_dir}.", style="dim"))
        else:
            deck_id = deck_id_for_title(title)
            line.update(Text(f"id {deck_id} · file {self._decks_dir / (deck_id + '.yaml')}"))

    @on(Input.Changed, "#new-deck-title")
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        self._describe(event.value)

    @on(Input.Submitted, "#new-deck-title")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.create()

    @on(Button.Pressed, "#new-deck-create")
    def _create_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.create()

    @on(Button.Pressed, "#new-deck-cancel")
    def _cancel_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)

    def create(self) -> None:
        """Write the new, empty deck file and close with it (or say what is wrong)."""
        title = self.query_one("#new-deck-title", Input).value.strip()
        problem = self._problem(title)
        line = self.query_one("#new-deck-file", Static)
        if problem is not None:
            line.update(Text(problem, style="bold"))
            return
        deck_id = deck_id_for_title(title)
        path = self._decks_dir / f"{deck_id}.yaml"
        try:
            self._decks_dir.mkdir(parents=True, exist_ok=True)
            save_deck(path, Deck(id=deck_id, title=title))
        except (NeuroquizError, OSError) as error:
            line.update(Text(f"Could not create {path}: {error}", style="bold"))
            return
        self.dismiss(NewDeck(deck_id=deck_id, title=title, path=path))

    def action_cancel(self) -> None:
        """Close without creating anything."""
        self.dismiss(None)
