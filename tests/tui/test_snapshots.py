"""What a person sees at 80x24 with the fixed clock (pytest-textual-snapshot).

Update the baselines with ``pytest tests/tui/test_snapshots.py --snapshot-update`` and look
at the SVGs under ``tests/tui/__snapshots__`` before accepting them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from neuroquiz.tui.app import LIGHT_THEME

SIZE = (80, 24)
AppFactory = Callable[..., Any]


def _with_history(make_app: AppFactory, clock: Any, **options: Any) -> Any:
    """An app whose store has a few days of answers, so stats and counts are not empty."""
    from neuroquiz.study import StudySession

    app = make_app(**options)
    start = clock.now
    # Three days ago: two new cards learned (due two days ago, so overdue today).
    # Yesterday: one of them reviewed again (next due in six days).
    for days_ago, grades in ((3, (5, 4)), (1, (3,))):
        clock.now = start - timedelta(days=days_ago)
        session = StudySession(app.store, clock=clock, deck_ids=["basics"])
        for grade in grades:
            session.answer(grade, answer_ms=4000)
    clock.now = start
    return app


def test_home(snap_compare: Any, make_app: AppFactory, clock: Any) -> None:
    assert snap_compare(_with_history(make_app, clock), terminal_size=SIZE)


def test_home_light_theme(snap_compare: Any, make_app: AppFactory) -> None:
    assert snap_compare(make_app(theme=LIGHT_THEME), terminal_size=SIZE)


def test_study_front_cloze(snap_compare: Any, make_app: AppFactory, clock: Any) -> None:
    app = _with_history(make_app, clock)
    assert snap_compare(app, press=["enter"], terminal_size=SIZE)


def test_study_back_cloze(snap_compare: Any, make_app: AppFactory, clock: Any) -> None:
    app = _with_history(make_app, clock)
    assert snap_compare(app, press=["enter", "space"], terminal_size=SIZE)


def test_study_back_basic_with_notes(snap_compare: Any, make_app: AppFactory) -> None:
    assert snap_compare(make_app(), press=["enter", "space"], terminal_size=SIZE)


def test_study_next_card_after_grade(snap_compare: Any, make_app: AppFactory) -> None:
    # The footer after an answer: "Show answer" back, "Source" dimmed (the cloze has none).
    assert snap_compare(make_app(), press=["enter", "space", "4"], terminal_size=SIZE)


def test_summary(snap_compare: Any, make_app: AppFactory) -> None:
    press = ["a"]
    # Four first answers (the cloze's c2 is buried until another day); the 2 and the 3 come
    # back once each (step 7) and get a 5.
    for grade in ("5", "2", "4", "3", "5", "5"):
        press += ["space", grade]
    assert snap_compare(make_app(), press=press, terminal_size=SIZE)


def test_stats(snap_compare: Any, make_app: AppFactory, clock: Any) -> None:
    assert snap_compare(_with_history(make_app, clock), press=["t"], terminal_size=SIZE)


def test_stats_forecast(snap_compare: Any, make_app: AppFactory, clock: Any) -> None:
    assert snap_compare(_with_history(make_app, clock), press=["t", "2"], terminal_size=SIZE)


def test_source_dialog(snap_compare: Any, make_app: AppFactory) -> None:
    assert snap_compare(make_app(), press=["enter", "c"], terminal_size=SIZE)


def test_keys_help_on_study(snap_compare: Any, make_app: AppFactory) -> None:
    # Before the answer is shown: the grades are listed, dimmed.
    assert snap_compare(make_app(), press=["enter", "question_mark"], terminal_size=SIZE)


def test_custom_study_dialog(snap_compare: Any, make_app: AppFactory) -> None:
    # Review ahead chosen, a value that is not a number refused.
    press = ["c", "down", "down", "enter", "tab", "x", "enter"]
    assert snap_compare(make_app(), press=press, terminal_size=SIZE)
