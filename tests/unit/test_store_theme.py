"""The app's theme is kept in the store's settings, across a reopening of the database."""

from __future__ import annotations

from pathlib import Path

from sqlite_utils import Database

from neuroquiz.store import ProgressStore
from neuroquiz.tui.theme import DARK_THEME, LIGHT_THEME, remember_theme, starting_theme


def test_theme_survives_reopening_the_database(tmp_path: Path) -> None:
    path = tmp_path / "progress.db"
    store = ProgressStore(Database(path))
    assert store.theme() is None
    store.set_theme(LIGHT_THEME)
    store.close()
    reopened = ProgressStore(Database(path))
    assert reopened.theme() == LIGHT_THEME
    # Other global settings are untouched by it.
    assert reopened.day_start_hour() == 4
    reopened.close()


def test_starting_theme_prefers_the_given_then_the_remembered_one() -> None:
    store = ProgressStore(Database(memory=True))
    themes = {DARK_THEME, LIGHT_THEME, "nord"}
    assert starting_theme(store, None, themes) == DARK_THEME
    assert remember_theme(store, "nord") is None
    assert starting_theme(store, None, themes) == "nord"
    assert starting_theme(store, LIGHT_THEME, themes) == LIGHT_THEME
    assert starting_theme(store, None, {DARK_THEME}) == DARK_THEME  # not available here
    store.close()


def test_a_theme_that_cannot_be_stored_is_said_not_raised(tmp_path: Path) -> None:
    store = ProgressStore(Database(tmp_path / "progress.db"))
    store.close()  # e.g. the database went away: the theme still changes, it is not kept
    problem = remember_theme(store, LIGHT_THEME)
    assert problem is not None and problem.strip()
    assert starting_theme(store, None, {DARK_THEME, LIGHT_THEME}) == DARK_THEME
