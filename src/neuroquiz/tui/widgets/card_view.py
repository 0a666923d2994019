"""A scrolling view of one study card: meta line, prompt, and (once revealed) the answer."""

from __future__ import annotations

from rich.console import RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.reactive import reactive
from textual.widgets import Static

from neuroquiz.models import ClozeCard
from neuroquiz.tui.widgets.card_text import AnyCard, card_back, card_front, plain


class CardView(VerticalScroll):
    """Shows a card's front, and its back when :attr:`revealed` is set.

    Card text is rendered as data (see :mod:`neuroquiz.tui.widgets.card_text`); long cards
    scroll. Set the card with :meth:`show_card`; toggle the answer with :attr:`revealed`.
    """

    revealed: reactive[bool] = reactive(False)
    """Whether the answer (back, notes) is shown."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        """Create an empty card view.

        Args:
            id: The widget id.
            classes: CSS classes.
        """
        super().__init__(id=id, classes=classes)
        self._card: AnyCard | None = None
        self._ordinal = 0
        self._meta: RenderableType = ""

    @property
    def card(self) -> AnyCard | None:
        """The card on show, if any."""
        return self._card

    def compose(self) -> ComposeResult:
        """The meta line, the front, the back and the notes, stacked."""
        yield Static(id="card-meta", markup=False)
        yield Static(id="card-front")
        yield Static(id="card-back")
        yield Static(id="card-notes")

    def show_card(
        self, card: AnyCard | None, ordinal: int = 0, *, meta: RenderableType = ""
    ) -> None:
        """Show ``card`` (study card ``ordinal``) front side up, scrolled to the top.

        Args:
            card: The card, or None to clear the view.
            ordinal: The cloze number for a cloze card; 0 otherwise.
            meta: A line of context shown above the prompt (deck, type, re-drill mark): plain
                text (shown in italics, never as markup) or a renderable that fits itself.
        """
        self._card, self._ordinal, self._meta = card, ordinal, meta
        self.set_reactive(CardView.revealed, False)
        self._render_card()
        self.scroll_home(animate=False)

    def watch_revealed(self) -> None:
        """Re-render when the answer is shown or hidden."""
        self._render_card()

    def _render_card(self) -> None:
        if not self.is_mounted:
            return
        card, ordinal = self._card, self._ordinal
        meta = self.query_one("#card-meta", Static)
        front = self.query_one("#card-front", Static)
        back = self.query_one("#card-back", Static)
        notes = self.query_one("#card-notes", Static)
        meta.update(Text(self._meta, style="italic") if isinstance(self._meta, str) else self._meta)
        if card is None:
            front.update("")
            back.display = notes.display = False
            return
        show_back = self.revealed
        if isinstance(card, ClozeCard):
            # The back of a cloze is the whole text again with the deletion lit; showing the
            # front above it would repeat the text.
            front.display = not show_back
            front.update(card_front(card, ordinal))
        else:
            front.display = True
            front.update(card_front(card, ordinal))
        back.update(card_back(card, ordinal) if show_back else "")
        back.display = show_back
        notes.display = show_back and bool(card.notes)
        notes.update(plain(card.notes or "", "italic"))
        # On the back only: a class on the whole view would restyle all of it on every
        # change between a cloze and another card.
        back.set_class(isinstance(card, ClozeCard), "-cloze")

    def on_mount(self) -> None:
        """Render whatever was set before mounting."""
        self._render_card()
