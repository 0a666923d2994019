"""Reusable widgets and display helpers: card text as data, the card view, the grade bar,
text fields that draw no control character, and quiz options in one form."""

from neuroquiz.tui.widgets.card_text import (
    card_back,
    card_front,
    display_safe,
    plain,
    single_line,
)
from neuroquiz.tui.widgets.card_view import CardView
from neuroquiz.tui.widgets.grade_bar import GradeBar
from neuroquiz.tui.widgets.option_text import display_options
from neuroquiz.tui.widgets.safe_input import SafeInput, SafeTextArea

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
