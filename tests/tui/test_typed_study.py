"""Pilot tests: a typed card (``typed: true``) asks for the answer in a box, shows the
difference and a proposed grade; enter accepts it, 0-5 overrides it. Checked in the
DATABASE (the review log) as well as on screen."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.widgets import Input, Static

from neuroquiz.store import ProgressStore, StudyOptions
from neuroquiz.tui.screens.study import StudyScreen
from neuroquiz.tui.widgets.grade_bar import GradeBar

AppFactory = Callable[..., Any]
ANSWER = "Sudden, the worst of the patient's life (thunderclap)"


def _typed_vascular(decks_dir: Path, *extra: str) -> None:
    path = decks_dir / "vascular.yaml"
    lines = "".join(f"    {line}\n" for line in ("typed: true", *extra))
    path.write_text(path.read_text(encoding="utf-8") + lines, encoding="utf-8")


def _screen_text(app: Any) -> str:
    svg = app.export_screenshot()
    text = re.sub(r"<[^>]+>", "", svg.split("</style>", 1)[-1])
    return html.unescape(text).replace("\xa0", " ")


def _grades(store: ProgressStore) -> list[tuple[str, int]]:
    rows = store.db["review_log"].rows_where(order_by="id")
    return [(row["key"], row["grade"]) for row in rows]


async def _open_vascular(pilot: Any) -> StudyScreen:
    await pilot.press("down", "enter")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, StudyScreen)
    return screen


def test_a_wrong_answer_proposes_1_and_enter_accepts_it(
    make_app: AppFactory, store: ProgressStore, decks_dir: Path, run: Any
) -> None:
    _typed_vascular(decks_dir)
    app = make_app()
    shown: list[str] = []

    async def scenario(pilot: Any) -> None:
        screen = await _open_vascular(pilot)
        box = screen.query_one("#typed-input", Input)
        assert box.has_focus and not screen.revealed
        await pilot.press(*"a migraine 5")  # space and digits are typed, not keys
        await pilot.pause()
        assert box.value == "a migraine 5" and not screen.revealed and _grades(store) == []
        await pilot.press("enter")
        await pilot.pause()
        assert screen.revealed and screen.proposed == 1
        assert screen.query_one(GradeBar).query_one("#grade-1").has_class("-proposed")
        shown.append(str(screen.query_one("#typed-diff", Static).content))
        await pilot.press("enter")
        await pilot.pause()

    run(app, scenario)
    assert "You typed  a migraine 5" in shown[0]
    assert f"Answer     {ANSWER}" in shown[0]
    assert "Proposed grade 1" in shown[0]
    assert _grades(store) == [("sah-headache", 1)]


def test_case_only_proposes_4_and_a_grade_key_overrides_it(
    make_app: AppFactory, store: ProgressStore, decks_dir: Path, run: Any
) -> None:
    _typed_vascular(decks_dir)
    app = make_app()

    async def scenario(pilot: Any) -> None:
        screen = await _open_vascular(pilot)
        await pilot.press(*ANSWER.upper(), "enter")
        await pilot.pause()
        assert screen.proposed == 4
        assert "Proposed grade 4" in _screen_text(app)
        await pilot.press("5")
        await pilot.pause()

    run(app, scenario)
    assert _grades(store) == [("sah-headache", 5)]


def test_the_reverse_card_asks_for_the_front_typed(
    make_app: AppFactory, store: ProgressStore, decks_dir: Path, run: Any
) -> None:
    _typed_vascular(decks_dir, "reverse: true")
    store.set_study_options(StudyOptions(bury_siblings=False))
    app = make_app()

    async def scenario(pilot: Any) -> None:
        screen = await _open_vascular(pilot)
        await pilot.press(*ANSWER, "enter")
        await pilot.pause()
        assert screen.proposed == 5
        await pilot.press("enter")
        await pilot.pause()
        assert screen.session.current is not None
        assert screen.session.current.key == "sah-headache:reverse"
        assert screen.query_one("#typed-input", Input).value == ""
        await pilot.press(*"What headache is typical of subarachnoid haemorrhage", "enter")
        await pilot.pause()
        assert screen.proposed == 3  # the question mark is missing: a slip

    run(app, scenario)
    assert _grades(store) == [("sah-headache", 5)]


def test_typed_text_that_looks_like_markup_is_shown_literally(
    make_app: AppFactory, decks_dir: Path, run: Any
) -> None:
    _typed_vascular(decks_dir)
    app = make_app()
    shown: list[str] = []

    async def scenario(pilot: Any) -> None:
        screen = await _open_vascular(pilot)
        await pilot.press(*"[bold]x[/]", "enter")
        await pilot.pause()
        shown.append(str(screen.query_one("#typed-diff", Static).content))

    run(app, scenario)
    assert "You typed  [bold]x[/]" in shown[0]


def test_a_card_that_is_not_typed_has_no_box(make_app: AppFactory, run: Any) -> None:
    app = make_app()

    async def scenario(pilot: Any) -> None:
        screen = await _open_vascular(pilot)
        assert not screen.query_one("#typed").display
        await pilot.press("space")
        await pilot.pause()
        assert screen.revealed and screen.proposed is None

    run(app, scenario)


def test_typed_answer_snapshot(snap_compare: Any, make_app: AppFactory, decks_dir: Path) -> None:
    """The checked answer of a typed card at 80x24: the diff, the proposed grade marked."""
    _typed_vascular(decks_dir)
    app = make_app()

    async def type_and_check(pilot: Any) -> None:
        await pilot.press("down", "enter")
        await pilot.pause()
        await pilot.press(*"sudden, the worst of the patients life (thunderclp)", "enter")
        await pilot.pause()

    assert snap_compare(app, run_before=type_and_check, terminal_size=(80, 24))


def test_a_deck_reload_keeps_what_was_typed_and_checks_the_new_answer(
    make_app: AppFactory, store: ProgressStore, decks_dir: Path, run: Any
) -> None:
    _typed_vascular(decks_dir)
    app = make_app()

    async def scenario(pilot: Any) -> None:
        screen = await _open_vascular(pilot)
        await pilot.press(*"thunderclap")
        path = decks_dir / "vascular.yaml"
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace(ANSWER, "thunderclap"), encoding="utf-8")
        app.reload_decks()
        await app.workers.wait_for_complete()
        await pilot.pause()
        box = screen.query_one("#typed-input", Input)
        assert box.value == "thunderclap" and box.has_focus
        await pilot.press("enter")
        await pilot.pause()
        assert screen.proposed == 5  # compared with the answer as the file now says

    run(app, scenario)
