"""The review history as Anki ``revlog`` rows, so Anki's card info and statistics show it.

One row per answer in neuroquiz's review log, with Anki's meaning of each column:

- ``id``: the answer time in epoch milliseconds (Anki's key; bumped by 1 ms on a clash);
- ``ease``: the button, mapped from the SM-2 grade: 0-2 Again (1), 3 Hard (2), 4 Good (3),
  5 Easy (4);
- ``ivl``/``lastIvl``: the interval in days after and before the answer; ``factor``: the
  E-Factor after the answer in permille;
- ``time``: time taken in milliseconds when recorded (Anki caps it at 60 s), else 0;
- ``type``: 0 (learning) for the first answer of a new card, else 1 (review).

With "Import any learning progress" ticked, Anki adds the rows it does not have yet (same
``id`` and card: already there), so exporting again never duplicates a review.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC

from neuroquiz.models import ReviewLog

LEARN = 0
REVIEW = 1
MAX_TIME_MS = 60_000


def anki_ease(grade: int) -> int:
    """Anki's answer button (1 Again .. 4 Easy) for an SM-2 grade (0-5)."""
    if grade < 3:
        return 1
    return {3: 2, 4: 3}.get(grade, 4)


def revlog_rows(
    card_row: int, logs: Iterable[ReviewLog], used: set[int]
) -> list[tuple[int, int, int, int, int, int, int, int, int]]:
    """The revlog rows of Anki card ``card_row``; ``used`` holds ids taken, and is updated."""
    rows = []
    for log in sorted(logs, key=lambda item: item.reviewed_at):
        moment = log.reviewed_at
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        row_id = int(moment.timestamp() * 1000)
        while row_id in used:
            row_id += 1
        used.add(row_id)
        rows.append(
            (
                row_id,
                card_row,
                -1,
                anki_ease(int(log.grade)),
                max(1, log.after.interval),
                log.before.interval,
                log.after.ef * 10,
                min(log.answer_ms, MAX_TIME_MS),
                LEARN if log.before.is_new else REVIEW,
            )
        )
    return rows


def write_revlog(
    connection: sqlite3.Connection,
    keys: Mapping[int, str],
    history: Mapping[str, Sequence[ReviewLog]],
) -> int:
    """Write the review history of every card in ``keys`` (Anki card id -> study key).

    Returns:
        The number of revlog rows written.
    """
    used: set[int] = set()
    rows = []
    for card_row, key in sorted(keys.items()):
        rows.extend(revlog_rows(card_row, history.get(key, ()), used))
    connection.executemany(
        "INSERT INTO revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    return len(rows)
