"""The app uses the terminal's width: at 80x24 nothing useful is cut, at 160x40 the columns
and labels widen (issue 13, "80 columns").

The decks are the test decks plus one shaped like a generated deck: a long title, and
every card starting with the same cue naming its topic.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from neuroquiz.tui.screens.browse import BrowseScreen
from neuroquiz.tui.screens.stats import StatsScreen
from neuroquiz.tui.screens.study import StudyScreen

from .screen_lines import screen_lines

AppFactory = Callable[..., Any]
NARROW = (80, 24)
WIDE = (160, 40)
TITLE = "The Recurrent Glomus Jugulare Tumor After Radiosurgery"
CUE = "Recurrent Glomus Jugulare Tumor After Radiosurgery: "
GLOMUS_YAML = textwrap.dedent(
    f"""\
    title: {TITLE}
    cards:
      - id: glomus-scar
        type: cloze
        text: '{CUE}Recurrent tumors are harder to treat because of {{{{c1::scar tissue}}}}.'
      - id: glomus-planning
        type: cloze
        text: '{CUE}Preoperative planning lowers the risks of {{{{c1::re-operation}}}}.'
      - id: glomus-symptom
        type: basic
        front: '{CUE}Which symptom is typical of these tumors?'
        back: Pulsatile tinnitus
    """
)


@pytest.fixture
def wide_decks(decks_dir: Path) -> Path:
    """The test decks plus the generated-looking glomus deck."""
    (decks_dir / "glomus.yaml").write_text(GLOMUS_YAML, encoding="utf-8")
    return decks_dir


def _app(make_app: AppFactory, wide_decks: Path, clock: Any, history: bool = False) -> Any:
    app = make_app()
    if history:
        from neuroquiz.study import StudySession

        start = clock.now
        for days_ago, grades in ((3, (5, 4, 2)), (1, (3, 5))):
            clock.now = start - timedelta(days=days_ago)
            session = StudySession(app.store, clock=clock, deck_ids=["glomus", "basics"])
            for grade in grades:
                session.answer(grade, answer_ms=4000)
        clock.now = start
    return app


def _line_with(lines: list[str], part: str) -> str:
    found = [line for line in lines if part in line]
    assert found, f"{part!r} is not on the screen:\n" + "\n".join(lines)
    return found[0]


async def _redrill(pilot: Any) -> None:
    """Study the glomus deck, grading 2, until a card comes back as a re-drill."""
    app = pilot.app
    app.push_screen(StudyScreen(deck_ids=["glomus"]))
    await pilot.pause()
    for _ in range(8):
        current = app.screen.session.current
        assert current is not None
        if current.is_redrill:
            return
        await pilot.press("space", "2")
        await pilot.pause()
    raise AssertionError("no card came back as a re-drill")


# -- Home -----------------------------------------------------------------------------------


def test_home_shows_a_long_deck_title_whole_on_two_lines_at_80(
    make_app: AppFactory, wide_decks: Path, clock: Any, run: Any
) -> None:
    app = _app(make_app, wide_decks, clock)

    async def scenario(pilot: Any) -> None:
        lines = screen_lines(app)
        first = _line_with(lines, "The Recurrent Glomus Jugulare")
        second = lines[lines.index(first) + 1]
        # Both lines of the title, the counts on the first; no ellipsis.
        assert (first.split("  ")[0] + " " + second.strip()).strip() == TITLE
        assert first.rstrip().endswith("never")
        assert "…" not in first + second

    run(app, scenario, size=NARROW)


def test_home_keeps_a_long_title_on_one_line_at_160(
    make_app: AppFactory, wide_decks: Path, clock: Any, run: Any
) -> None:
    app = _app(make_app, wide_decks, clock)

    async def scenario(pilot: Any) -> None:
        line = _line_with(screen_lines(app), TITLE)
        assert line.rstrip().endswith("never")
        # Resized to 80 columns, the title wraps again.
        await pilot.resize_terminal(*NARROW)
        await pilot.pause()
        assert not any(TITLE in line for line in screen_lines(app))
        _line_with(screen_lines(app), "Tumor After Radiosurgery")

    run(app, scenario, size=WIDE)


# -- Study ----------------------------------------------------------------------------------


def test_study_header_keeps_the_redrill_mark_whole_at_80(
    make_app: AppFactory, wide_decks: Path, clock: Any, run: Any
) -> None:
    app = _app(make_app, wide_decks, clock)

    async def scenario(pilot: Any) -> None:
        await _redrill(pilot)
        line = _line_with(screen_lines(app), "↻ re-drill")
        # The title gives way, the card type and the mark stay whole.
        assert line.rstrip().endswith("· ↻ re-drill: graded below 4 earlier")
        assert line.strip().startswith("The Recurrent Glomus")
        assert "…" in line
        assert len(line) <= 80

    run(app, scenario, size=NARROW)


def test_study_header_shows_the_whole_title_at_160(
    make_app: AppFactory, wide_decks: Path, clock: Any, run: Any
) -> None:
    app = _app(make_app, wide_decks, clock)

    async def scenario(pilot: Any) -> None:
        await _redrill(pilot)
        line = _line_with(screen_lines(app), "↻ re-drill")
        assert f"{TITLE} · " in line
        assert line.rstrip().endswith("↻ re-drill: graded below 4 earlier")

    run(app, scenario, size=WIDE)


# -- Browse ---------------------------------------------------------------------------------


def _browse_rows(app: Any) -> list[str]:
    lines = screen_lines(app)
    return [line for line in lines if line.rstrip().endswith(("new", "basic", "cloze"))]


def test_browse_leaves_the_deck_cue_out_and_sizes_columns_at_80(
    make_app: AppFactory, wide_decks: Path, clock: Any, run: Any
) -> None:
    app = _app(make_app, wide_decks, clock)

    async def scenario(pilot: Any) -> None:
        app.push_screen(BrowseScreen("deck:glomus"))
        await pilot.pause()
        lines = screen_lines(app)
        header = _line_with(lines, "Card")
        # The Deck column is narrower than the 16 cells it had: the card text has the rest.
        assert header.index("Type") - header.index("Deck") - 2 == 15
        rows = [_line_with(lines, part) for part in ("Recurrent tumors", "Preoperative", "Which")]
        for row in rows:
            assert not row.strip().startswith("Recurrent Glomus Jugulare Tumor After")
            assert "The Recurrent …" in row  # the deck, cut to its column
        assert " Recurrent tumors are harder to treat be…  The Recurrent …  cloze  new" in rows[0]
        # A deck whose cards have no such cue keeps its text as it is.
        screen = app.screen
        screen.query_one("#browse-search").value = "deck:basics"
        screen.run_search()
        await pilot.pause()
        _line_with(screen_lines(app), "What is the range of the total Glasgow")

    run(app, scenario, size=NARROW)


def test_browse_widens_the_deck_column_at_160_and_on_resize(
    make_app: AppFactory, wide_decks: Path, clock: Any, run: Any
) -> None:
    app = _app(make_app, wide_decks, clock)

    async def scenario(pilot: Any) -> None:
        app.push_screen(BrowseScreen("deck:glomus"))
        await pilot.pause()
        header = _line_with(screen_lines(app), "Card")
        assert header.index("Type") - header.index("Deck") - 2 == 36
        row = _line_with(screen_lines(app), "Preoperative planning")
        assert "The Recurrent Glomus Jugulare Tumor…" in row
        assert "Preoperative planning lowers the risks of {{c1::re-operation}}." in row
        await pilot.resize_terminal(*NARROW)
        await pilot.pause()
        header = _line_with(screen_lines(app), "Card")
        assert header.index("Type") - header.index("Deck") - 2 == 15
        assert len(header) <= 80

    run(app, scenario, size=WIDE)


# -- Stats ----------------------------------------------------------------------------------


def _retention_label(app: Any, deck_start: str) -> str:
    line = _line_with(screen_lines(app), deck_start)
    return line.split("┤")[0].rsplit(" ", 1)[0].strip()


def test_stats_deck_labels_widen_with_the_terminal(
    make_app: AppFactory, wide_decks: Path, clock: Any, run: Any
) -> None:
    app = _app(make_app, wide_decks, clock, history=True)

    async def scenario(pilot: Any) -> None:
        app.push_screen(StatsScreen())
        await pilot.pause()
        await pilot.press("3")
        await pilot.pause()
        wide = _retention_label(app, "The Recurrent")
        assert wide == TITLE[:39] + "…"  # 40 cells at 160 columns
        await pilot.resize_terminal(*NARROW)
        await pilot.pause()
        narrow = _retention_label(app, "The Recurrent")
        assert narrow == TITLE[:19] + "…"  # 20 cells at 80 columns
        caption = _line_with(screen_lines(app), "Answers graded 3 or better")
        assert "…" not in caption

    run(app, scenario, size=WIDE)


def test_fit_titled_shortens_the_title_first() -> None:
    from neuroquiz.tui.widgets.fit_line import MIN_TITLE_CELLS, fit_titled

    rest = ["cloze c1", "↻ re-drill: graded below 4 earlier"]
    assert (
        fit_titled("Short", rest, 80).plain
        == "Short · cloze c1 · ↻ re-drill: graded below 4 earlier"
    )
    fitted = fit_titled(TITLE, rest, 60).plain
    assert len(fitted) == 60
    assert fitted.endswith(" · cloze c1 · ↻ re-drill: graded below 4 earlier")
    # Too narrow for even the rest: the title keeps its minimum, the end gives way.
    tiny = fit_titled(TITLE, rest, 30).plain
    assert tiny.startswith(TITLE[: MIN_TITLE_CELLS - 1] + "…")
    assert len(tiny) == 30 and tiny.endswith("…")
    # Card text is data: markup-like text shows as it is.
    assert fit_titled("[b]x[/b]", ["basic"], 40).plain == "[b]x[/b] · basic"


def test_title_cell_wraps_onto_two_lines_then_cuts() -> None:
    from rich.console import Console

    from neuroquiz.tui.screens.home import title_cell

    console = Console(width=200)
    assert title_cell(console, "Neuro basics", 30).plain == "Neuro basics"
    two = title_cell(console, TITLE, 34).plain.splitlines()
    assert two == ["The Recurrent Glomus Jugulare", "Tumor After Radiosurgery"]
    cut = title_cell(console, TITLE + " and Its Many Complications Over Years", 34).plain
    first, second = cut.splitlines()
    assert first == "The Recurrent Glomus Jugulare"
    assert len(second) <= 34 and second.endswith("…")


# -- Snapshots at both sizes ----------------------------------------------------------------


@pytest.mark.parametrize("size", [NARROW, WIDE], ids=["80x24", "160x40"])
def test_home_snapshot(
    snap_compare: Any, make_app: AppFactory, wide_decks: Path, clock: Any, size: tuple[int, int]
) -> None:
    assert snap_compare(_app(make_app, wide_decks, clock, history=True), terminal_size=size)


@pytest.mark.parametrize("size", [NARROW, WIDE], ids=["80x24", "160x40"])
def test_study_redrill_snapshot(
    snap_compare: Any, make_app: AppFactory, wide_decks: Path, clock: Any, size: tuple[int, int]
) -> None:
    assert snap_compare(_app(make_app, wide_decks, clock), run_before=_redrill, terminal_size=size)


@pytest.mark.parametrize("size", [NARROW, WIDE], ids=["80x24", "160x40"])
def test_browse_snapshot(
    snap_compare: Any, make_app: AppFactory, wide_decks: Path, clock: Any, size: tuple[int, int]
) -> None:
    assert snap_compare(_app(make_app, wide_decks, clock), press=["b"], terminal_size=size)


@pytest.mark.parametrize("size", [NARROW, WIDE], ids=["80x24", "160x40"])
def test_stats_retention_snapshot(
    snap_compare: Any, make_app: AppFactory, wide_decks: Path, clock: Any, size: tuple[int, int]
) -> None:
    app = _app(make_app, wide_decks, clock, history=True)
    assert snap_compare(app, press=["t", "3"], terminal_size=size)
