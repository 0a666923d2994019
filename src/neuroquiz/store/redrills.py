"""The re-drill log: step-7 grades that never change the schedule (see migration 0007)."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from neuroquiz.store.rows import state_json, utc_text
from neuroquiz.store.transaction import write_transaction

if TYPE_CHECKING:
    from sqlite_utils import Database

    from neuroquiz.models import ReviewState


def record_redrill(
    db: Database,
    key: str,
    *,
    reviewed_at: datetime,
    day: date,
    grade: int,
    state: ReviewState,
    answer_ms: int = 0,
) -> int:
    """Append one re-drill grade of study card ``key``; return its row id.

    Raises:
        KeyError: if no study card has this key.
        ValueError: if ``reviewed_at`` is naive or ``grade`` is not 0-5.
    """
    if isinstance(grade, bool) or not isinstance(grade, int) or not 0 <= grade <= 5:
        raise ValueError(f"grade must be an integer from 0 to 5, got {grade!r}")
    at = utc_text(reviewed_at)
    with write_transaction(db):
        row = db.conn.execute("SELECT deck_id FROM study_cards WHERE key = ?", [key]).fetchone()
        if row is None:
            raise KeyError(key)
        cursor = db.conn.execute(
            "INSERT INTO redrill_log (key, deck_id, reviewed_at, day, grade, state, answer_ms) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [key, row[0], at, day.isoformat(), grade, state_json(state), answer_ms],
        )
        row_id = cursor.lastrowid
    assert row_id is not None  # an INSERT always sets it
    return row_id


def undo_redrill(db: Database, row_id: int) -> None:
    """Delete re-drill row ``row_id``.

    Raises:
        KeyError: if there is no such row.
    """
    with write_transaction(db):
        cursor = db.conn.execute("DELETE FROM redrill_log WHERE id = ?", [row_id])
        if cursor.rowcount == 0:
            raise KeyError(row_id)
