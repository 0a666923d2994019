"""Home screen, app conventions (palette, theme, screens by name) and the source dialog."""

from __future__ import annotations

import html
import re
import sys
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.screen import Screen
from textual.widgets import DataTable, Static

from neuroquiz.store import ProgressStore
from neuroquiz.tui import app as app_module
from neuroquiz.tui.app import DARK_THEME, LIGHT_THEME, ScreenSpec
from neuroquiz.tui.screens.home import last_studied_label
from neuroquiz.tui.screens.placeholder import PlaceholderScreen
from neuroquiz.tui.screens.source_context import (
    SourceContextScreen,
    find_document,
    find_paragraph,
)
from neuroquiz.tui.screens.study import StudyScreen

from .burst import burst

AppFactory = Callable[..., Any]


def _cell_text(table: DataTable[Any], row: int) -> list[str]:
    return [str(getattr(cell, "plain", cell)) for cell in table.get_row_at(row)]


def test_home_lists_every_deck_with_counts(make_app: AppFactory, run: Any) -> None:
    app = make_app()

    async def scenario(pilot: Any) -> None:
        table = app.screen.query_one("#decks", DataTable)
        assert table.row_count == 2
        # 4 study cards, 3 new today: the cloze's c2 is buried (one study card of a card a day).
        assert _cell_text(table, 0) == ["Neuro basics", "3", "0", "0", "4", "never"]
        assert _cell_text(table, 1) == ["Vascular", "1", "0", "0", "1", "never"]
        # Study one card of Vascular, come back: the counts follow the database.
        await pilot.press("down", "enter")
        await pilot.pause()
        await pilot.press("space", "5")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.id == "home"
        assert _cell_text(table, 1) == ["Vascular", "0", "0", "1", "1", "today"]

    run(app, scenario)


def test_problem_deck_files_are_shown_not_fatal(
    make_app: AppFactory, decks_dir: Path, run: Any
) -> None:
    (decks_dir / "broken.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    app = make_app()

    async def scenario(pilot: Any) -> None:
        banner = app.screen.query_one("#problems", Static)
        assert banner.display
        assert "broken.yaml:" in str(banner.content)
        assert app.screen.query_one("#decks", DataTable).row_count == 2

    run(app, scenario)


def test_every_screen_binding_is_a_palette_command(make_app: AppFactory, run: Any) -> None:
    app = make_app()

    async def scenario(pilot: Any) -> None:
        titles = {command.title for command in app.get_system_commands(app.screen)}
        for expected in ("All due", "Study", "Quiz", "Browse", "Stats", "Generate", "New"):
            assert expected in titles
        assert "Light/dark" in titles
        # Run one through the palette itself.
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"All due")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.2)
        assert isinstance(app.screen, StudyScreen)
        assert app.screen.deck_ids is None
        study_titles = {c.title for c in app.get_system_commands(app.screen)}
        assert {"Show answer", "Suspend", "End"} <= study_titles
        assert "Grade 3" not in study_titles  # grading is offered only after the reveal
        await pilot.press("space")
        await pilot.pause()
        study_titles = {c.title for c in app.get_system_commands(app.screen)}
        assert {f"Grade {g}" for g in range(6)} <= study_titles

    run(app, scenario)


def test_theme_toggles_between_light_and_dark(make_app: AppFactory, run: Any) -> None:
    app = make_app()

    async def scenario(pilot: Any) -> None:
        assert app.theme == DARK_THEME
        await pilot.press("ctrl+t")
        assert app.theme == LIGHT_THEME
        await pilot.press("ctrl+t")
        assert app.theme == DARK_THEME

    run(app, scenario)


def test_theme_chosen_is_remembered_for_the_next_start(
    make_app: AppFactory, run: Any, store: ProgressStore
) -> None:
    first = make_app()

    async def switch(pilot: Any) -> None:
        assert first.theme == DARK_THEME
        await pilot.press("ctrl+t")
        await pilot.pause()

    run(first, switch)
    assert store.theme() == LIGHT_THEME
    second = make_app()  # the next start, on the same database, no theme given

    async def reopened(pilot: Any) -> None:
        assert second.theme == LIGHT_THEME
        await pilot.press("ctrl+t")
        await pilot.pause()

    run(second, reopened)
    assert store.theme() == DARK_THEME
    assert make_app(theme=LIGHT_THEME).theme == LIGHT_THEME  # an explicit theme wins


def test_unknown_remembered_theme_opens_dark(make_app: AppFactory, store: ProgressStore) -> None:
    store.set_theme("a-theme-this-textual-lacks")
    assert make_app().theme == DARK_THEME


def test_missing_screen_module_gives_a_placeholder(
    make_app: AppFactory, run: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(
        app_module.SCREENS,
        "quiz",
        ScreenSpec("neuroquiz.tui.screens.not_written_yet", "QuizScreen", "Quiz", "Soon."),
    )
    app = make_app()

    async def scenario(pilot: Any) -> None:
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, PlaceholderScreen)
        assert app.screen.title == "Quiz"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.id == "home"

    run(app, scenario)


def test_broken_screen_module_is_not_hidden(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = types.ModuleType("nq_test_broken_screen")
    broken.__dict__["__getattr__"] = lambda name: (_ for _ in ()).throw(
        ModuleNotFoundError("No module named 'missing_dependency'", name="missing_dependency")
    )
    monkeypatch.setitem(sys.modules, "nq_test_broken_screen", broken)
    monkeypatch.setitem(
        app_module.SCREENS, "quiz", ScreenSpec("nq_test_broken_screen", "QuizScreen", "Quiz", "")
    )
    app = make_app()
    with pytest.raises(ModuleNotFoundError, match="missing_dependency"):
        app.build_screen("quiz")


def test_edit_opens_the_author_screen_with_card_and_deck_path(
    make_app: AppFactory, decks_dir: Path, run: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[dict[str, Any]] = []

    class FakeAuthorScreen(Screen[None]):
        def __init__(self, **kwargs: Any) -> None:
            super().__init__()
            opened.append(kwargs)

    fake = types.ModuleType("nq_test_author")
    fake.__dict__["AuthorScreen"] = FakeAuthorScreen
    monkeypatch.setitem(sys.modules, "nq_test_author", fake)
    monkeypatch.setitem(
        app_module.SCREENS, "author", ScreenSpec("nq_test_author", "AuthorScreen", "Author", "")
    )
    app = make_app()

    async def scenario(pilot: Any) -> None:
        await pilot.press("down", "enter")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, FakeAuthorScreen)

    run(app, scenario)
    assert len(opened) == 1
    assert opened[0]["card"].id == "sah-headache"
    assert opened[0]["deck_path"] == decks_dir / "vascular.yaml"


def test_edited_deck_file_reaches_the_open_session(
    make_app: AppFactory, decks_dir: Path, run: Any
) -> None:
    app = make_app()

    async def scenario(pilot: Any) -> None:
        await pilot.press("down", "enter")
        await pilot.pause()
        vascular = decks_dir / "vascular.yaml"
        text = vascular.read_text(encoding="utf-8")
        vascular.write_text(text.replace("What headache", "Which headache"), encoding="utf-8")
        app.reload_decks()
        await app.workers.wait_for_complete()
        await pilot.pause()
        front = app.screen.query_one("#card-front", Static)
        assert "Which headache" in str(front.content)

    run(app, scenario)


def test_source_dialog_shows_the_paragraph(
    make_app: AppFactory, store: ProgressStore, run: Any
) -> None:
    app = make_app()

    async def scenario(pilot: Any) -> None:
        await pilot.press("enter")  # Neuro basics: gcs-range, which has a source, comes first
        await pilot.pause()
        assert isinstance(app.screen, StudyScreen)
        assert app.screen.session.current is not None
        assert app.screen.session.current.key == "gcs-range"
        await pilot.press("c")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, SourceContextScreen)
        paragraph = str(app.screen.query_one("#source-paragraph", Static).content)
        assert "ranges from 3 to 15" in paragraph and "defines coma" in paragraph
        assert "Pupils" not in paragraph
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, StudyScreen)

    run(app, scenario)


def test_find_paragraph_ignores_wrapping_and_case() -> None:
    document = "Intro.\n\nThe total score\nranges from 3 to 15. More.\n\n  \nLast one."
    assert find_paragraph(document, "the TOTAL score ranges from 3 to 15.") == (
        "The total score\nranges from 3 to 15. More."
    )
    assert find_paragraph(document, "not there") is None
    assert find_paragraph(document, "   ") is None


def test_find_paragraph_matches_curly_quotes_and_dashes() -> None:
    document = "Before.\n\nThe tumor’s histology — seen on “biopsy”. After.\n"
    assert find_paragraph(document, 'the tumor\'s histology - seen on "biopsy".') == (
        "The tumor’s histology — seen on “biopsy”. After."
    )


def test_find_paragraph_in_a_file_with_one_paragraph_per_line() -> None:
    lines = [f"Paragraph {n} " + "filler words here. " * 30 for n in range(10)]
    lines[6] = "Paragraph six holds the sentence we want. " + "more words. " * 30
    document = "\n".join(lines)
    assert find_paragraph(document, "the sentence we want.") == lines[6].strip()
    # A sentence that runs over a line break shows the lines around it.
    around = find_paragraph(document, "more words.\nParagraph 7")
    assert around is not None
    assert around.splitlines() == [line.strip() for line in lines[4:10]]


def test_find_document_stays_inside_the_sources_folder(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "notes.md").write_text("x", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("x", encoding="utf-8")
    assert find_document(sources, "notes.md") == sources / "notes.md"
    assert find_document(sources, "notes.pdf") == sources / "notes.md"  # same stem, text file
    assert find_document(sources, "../secret.txt") is None
    assert find_document(tmp_path / "absent", "notes.md") is None


def test_last_studied_label() -> None:
    from datetime import date

    today = date(2026, 3, 2)
    assert last_studied_label(None, today) == "never"
    assert last_studied_label(today, today) == "today"
    assert last_studied_label(date(2026, 3, 1), today) == "yesterday"
    assert last_studied_label(date(2026, 2, 25), today) == "5 days ago"
    assert last_studied_label(date(2025, 1, 1), today) == "2025-01-01"


def test_down_enter_in_one_burst_studies_the_row_moved_to(make_app: AppFactory, run: Any) -> None:
    """``enter`` must wait for the ``down`` queued before it (it used to overtake it)."""
    app = make_app()

    async def scenario(pilot: Any) -> None:
        await burst(pilot, "down", "enter")
        assert isinstance(app.screen, StudyScreen)
        assert app.screen.deck_ids == ["vascular"]

    run(app, scenario)


def _study_text(app: Any) -> str:
    svg = app.export_screenshot()
    text = re.sub(r"<[^>]+>", "", svg.split("</style>", 1)[-1])
    return html.unescape(text).replace("\xa0", " ")


def test_a_reload_keeps_the_revealed_answer_on_screen(
    make_app: AppFactory, decks_dir: Path, run: Any
) -> None:
    """The background load finishing (another deck file changed) must not flip the card."""
    app = make_app()

    async def scenario(pilot: Any) -> None:
        await pilot.press("down", "enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, StudyScreen)
        await pilot.press("space")
        await pilot.pause()
        assert screen.revealed
        basics = decks_dir / "basics.yaml"
        basics.write_text(basics.read_text(encoding="utf-8").replace("3 to 15", "3-15"))
        app.reload_decks()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.decks_version >= 1
        assert screen.revealed
        assert "thunderclap" in _study_text(app)

    run(app, scenario)


def test_the_study_header_follows_a_card_whose_type_was_edited(
    make_app: AppFactory, decks_dir: Path, run: Any
) -> None:
    app = make_app()

    async def scenario(pilot: Any) -> None:
        await pilot.press("down", "enter")
        await pilot.pause()
        assert "basic · new" in _study_text(app)
        vascular = decks_dir / "vascular.yaml"
        vascular.write_text(
            "title: Vascular\ncards:\n  - id: sah-headache\n    type: mcq\n"
            "    question: What headache is typical of subarachnoid haemorrhage?\n"
            "    answer: Thunderclap\n    distractors: [Tension, Cluster, Migraine]\n",
            encoding="utf-8",
        )
        app.reload_decks()
        await app.workers.wait_for_complete()
        await pilot.pause()
        shown = _study_text(app)
        assert "multiple choice · new" in shown
        assert "basic · new" not in shown

    run(app, scenario)


def _learn(
    app: Any, clock: Any, deck_ids: list[str], grades: tuple[int, ...], days_ago: int
) -> None:
    """Answer the first cards of a session ``days_ago`` days before the test clock."""
    from datetime import timedelta

    from neuroquiz.study import StudySession

    start = clock.now
    clock.now = start - timedelta(days=days_ago)
    session = StudySession(app.store, clock=clock, deck_ids=deck_ids)
    for grade in grades:
        session.answer(grade)
    clock.now = start


def test_home_counts_what_todays_session_holds(
    make_app: AppFactory, store: ProgressStore, clock: Any, run: Any
) -> None:
    """Counts after the daily limits, the backlog apart; `a` studies that (#13 defect 11)."""
    from neuroquiz.store import Limits

    app = make_app()
    _learn(app, clock, ["basics"], (5, 5, 5), days_ago=3)  # 3 reviews due (overdue) today
    store.set_limits(Limits(new_per_day=1, reviews_per_day=2))

    async def scenario(pilot: Any) -> None:
        table = app.screen.query_one("#decks", DataTable)
        # basics: 2 of its 3 due reviews, and no new card: its 1 unseen one (the cloze's c2)
        # is buried by c1's review; vascular: its 1 new card.
        assert _cell_text(table, 0)[:3] == ["Neuro basics", "0", "2"]
        assert _cell_text(table, 1)[:3] == ["Vascular", "1", "0"]
        totals = str(app.screen.query_one("#totals", Static).content)
        # All decks together: the global limit of 1 new card.
        assert totals.startswith("1 new · 2 reviews today (1 more due) · 2 decks")
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, StudyScreen)
        assert app.screen.session.left == 3  # exactly what the home screen announced

    run(app, scenario)


def test_home_says_nothing_left_when_the_limits_are_used_up(
    make_app: AppFactory, store: ProgressStore, clock: Any, run: Any
) -> None:
    """'29 new' then 'Nothing to study' no more: new cards over the limit are not counted."""
    from neuroquiz.store import Limits

    app = make_app()
    store.set_limits(Limits(new_per_day=2, reviews_per_day=200))
    _learn(app, clock, ["basics"], (5, 5), days_ago=0)  # today's 2 new cards are done

    async def scenario(pilot: Any) -> None:
        table = app.screen.query_one("#decks", DataTable)
        assert _cell_text(table, 0)[:3] == ["Neuro basics", "0", "0"]
        assert _cell_text(table, 1)[:3] == ["Vascular", "0", "0"]
        totals = str(app.screen.query_one("#totals", Static).content)
        assert totals.startswith("0 new · 0 reviews today · 2 decks — all done for today.")

    run(app, scenario)


def test_empty_deck_directory_says_which_keys_make_a_deck(
    make_app: AppFactory, run: Any, tmp_path: Path
) -> None:
    from neuroquiz.decks import load_decks
    from neuroquiz.tui.screens.author import AuthorScreen
    from neuroquiz.tui.screens.generate import GenerateScreen

    empty = tmp_path / "no-decks-yet"
    empty.mkdir()
    app = make_app(decks_dir=empty, loaded=load_decks([empty]))

    async def scenario(pilot: Any) -> None:
        totals = str(app.screen.query_one("#totals", Static).content)
        assert "No decks found in" in totals
        assert "Press n to write a card (ctrl+n there makes a deck)" in totals
        assert "or g to generate cards from a document" in totals
        await pilot.press("n")  # the keys named do what is said
        await pilot.pause()
        assert isinstance(app.screen, AuthorScreen)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, GenerateScreen)

    run(app, scenario)
