"""Documents -> candidate cards -> ranked decks, offline and deterministic.

The pipeline: :mod:`.read` (files to text), :mod:`.clean` (title, paragraphs, no noise),
:mod:`.boilerplate` (text shared across a run), :mod:`.analyze` (sentences, tags, noun
phrases, resolved references), :mod:`.makers` (identity questions, definitions,
enumerations, clozes, headings, multiple choice), :mod:`.rank` (one card per fact, within a budget),
:mod:`.ids` (stable ids), :mod:`.regenerate` (merge with instructors' edits) and
:mod:`.pipeline` (all of it, file by file).

Example:
    >>> from pathlib import Path
    >>> report = generate_decks([Path("notes.txt")], Path("decks"))  # doctest: +SKIP
    >>> [o.deck_path for o in report.outcomes]                        # doctest: +SKIP
    >>> made = generate_deck(Path("notes.txt"))  # the deck only, nothing written  # doctest: +SKIP
"""

from __future__ import annotations

from neuroquiz.generate.pipeline import (
    FileOutcome,
    GeneratedDeck,
    GenerateReport,
    generate_deck,
    generate_decks,
)

__all__ = ["FileOutcome", "GenerateReport", "GeneratedDeck", "generate_deck", "generate_decks"]
