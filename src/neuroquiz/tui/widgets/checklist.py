"""A SelectionList that reads without colour and is ready for ``space`` from the start."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Self, TypeVar

from rich.segment import Segment
from textual.strip import Strip
from textual.widgets import SelectionList

TICKED = "✓"
"""The glyph inside a ticked box."""
UNTICKED = " "
"""The glyph inside an unticked box (an empty box)."""

ValueT = TypeVar("ValueT")


class Checklist(SelectionList[ValueT]):
    """Ticked boxes show :data:`TICKED`, unticked ones are empty; a row is always highlighted.

    Textual's SelectionList draws the same ``X`` in every box and tells ticked from unticked
    by colour alone, which a monochrome terminal or a colour-blind reader cannot see. Options
    added after mount also left no row highlighted, so the first ``space`` did nothing.
    """

    def add_options(
        self,
        items: Iterable[Any],
    ) -> Self:
        """Add ``items`` (as SelectionList takes them); highlight the first row if none was."""
        super().add_options(items)
        if self.highlighted is None and self.option_count:
            self.highlighted = 0
        return self

    def render_line(self, y: int) -> Strip:
        """The row as Textual draws it, with the box's glyph telling its state."""
        strip = super().render_line(y)
        segments = list(strip)
        index = self.scroll_offset.y + y
        if len(segments) < 2 or not 0 <= index < self.option_count:
            return strip
        selected = self.get_option_at_index(index).value in self._selected
        inner = segments[1]
        segments[1] = Segment(TICKED if selected else UNTICKED, inner.style, inner.control)
        return Strip(segments, strip.cell_length)
