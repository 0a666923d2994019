"""Reusable widgets and display helpers: card text as data, the card view, the grade bar,
text fields that draw no control character, and quiz options in one form.

Each name below is loaded from its module on first use (PEP 562): the home screen imports
one light module of the package without loading the text fields or the card models.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from neuroquiz.lazy import lazy_getattr

if TYPE_CHECKING:
    from neuroquiz.tui.widgets.card_text import card_back, card_front, plain
    from neuroquiz.tui.widgets.card_view import CardView
    from neuroquiz.tui.widgets.grade_bar import GradeBar
    from neuroquiz.tui.widgets.option_text import display_options
    from neuroquiz.tui.widgets.safe_input import SafeInput, SafeTextArea
    from neuroquiz.tui.widgets.safe_text import display_safe, single_line

_WHERE = {
    "CardView": "card_view",
    "GradeBar": "grade_bar",
    "SafeInput": "safe_input",
    "SafeTextArea": "safe_input",
    "card_back": "card_text",
    "card_front": "card_text",
    "display_options": "option_text",
    "display_safe": "safe_text",
    "plain": "card_text",
    "single_line": "safe_text",
}
"""The module of ``neuroquiz.tui.widgets`` that defines each public name."""

__all__ = [
    "CardView",
    "GradeBar",
    "SafeInput",
    "SafeTextArea",
    "card_back",
    "card_front",
    "display_options",
    "display_safe",
    "plain",
    "single_line",
]


__getattr__ = lazy_getattr(__name__, _WHERE, globals())
