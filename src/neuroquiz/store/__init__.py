"""The progress store: study progress in one SQLite file, through sqlite-utils.

Nothing is opened at import time, and nothing is imported until it is used: each name
below is loaded from its module on first access (PEP 562), so a command or the app's first
frame pays only for what it touches (``open_store`` never loads the card models). Use
:func:`open_store` for the user's database file and ``ProgressStore(Database(memory=True))``
in tests.

Example:
    >>> from sqlite_utils import Database
    >>> store = ProgressStore(Database(memory=True))
    >>> store.sync([]).added
    0
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from neuroquiz.lazy import lazy_getattr

# Eager (and light): the function ``migrations`` has the name of its module, which would
# otherwise hide it once the module is imported.
from neuroquiz.store.migrations import MIGRATION_NAMES, SCHEMA_VERSION, migrations

if TYPE_CHECKING:
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
    from neuroquiz.store.settings import DEFAULT_DAY_START_HOUR, Extra, Limits, StudyOptions

_WHERE = {
    "BUSY_TIMEOUT_MS": "open",
    "DEFAULT_DAY_START_HOUR": "settings",
    "DayCounts": "records",
    "DeckInfo": "records",
    "DeckSummary": "records",
    "Extra": "settings",
    "Limits": "settings",
    "ProgressStore": "progress",
    "QueueEntry": "records",
    "QueuePick": "records",
    "QuizCandidate": "records",
    "RowSequence": "queries",
    "StudyOptions": "settings",
    "SyncReport": "records",
    "backup_copy": "open",
    "open_store": "open",
}
"""The module of ``neuroquiz.store`` that defines each public name."""

__all__ = [
    "BUSY_TIMEOUT_MS",
    "DEFAULT_DAY_START_HOUR",
    "MIGRATION_NAMES",
    "SCHEMA_VERSION",
    "DayCounts",
    "DeckInfo",
    "DeckSummary",
    "Extra",
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


__getattr__ = lazy_getattr(__name__, _WHERE, globals())
