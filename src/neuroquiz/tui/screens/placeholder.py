"""A stand-in for a screen that is not written yet, so that every key on the home screen works."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, Middle
from textual.screen import Screen
from textual.widgets import Footer, Header, Static


class PlaceholderScreen(Screen[None]):
    """Says plainly that a screen is not available yet; escape goes back."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back", tooltip="Go back to the previous screen"),
    ]

    def __init__(self, title: str, message: str) -> None:
        """Create the placeholder.

        Args:
            title: The name of the missing screen, e.g. "Quiz".
            message: One or two sentences on what will be here.
        """
        super().__init__(classes="placeholder")
        self.title = title
        self._message = message

    def compose(self) -> ComposeResult:
        """A centred note and the footer."""
        yield Header()
        with Middle(), Center():
            yield Static(
                Text.assemble(
                    (f"{self.title}\n\n", "bold"),
                    self._message,
                    "\n\nThis screen is not available in this version yet.",
                    "\nPress escape to go back.",
                ),
                id="placeholder-message",
            )
        yield Footer()
