"""Pilot tests of the study flow that check the DATABASE, not only the screen."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from neuroquiz import sm2
from neuroquiz.models import ReviewState
from neuroquiz.store import ProgressStore, StudyOptions
from neuroquiz.tui.screens.study import StudyScreen
from neuroquiz.tui.screens.summary import SummaryScreen
from neuroquiz.tui.widgets.card_view import CardView

TODAY = date(2026, 3, 2)
"""The study day of the fixed clock (see conftest)."""
AppFactory = Callable[..., Any]
Logs = Callable[[], list[dict[str, Any]]]
ALL_KEYS = {"gcs-range", "monro-kellie:c1", "monro-kellie:c2", "gcs-motor", "sah-headache"}


def _current_key(pilot: Any) -> str | None:
    screen = pilot.app.screen
    assert isinstance(screen, StudyScreen)
    current = screen.session.current
    return current.key if current is not None else None


async def _answer(pilot: Any, grade: int) -> None:
    await pilot.press("space")
    await pilot.press(str(grade))
    await pilot.pause()


def test_study_all_end_to_end_stores_every_answer(
    make_app: AppFactory, store: ProgressStore, run: Any, logs: Logs
) -> None:
    store.set_study_options(StudyOptions(bury_siblings=False))  # c1 and c2 both today
    app = make_app()
    seen: list[str] = []

    async def scenario(pilot: Any) -> None:
        await pilot.press("a")
        await pilot.pause()
        while isinstance(app.screen, StudyScreen):
            key = _current_key(pilot)
            assert key is not None
            seen.append(key)
            await _answer(pilot, 5)
            # The answer is in the database before the next card is on screen.
            assert len(logs()) == len(seen)
            assert logs()[-1]["key"] == key
            assert _current_key(pilot) != key if isinstance(app.screen, StudyScreen) else True
        assert isinstance(app.screen, SummaryScreen)
        assert app.screen.summary.reviewed == len(ALL_KEYS)
        assert app.screen.summary.by_grade[5] == len(ALL_KEYS)

    run(app, scenario)
    assert set(seen) == ALL_KEYS and len(seen) == len(ALL_KEYS)
    for key in ALL_KEYS:
        state = store.state(key)
        assert state.repetitions == 1
        assert state.due == TODAY + timedelta(days=1)
        assert state.last_review == TODAY
        assert state.ef == 260
    assert {row["grade"] for row in logs()} == {5}


def test_enter_studies_only_the_selected_deck(
    make_app: AppFactory, store: ProgressStore, run: Any, logs: Logs
) -> None:
    app = make_app()

    async def scenario(pilot: Any) -> None:
        await pilot.press("down")  # second row: the Vascular deck
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, StudyScreen)
        assert app.screen.deck_ids == ["vascular"]
        await _answer(pilot, 4)
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.id == "home"

    run(app, scenario)
    assert [row["key"] for row in logs()] == ["sah-headache"]


def test_undo_restores_state_and_log(
    make_app: AppFactory, store: ProgressStore, run: Any, logs: Logs
) -> None:
    app = make_app()

    async def scenario(pilot: Any) -> None:
        await pilot.press("a")
        await pilot.pause()
        first = _current_key(pilot)
        assert first is not None
        await _answer(pilot, 3)
        assert len(logs()) == 1
        assert store.state(first).repetitions == 1
        assert _current_key(pilot) != first
        await pilot.press("u")
        await pilot.pause()
        assert logs() == []
        assert store.state(first) == ReviewState()
        assert _current_key(pilot) == first
        assert app.screen.revealed is False  # type: ignore[attr-defined]

    run(app, scenario)


def test_undo_with_nothing_to_undo_says_so(
    make_app: AppFactory, store: ProgressStore, run: Any, logs: Logs
) -> None:
    # issue 13 #9: `u` with nothing to undo gave no feedback and left "answer undone" shown
    app = make_app()

    async def scenario(pilot: Any) -> None:
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("u")
        await pilot.pause()
        assert any("Nothing to undo" in str(n.message) for n in app._notifications)
        await _answer(pilot, 3)
        await pilot.press("u", "u")
        await pilot.pause()
        status = str(app.screen.query_one("#study-status").render())
        assert "nothing to undo" in status and "answer undone" not in status, status

    run(app, scenario)
    assert logs() == []


def test_suspend_sets_the_database_flag(
    make_app: AppFactory, store: ProgressStore, run: Any, logs: Logs
) -> None:
    app = make_app()

    async def scenario(pilot: Any) -> None:
        await pilot.press("down", "enter")  # the one-card Vascular deck
        await pilot.pause()
        assert _current_key(pilot) == "sah-headache"
        await pilot.press("s")
        await pilot.pause()
        # The only card is gone, so the session ends.
        assert isinstance(app.screen, SummaryScreen)

    run(app, scenario)
    assert store.is_suspended("sah-headache")
    assert logs() == []


def test_step7_redrill_comes_back_and_leaves_schedule_alone(
    make_app: AppFactory, store: ProgressStore, run: Any, logs: Logs
) -> None:
    app = make_app()
    target: list[str] = []

    async def scenario(pilot: Any) -> None:
        await pilot.press("a")
        await pilot.pause()
        key = _current_key(pilot)
        assert key is not None
        target.append(key)
        await _answer(pilot, 2)
        after_first = store.state(key)
        for _ in range(10):
            screen = app.screen
            assert isinstance(screen, StudyScreen)
            current = screen.session.current
            assert current is not None
            if current.key == key:
                break
            await _answer(pilot, 5)
        else:
            raise AssertionError("the re-drilled card never came back")
        assert current.is_redrill
        meta = app.screen.query_one("#card-meta").content
        assert "re-drill" in str(meta)
        await _answer(pilot, 5)
        # The second grade of the day changes nothing stored.
        assert store.state(key) == after_first
        assert [row["grade"] for row in logs() if row["key"] == key] == [2]

    run(app, scenario)
    state = store.state(target[0])
    assert state.repetitions == 0
    assert state.interval == 1
    assert state.ef == 250 + sm2.ef_delta(2)
    assert state.due == TODAY + timedelta(days=1)


def test_mouse_reveal_and_grade(
    make_app: AppFactory, store: ProgressStore, run: Any, logs: Logs
) -> None:
    app = make_app()

    async def scenario(pilot: Any) -> None:
        await pilot.press("down", "enter")
        await pilot.pause()
        assert await pilot.click("#reveal-prompt")
        await pilot.pause()
        assert app.screen.query_one(CardView).revealed
        assert await pilot.click("#grade-4")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)

    run(app, scenario)
    assert [(row["key"], row["grade"]) for row in logs()] == [("sah-headache", 4)]


def test_grades_are_ignored_before_the_reveal(
    make_app: AppFactory, store: ProgressStore, run: Any, logs: Logs
) -> None:
    app = make_app()

    async def scenario(pilot: Any) -> None:
        await pilot.press("a")
        await pilot.pause()
        first = _current_key(pilot)
        await pilot.press("5")
        await pilot.pause()
        assert _current_key(pilot) == first

    run(app, scenario)
    assert logs() == []


def test_answer_time_comes_from_the_injected_clock(
    make_app: AppFactory, store: ProgressStore, run: Any, logs: Logs, clock: Any
) -> None:
    app = make_app()

    async def scenario(pilot: Any) -> None:
        await pilot.press("down", "enter")
        await pilot.pause()
        clock.advance(seconds=7.5)
        await _answer(pilot, 4)

    run(app, scenario)
    row = logs()[0]
    assert row["answer_ms"] == 7500
    assert row["reviewed_at"].startswith("2026-03-02T08:30:07.5")  # the fixed clock, in UTC


def test_nothing_to_study_stays_home(
    make_app: AppFactory, store: ProgressStore, run: Any, logs: Logs
) -> None:
    app = make_app()
    notes: list[str] = []
    notify = app.notify

    def recording_notify(message: str, **options: Any) -> None:
        notes.append(message)
        notify(message, **options)

    app.notify = recording_notify  # type: ignore[method-assign]

    async def scenario(pilot: Any) -> None:
        await pilot.press("down", "enter")  # Vascular: one card
        await pilot.pause()
        await _answer(pilot, 5)
        await pilot.press("escape")  # summary -> home
        await pilot.pause()
        await pilot.press("enter")  # Vascular again: nothing left today
        await pilot.pause()
        assert app.screen.id == "home"
        assert any("Nothing to study in Vascular today" in note for note in notes)

    run(app, scenario)
    assert len(logs()) == 1


def test_a_deck_session_shows_one_deletion_of_a_cloze_a_day(
    make_app: AppFactory, store: ProgressStore, clock: Any, run: Any
) -> None:
    """Sibling burying: c2 of the cloze waits for another day; the next day it comes."""
    seen: list[str] = []

    async def study_basics(pilot: Any) -> None:
        await pilot.press("enter")  # the first row: Neuro basics
        await pilot.pause()
        while isinstance(pilot.app.screen, StudyScreen):
            key = _current_key(pilot)
            assert key is not None
            seen.append(key)
            await _answer(pilot, 5)

    run(make_app(), study_basics)
    assert seen == ["gcs-range", "monro-kellie:c1", "gcs-motor"]
    assert store.state("monro-kellie:c2").is_new
    seen.clear()
    clock.advance(days=1)  # c1 is due tomorrow (interval 1): c2 waits again, then comes
    run(make_app(), study_basics)
    assert seen == ["gcs-range", "monro-kellie:c1", "gcs-motor"]
    seen.clear()
    clock.advance(days=1)
    run(make_app(), study_basics)
    assert seen == ["monro-kellie:c2"]


def test_a_leech_is_suspended_with_a_notice_and_u_takes_it_back(
    make_app: AppFactory, store: ProgressStore, run: Any, logs: Logs
) -> None:
    app = make_app()
    # sah-headache: learned, due today, forgotten 7 times already; the 8th lapse makes a leech.
    store.db.execute(
        "UPDATE study_cards SET repetitions = 2, interval = 6, ef = 200, due = ?, lapses = 7, "
        "last_review = ? WHERE key = 'sah-headache'",
        [TODAY.isoformat(), (TODAY - timedelta(days=6)).isoformat()],
    )
    store.db.conn.commit()

    async def scenario(pilot: Any) -> None:
        await pilot.press("a")
        await pilot.pause()
        assert _current_key(pilot) == "sah-headache"  # the one review comes first
        await _answer(pilot, 1)
        notices = [n for n in app._notifications if n.title == "Leech"]
        assert [str(n.message) for n in notices] == [
            "leech: suspended — edit it or unsuspend in Browse"
        ]
        assert store.is_leech("sah-headache") and store.is_suspended("sah-headache")
        assert _current_key(pilot) != "sah-headache"
        status = str(app.screen.query_one("#study-status").render())
        assert "leech: card suspended (u to undo)" in status
        await pilot.press("u")
        await pilot.pause()
        assert _current_key(pilot) == "sah-headache"
        assert not store.is_leech("sah-headache") and not store.is_suspended("sah-headache")
        assert logs() == []
        assert store.state("sah-headache").lapses == 7
        status = str(app.screen.query_one("#study-status").render())
        assert "answer (and leech suspension) undone" in status

    run(app, scenario)
