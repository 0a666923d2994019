"""Statistics: reviews per day, due forecast, retention per deck, E-Factors, streak — as plots.

Everything is laid out for 80x24 whatever the numbers: the key figures sit in five tiles of a
fixed width (a value too long for its tile ends in an ellipsis rather than wrapping), every
caption is one line, and counts carry thousands separators.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, ClassVar, cast

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, Header, Static, TabbedContent, TabPane
from textual_plotext import PlotextPlot

from neuroquiz.study import Stats
from neuroquiz.tui.widgets.card_text import single_line

if TYPE_CHECKING:
    from neuroquiz.tui.app import NeuroquizApp

FORECAST_DAYS = 30
"""Days of the due forecast."""
RETENTION_DAYS = 30
"""Days over which retention is measured."""
TABS = ("reviews", "forecast", "retention", "ease")
"""Tab ids, in order (keys 1-4)."""
TILES = ("streak", "reviews", "retention", "due-today", "due-week")
"""The key figures above the plots, one tile each, in order."""
BAR_WIDTH = 0.6
"""Width of a day's bar, as a share of the distance between two days."""
PLOT_LABEL_CELLS = 20
"""Longest deck title in the retention plot at 80 columns, in cells (cut with an ellipsis)."""
MAX_PLOT_LABEL_CELLS = 60
"""Longest deck title in the retention plot however wide the terminal."""
NICE_STEPS = (1, 2, 5)
"""Y-axis steps are one of these times a power of ten."""


@dataclass(frozen=True)
class StatsFigures:
    """Everything the screen draws, read from the store in one go."""

    today: date
    reviews: list[tuple[date, int]]
    forecast: list[tuple[date, int]]
    retention_by_deck: dict[str, float | None]
    retention: float | None
    ef: list[tuple[float, int]]
    streak: int


def read_figures(stats: Stats, today: date, days: int) -> StatsFigures:
    """Read every figure of the screen from ``stats``.

    Args:
        stats: The stats service for ``today``.
        today: The study day.
        days: The reviews window (30 or 90).
    """
    return StatsFigures(
        today=today,
        reviews=stats.reviews_per_day(days),
        forecast=stats.due_forecast(FORECAST_DAYS),
        retention_by_deck=stats.retention_by_deck(RETENTION_DAYS),
        retention=stats.retention(RETENTION_DAYS),
        ef=stats.ef_distribution(),
        streak=stats.streak(),
    )


def _percent(value: float | None) -> str:
    return f"{value:.0%}" if value is not None else "—"


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def tiles(figures: StatsFigures, days: int) -> dict[str, tuple[str, str]]:
    """The label and the value of each tile of :data:`TILES`.

    Args:
        figures: The figures on show.
        days: The reviews window (30 or 90).
    """
    total = sum(n for _, n in figures.reviews)
    due_today = figures.forecast[0][1] if figures.forecast else 0
    due_week = sum(n for _, n in figures.forecast[:7])
    return {
        "streak": ("Streak", _plural(figures.streak, "day")),
        "reviews": (f"Reviews {days} d", f"{total:,}"),
        "retention": (f"Retention {RETENTION_DAYS} d", _percent(figures.retention)),
        "due-today": ("Due today", f"{due_today:,}"),
        "due-week": ("Due next 7 d", f"{due_week:,}"),
    }


def _day_ticks(days: list[date], every: int) -> tuple[list[float], list[str]]:
    """Positions and ``dd/mm`` labels of every ``every``-th day, the last one always."""
    positions = [i for i in range(len(days)) if i % every == 0 or i == len(days) - 1]
    if len(positions) > 1 and positions[-1] - positions[-2] < every // 2:
        positions.pop(-2)  # keep labels from overlapping at the right edge
    return [float(i) for i in positions], [days[i].strftime("%d/%m") for i in positions]


def bar_series(counts: list[int]) -> tuple[list[float], list[int], float]:
    """The bars of a per-day plot: positions and heights of the days with a count, and the
    ``width`` to pass to plotext.

    A day without answers gets no bar at all: plotext draws a zero as a one-row bar of
    blanks in the bar colour, which screenshots show as a bar. plotext scales ``width`` by
    the mean distance between the bars it is given, so with days left out the width is
    scaled back: every bar stays :data:`BAR_WIDTH` days wide.
    """
    xs = [float(x) for x, n in enumerate(counts) if n > 0]
    ys = [n for n in counts if n > 0]
    if len(xs) < 2:
        return xs, ys, BAR_WIDTH
    mean_gap = (xs[-1] - xs[0]) / (len(xs) - 1)
    return xs, ys, BAR_WIDTH / mean_gap


def nice_step(highest: int, ticks: int = 5) -> int:
    """A round step (1, 2 or 5 times a power of ten) for about ``ticks`` y-axis labels."""
    raw = max(1.0, highest / ticks)
    scale = 1
    while True:
        for step in NICE_STEPS:
            if step * scale >= raw:
                return step * scale
        scale *= 10


def _counts_axis(plot: PlotextPlot, highest: int) -> None:
    """A y axis from 0 to a round top, labelled with whole numbers (thousands separated)."""
    step = nice_step(highest)
    top = step * max(1, -(-highest // step))
    plot.plt.ylim(0, top)
    plot.plt.yticks(
        [float(n) for n in range(0, top + 1, step)], [f"{n:,}" for n in range(0, top + 1, step)]
    )


def _day_bars(plot: PlotextPlot, counts: list[int], empty: str) -> None:
    """Vertical bars, one per day with a count, on an x axis of every day (0..n-1).

    Half-block bars ("hd"): at 80 columns a day is about two and a half cells wide, too
    narrow for a whole-cell bar and a gap, so whole-cell bars of next days would merge.
    """
    xs, ys, width = bar_series(counts)
    if xs:
        plot.plt.bar(xs, ys, marker="hd", width=width)
    else:
        plot.plt.title(empty)
    plot.plt.xlim(-0.5, len(counts) - 0.5)
    _counts_axis(plot, max(counts, default=0))


def plot_label_cells(width: int) -> int:
    """How many cells of a deck title the retention plot shows on a screen ``width`` wide:
    a quarter of it, from :data:`PLOT_LABEL_CELLS` to :data:`MAX_PLOT_LABEL_CELLS`."""
    return max(PLOT_LABEL_CELLS, min(MAX_PLOT_LABEL_CELLS, width // 4))


def retention_caption(unmeasured: Sequence[str], width: int) -> str:
    """The retention tab's caption in ``width`` cells: the decks with no answers yet by name
    if they fit on the line, else their number (the tooltip names them all)."""
    caption = f"Answers graded 3 or better, per deck, last {RETENTION_DAYS} days"
    if not unmeasured:
        return caption
    named = f"{caption} · no answers yet: {', '.join(unmeasured)}"
    if cell_len(named) <= width - 2:  # the caption's padding
        return named
    return f"{caption} · {_plural(len(unmeasured), 'deck')} without answers"


def plot_label(raw: str, cells: int = PLOT_LABEL_CELLS) -> str:
    """Deck title for a plot axis: display-safe, one cell per character, at most ``cells``.

    plotext puts one character in each cell, so a wide character (emoji, CJK) would push
    the axis out of line: it shows as ``?``; zero-width ones (combining marks) are dropped.
    """
    chars: list[str] = []
    for ch in single_line(raw):
        width = cell_len(ch)
        if width == 1:
            chars.append(ch)
        elif width > 1:
            chars.append("?")
    label = "".join(chars)
    return label if len(label) <= cells else label[: cells - 1].rstrip() + "…"


class StatsScreen(Screen[None]):
    """Plots of the study history and the schedule, with the key numbers above them."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back", tooltip="Back to the decks"),
        Binding("d", "toggle_days", "30/90 days", tooltip="Reviews over 30 or 90 days"),
        Binding("1", "tab('reviews')", "Reviews", tooltip="Reviews per day"),
        Binding("2", "tab('forecast')", "Forecast", tooltip="Reviews due, next 30 days"),
        Binding("3", "tab('retention')", "Retention", tooltip="Retention per deck"),
        Binding("4", "tab('ease')", "Ease", tooltip="E-Factor distribution"),
    ]

    days: reactive[int] = reactive(30)
    """The window of the reviews-per-day plot: 30 or 90 days."""

    def __init__(self) -> None:
        """Create the screen; figures are read on mount."""
        super().__init__(id="stats")
        self._figures: StatsFigures | None = None
        self._drawn_width = 0  # the screen width the retention tab was drawn for

    @property
    def nq(self) -> NeuroquizApp:
        """The app, typed."""
        return cast("NeuroquizApp", self.app)

    def compose(self) -> ComposeResult:
        """The key figures in tiles, then one tab per plot."""
        yield Header()
        with Horizontal(id="stats-numbers"):
            for key in TILES:
                yield Static(id=f"stat-{key}", classes="stats-tile", markup=False)
        with TabbedContent(id="stats-tabs"):
            with TabPane("1 Reviews", id="reviews"):
                yield Static(id="reviews-caption", classes="stats-caption", markup=False)
                yield PlotextPlot(id="reviews-plot")
            with TabPane("2 Forecast", id="forecast"):
                yield Static(id="forecast-caption", classes="stats-caption", markup=False)
                yield PlotextPlot(id="forecast-plot")
            with TabPane("3 Retention", id="retention"):
                yield Static(id="retention-caption", classes="stats-caption", markup=False)
                yield PlotextPlot(id="retention-plot")
            with TabPane("4 Ease", id="ease"):
                yield Static(id="ease-caption", classes="stats-caption", markup=False)
                yield PlotextPlot(id="ease-plot")
        yield Footer()

    def on_mount(self) -> None:
        """Read the figures and draw."""
        self.sub_title = "Statistics"
        self.load_figures()

    def on_resize(self) -> None:
        """Give the retention plot's deck titles (and its caption) the room the screen has."""
        if self._figures is not None and self.size.width != self._drawn_width:
            self._draw_retention(self._figures)

    def on_screen_resume(self) -> None:
        """Figures may have changed while away (e.g. a study session)."""
        if self._figures is not None:
            self.load_figures()

    def load_figures(self) -> None:
        """Read the figures from the store (UI thread: the connection belongs to it) and draw.

        Every figure is one aggregate query, so this stays fast on a large store.
        """
        today = self.nq.today()
        self._figures = read_figures(Stats(self.nq.store, today=today), today, self.days)
        self._draw()

    def watch_days(self) -> None:
        """Re-read the reviews for the new window."""
        if self._figures is not None:
            self.load_figures()

    def action_toggle_days(self) -> None:
        """Switch the reviews plot between 30 and 90 days."""
        self.days = 90 if self.days == 30 else 30
        self.query_one(TabbedContent).active = "reviews"

    def action_tab(self, tab: str) -> None:
        """Show the tab ``tab``."""
        self.query_one(TabbedContent).active = tab

    def _draw(self) -> None:
        figures = self._figures
        if figures is None:
            return
        for key, (label, value) in tiles(figures, self.days).items():
            self.query_one(f"#stat-{key}", Static).update(
                Text.assemble((label, "dim"), "\n", (value, "bold"))
            )
        self._draw_reviews(figures)
        self._draw_forecast(figures)
        self._draw_retention(figures)
        self._draw_ease(figures)

    def _caption(self, tab: str, text: str) -> None:
        """Set the one-line caption of ``tab``; the whole of it is also its tooltip."""
        caption = self.query_one(f"#{tab}-caption", Static)
        caption.update(text)
        caption.tooltip = Text(text)  # a Text: a str tooltip would be parsed as markup

    def _draw_reviews(self, figures: StatsFigures) -> None:
        counts = [n for _, n in figures.reviews]
        active = sum(1 for n in counts if n)
        self._caption(
            "reviews",
            f"Answers per day, last {self.days} days (d: 30/90) · {_plural(active, 'day')}"
            f" active · busiest {max(counts, default=0):,}",
        )
        self._draw_days(
            "#reviews-plot",
            figures.reviews,
            f"No answers in the last {self.days} days",
            tick_every=7 if self.days == 30 else 15,
        )

    def _draw_forecast(self, figures: StatsFigures) -> None:
        counts = [n for _, n in figures.forecast]
        self._caption(
            "forecast",
            f"Reviews due, next {FORECAST_DAYS} days (overdue counted today) · total "
            f"{sum(counts):,}",
        )
        self._draw_days(
            "#forecast-plot",
            figures.forecast,
            f"Nothing due in the next {FORECAST_DAYS} days",
            tick_every=7,
        )

    def _draw_days(
        self, selector: str, series: Sequence[tuple[date, int]], empty: str, *, tick_every: int
    ) -> None:
        """Draw one bar per day of ``series`` in the plot ``selector``, dates on the x axis."""
        plot = self.query_one(selector, PlotextPlot)
        plt = plot.plt
        plt.clear_data()
        plt.clear_figure()
        _day_bars(plot, [n for _, n in series], empty)
        positions, labels = _day_ticks([day for day, _ in series], tick_every)
        plt.xticks(positions, labels)
        plot.refresh()

    def _draw_retention(self, figures: StatsFigures) -> None:
        rows = [
            (self.nq.deck_title(deck_id), value)
            for deck_id, value in sorted(figures.retention_by_deck.items())
        ]
        unmeasured = [single_line(title) for title, value in rows if value is None]
        self._drawn_width = width = self.size.width
        self._caption("retention", retention_caption(unmeasured, width))
        if unmeasured:  # the tooltip names every deck, whatever fits on the line
            tooltip = f"No answers yet in the last {RETENTION_DAYS} days: {', '.join(unmeasured)}"
            self.query_one("#retention-caption", Static).tooltip = Text(tooltip)
        plot = self.query_one("#retention-plot", PlotextPlot)
        plt = plot.plt
        plt.clear_data()
        plt.clear_figure()
        measured = [(title, value) for title, value in rows if value is not None]
        if measured:
            cells = plot_label_cells(width)
            labels = [f"{plot_label(title, cells)} {value:.0%}" for title, value in measured]
            plt.bar(
                labels,
                [round(value * 100) for _, value in measured],
                orientation="horizontal",
                marker="sd",
                width=0.6,
            )
            plt.xlim(0, 100)
            plt.xlabel("% graded ≥ 3")
        else:
            plt.title("No answers in the last 30 days")
        plot.refresh()

    def _draw_ease(self, figures: StatsFigures) -> None:
        reviewed = sum(n for _, n in figures.ef)
        mean = sum(ef * n for ef, n in figures.ef) / reviewed if reviewed else None
        self._caption(
            "ease",
            f"E-Factors of {_plural(reviewed, 'reviewed card')} (start 2.5, floor 1.3)"
            + (f" · mean {mean:.2f}" if mean is not None else ""),
        )
        plot = self.query_one("#ease-plot", PlotextPlot)
        plt = plot.plt
        plt.clear_data()
        plt.clear_figure()
        if figures.ef:
            labels = [f"{ef:.1f}" for ef, _ in figures.ef]
            plt.bar(labels, [n for _, n in figures.ef], marker="sd", width=0.8)
            _counts_axis(plot, max(n for _, n in figures.ef))
        else:
            plt.title("No card reviewed yet")
        plot.refresh()
