"""The progress store: study progress in one SQLite file, through sqlite-utils.

Nothing is opened at import time. Use :func:`open_store` for the user's database file and
``ProgressStore(Database(memory=True))`` in tests.

Example:
    >>> from sqlite_utils import Database
    >>> store = ProgressStore(Database(memory=True))
    >>> store.sync([]).added
    0
"""

from __future__ import annotations

from neuroquiz.store.migrations import MIGRATION_NAMES, SCHEMA_VERSION, migrations
from neuroquiz.store.open import BUSY_TIMEOUT_MS, backup_copy, open_store
from neuroquiz.store.progress import ProgressStore
from neuroquiz.store.queries import RowSequence
from neuroquiz.store.records import (
    DayCounts,
    DeckInfo,
    DeckSummary,
    QueueEntry,
    QueuePick,
    QuizCandidate,
    SyncReport,
)
from neuroquiz.store.settings import DEFAULT_DAY_START_HOUR, Limits, StudyOptions

__all__ = [
    "BUSY_TIMEOUT_MS",
    "DEFAULT_DAY_START_HOUR",
    "MIGRATION_NAMES",
    "SCHEMA_VERSION",
    "DayCounts",
    "DeckInfo",
    "DeckSummary",
    "Limits",
    "ProgressStore",
    "QueueEntry",
    "QueuePick",
    "QuizCandidate",
    "RowSequence",
    "StudyOptions",
    "SyncReport",
    "backup_copy",
    "migrations",
    "open_store",
]
