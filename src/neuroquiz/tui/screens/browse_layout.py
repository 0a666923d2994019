"""How the Browse table uses the terminal's width: column widths, and card text without the
deck's name in front.

The Type and Due columns are as wide as their longest value; the Card and Deck columns share
the rest, the Deck column taking a little over a quarter of it (never more than its longest title
needs), so that both widen on a wide terminal and the card text keeps most of a narrow one.
Generated decks start every card with a cue naming their topic ("Recurrent Glomus Jugulare
Tumor: ..."); when the Deck column already shows that deck, the Card column leaves the cue
out and shows what differs from row to row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

FIXED_WIDTHS = {"type": 5, "due": 10}
"""Widths of the Type and Due columns: wide enough for every value they hold (``cloze``,
``suspended``, ``2026-04-05``), so they are never cut."""
MIN_PROMPT_WIDTH = 12
"""The Card column never gets narrower than this, however narrow the terminal."""
MIN_DECK_WIDTH = 10
"""The Deck column never gets narrower than this (its title is cut with an ellipsis)."""
MAX_DECK_WIDTH = 48
"""Nor wider than this: the rest goes to the card text."""
DECK_SHARE = 0.27
"""The Deck column's share of the width the Card and Deck columns have together."""
COLUMNS = 4
"""Card, Deck, Type, Due."""

_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_CUE = re.compile(r"^\s*([^\n:{}]{1,120}?):\s+(?=\S)")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


@dataclass(frozen=True)
class BrowseWidths:
    """The widths of the two columns that follow the terminal's width.

    Attributes:
        prompt: The Card column.
        deck: The Deck column.
    """

    prompt: int
    deck: int


def column_widths(
    table_width: int, scrollbar: int, cell_padding: int = 1, longest_title: int = 0
) -> BrowseWidths:
    """The Card and Deck column widths for a table ``table_width`` cells wide.

    Args:
        table_width: The table's width in cells.
        scrollbar: The width kept for the vertical scrollbar (kept even when there is no
            scrollbar, so that the columns do not change as rows are added).
        cell_padding: The padding on each side of every cell.
        longest_title: The longest deck title shown, in cells (0: unknown): the Deck
            column is never wider than it needs.

    Returns:
        The widths; the Card column at least :data:`MIN_PROMPT_WIDTH`, the Deck column from
        :data:`MIN_DECK_WIDTH` to :data:`MAX_DECK_WIDTH`.
    """
    padding = 2 * cell_padding * COLUMNS
    spare = table_width - scrollbar - padding - sum(FIXED_WIDTHS.values())
    deck = min(MAX_DECK_WIDTH, round(spare * DECK_SHARE))
    if longest_title:
        deck = min(deck, longest_title)
    deck = max(MIN_DECK_WIDTH, deck)
    return BrowseWidths(prompt=max(MIN_PROMPT_WIDTH, spare - deck), deck=deck)


def _words(text: str) -> list[str]:
    return [word.casefold() for word in _WORD.findall(_ARTICLE.sub("", text.strip()))]


def names_deck(cue: str, deck_title: str) -> bool:
    """True if ``cue`` names the deck titled ``deck_title``: the same words (a leading
    "The" aside), or two or more of its words in a row.

    Example: ``names_deck("Malignant spinal hemangiomas", "What is the typical progression
    of malignant spinal hemangiomas?")`` is True; ``names_deck("Note", "Note taking")`` is
    False (one word is too little to be sure).
    """
    cue_words, title_words = _words(cue), _words(deck_title)
    if not cue_words or not title_words:
        return False
    if cue_words == title_words:
        return True
    size = len(cue_words)
    if size < 2:
        return False
    return any(
        title_words[start : start + size] == cue_words
        for start in range(len(title_words) - size + 1)
    )


def without_deck_cue(text: str, deck_title: str) -> str:
    """``text`` without a leading ``"<topic>: "`` cue when the topic is the deck's.

    ``"Recurrent Glomus Jugulare Tumor: Preoperative planning..."`` in the deck "The
    Recurrent Glomus Jugulare Tumor" gives ``"Preoperative planning..."``; any other text
    is returned as it is, and so is a cue followed by nothing.
    """
    match = _CUE.match(text)
    if match is None or not names_deck(match.group(1), deck_title):
        return text
    return text[match.end() :]
