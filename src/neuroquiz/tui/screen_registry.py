"""The screens the app opens by name, and where each one lives (see
:meth:`neuroquiz.tui.app.NeuroquizApp.open_screen`)."""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any

from textual.screen import Screen


@dataclass(frozen=True)
class ScreenSpec:
    """Where a named screen lives and what its placeholder says until it exists."""

    module: str
    """Module path, e.g. ``neuroquiz.tui.screens.quiz``."""
    class_name: str
    """The Screen subclass in that module, e.g. ``QuizScreen``."""
    title: str
    """Human name of the screen."""
    about: str
    """One sentence for the placeholder: what the screen will do."""


SCREENS: dict[str, ScreenSpec] = {
    "quiz": ScreenSpec(
        "neuroquiz.tui.screens.quiz",
        "QuizScreen",
        "Quiz",
        "Multiple-choice questions from chosen decks or tags, with a score at the end.",
    ),
    "browse": ScreenSpec(
        "neuroquiz.tui.screens.browse",
        "BrowseScreen",
        "Browse",
        "A searchable table of every card, its source, SM-2 state and review history.",
    ),
    "author": ScreenSpec(
        "neuroquiz.tui.screens.author",
        "AuthorScreen",
        "Author",
        "Add, edit and delete cards with a live preview; saving writes the deck's YAML file.",
    ),
    "generate": ScreenSpec(
        "neuroquiz.tui.screens.generate",
        "GenerateScreen",
        "Generate",
        "Make candidate cards from a document, then accept, reject or edit each one.",
    ),
    "stats": ScreenSpec(
        "neuroquiz.tui.screens.stats",
        "StatsScreen",
        "Statistics",
        "Reviews per day, due forecast, retention per deck, E-Factors and streak.",
    ),
    "cohort": ScreenSpec(
        "neuroquiz.tui.screens.cohort",
        "CohortScreen",
        "Cohort report",
        "The cohort's hardest cards, decks, learners, generated vs authored cards.",
    ),
}
"""Screens opened by name with :meth:`NeuroquizApp.open_screen`."""


def import_screen_class(spec: ScreenSpec) -> type[Screen[Any]] | None:
    """Import the screen class of ``spec``; None only if its module does not exist yet."""
    try:
        module = importlib.import_module(spec.module)
    except ModuleNotFoundError as error:
        if error.name != spec.module:
            raise  # a real import error inside the screen module: show it, do not hide it
        return None
    screen_class: type[Screen[Any]] = getattr(module, spec.class_name)
    return screen_class
