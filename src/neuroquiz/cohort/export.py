"""``neuroquiz export reviews``: one learner's review log and card states as Parquet.

The rows come from the progress database (:mod:`neuroquiz.store.arrow_read`); DuckDB turns
them into the columns of :mod:`neuroquiz.cohort.layout` and writes both files into a
temporary directory beside the learner's partition, which then replaces the old one by a
rename: a reader sees the old export or the new one, never a mix of the two.

Nothing personal is written: the learner is a pseudonym kept in the database (or the name
given), and the rows hold card ids, grades, times and scheduling figures only.
"""

from __future__ import annotations

import os
import secrets
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from neuroquiz.cohort.layout import (
    CARDS_FILE,
    PSEUDONYM_PREFIX,
    REVIEWS_FILE,
    is_valid_learner,
    partition_name,
)
from neuroquiz.errors import NeuroquizError
from neuroquiz.fileio import fsync_dir, fsync_path

if TYPE_CHECKING:
    import duckdb

    from neuroquiz.store.arrow_read import ExportTables

FORMAT_VERSION = "1"
"""Written into each file's key-value metadata as ``neuroquiz_format``."""

_STATE = '{"repetitions": "INTEGER", "interval": "INTEGER", "ef": "INTEGER", "lapses": "INTEGER"}'

_REVIEWS_SELECT = f"""
WITH log AS (
    SELECT key::VARCHAR AS key, deck_id::VARCHAR AS deck_id,
        reviewed_at::VARCHAR AS reviewed_at, day::VARCHAR AS day, grade::TINYINT AS grade,
        was_new::INTEGER <> 0 AS was_new, false AS redrill, source::VARCHAR AS source,
        state_before::VARCHAR AS state_before, state_after::VARCHAR AS state_after,
        answer_ms::BIGINT AS answer_ms
    FROM raw_reviews
    UNION ALL
    SELECT key::VARCHAR, deck_id::VARCHAR, reviewed_at::VARCHAR, day::VARCHAR, grade::TINYINT,
        false, true, 'neuroquiz', state::VARCHAR, state::VARCHAR, answer_ms::BIGINT
    FROM raw_redrills
), parsed AS (
    SELECT *, json_transform(state_before, '{_STATE}') AS b,
        json_transform(state_after, '{_STATE}') AS a
    FROM log
)
SELECT c.card_id::VARCHAR AS card_id, c.ordinal::SMALLINT AS ordinal, p.deck_id,
    c.type::VARCHAR AS card_type, c.origin::VARCHAR AS origin,
    p.reviewed_at::TIMESTAMPTZ AS answered_at, p.day::DATE AS day, p.grade, p.was_new,
    p.redrill, p.source,
    b.interval AS interval_before, a.interval AS interval_after,
    CAST(b.ef * 0.01 AS DECIMAL(9, 2)) AS ef_before,
    CAST(a.ef * 0.01 AS DECIMAL(9, 2)) AS ef_after,
    b.repetitions AS repetitions_before, a.repetitions AS repetitions_after,
    b.lapses AS lapses_before, a.lapses AS lapses_after, p.answer_ms
FROM parsed AS p JOIN raw_cards AS c ON c.key::VARCHAR = p.key
"""

_CARDS_SELECT = """
WITH tags AS (
    SELECT card_id::VARCHAR AS card_id, list(tag::VARCHAR ORDER BY tag::VARCHAR) AS tags
    FROM raw_tags GROUP BY card_id::VARCHAR
)
SELECT c.card_id::VARCHAR AS card_id, c.ordinal::SMALLINT AS ordinal,
    c.deck_id::VARCHAR AS deck_id, c.type::VARCHAR AS card_type,
    c.origin::VARCHAR AS origin, coalesce(t.tags, []::VARCHAR[]) AS tags,
    c.repetitions::INTEGER AS repetitions, c.interval::INTEGER AS interval_days,
    CAST(c.ef::INTEGER * 0.01 AS DECIMAL(9, 2)) AS ef,
    nullif(c.due::VARCHAR, '')::DATE AS due, c.lapses::INTEGER AS lapses,
    nullif(c.last_review::VARCHAR, '')::DATE AS last_review,
    c.suspended::INTEGER <> 0 AS suspended, c.retired::INTEGER <> 0 AS retired
FROM raw_cards AS c LEFT JOIN tags AS t ON t.card_id = c.card_id::VARCHAR
ORDER BY deck_id, card_id, ordinal
"""


@dataclass(frozen=True)
class ExportResult:
    """What one export wrote.

    Attributes:
        learner: The learner id (a pseudonym unless a name was given).
        directory: The learner's partition, ``OUT/learner=<id>``.
        reviews: First answers written (one per study card and study day).
        redrills: Re-drill answers written.
        cards: Study cards written.
    """

    learner: str
    directory: Path
    reviews: int
    redrills: int
    cards: int


def random_pseudonym() -> str:
    """A new pseudonym: ``anon-`` and 12 random hex digits (48 bits)."""
    return PSEUDONYM_PREFIX + secrets.token_hex(6)


def export_reviews(
    db_path: Path,
    out_dir: Path,
    *,
    learner: str | None = None,
    make_pseudonym: Callable[[], str] = random_pseudonym,
) -> ExportResult:
    """Write the learner's ``reviews.parquet`` and ``cards.parquet`` under ``out_dir``.

    Args:
        db_path: The progress database (it must exist; it is migrated if older).
        out_dir: The dataset directory; created if missing.
        learner: The learner id to use; None uses the database's pseudonym, made with
            ``make_pseudonym()`` the first time and kept.
        make_pseudonym: Makes a new pseudonym (injected by tests).

    Returns:
        The learner id, the partition written and the row counts.

    Raises:
        NeuroquizError: naming the file, for a missing or unreadable database, an invalid
            learner name, or an output directory that cannot be written. Nothing is left
            half-written: the previous export of this learner stays as it was.
    """
    from neuroquiz.store import open_store
    from neuroquiz.store.arrow_read import read_export_tables

    if learner is not None and not is_valid_learner(learner):
        raise NeuroquizError(
            f"learner name {learner!r} is not usable: use at most 64 letters, digits, '.', "
            "'_' or '-', not starting with '.', '_' or '-'"
        )
    if not db_path.is_file():
        raise NeuroquizError("no progress database here (study first, or give --db)", path=db_path)
    store = open_store(db_path)
    try:
        name = learner if learner is not None else store.learner_pseudonym(make_pseudonym)
    finally:
        store.close()
    tables = read_export_tables(db_path)
    _prepare_out_dir(out_dir)
    final = out_dir / partition_name(name)
    _remove_leftovers(out_dir, partition_name(name))
    temp = out_dir / f".{partition_name(name)}.{secrets.token_hex(4)}.tmp"
    try:
        temp.mkdir()
        _write_files(tables, temp)
        _replace(temp, final)
    except OSError as error:
        shutil.rmtree(temp, ignore_errors=True)
        raise NeuroquizError(
            f"cannot write the export ({error.strerror or error})", path=final
        ) from error
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise
    redrills = tables.redrills.num_rows
    return ExportResult(
        learner=name,
        directory=final,
        reviews=tables.reviews.num_rows,
        redrills=redrills,
        cards=tables.study_cards.num_rows,
    )


def _prepare_out_dir(out_dir: Path) -> None:
    if out_dir.exists() and not out_dir.is_dir():
        raise NeuroquizError("is not a directory", path=out_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise NeuroquizError(
            f"cannot create it ({error.strerror or error})", path=out_dir
        ) from error


def _remove_leftovers(out_dir: Path, name: str) -> None:
    """Remove what an interrupted export of this learner left (dot-names: readers skip them)."""
    for pattern in (f".{name}.*.tmp", f".{name}.*.old"):
        for leftover in out_dir.glob(pattern):
            shutil.rmtree(leftover, ignore_errors=True)


def _write_files(tables: ExportTables, directory: Path) -> None:
    import duckdb

    con = duckdb.connect()
    try:
        con.register("raw_reviews", tables.reviews)
        con.register("raw_redrills", tables.redrills)
        con.register("raw_cards", tables.study_cards)
        con.register("raw_tags", tables.tags)
        _copy(con, _REVIEWS_SELECT, directory / REVIEWS_FILE, "reviews")
        _copy(con, _CARDS_SELECT, directory / CARDS_FILE, "cards")
    finally:
        con.close()
    for path in (directory / REVIEWS_FILE, directory / CARDS_FILE):
        fsync_path(path)


def _copy(con: duckdb.DuckDBPyConnection, select: str, path: Path, table: str) -> None:
    target = str(path).replace("'", "''")
    con.execute(
        f"COPY ({select}) TO '{target}' (FORMAT parquet, COMPRESSION zstd, "
        f"KV_METADATA {{neuroquiz_format: '{FORMAT_VERSION}', neuroquiz_table: '{table}'}})"
    )


def _replace(temp: Path, final: Path) -> None:
    """Put ``temp`` in the place of ``final``: two renames, the old partition moved aside
    first (a directory cannot be renamed over a non-empty one), then deleted."""
    old: Path | None = None
    if final.exists() or final.is_symlink():
        old = final.with_name(f".{final.name}.{secrets.token_hex(4)}.old")
        os.rename(final, old)
    try:
        os.rename(temp, final)
    except OSError:
        if old is not None:  # put the previous export back
            os.rename(old, final)
        raise
    fsync_dir(final.parent)
    if old is not None:
        if old.is_dir() and not old.is_symlink():
            shutil.rmtree(old, ignore_errors=True)
        else:
            old.unlink(missing_ok=True)
