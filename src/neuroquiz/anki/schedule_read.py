"""Read the scheduling out of an Anki collection: card rows, the review log, the day count.

Only ``import anki --with-progress`` reads these. The values are Anki's, as stored (see
:mod:`.progress_in` for what they mean in neuroquiz's terms); a value that is not an integer
where Anki keeps one makes the package malformed (one line, nothing written).

The day count: Anki keeps a card's due day as days since the collection's creation day,
which it derives from ``col.crt`` (epoch seconds), the UTC offset at creation
(``creationOffset``, minutes west of UTC) and the hour a day starts (``rollover``, 4 when
unset). Schema-11 collections keep these in the JSON of ``col.conf``, schema-18 ones in the
``config`` table.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

_MAX_OFFSET_MINUTES = 23 * 60
"""Anki caps the creation offset at 23 hours either way."""


@dataclass(frozen=True)
class RawCard:
    """One row of Anki's ``cards`` table (the columns scheduling uses)."""

    id: int
    note_id: int
    ord: int
    type: int
    """0 new, 1 learning, 2 review, 3 relearning."""
    queue: int
    """0 new, 1 learning (due in epoch seconds), 2 review, 3 learning over days,
    4 preview; -1 suspended, -2 buried with a sibling, -3 buried by hand."""
    due: int
    ivl: int
    factor: int
    reps: int
    lapses: int
    odue: int
    odid: int


@dataclass(frozen=True)
class RawReview:
    """One row of Anki's ``revlog`` table."""

    id: int
    """When the answer was given, in epoch milliseconds (Anki's key)."""
    card_id: int
    ease: int
    """The button: 1 Again, 2 Hard, 3 Good, 4 Easy; 0 for an entry that is no answer."""
    ivl: int
    """Interval after the answer: days if positive, seconds if negative (learning)."""
    last_ivl: int
    factor: int
    time: int
    type: int
    """0 learning, 1 review, 2 relearning, 3 filtered, 4 manual, 5 rescheduled."""


@dataclass(frozen=True)
class RawSchedule:
    """The scheduling of a whole collection."""

    cards: tuple[RawCard, ...]
    reviews: tuple[RawReview, ...]
    creation_day: date
    """The day Anki counts due days from (day 0)."""


def read_schedule(connection: sqlite3.Connection, tables: set[str]) -> RawSchedule:
    """Read the cards, the review log and the creation day of an open collection.

    Raises:
        ValueError: a value is not what Anki stores (the caller reports a malformed package).
        sqlite3.DatabaseError: the tables cannot be read.
    """
    cards = tuple(
        RawCard(*(_int(value) for value in row))
        for row in connection.execute(
            "SELECT id, nid, ord, type, queue, due, ivl, factor, reps, lapses, odue, odid"
            " FROM cards ORDER BY id"
        )
    )
    reviews: tuple[RawReview, ...] = ()
    if "revlog" in tables:
        reviews = tuple(
            RawReview(*(_int(value) for value in row))
            for row in connection.execute(
                "SELECT id, cid, ease, ivl, lastIvl, factor, time, type FROM revlog ORDER BY id"
            )
        )
    return RawSchedule(cards=cards, reviews=reviews, creation_day=_creation_day(connection, tables))


def _creation_day(connection: sqlite3.Connection, tables: set[str]) -> date:
    row = connection.execute("SELECT crt, conf FROM col").fetchone()
    crt = _int(row[0])
    offset: object = None
    if "config" in tables:
        found = connection.execute("SELECT val FROM config WHERE key = 'creationOffset'").fetchone()
        if found is not None:
            value = found[0]
            offset = json.loads(value.decode("utf-8") if isinstance(value, bytes) else str(value))
    elif row[1]:
        conf = json.loads(row[1])
        if isinstance(conf, dict):
            offset = conf.get("creationOffset")
    return creation_day(crt, _int(offset) if offset is not None else None)


def creation_day(crt: int, minutes_west: int | None) -> date:
    """Anki's day 0: the calendar date of ``crt`` at the creation UTC offset.

    Anki counts day N from the rollover hour of that date plus N days, so day N is the study
    day ``creation_day + N`` (with the same day start). Collections without a creation offset
    (made before Anki 2.1.2x) count in the user's current offset; neuroquiz then counts in UTC,
    which can differ by a day.

    Example:
        >>> creation_day(1796529600, 0)  # 2026-12-06 04:00 UTC
        datetime.date(2026, 12, 6)
    """
    west = max(-_MAX_OFFSET_MINUTES, min(_MAX_OFFSET_MINUTES, minutes_west or 0))
    try:
        moment = datetime.fromtimestamp(crt, UTC) - timedelta(minutes=west)
    except (OverflowError, OSError, ValueError) as error:
        raise ValueError(f"collection creation time {crt} is out of range") from error
    return moment.date()


def _int(value: object) -> int:
    # Anki stores integers; a float, text or blob here is a malformed package. bool is an
    # int to Python but never a column value.
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise ValueError(f"expected an integer, got {type(value).__name__}")
