"""The study screen's footer: its keys are shown, hidden and dimmed in place, never stale."""

from __future__ import annotations

from typing import Any

from textual.widget import Widget
from textual.widgets import Footer

from neuroquiz.tui.screens.source_context import SourceContextScreen
from neuroquiz.tui.screens.study import StudyScreen

FRONT = [
    ("space", "Show answer", False),
    ("u", "Undo", False),
    ("s", "Suspend", False),
    ("c", "Source", False),
    ("e", "Edit", False),
    ("esc", "End", False),
    ("^p", "palette", False),
]
"""The footer on the front of a card with a source: every key live."""


def _keys(app: Any) -> list[Widget]:
    return list(app.screen.query_one(Footer).query_children("FooterKey"))


def _shown(app: Any) -> list[tuple[str, str, bool]]:
    """The keys the footer shows: (key, description, dimmed)."""
    return [
        (key.key_display, key.description, key.has_class("-disabled"))
        for key in _keys(app)
        if key.display
    ]


def _key(app: Any, description: str) -> Widget:
    return next(key for key in _keys(app) if key.description == description)


def test_footer_keys_change_in_place_on_reveal_and_answer(make_app: Any, run: Any) -> None:
    app = make_app()

    async def scenario(pilot: Any) -> None:
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, StudyScreen)
        held = _keys(app)
        assert _shown(app) == FRONT
        await pilot.press("space")
        await pilot.pause()
        assert _shown(app) == [entry for entry in FRONT if entry[1] != "Show answer"]
        await pilot.press("4")
        await pilot.pause()
        assert app.screen.session.current.key == "monro-kellie:c1"  # a cloze: no source
        assert _shown(app) == [(k, d, d == "Source") for k, d, _ in FRONT]
        assert _keys(app) == held  # the same widgets all along: nothing was rebuilt

    run(app, scenario)


def test_footer_after_undo_shows_the_restored_cards_keys(make_app: Any, run: Any) -> None:
    app = make_app()
    bells: list[None] = []
    app.bell = lambda: bells.append(None)

    async def scenario(pilot: Any) -> None:
        await pilot.press("enter", "space", "4")
        await pilot.pause()
        await pilot.click(_key(app, "Source"))  # dimmed on the cloze: a click rings
        await pilot.pause()
        assert bells and isinstance(app.screen, StudyScreen)
        await pilot.press("u")  # back to the first card, front side up: it has a source
        await pilot.pause()
        assert app.screen.session.current.key == "gcs-range"
        assert _shown(app) == FRONT
        await pilot.click(_key(app, "Source"))
        await pilot.pause()
        assert isinstance(app.screen, SourceContextScreen)
        assert len(bells) == 1

    run(app, scenario)
