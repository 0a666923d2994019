"""Read queries for the study queue, deck summaries and quizzes.

Every queue query reads one deck through a partial index in index order with a LIMIT, so
building a day's queue costs the same with 1,000 or 100,000 cards.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar, overload

from neuroquiz.store.records import DayCounts, DeckSummary, QueueEntry, QueuePick, QuizCandidate
from neuroquiz.store.rows import STATE_COLUMNS, parse_date, parse_utc, state_from_row

if TYPE_CHECKING:
    from sqlite_utils import Database

T = TypeVar("T")

_ENTRY_COLUMNS = f"key, card_id, ordinal, deck_id, position, {STATE_COLUMNS}"
# These literal terms must match the partial indexes' WHERE clauses (migrations 0003).
_ACTIVE = "retired = 0 AND suspended = 0"


def _entry(row: Sequence[object]) -> QueueEntry:
    return QueueEntry(
        key=str(row[0]),
        card_id=str(row[1]),
        ordinal=int(str(row[2])),
        deck_id=str(row[3]),
        position=int(str(row[4])),
        state=state_from_row(row[5:]),
    )


def _iter_entries(db: Database, sql: str, params: list[object]) -> Generator[QueueEntry]:
    # Rows are stepped one at a time, so a caller that stops early (a k-way merge over
    # decks) reads and converts only the rows it uses. Closing the generator finalizes the
    # statement, which ends its read transaction at once.
    cursor = db.conn.execute(sql, params)
    try:
        for row in cursor:
            yield _entry(row)
    finally:
        cursor.close()


def iter_due_entries(db: Database, deck_id: str, day: date, limit: int) -> Generator[QueueEntry]:
    """Lazily, up to ``limit`` reviews of ``deck_id`` due by ``day``, most overdue first."""
    return _iter_entries(
        db,
        f"SELECT {_ENTRY_COLUMNS} FROM study_cards INDEXED BY study_cards_due_by_deck "
        f"WHERE deck_id = ? AND {_ACTIVE} AND due IS NOT NULL AND due <= ? "
        "ORDER BY due, position, ordinal LIMIT ?",
        [deck_id, day.isoformat(), max(limit, 0)],
    )


def iter_new_entries(db: Database, deck_id: str, limit: int) -> Generator[QueueEntry]:
    """Lazily, up to ``limit`` never-reviewed study cards of ``deck_id``, in file order."""
    return _iter_entries(
        db,
        f"SELECT {_ENTRY_COLUMNS} FROM study_cards INDEXED BY study_cards_new_by_deck "
        f"WHERE deck_id = ? AND {_ACTIVE} AND last_review IS NULL "
        "ORDER BY position, ordinal LIMIT ?",
        [deck_id, max(limit, 0)],
    )


_PICK_COLUMNS = "key, card_id, ordinal, deck_id, position, due, last_review IS NULL"
_DUE_WHERE = f"deck_id = ? AND {_ACTIVE} AND due IS NOT NULL AND due <= ?"
_NEW_WHERE = f"deck_id = ? AND {_ACTIVE} AND last_review IS NULL"


def _iter_picks(db: Database, sql: str, params: list[object]) -> Generator[QueuePick]:
    cursor = db.conn.execute(sql, params)
    try:
        for key, card_id, ordinal, deck_id, position, due, new in cursor:
            yield QueuePick(
                key, card_id, int(ordinal), deck_id, int(position), parse_date(due), bool(new)
            )
    finally:
        cursor.close()


def iter_due_picks(db: Database, deck_id: str, day: date, limit: int) -> Generator[QueuePick]:
    """Like :func:`iter_due_entries` without the states: what the queue chooses from."""
    return _iter_picks(
        db,
        f"SELECT {_PICK_COLUMNS} FROM study_cards INDEXED BY study_cards_due_by_deck "
        f"WHERE {_DUE_WHERE} ORDER BY due, position, ordinal LIMIT ?",
        [deck_id, day.isoformat(), max(limit, 0)],
    )


def iter_ahead_picks(
    db: Database, deck_id: str, after: date, until: date, limit: int
) -> Generator[QueuePick]:
    """Lazily, up to ``limit`` reviews of ``deck_id`` due after ``after`` and by ``until``,
    soonest first (custom study's review ahead)."""
    return _iter_picks(
        db,
        f"SELECT {_PICK_COLUMNS} FROM study_cards INDEXED BY study_cards_due_by_deck "
        f"WHERE {_DUE_WHERE} AND due > ? ORDER BY due, position, ordinal LIMIT ?",
        [deck_id, until.isoformat(), after.isoformat(), max(limit, 0)],
    )


def iter_new_picks(db: Database, deck_id: str, limit: int) -> Generator[QueuePick]:
    """Like :func:`iter_new_entries` without the states: what the queue chooses from."""
    return _iter_picks(
        db,
        f"SELECT {_PICK_COLUMNS} FROM study_cards INDEXED BY study_cards_new_by_deck "
        f"WHERE {_NEW_WHERE} ORDER BY position, ordinal LIMIT ?",
        [deck_id, max(limit, 0)],
    )


def queue_entries(db: Database, keys: Sequence[str]) -> dict[str, QueueEntry]:
    """The queue entries (with their states) of the study cards ``keys``, by key."""
    found: dict[str, QueueEntry] = {}
    for start in range(0, len(keys), 500):
        chunk = list(keys[start : start + 500])
        for row in db.conn.execute(
            f"SELECT {_ENTRY_COLUMNS} FROM study_cards WHERE {_in('key', chunk)}", chunk
        ):
            entry = _entry(row)
            found[entry.key] = entry
    return found


def day_counts(db: Database, day: date) -> dict[str, DayCounts]:
    """First answers on study day ``day`` by deck: new cards introduced and reviews done."""
    rows = db.execute(
        "SELECT deck_id, SUM(was_new), SUM(1 - was_new) FROM review_log "
        "WHERE day = ? GROUP BY deck_id",
        [day.isoformat()],
    ).fetchall()
    return {deck: DayCounts(new=int(new), reviews=int(rev)) for deck, new, rev in rows}


def answered_card_ids(db: Database, day: date) -> set[str]:
    """The cards (notes) with a study card answered on study day ``day``."""
    rows = db.execute(
        "SELECT DISTINCT s.card_id FROM review_log AS r JOIN study_cards AS s ON s.key = r.key "
        "WHERE r.day = ?",
        [day.isoformat()],
    ).fetchall()
    return {str(row[0]) for row in rows}


def count_due(db: Database, day: date, deck_ids: Sequence[str] | None) -> int:
    """Reviewed, active study cards due on or before ``day`` (in ``deck_ids`` if given)."""
    if deck_ids is None:
        row = db.execute(
            f"SELECT COUNT(*) FROM study_cards INDEXED BY study_cards_due "
            f"WHERE {_ACTIVE} AND due IS NOT NULL AND due <= ?",
            [day.isoformat()],
        ).fetchone()
        return int(row[0])
    total = 0
    for deck_id in deck_ids:
        row = db.execute(
            f"SELECT COUNT(*) FROM study_cards INDEXED BY study_cards_due_by_deck "
            f"WHERE deck_id = ? AND {_ACTIVE} AND due IS NOT NULL AND due <= ?",
            [deck_id, day.isoformat()],
        ).fetchone()
        total += int(row[0])
    return total


def due_counts(db: Database, day: date, deck_ids: Sequence[str]) -> dict[str, int]:
    """Per deck of ``deck_ids``: reviewed, active study cards due on or before ``day``."""
    return {
        deck_id: _count(
            db,
            f"SELECT COUNT(*) FROM study_cards INDEXED BY study_cards_due_by_deck "
            f"WHERE {_DUE_WHERE}",
            [deck_id, day.isoformat()],
        )
        for deck_id in deck_ids
    }


def new_counts(db: Database, deck_ids: Sequence[str], cap: int) -> dict[str, int]:
    """Per deck of ``deck_ids``: its new (never reviewed, active) study cards, up to ``cap``.

    Each count stops at ``cap`` rows of the index, so it costs no more than the queue would
    read (a deck of 100,000 new cards with 20 new a day counts 20).
    """
    return {
        deck_id: _count(
            db,
            f"SELECT COUNT(*) FROM (SELECT 1 FROM study_cards INDEXED BY study_cards_new_by_deck "
            f"WHERE {_NEW_WHERE} LIMIT ?)",
            [deck_id, max(cap, 0)],
        )
        for deck_id in deck_ids
    }


def _count(db: Database, sql: str, params: list[object]) -> int:
    return int(db.execute(sql, params).fetchone()[0])


_SUMMARY = "FROM study_cards INDEXED BY study_cards_summary WHERE retired = 0 AND deck_id = ?"


def deck_summaries(db: Database, today: date) -> list[DeckSummary]:
    """Per active deck: new, due, learned, total and suspended study cards, last studied.

    Each figure is a count over one deck's range of an index (no grouping of the whole
    table, and no expression evaluated per row but the suspended flag): about 3x less work
    than one grouped pass at 100,000 cards.
    """
    summaries = []
    for deck_id, title in db.execute(
        "SELECT id, title FROM decks WHERE retired = 0 ORDER BY position, id"
    ).fetchall():
        last = db.execute(
            "SELECT MAX(reviewed_at) FROM review_log WHERE deck_id = ?", [deck_id]
        ).fetchone()[0]
        total = _count(db, f"SELECT COUNT(*) {_SUMMARY}", [deck_id])
        never = _count(db, f"SELECT COUNT(*) {_SUMMARY} AND last_review IS NULL", [deck_id])
        suspended = _count(db, f"SELECT COUNT(*) {_SUMMARY} AND suspended = 1", [deck_id])
        summaries.append(
            DeckSummary(
                deck_id=deck_id,
                title=title,
                new=new_counts(db, [deck_id], total)[deck_id],
                due=due_counts(db, today, [deck_id])[deck_id],
                learned=total - never,
                total=total,
                last_studied=parse_utc(last) if last is not None else None,
                suspended=suspended,
            )
        )
    return summaries


class RowSequence(Sequence[T]):
    """A fixed, ordered list of rows, each read from SQLite by rowid when it is accessed.

    Only the rowids are held in memory, so choosing a few random items of 100,000 reads a
    few rows. The sequence reflects the database when it was made; a row deleted since
    raises ``LookupError`` when accessed.
    """

    def __init__(
        self, db: Database, rowids: list[int], sql: str, make: Callable[[Sequence[Any]], T]
    ) -> None:
        self._db = db
        self._rowids = rowids
        self._sql = sql
        self._make = make

    def __len__(self) -> int:
        return len(self._rowids)

    @overload
    def __getitem__(self, index: int) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> list[T]: ...

    def __getitem__(self, index: int | slice) -> T | list[T]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        row = self._db.execute(self._sql, [self._rowids[index]]).fetchone()
        if row is None:
            raise LookupError(f"row {self._rowids[index]} is gone")
        return self._make(row)


def _in(column: str, values: Sequence[str]) -> str:
    return f"{column} IN ({', '.join('?' for _ in values)})"


def quiz_candidates(
    db: Database, deck_ids: Sequence[str], tags: Sequence[str] | None
) -> RowSequence[QuizCandidate]:
    """Cards a quiz may ask, by deck id then file order, read lazily.

    Active, unsuspended cards with a quiz answer (see ``rows.quiz_answer``) in ``deck_ids``
    having at least one of ``tags`` (any card if None).
    """
    # Ordered by the index itself (deck id, then file position): no sort, no table reads.
    where = (
        f"retired = 0 AND quiz_answer IS NOT NULL AND suspended = 0 AND {_in('deck_id', deck_ids)}"
    )
    params: list[object] = list(deck_ids)
    if tags is not None:
        where += (
            " AND EXISTS (SELECT 1 FROM json_each(cards.payload, '$.tags') WHERE "
            + _in("json_each.value", tags)
            + ")"
        )
        params.extend(tags)
    rowids = [
        int(row[0])
        for row in db.execute(
            f"SELECT rowid FROM cards INDEXED BY cards_quiz WHERE {where} "
            "ORDER BY deck_id, position",
            params,
        )
    ]
    return RowSequence(
        db,
        rowids,
        "SELECT id, deck_id, type FROM cards WHERE rowid = ?",
        lambda r: QuizCandidate(card_id=r[0], deck_id=r[1], type=r[2]),
    )


def quiz_answers(db: Database, deck_ids: Sequence[str], *, basic_only: bool) -> RowSequence[str]:
    """Quiz answers of the decks' active cards (suspended included), in file order, lazily."""
    sql = (
        "SELECT rowid FROM cards INDEXED BY cards_quiz "
        f"WHERE {_in('deck_id', deck_ids)} AND retired = 0 AND quiz_answer IS NOT NULL"
    )
    if basic_only:
        sql += " AND type = 'basic'"
    rowids = [int(row[0]) for row in db.execute(sql + " ORDER BY deck_id, position", deck_ids)]
    return RowSequence(
        db, rowids, "SELECT quiz_answer FROM cards WHERE rowid = ?", lambda r: str(r[0])
    )


def active_deck_ids(db: Database) -> list[str]:
    """Ids of the decks not retired, in the order they were synced."""
    return [
        row[0] for row in db.execute("SELECT id FROM decks WHERE retired = 0 ORDER BY position, id")
    ]
