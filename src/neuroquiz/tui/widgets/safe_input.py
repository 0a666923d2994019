"""Editable text fields that never send a card's control characters to the terminal.

Textual's ``Input`` and ``TextArea`` draw their value as it is: an ESC, a C1 control or a
bidirectional override in a card field would reach the terminal and could change colours,
move the cursor or reorder the line. These subclasses draw every such character as nothing.
Each of them is zero cells wide for Textual already, so removing them keeps the cursor and
the selection where they belong; the value itself is never changed (saving writes the
characters back as they were). The live preview of the author form shows them as visible
symbols (see :func:`neuroquiz.tui.widgets.card_text.display_safe`).
"""

from __future__ import annotations

import re

from rich.segment import Segment
from textual.strip import Strip
from textual.widgets import Input, TextArea

_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""C0 controls, DEL, C1 controls and the bidirectional embeddings, overrides and isolates."""


def safe_strip(strip: Strip) -> Strip:
    """``strip`` without any control character in its text (the same strip if it has none).

    Example:
        >>> from rich.segment import Segment
        >>> safe_strip(Strip([Segment("a\\x1b[31mb")])).text
        'a[31mb'
    """
    if not any(_UNSAFE.search(segment.text) for segment in strip):
        return strip
    # Every removed character is zero cells wide, so the strip keeps its length.
    return Strip(
        [Segment(_UNSAFE.sub("", text), style, control) for text, style, control in strip],
        strip.cell_length,
    )


class SafeInput(Input):
    """An :class:`~textual.widgets.Input` that draws control characters as nothing."""

    def render_line(self, y: int) -> Strip:
        """Draw line ``y`` as ``Input`` does, minus the control characters."""
        return safe_strip(super().render_line(y))


class SafeTextArea(TextArea):
    """A :class:`~textual.widgets.TextArea` that draws control characters as nothing."""

    def render_line(self, y: int) -> Strip:
        """Draw line ``y`` as ``TextArea`` does, minus the control characters."""
        return safe_strip(super().render_line(y))
