"""Editable text fields that never send a card's control characters to the terminal, and
that handle their own keys in the order they were typed.

Textual's ``Input`` and ``TextArea`` draw their value as it is: an ESC, a C1 control or a
bidirectional override in a card field would reach the terminal and could change colours,
move the cursor or reorder the line. These subclasses draw every such character as nothing.
Each of them is zero cells wide for Textual already, so removing them keeps the cursor and
the selection where they belong; the value itself is never changed (saving writes the
characters back as they were). The live preview of the author form shows them as visible
symbols (see :func:`neuroquiz.tui.widgets.card_text.display_safe`).

Textual inserts a typed character as soon as the field gets the key, but runs a key
*binding* of the field (``backspace``, ``ctrl+u``, ``left``, ``home``...) only once the key
has bubbled up to the app and come back. Keys that arrive together (a paste, a fast typist,
a slow SSH link) were then applied out of order: ``tab ctrl+u ACom`` typed ``ACom`` and then
deleted it. These fields run their own bindings at once (:func:`run_own_binding`).
"""

from __future__ import annotations

import re

from rich.segment import Segment
from textual import events
from textual.strip import Strip
from textual.widget import Widget
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


async def run_own_binding(widget: Widget, event: events.Key) -> bool:
    """Run ``widget``'s binding for ``event`` now, if the key is bound to one of its actions.

    Args:
        widget: The focused field.
        event: The key it received.

    Returns:
        True if the key ran one of the field's own actions (the event is then stopped).
    """
    active = widget.screen.active_bindings.get(event.key)
    if active is None or active.node is not widget or not active.enabled:
        return False
    event.stop()
    event.prevent_default()
    await widget.run_action(active.binding.action)
    return True


class SafeInput(Input):
    """An :class:`~textual.widgets.Input` that draws control characters as nothing and runs
    its key bindings in typing order."""

    async def on_key(self, event: events.Key) -> None:
        """Run the field's own binding for this key at once (see :func:`run_own_binding`)."""
        await run_own_binding(self, event)

    def render_line(self, y: int) -> Strip:
        """Draw line ``y`` as ``Input`` does, minus the control characters."""
        return safe_strip(super().render_line(y))


class SafeTextArea(TextArea):
    """A :class:`~textual.widgets.TextArea` that draws control characters as nothing and
    runs its key bindings in typing order."""

    async def on_key(self, event: events.Key) -> None:
        """Run the field's own binding for this key at once (see :func:`run_own_binding`)."""
        await run_own_binding(self, event)

    def render_line(self, y: int) -> Strip:
        """Draw line ``y`` as ``TextArea`` does, minus the control characters."""
        return safe_strip(super().render_line(y))
