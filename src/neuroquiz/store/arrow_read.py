"""Read the review log and the study cards as Arrow tables, for the Parquet export.

The tables are read through ADBC's SQLite driver, which builds Arrow columns in C: a million
log rows arrive in about a second, where Python's ``sqlite3`` module would first make ten
million Python objects. The rows are as stored (states as their JSON text); turning them
into the export's columns is :mod:`neuroquiz.cohort.export`'s work.

The four tables are read in one read transaction: one snapshot, even while the app writes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from neuroquiz.errors import NeuroquizError

if TYPE_CHECKING:
    import pyarrow as pa

REVIEWS_SQL = (
    "SELECT key, deck_id, reviewed_at, day, grade, was_new, state_before, state_after, "
    "answer_ms, source FROM review_log"
)
"""The first answers of each day, as stored."""
REDRILLS_SQL = "SELECT key, deck_id, reviewed_at, day, grade, state, answer_ms FROM redrill_log"
"""The re-drill grades, as stored."""
# ifnull: ADBC takes a column's type from its first rows, and a new card's due day is NULL.
STUDY_CARDS_SQL = (
    "SELECT s.key, s.card_id, s.ordinal, s.deck_id, c.type, c.origin, s.repetitions, "
    "s.interval, s.ef, ifnull(s.due, '') AS due, s.lapses, "
    "ifnull(s.last_review, '') AS last_review, s.suspended, s.retired "
    "FROM study_cards AS s JOIN cards AS c ON c.id = s.card_id"
)
"""Every study card (retired ones too) with its card's type and origin."""
TAGS_SQL = "SELECT card_id, tag FROM card_tags"
"""One row per tag of each card."""


@dataclass(frozen=True)
class ExportTables:
    """The stored rows the export is made from (column types as SQLite gave them)."""

    reviews: pa.Table
    redrills: pa.Table
    study_cards: pa.Table
    tags: pa.Table


def read_export_tables(path: Path) -> ExportTables:
    """Read the export's source tables from the database file at ``path``, read-only.

    The database must already have the current schema (open it with ``open_store`` first).

    Raises:
        NeuroquizError: naming the file, if SQLite cannot read it.
    """
    import adbc_driver_manager
    import adbc_driver_sqlite.dbapi

    uri = Path(path).resolve().as_uri() + "?mode=ro"
    try:
        with (
            adbc_driver_sqlite.dbapi.connect(uri) as conn,
            conn.cursor() as cursor,
        ):
            tables = []
            for sql in (REVIEWS_SQL, REDRILLS_SQL, STUDY_CARDS_SQL, TAGS_SQL):
                cursor.execute(sql)
                tables.append(cursor.fetch_arrow_table())
    except adbc_driver_manager.Error as error:
        raise NeuroquizError(f"cannot read the database ({error})", path=path) from error
    return ExportTables(*tables)
