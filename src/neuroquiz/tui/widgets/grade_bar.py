"""The six SM-2 grades as clickable lines, each with its published meaning."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Static

from neuroquiz.models import GRADE_MEANINGS


class GradeOption(Static):
    """One grade line: ``3  correct, recalled with serious difficulty``; a click chooses it."""

    def __init__(self, grade: int) -> None:
        """Create the line for ``grade`` (0-5)."""
        label = Text.assemble((f" {grade} ", "bold reverse"), "  ", GRADE_MEANINGS[grade])
        super().__init__(label, id=f"grade-{grade}", classes=f"grade grade-{grade}")
        self.grade = grade

    def on_click(self, event: events.Click) -> None:
        """Tell the grade bar this grade was chosen."""
        event.stop()
        self.post_message(GradeBar.Chosen(self.grade))


class GradeBar(Vertical):
    """Grades 0-5 with SM-2's meanings; posts :class:`GradeBar.Chosen` when one is clicked.

    Keys 0-5 are bound by the screen, not here, so that they work wherever the focus is.
    """

    class Chosen(Message):
        """A grade was chosen with the mouse."""

        def __init__(self, grade: int) -> None:
            """Carry the chosen grade (0-5)."""
            super().__init__()
            self.grade = grade

    def compose(self) -> ComposeResult:
        """One line per grade, 0 first."""
        for grade in sorted(GRADE_MEANINGS):
            yield GradeOption(grade)

    def propose(self, grade: int | None) -> None:
        """Mark ``grade`` as the proposed one (a typed answer's), or none."""
        for option in self.query(GradeOption):
            option.set_class(option.grade == grade, "-proposed")
