"""Aggregate queries behind the statistics screen.

Each one is a SQL aggregate over an index (``review_log_day``, ``study_cards_due``,
``study_cards_summary``), so they stay fast with 100,000 cards and a million log rows: no
query loads rows into Python to count them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database


def _deck_filter(column: str, deck_ids: Sequence[str] | None) -> tuple[str, list[object]]:
    if deck_ids is None:
        return "", []
    marks = ", ".join("?" for _ in deck_ids)
    return f" AND {column} IN ({marks})", list(deck_ids)


def reviews_by_day(
    db: Database, first: date, last: date, deck_ids: Sequence[str] | None = None
) -> dict[date, int]:
    """Answers per study day from ``first`` to ``last`` inclusive (days without any omitted)."""
    extra, params = _deck_filter("deck_id", deck_ids)
    rows = db.execute(
        "SELECT day, COUNT(*) FROM review_log INDEXED BY review_log_day "
        f"WHERE day >= ? AND day <= ?{extra} GROUP BY day",
        [first.isoformat(), last.isoformat(), *params],
    ).fetchall()
    return {date.fromisoformat(day): int(n) for day, n in rows}


def due_by_day(db: Database, until: date, deck_ids: Sequence[str] | None = None) -> dict[date, int]:
    """Active reviewed study cards due on each day up to ``until`` inclusive (overdue too)."""
    active = "retired = 0 AND suspended = 0 AND due IS NOT NULL"
    if deck_ids is None:
        rows = db.execute(
            f"SELECT due, COUNT(*) FROM study_cards INDEXED BY study_cards_due "
            f"WHERE {active} AND due <= ? GROUP BY due",
            [until.isoformat()],
        ).fetchall()
    else:
        extra, params = _deck_filter("deck_id", deck_ids)
        rows = db.execute(
            f"SELECT due, COUNT(*) FROM study_cards INDEXED BY study_cards_due_by_deck "
            f"WHERE {active} AND due <= ?{extra} GROUP BY due",
            [until.isoformat(), *params],
        ).fetchall()
    return {date.fromisoformat(day): int(n) for day, n in rows}


def grades_by_deck(db: Database, first: date, last: date) -> dict[str, tuple[int, int]]:
    """Per deck, ``(answers, answers graded 3 or more)`` from ``first`` to ``last``."""
    rows = db.execute(
        "SELECT deck_id, COUNT(*), SUM(grade >= 3) FROM review_log INDEXED BY review_log_day "
        "WHERE day >= ? AND day <= ? GROUP BY deck_id",
        [first.isoformat(), last.isoformat()],
    ).fetchall()
    return {deck: (int(n), int(passed)) for deck, n, passed in rows}


def ef_counts(db: Database, bucket: int, deck_ids: Sequence[str] | None = None) -> dict[int, int]:
    """Reviewed active study cards by E-Factor bucket (lower bound in hundredths)."""
    extra, params = _deck_filter("deck_id", deck_ids)
    rows = db.execute(
        "SELECT (ef / ?) * ? AS b, COUNT(*) FROM study_cards INDEXED BY study_cards_summary "
        f"WHERE retired = 0 AND last_review IS NOT NULL{extra} GROUP BY b",
        [bucket, bucket, *params],
    ).fetchall()
    return {int(b): int(n) for b, n in rows}


def studied_on(db: Database, day: date) -> bool:
    """True if any answer was logged on study day ``day`` (one index probe)."""
    row = db.execute(
        "SELECT 1 FROM review_log INDEXED BY review_log_day WHERE day = ? LIMIT 1",
        [day.isoformat()],
    ).fetchone()
    return row is not None
