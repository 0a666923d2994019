"""Stats: figures for the statistics screen and ``neuroquiz stats``, from SQL aggregates."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal

from neuroquiz.models import EF_MIN
from neuroquiz.sm2 import PASSING_GRADE
from neuroquiz.store import ProgressStore

EF_BUCKET = 10
"""Width of an E-Factor histogram bucket, in hundredths (0.1)."""


class Stats:
    """Statistics as of one study day.

    Args:
        store: The progress store (only read).
        today: The current study day (see :func:`neuroquiz.study.study_day`).
        deck_ids: Restrict deck-wide figures to these decks (None: all).
    """

    def __init__(
        self, store: ProgressStore, *, today: date, deck_ids: Sequence[str] | None = None
    ) -> None:
        self._store = store
        self._today = today
        self._deck_ids = list(deck_ids) if deck_ids is not None else None

    def reviews_per_day(self, days: int) -> list[tuple[date, int]]:
        """Answers per study day for the last ``days`` days, oldest first, today last."""
        if days <= 0:
            return []
        first = self._today - timedelta(days=days - 1)
        counts = self._store.reviews_by_day(first, self._today, self._deck_ids)
        return [(day, counts.get(day, 0)) for day in _days(first, days)]

    def due_forecast(self, days: int = 30) -> list[tuple[date, int]]:
        """Reviews due on each of the next ``days`` days from today; overdue ones count today."""
        if days <= 0:
            return []
        last = self._today + timedelta(days=days - 1)
        counts = self._store.due_by_day(last, self._deck_ids)
        overdue = sum(n for day, n in counts.items() if day < self._today)
        forecast = [(day, counts.get(day, 0)) for day in _days(self._today, days)]
        forecast[0] = (self._today, forecast[0][1] + overdue)
        return forecast

    def retention_by_deck(self, days: int = 30) -> dict[str, float | None]:
        """Share of answers graded >= 3 in the last ``days`` days, per active deck.

        A deck without answers in the period maps to None.
        """
        first = self._today - timedelta(days=max(days, 1) - 1)
        grades = self._store.grades_by_deck(first, self._today)
        decks = self._deck_ids if self._deck_ids is not None else self._store.active_deck_ids()
        result: dict[str, float | None] = {}
        for deck_id in decks:
            answers, passed = grades.get(deck_id, (0, 0))
            result[deck_id] = passed / answers if answers else None
        return result

    def ef_distribution(self) -> list[tuple[float, int]]:
        """Reviewed study cards by E-Factor, in 0.1-wide buckets from 1.3 up to the highest.

        Each bucket is ``(lower bound, count)``; empty list if nothing was reviewed yet.
        """
        counts = self._store.ef_counts(EF_BUCKET, self._deck_ids)
        if not counts:
            return []
        low = EF_MIN // EF_BUCKET * EF_BUCKET
        return [
            (float(Decimal(bucket) / 100), counts.get(bucket, 0))
            for bucket in range(low, max(counts) + 1, EF_BUCKET)
        ]

    def streak(self) -> int:
        """Consecutive study days with answers, ending today (or yesterday if none today)."""
        day = self._today
        if not self._store.studied_on(day):
            day -= timedelta(days=1)
        streak = 0
        while self._store.studied_on(day):
            streak += 1
            day -= timedelta(days=1)
        return streak

    def reviews_today_by_deck(self) -> dict[str, int]:
        """Answers today per active deck (zero included)."""
        counts = self._store.day_counts(self._today)
        decks = self._deck_ids if self._deck_ids is not None else self._store.active_deck_ids()
        result = dict.fromkeys(decks, 0)
        for deck_id, done in counts.items():
            if self._deck_ids is None or deck_id in result:
                result[deck_id] = done.new + done.reviews
        return result

    def leeches(self) -> int:
        """Study cards marked as leeches (suspended when marked; ``is:leech`` in Browse)."""
        return self._store.count_leeches(self._deck_ids)

    def retention(self, days: int = 30) -> float | None:
        """Share of answers graded >= 3 over all decks in the last ``days`` days."""
        first = self._today - timedelta(days=max(days, 1) - 1)
        grades = self._store.grades_by_deck(first, self._today)
        scope = (
            grades
            if self._deck_ids is None
            else {d: v for d, v in grades.items() if d in self._deck_ids}
        )
        answers = sum(n for n, _ in scope.values())
        return sum(p for _, p in scope.values()) / answers if answers else None


def _days(first: date, count: int) -> list[date]:
    return [first + timedelta(days=i) for i in range(count)]


__all__ = ["EF_BUCKET", "PASSING_GRADE", "Stats"]
