"""Reusable widgets: the card view (card text as data) and the grade bar."""

from neuroquiz.tui.widgets.card_text import card_back, card_front, display_safe, plain
from neuroquiz.tui.widgets.card_view import CardView
from neuroquiz.tui.widgets.grade_bar import GradeBar

__all__ = ["CardView", "GradeBar", "card_back", "card_front", "display_safe", "plain"]
