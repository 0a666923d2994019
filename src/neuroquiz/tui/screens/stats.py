"""Statistics: reviews per day, due forecast, retention per deck, E-Factors, streak — as plots."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, ClassVar, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, Header, Static, TabbedContent, TabPane
from textual_plotext import PlotextPlot

from neuroquiz.study import Stats
from neuroquiz.tui.widgets.card_text import display_safe

if TYPE_CHECKING:
    from neuroquiz.tui.app import NeuroquizApp

FORECAST_DAYS = 30
"""Days of the due forecast."""
RETENTION_DAYS = 30
"""Days over which retention is measured."""
TABS = ("reviews", "forecast", "retention", "ease")
"""Tab ids, in order (keys 1-4)."""


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


def _day_ticks(days: list[date], every: int) -> tuple[list[float], list[str]]:
    """Positions and ``dd/mm`` labels of every ``every``-th day, the last one always."""
    positions = [i for i in range(len(days)) if i % every == 0 or i == len(days) - 1]
    if len(positions) > 1 and positions[-1] - positions[-2] < every // 2:
        positions.pop(-2)  # keep labels from overlapping at the right edge
    return [float(i) for i in positions], [days[i].strftime("%d/%m") for i in positions]


def _bars(plot: PlotextPlot, counts: list[int]) -> None:
    """Vertical bars, one per day at x = 0..n-1 (every day given, so widths stay equal)."""
    plot.plt.bar([float(x) for x in range(len(counts))], counts, marker="sd", width=0.8)
    plot.plt.ylim(0, max(1, max(counts, default=0)))


def _integer_yticks(plot: PlotextPlot, highest: int) -> None:
    """Label the y axis with whole numbers only (counts), at most about six labels."""
    step = max(1, -(-highest // 5))
    plot.plt.yticks([float(n) for n in range(0, highest + step, step)])


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

    @property
    def nq(self) -> NeuroquizApp:
        """The app, typed."""
        return cast("NeuroquizApp", self.app)

    def compose(self) -> ComposeResult:
        """Numbers line, then one tab per plot."""
        yield Header()
        yield Static(id="stats-numbers", markup=False)
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
        total = sum(n for _, n in figures.reviews)
        due_week = sum(n for _, n in figures.forecast[:7])
        self.query_one("#stats-numbers", Static).update(
            Text.assemble(
                ("Streak ", "bold"),
                f"{figures.streak} d",
                ("  ·  Reviews ", "bold"),
                f"{total} in {self.days} d",
                ("  ·  Retention ", "bold"),
                f"{_percent(figures.retention)}",
                ("  ·  Due ", "bold"),
                f"{figures.forecast[0][1] if figures.forecast else 0} today, {due_week} in 7 d",
            )
        )
        self._draw_reviews(figures)
        self._draw_forecast(figures)
        self._draw_retention(figures)
        self._draw_ease(figures)

    def _draw_reviews(self, figures: StatsFigures) -> None:
        days = [day for day, _ in figures.reviews]
        counts = [n for _, n in figures.reviews]
        active = sum(1 for n in counts if n)
        plural = "s" if active != 1 else ""
        self.query_one("#reviews-caption", Static).update(
            f"Answers per day, last {self.days} days (d: 30/90) · studied on {active} day{plural}"
            f" · most {max(counts, default=0)} in a day"
        )
        plot = self.query_one("#reviews-plot", PlotextPlot)
        plt = plot.plt
        plt.clear_data()
        plt.clear_figure()
        _bars(plot, counts)
        positions, labels = _day_ticks(days, 7 if self.days == 30 else 15)
        plt.xticks(positions, labels)
        _integer_yticks(plot, max(counts, default=0))
        plot.refresh()

    def _draw_forecast(self, figures: StatsFigures) -> None:
        days = [day for day, _ in figures.forecast]
        counts = [n for _, n in figures.forecast]
        self.query_one("#forecast-caption", Static).update(
            f"Reviews due, next {FORECAST_DAYS} days (overdue counted today) · total {sum(counts)}"
        )
        plot = self.query_one("#forecast-plot", PlotextPlot)
        plt = plot.plt
        plt.clear_data()
        plt.clear_figure()
        _bars(plot, counts)
        positions, labels = _day_ticks(days, 7)
        plt.xticks(positions, labels)
        _integer_yticks(plot, max(counts, default=0))
        plot.refresh()

    def _draw_retention(self, figures: StatsFigures) -> None:
        rows = [
            (self.nq.deck_title(deck_id), value)
            for deck_id, value in sorted(figures.retention_by_deck.items())
        ]
        unmeasured = [display_safe(title) for title, value in rows if value is None]
        caption = f"Share of answers graded 3 or better per deck, last {RETENTION_DAYS} days"
        if unmeasured:
            caption += f" · no answers yet: {', '.join(unmeasured)}"
        self.query_one("#retention-caption", Static).update(caption)
        plot = self.query_one("#retention-plot", PlotextPlot)
        plt = plot.plt
        plt.clear_data()
        plt.clear_figure()
        measured = [(title, value) for title, value in rows if value is not None]
        if measured:
            labels = [f"{display_safe(title)[:20]} {value:.0%}" for title, value in measured]
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
        self.query_one("#ease-caption", Static).update(
            f"E-Factors of {reviewed} reviewed cards (start 2.5, floor 1.3)"
            + (f" · mean {mean:.2f}" if mean is not None else "")
        )
        plot = self.query_one("#ease-plot", PlotextPlot)
        plt = plot.plt
        plt.clear_data()
        plt.clear_figure()
        if figures.ef:
            labels = [f"{ef:.1f}" for ef, _ in figures.ef]
            plt.bar(labels, [n for _, n in figures.ef], marker="sd", width=0.8)
            _integer_yticks(plot, max(n for _, n in figures.ef))
        else:
            plt.title("No card reviewed yet")
        plot.refresh()
