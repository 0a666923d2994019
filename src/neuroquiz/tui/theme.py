"""The app's two themes, and the theme remembered in the store across runs.

``ctrl+t`` (or the palette's theme picker) changes the theme; the choice is written to the
store's settings, and the next start opens with it unless a theme is given explicitly.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import TYPE_CHECKING

from neuroquiz.errors import NeuroquizError

if TYPE_CHECKING:
    from neuroquiz.store import ProgressStore

DARK_THEME = "textual-dark"
"""The dark theme (the default)."""
LIGHT_THEME = "textual-light"
"""The light theme."""


def starting_theme(store: ProgressStore, given: str | None, available: Iterable[str]) -> str:
    """The theme to open with: ``given`` if any, else the remembered one, else the dark one.

    A remembered theme this Textual does not have (an older or newer version wrote it) is
    ignored rather than refused.

    Args:
        store: The progress store (its settings hold the remembered theme).
        given: A theme asked for explicitly (tests, a screenshot script), or None.
        available: The theme names the app can show.
    """
    if given is not None:
        return given
    try:
        remembered = store.theme()
    except (NeuroquizError, sqlite3.Error):
        return DARK_THEME
    return remembered if remembered in set(available) else DARK_THEME


def remember_theme(store: ProgressStore, name: str) -> str | None:
    """Write ``name`` as the theme of the next start, if it is not already the stored one.

    Returns:
        None once remembered, else why it could not be (one line): the theme still
        changes, only the next start will not open with it.
    """
    try:
        if store.theme() != name:
            store.set_theme(name)
    except (NeuroquizError, sqlite3.Error) as error:
        return str(error)
    return None
