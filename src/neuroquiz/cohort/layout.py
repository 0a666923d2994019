"""The cohort dataset: one Hive partition per learner, two Parquet files in each.

::

    DIR/learner=<id>/reviews.parquet   one row per answer (first answers and re-drills)
    DIR/learner=<id>/cards.parquet     one row per study card: its state when exported

The learner id lives only in the directory name (a Hive partition), so DuckDB
(``read_parquet('DIR/*/*.parquet', hive_partitioning=true)``), Spark
(``spark.read.parquet("DIR")``) and Trino read the dataset as it is. Names starting with a
dot are temporary (an export being written) and every reader skips them.

This module holds names and column shapes only; it imports nothing heavy.
"""

from __future__ import annotations

import re
from pathlib import Path

PARTITION_KEY = "learner"
"""The Hive partition column."""
REVIEWS_FILE = "reviews.parquet"
CARDS_FILE = "cards.parquet"
LEARNER_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
"""A learner id: letters, digits, '.', '_' and '-', at most 64, not starting with a dot (a
name that is safe as a directory on every system and as a Hive partition value)."""
PSEUDONYM_PREFIX = "anon-"
"""Pseudonyms are ``anon-`` and 12 hex digits: never all digits, so that no reader infers a
number from the partition value and drops leading zeros."""

REVIEW_COLUMNS: dict[str, str] = {
    "card_id": "string",
    "ordinal": "int",
    "deck_id": "string",
    "card_type": "string",
    "origin": "string",
    "answered_at": "timestamp",
    "day": "date",
    "grade": "int",
    "was_new": "bool",
    "redrill": "bool",
    "source": "string",
    "interval_before": "int",
    "interval_after": "int",
    "ef_before": "number",
    "ef_after": "number",
    "repetitions_before": "int",
    "repetitions_after": "int",
    "lapses_before": "int",
    "lapses_after": "int",
    "answer_ms": "int",
}
"""Columns of ``reviews.parquet`` and the kind of value each holds (see the README)."""

CARD_COLUMNS: dict[str, str] = {
    "card_id": "string",
    "ordinal": "int",
    "deck_id": "string",
    "card_type": "string",
    "origin": "string",
    "tags": "list",
    "repetitions": "int",
    "interval_days": "int",
    "ef": "number",
    "due": "date",
    "lapses": "int",
    "last_review": "date",
    "suspended": "bool",
    "retired": "bool",
}
"""Columns of ``cards.parquet`` and the kind of value each holds."""


def partition_name(learner: str) -> str:
    """The directory name of a learner's partition: ``learner=<id>``."""
    return f"{PARTITION_KEY}={learner}"


def learner_of(directory: Path) -> str | None:
    """The learner id a directory name holds (``learner=ann`` gives ``ann``), else None."""
    key, sep, value = directory.name.partition("=")
    if not sep or key != PARTITION_KEY or not LEARNER_RE.fullmatch(value):
        return None
    return value


def is_valid_learner(name: str) -> bool:
    """True if ``name`` can be a learner id (see :data:`LEARNER_RE`)."""
    return LEARNER_RE.fullmatch(name) is not None
