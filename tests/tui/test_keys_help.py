"""Help: ``?`` lists the keys of the screen on top, from its BINDINGS; ``escape`` or ``?``
closes the list; in a text field ``?`` is text."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import Any

from neuroquiz.tui.screens.browse import BrowseScreen
from neuroquiz.tui.screens.home import HomeScreen
from neuroquiz.tui.screens.keys_help import KeyHelp, KeysHelpScreen
from neuroquiz.tui.screens.study import StudyScreen

AppFactory = Callable[..., Any]
ENTER = "⏎"
"""How Textual's footer (and so the list) shows the enter key."""


def _screen_text(app: Any) -> str:
    svg = app.export_screenshot()
    text = re.sub(r"<[^>]+>", "", svg.split("</style>", 1)[-1])
    return html.unescape(text).replace("\xa0", " ")


def _listed(app: Any) -> dict[str, KeyHelp]:
    screen = app.screen
    assert isinstance(screen, KeysHelpScreen)
    return {" ".join(entry.keys): entry for entry in screen.keys}


def _bound(screen_class: type, action: str) -> str:
    """The tooltip a screen class's BINDINGS give ``action`` (what the list must show)."""
    for binding in screen_class.BINDINGS:
        if binding.action == action:
            return str(binding.tooltip)
    raise AssertionError(action)


def test_home_keys_and_both_ways_to_close(make_app: AppFactory, run: Any) -> None:
    app = make_app()

    async def scenario(pilot: Any) -> None:
        await pilot.press("question_mark")
        await pilot.pause()
        listed = _listed(app)
        # The screen's own keys, the decks table's enter, the app's.
        assert listed["a"].help == _bound(HomeScreen, "study_all")
        assert listed["b"].help == _bound(HomeScreen, "open('browse')")
        assert listed["r"].help == _bound(HomeScreen, "reload")  # not in the footer, listed
        assert listed[ENTER].help == "Study the selected deck"
        assert listed["?"].description == "Keys"
        assert "^t" in listed and "^p" in listed and "^q" in listed
        shown = _screen_text(app)
        assert "Keys · " in shown and _bound(HomeScreen, "study_all") in shown
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, KeysHelpScreen)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        # The panel's keys did nothing underneath: still home, nothing studied.
        await pilot.press("question_mark", "a")
        await pilot.pause()
        assert isinstance(app.screen, KeysHelpScreen)

    run(app, scenario)


def test_study_keys_say_which_are_available_now(make_app: AppFactory, run: Any) -> None:
    app = make_app()

    async def scenario(pilot: Any) -> None:
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, StudyScreen)
        await pilot.press("question_mark")
        await pilot.pause()
        listed = _listed(app)
        assert listed[f"space {ENTER}"].help == "Reveal the answer"
        assert listed[f"space {ENTER}"].available
        # Grades are keys of the screen, but only after the answer is shown.
        assert [listed[str(g)].available for g in range(6)] == [False] * 6
        assert listed["u"].help == _bound(StudyScreen, "undo")
        assert "Grade 5: perfect response" in _screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, StudyScreen)  # escape closed the list, not the session
        await pilot.press("space", "question_mark")
        await pilot.pause()
        listed = _listed(app)
        assert [listed[str(g)].available for g in range(6)] == [True] * 6
        assert not listed[f"space {ENTER}"].available

    run(app, scenario)


def test_browse_keys_and_question_mark_in_the_search_box_is_text(
    make_app: AppFactory, run: Any
) -> None:
    app = make_app()

    async def scenario(pilot: Any) -> None:
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, BrowseScreen)
        await pilot.press("question_mark")
        await pilot.pause()
        listed = _listed(app)
        assert listed["/"].help == _bound(BrowseScreen, "focus_search")
        assert listed["s"].help == _bound(BrowseScreen, "suspend")
        assert listed[ENTER].help == "Show the card, its SM-2 state and history"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("slash", "w", "h", "y", "question_mark")
        await pilot.pause()
        assert isinstance(app.screen, BrowseScreen)
        assert app.screen.query_one("#browse-search").value == "why?"

    run(app, scenario)
