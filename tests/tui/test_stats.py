"""Stats screen at 80x24: large numbers never wrap, zero days draw no bar, tidy axes."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from plotext._utility import bars as plotext_bars
from textual.geometry import Region

from neuroquiz.tui.screens import stats as stats_module
from neuroquiz.tui.screens.stats import (
    BAR_WIDTH,
    TILES,
    StatsFigures,
    bar_series,
    nice_step,
    plot_label,
    tiles,
)

AppFactory = Callable[..., Any]
TODAY = date(2026, 3, 2)
BAR_GLYPHS = "█▌▐▄▀▖▗▘▝▙▛▜▟▚▞"


def _rendered(widget: Any) -> list[str]:
    """The lines a widget shows, cell for cell (padding and spaces included)."""
    region = Region(0, 0, widget.region.width, widget.region.height)
    return [strip.text for strip in widget.render_lines(region)]


def _figures(reviews: list[int], forecast: list[int], streak: int = 3) -> StatsFigures:
    days = len(reviews)
    return StatsFigures(
        today=TODAY,
        reviews=[(TODAY - timedelta(days=days - 1 - i), n) for i, n in enumerate(reviews)],
        forecast=[(TODAY + timedelta(days=i), n) for i, n in enumerate(forecast)],
        retention_by_deck={"basics": 0.875, "vascular": None},
        retention=0.875,
        ef=[(1.3, 12), (2.5, 12_000), (2.6, 333)],
        streak=streak,
    )


BIG = _figures(
    reviews=[0 if i % 3 == 0 else 400 + 13 * i for i in range(30)],
    forecast=[12_345 if i == 0 else 1_234 + i for i in range(30)],
    streak=1_234,
)
SMALL = _figures(reviews=[0] * 28 + [2, 1], forecast=[1] + [0] * 29, streak=1)


def _with_figures(monkeypatch: pytest.MonkeyPatch, figures: StatsFigures) -> None:
    """Make the screen draw ``figures`` (in the window it asks for) instead of the store's."""

    def read(_stats: Any, today: date, days: int) -> StatsFigures:
        reviews = list(figures.reviews)
        if days > len(reviews):
            first = reviews[0][0]
            missing = days - len(reviews)
            reviews = [(first - timedelta(days=missing - i), 0) for i in range(missing)] + reviews
        return StatsFigures(
            today=today,
            reviews=reviews[-days:],
            forecast=figures.forecast,
            retention_by_deck=figures.retention_by_deck,
            retention=figures.retention,
            ef=figures.ef,
            streak=figures.streak,
        )

    monkeypatch.setattr(stats_module, "read_figures", read)


def test_tiles_carry_thousands_separators() -> None:
    shown = tiles(BIG, 30)
    assert list(shown) == list(TILES)
    assert shown["streak"] == ("Streak", "1,234 days")
    assert shown["reviews"] == ("Reviews 30 d", f"{sum(n for _, n in BIG.reviews):,}")
    assert shown["retention"] == ("Retention 30 d", "88%")
    assert shown["due-today"] == ("Due today", "12,345")
    assert shown["due-week"][1] == f"{12_345 + sum(1_234 + i for i in range(1, 7)):,}"
    assert tiles(SMALL, 90)["streak"] == ("Streak", "1 day")


def test_large_numbers_keep_the_layout_of_small_ones(
    make_app: AppFactory, run: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The colleague's screenshot: three-digit counts wrapped the numbers line and the
    caption at 80 columns and pushed the plot down. Now nothing moves, nothing is cut."""
    regions: dict[str, Any] = {}
    for name, figures in (("small", SMALL), ("big", BIG)):
        _with_figures(monkeypatch, figures)
        app = make_app()

        async def scenario(pilot: Any, name: str = name) -> None:
            pilot.app.open_screen("stats")
            await pilot.pause()
            screen = pilot.app.screen
            regions[name] = (
                screen.query_one("#stats-numbers").region,
                screen.query_one("#reviews-caption").region,
                screen.query_one("#reviews-plot").region,
            )
            if name == "big":
                for key in TILES:
                    label, value = tiles(BIG, 30)[key]
                    shown = [line.strip() for line in _rendered(screen.query_one(f"#stat-{key}"))]
                    assert shown == [label, value]  # whole, not cut
                caption = _rendered(screen.query_one("#reviews-caption"))
                assert len(caption) == 1
                assert caption[0].rstrip().endswith("20 days active · busiest 777")

        run(app, scenario)
    assert regions["big"] == regions["small"]
    numbers, caption, _plot = regions["big"]
    assert numbers.height == 2 and caption.height == 1


def test_decks_with_no_answers_are_counted_when_their_names_do_not_fit(
    make_app: AppFactory, run: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    titles = {f"deck-{n}": f"A deck with a long title number {n}" for n in range(8)}
    figures = StatsFigures(
        today=TODAY,
        reviews=SMALL.reviews,
        forecast=SMALL.forecast,
        retention_by_deck=dict.fromkeys(titles),
        retention=None,
        ef=[],
        streak=0,
    )
    _with_figures(monkeypatch, figures)
    app = make_app()
    monkeypatch.setattr(app, "deck_title", lambda deck_id: titles.get(deck_id, deck_id))

    async def scenario(pilot: Any) -> None:
        app.open_screen("stats")
        await pilot.pause()
        await pilot.press("3")
        await pilot.pause()
        caption = app.screen.query_one("#retention-caption")
        assert caption.region.height == 1
        # Eight titles do not fit on the line at 80 columns: they are counted, and the
        # tooltip names them all.
        line = _rendered(caption)[0].rstrip()
        assert line.endswith("· 8 decks without answers")
        assert "number 7" in str(caption.tooltip)

    run(app, scenario)


def _strips(widget: Any) -> list[Any]:
    return list(widget.render_lines(Region(0, 0, widget.region.width, widget.region.height)))


def test_days_without_answers_draw_no_bar(
    make_app: AppFactory, run: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Three study days, far apart. plotext drew each day without answers as a one-row bar
    of blanks in the bar colour along the 0 line (a bar in an SVG screenshot); now the 0 line
    holds the three real bars and nothing else in the bar colour."""
    reviews = [0] * 30
    for day in (3, 12, 25):
        reviews[day] = 700
    _with_figures(monkeypatch, _figures(reviews=reviews, forecast=[0] * 30))
    app = make_app()

    async def scenario(pilot: Any) -> None:
        app.open_screen("stats")
        await pilot.pause()
        strips = _strips(app.screen.query_one("#reviews-plot"))
        zero_row = next(strip for strip in strips if re.match(r"\s*0┤", strip.text))
        assert len(re.findall(f"[{BAR_GLYPHS}]+", zero_row.text)) == 3
        bar_colours = {
            segment.style.color for segment in zero_row if set(segment.text) & set(BAR_GLYPHS)
        }
        for segment in zero_row:
            if segment.style is not None and segment.style.color in bar_colours:
                assert not segment.text.strip(BAR_GLYPHS), repr(segment.text)  # no blank bar
        # The forecast has nothing due at all: no bar, and it says so.
        await pilot.press("2")
        await pilot.pause()
        title = _rendered(app.screen.query_one("#forecast-plot"))[0]
        assert "Nothing due in the next 30 days" in title

    run(app, scenario)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=50_000), min_size=1, max_size=90))
def test_bar_series_leaves_out_zero_days_and_keeps_every_bar_as_wide(counts: list[int]) -> None:
    xs, ys, width = bar_series(counts)
    assert ys == [n for n in counts if n > 0]
    assert xs == [float(x) for x, n in enumerate(counts) if n > 0]
    assert 0 < width <= 1  # plotext clamps the width to [0, 1]
    if xs:
        # plotext's own bar geometry: every bar is BAR_WIDTH days wide around its day.
        xbar, _ = plotext_bars(xs, ys, width, 0)
        for x, (left, right) in zip(xs, xbar, strict=True):
            assert right - left == pytest.approx(BAR_WIDTH)
            assert (left + right) / 2 == pytest.approx(x)


def test_nice_steps() -> None:
    assert [nice_step(n) for n in (0, 1, 2, 5, 9, 777, 1_263, 12_345)] == [
        1,
        1,
        1,
        1,
        2,
        200,
        500,
        5_000,
    ]


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10**9))
def test_nice_step_gives_at_most_five_steps_up_to_the_highest(highest: int) -> None:
    step = nice_step(highest)
    assert str(step).strip("0") in ("1", "2", "5")
    assert -(-highest // step) <= 5


def test_plot_label_is_one_cell_per_character_and_cut_with_an_ellipsis() -> None:
    assert plot_label("[b]Neuro[/b]\n basics") == "[b]Neuro[/b] basics"
    assert plot_label("🧠 Brain e\u0301") == "? Brain e"  # wide -> ?, combining dropped
    assert plot_label("\x1b[31m") == "␛[31m"
    long = plot_label("Intramedullary spinal cord tumour surgery")
    assert long == "Intramedullary spin…" and len(long) == 20


def test_stats_large_numbers_snapshot(
    snap_compare: Any, make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    _with_figures(monkeypatch, BIG)

    async def open_stats(pilot: Any) -> None:
        pilot.app.open_screen("stats")
        await pilot.pause()

    assert snap_compare(make_app(), run_before=open_stats, terminal_size=(80, 24))
