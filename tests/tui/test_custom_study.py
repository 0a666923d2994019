"""Custom study from the decks screen (``c``): the dialog, its checks, and the sessions it
starts — checked in the database."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from neuroquiz.store import Limits, ProgressStore
from neuroquiz.study import plan_today
from neuroquiz.tui.screens.custom_study import CustomStudyDialog
from neuroquiz.tui.screens.home import HomeScreen
from neuroquiz.tui.screens.study import StudyScreen
from neuroquiz.tui.screens.summary import SummaryScreen

AppFactory = Callable[..., Any]
Logs = Callable[[], list[dict[str, Any]]]
TODAY = date(2026, 3, 2)


def _problem(app: Any) -> str:
    return str(app.screen.query_one("#custom-problem").render())


def _study_keys(app: Any) -> list[str]:
    screen = app.screen
    assert isinstance(screen, StudyScreen)
    return [item.key for item in screen.session._queue]


async def _choose(pilot: Any, downs: int, value: str) -> None:
    """Open the dialog, pick the kind ``downs`` rows below the first, type ``value``."""
    await pilot.press("c")
    await pilot.pause()
    assert isinstance(pilot.app.screen, CustomStudyDialog)
    await pilot.press(*(["down"] * downs), "enter", "tab")  # arrows, enter, tab to the value
    await pilot.press(*value, "enter")
    await pilot.pause()


def test_more_new_cards_today_for_the_selected_deck_then_its_session(
    make_app: AppFactory, store: ProgressStore, run: Any
) -> None:
    app = make_app()
    store.set_limits(Limits(new_per_day=1, reviews_per_day=200))

    async def scenario(pilot: Any) -> None:
        await _choose(pilot, 0, "x")
        assert isinstance(app.screen, CustomStudyDialog)
        assert _problem(app) == "Type a whole number of cards from 1 to 10,000."
        await pilot.press("backspace", "2", "enter")
        await pilot.pause()
        # The first deck (Neuro basics) studied with 1 + 2 new cards.
        assert isinstance(app.screen, StudyScreen)
        assert app.screen.deck_ids == ["basics"]
        assert len(_study_keys(app)) == 3

    run(app, scenario)
    assert plan_today(store, TODAY, ["basics"]).new == 3


def test_cram_a_search_leaves_the_database_as_it_was(
    make_app: AppFactory, store: ProgressStore, run: Any, logs: Logs
) -> None:
    app = make_app()
    before = store.db.execute("SELECT * FROM study_cards ORDER BY key").fetchall()

    async def scenario(pilot: Any) -> None:
        await _choose(pilot, 3, "type:foo")
        assert _problem(app) == "Search: unknown type 'foo' (expected basic, cloze or mcq)."
        for _ in "type:foo":
            await pilot.press("backspace")
        await pilot.press(*"tag:gcs", "enter")
        await pilot.pause()
        assert isinstance(app.screen, StudyScreen)
        assert app.screen.sub_title == "Cram tag:gcs · Neuro basics"
        assert sorted(_study_keys(app)) == ["gcs-range"]
        meta = str(app.screen.query_one("#card-meta").content)
        assert "basic · cram, schedule unchanged" in meta
        await pilot.press("space", "2")
        await pilot.pause()
        status = str(app.screen.query_one("#study-status").render())
        assert "last: 2 (cram, schedule unchanged), again soon" in status
        while isinstance(app.screen, StudyScreen):
            await pilot.press("space", "5")
            await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)

    run(app, scenario)
    assert logs() == []
    assert store.db.execute("SELECT count(*) FROM redrill_log").fetchone()[0] == 0
    assert store.db.execute("SELECT * FROM study_cards ORDER BY key").fetchall() == before


def test_review_ahead_over_every_deck_and_nothing_ahead(
    make_app: AppFactory, store: ProgressStore, run: Any, logs: Logs
) -> None:
    app = make_app()
    store.db.execute(
        "UPDATE study_cards SET repetitions = 2, interval = 6, ef = 250, due = ?, last_review = ? "
        "WHERE key = 'sah-headache'",
        [(TODAY + timedelta(days=2)).isoformat(), (TODAY - timedelta(days=4)).isoformat()],
    )
    store.db.conn.commit()

    async def scenario(pilot: Any) -> None:
        await _choose(pilot, 2, "1")  # nothing due tomorrow in Neuro basics
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        notes = [str(n.message) for n in app._notifications]
        assert "Nothing to review ahead 1 day in Neuro basics." in notes
        await pilot.press("c")
        await pilot.pause()
        # Every deck: tick the box, then the Start button.
        await pilot.press("down", "down", "enter", "tab", "3", "tab", "space", "tab", "enter")
        await pilot.pause()
        assert isinstance(app.screen, StudyScreen)
        assert app.screen.deck_ids is None
        assert _study_keys(app) == ["sah-headache"]
        meta = str(app.screen.query_one("#card-meta").content)
        assert "early review, due 2026-03-04" in meta
        await pilot.press("space", "4")
        await pilot.pause()

    run(app, scenario)
    assert [row["key"] for row in logs()] == ["sah-headache"]
    state = store.state("sah-headache")
    # 4 days passed: ceil(4 x 2.5) = 10 days from today, not ceil(6 x 2.5) = 15.
    assert (state.interval, state.due) == (10, TODAY + timedelta(days=10))
