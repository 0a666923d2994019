"""The answer box of a typed card (``typed: true``) and, once checked, the difference from
the right answer and the proposed grade (see :mod:`neuroquiz.study.typed`)."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Static

from neuroquiz.models import REVERSE_ORDINAL, BasicCard
from neuroquiz.study.typed import TypedResult, compare_typed
from neuroquiz.tui.widgets.card_text import AnyCard
from neuroquiz.tui.widgets.safe_input import SafeInput
from neuroquiz.tui.widgets.safe_text import display_safe

SAME_STYLE = "green"
WRONG_STYLE = "bold red strike"
MISSING_STYLE = "bold yellow underline"


def typed_answer_of(card: AnyCard, ordinal: int) -> str | None:
    """What a study card wants typed (the back, or the front when reversed), or None if the
    card does not ask for a typed answer."""
    if not (isinstance(card, BasicCard) and card.typed):
        return None
    return card.front if ordinal == REVERSE_ORDINAL else card.back


def diff_text(result: TypedResult) -> Text:
    """Two lines, what was typed and the answer, marked where they differ, then the
    proposed grade. Card text is data: it is never parsed as markup."""
    text = Text()
    text.append("You typed  ", style="dim")
    if not result.typed:
        text.append("(nothing)", style="dim italic")
    for kind, segment in result.segments:
        if kind != "missing":
            text.append(display_safe(segment), style=SAME_STYLE if kind == "same" else WRONG_STYLE)
    text.append("\nAnswer     ", style="dim")
    for kind, segment in result.segments:
        if kind != "wrong":
            text.append(
                display_safe(segment), style=SAME_STYLE if kind == "same" else MISSING_STYLE
            )
    text.append(f"\nProposed grade {result.grade}", style="bold")
    text.append(f" ({result.verdict})")
    text.append(" · enter accepts, 0-5 changes", style="dim")
    return text


class TypedAnswer(Vertical):
    """A one-line box for the answer; ``enter`` checks it and shows the difference.

    Posts :class:`TypedAnswer.Checked` with the result; the screen reveals the card then.
    """

    class Checked(Message):
        """The typed answer was compared with the right one."""

        def __init__(self, result: TypedResult) -> None:
            """Carry the comparison."""
            super().__init__()
            self.result = result

    def __init__(self, *, id: str | None = None) -> None:
        """Create a hidden answer box (see :meth:`ask`)."""
        super().__init__(id=id)
        self._expected = ""
        self.result: TypedResult | None = None
        """The last comparison, None while the answer is being typed."""

    def compose(self) -> ComposeResult:
        """The box, then the diff (hidden until the answer is checked)."""
        yield SafeInput(
            id="typed-input", compact=True, placeholder="Type the answer, then enter to check it"
        )
        yield Static(id="typed-diff")

    @property
    def asking(self) -> bool:
        """True while an answer is being typed (shown and not checked yet)."""
        return bool(self.display) and self.result is None

    def ask(self, expected: str) -> None:
        """Show an empty box for a new card whose answer is ``expected``, and focus it."""
        self._expected, self.result = expected, None
        self.display = True
        box = self.query_one("#typed-input", Input)
        box.value = ""
        box.display = True
        self.query_one("#typed-diff", Static).display = False
        box.focus()

    def expect(self, expected: str) -> None:
        """Compare with ``expected`` from now on (the card was edited), keeping the box."""
        self._expected = expected

    def hide(self) -> None:
        """Hide the box (a card that is not typed)."""
        self.display = False
        self.result = None

    def check(self) -> TypedResult:
        """Compare what the box holds with the answer, show the difference, and post it."""
        box = self.query_one("#typed-input", Input)
        result = compare_typed(box.value, self._expected)
        self.result = result
        box.display = False
        diff = self.query_one("#typed-diff", Static)
        diff.update(diff_text(result))
        diff.display = True
        self.post_message(self.Checked(result))
        return result

    @on(Input.Submitted, "#typed-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.result is None:
            self.check()
