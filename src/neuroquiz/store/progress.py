"""ProgressStore: the one object the services use to read and write study progress.

Opening a store and the reads behind the home screen load neither the card models nor the
deck reader: the sync and the deck-file stamps are imported when first used.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Generator, Iterable, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING

from neuroquiz.errors import NeuroquizError
from neuroquiz.store import queries, redrills, stats_queries
from neuroquiz.store.anki_exported import AnkiExportedMethods
from neuroquiz.store.deck_files import deck_card_ids, known_files
from neuroquiz.store.imported import ImportMethods
from neuroquiz.store.leech_methods import LeechMethods
from neuroquiz.store.migrations import SCHEMA_VERSION, migrate, schema_status
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
from neuroquiz.store.rows import (
    LOG_COLUMNS,
    STATE_COLUMNS,
    card_from_payload,
    log_from_row,
    state_from_row,
    state_json,
    state_params,
    utc_text,
)
from neuroquiz.store.settings_methods import SettingsMethods
from neuroquiz.store.transaction import write_transaction

if TYPE_CHECKING:
    from sqlite_utils import Database

    from neuroquiz.decks.stamps import KnownFile, StampedDeck, UnchangedDeck
    from neuroquiz.models import Card, Deck, ReviewLog, ReviewState
    from neuroquiz.store.sync import PreparedDeck

_SET_STATE = (
    "UPDATE study_cards SET repetitions = ?, interval = ?, ef = ?, due = ?, lapses = ?, "
    "last_review = ? WHERE key = ?"
)


class ProgressStore(SettingsMethods, LeechMethods, ImportMethods, AnkiExportedMethods):
    """Study progress in one SQLite database: decks, cards, review states and the review log.

    The store owns no connection policy: pass it a ``sqlite_utils.Database`` (use
    :func:`neuroquiz.store.open_store` for the user's file, ``Database(memory=True)`` in
    tests). Creating the store applies pending schema migrations. Every write is one
    transaction, committed when the method returns.

    Args:
        db: The database to keep progress in.

    Raises:
        NeuroquizError: if the database was written by a newer neuroquiz, or holds other
            tables than neuroquiz's.

    Example:
        >>>         >>> store = ProgressStore(Database(memory=True))
        >>> store.decks()
        []
    """

    def __init__(self, db: Database) -> None:
        self._db = db
        status = schema_status(db)
        if status.foreign:
            raise NeuroquizError("not a neuroquiz database (it holds other tables)")
        if status.is_newer:
            raise NeuroquizError(
                f"database schema version {status.version} is newer than this neuroquiz "
                f"knows ({SCHEMA_VERSION}); upgrade neuroquiz"
            )
        # Connection settings, not stored in the file: must be set on every connection.
        db.execute("PRAGMA foreign_keys = ON")
        migrate(db)

    @property
    def db(self) -> Database:
        """The underlying database (for tools and tests; services use the methods)."""
        return self._db

    def write_transaction(self) -> contextlib.AbstractContextManager[None]:
        """A block of reads and writes that no other process can interleave with.

        Takes the write lock at the start (``BEGIN IMMEDIATE``, waiting up to the busy
        timeout) and commits at the end; the store's own writes inside it join it. Use it
        when a write depends on what was read, e.g. reading a card's state, then answering::

            with store.write_transaction():
                before = store.state(key)
                store.record_answer(log_computed_from(before))
        """
        return write_transaction(self._db)

    def close(self) -> None:
        """Close the database connection (after letting SQLite refresh its statistics)."""
        # SQLite recommends PRAGMA optimize before closing a long-lived connection.
        with contextlib.suppress(sqlite3.Error):
            self._db.execute("PRAGMA optimize")
        self._db.close()

    # -- decks and cards -------------------------------------------------------------------

    def sync(
        self, decks: Iterable[Deck], *, partial: bool = False, decks_dir: str | None = None
    ) -> SyncReport:
        """Load ``decks`` into the store in short transactions (see :mod:`neuroquiz.store.sync`).

        Args:
            decks: The decks as loaded from their files; a generator is read one deck at a
                time, and only the decks that changed keep their cards until the write.
            partial: If False, ``decks`` is the whole collection and anything missing from it
                is retired; if True, only the given decks are considered.
            decks_dir: The directory the decks were read from (absolute). A full sync
                records it once it has committed; the report's ``moved_from`` names the
                directory recorded before when it differs.

        Raises:
            NeuroquizError: if a deck id or card id is given twice.
        """
        from neuroquiz.store.sync import sync_decks

        return sync_decks(self._db, decks, partial=partial, decks_dir=decks_dir)

    def deck_fingerprints(self) -> dict[str, str]:
        """Per active deck, the fingerprint its card rows match (for ``prepare_decks``)."""
        from neuroquiz.store.sync import stored_fingerprints

        return stored_fingerprints(self._db)

    def known_files(self) -> dict[str, KnownFile]:
        """Per deck id, its file's stamp while its rows match it (``neuroquiz.decks.stamps``)."""
        return known_files(self._db)

    def deck_card_ids(self, deck_ids: Sequence[str]) -> dict[str, list[str]]:
        """The ids of the active cards of each of ``deck_ids``."""
        return deck_card_ids(self._db, deck_ids)

    def sync_files(
        self, items: Iterable[Deck | StampedDeck | UnchangedDeck], *, decks_dir: str | None = None
    ) -> SyncReport:
        """Sync the whole collection as read by ``neuroquiz.decks.stamps.iter_deck_files``.

        Unchanged files cost no parse; the stamps of the files synced are recorded.
        ``decks_dir`` is as for :meth:`sync`.
        """
        from neuroquiz.store.sync import prepare_files, sync_prepared

        prepared = prepare_files(items, self.deck_fingerprints())
        return sync_prepared(self._db, prepared, decks_dir=decks_dir)

    def sync_prepared(
        self,
        decks: Sequence[PreparedDeck],
        *,
        partial: bool = False,
        decks_dir: str | None = None,
    ) -> SyncReport:
        """Like :meth:`sync`, for decks already prepared (e.g. in a worker thread).

        Args:
            decks: From :func:`neuroquiz.store.sync.prepare_decks` over
                :meth:`deck_fingerprints`.
            partial: As for :meth:`sync`.
            decks_dir: As for :meth:`sync`.
        """
        from neuroquiz.store.sync import sync_prepared

        return sync_prepared(self._db, decks, partial=partial, decks_dir=decks_dir)

    def card(self, card_id: str) -> Card | None:
        """The card with this id (retired ones included), or None."""
        row = self._db.execute("SELECT payload FROM cards WHERE id = ?", [card_id]).fetchone()
        return card_from_payload(row[0]) if row else None

    def deck_id_of(self, card_id: str) -> str | None:
        """The deck of a card, or None if the card is unknown."""
        row = self._db.execute("SELECT deck_id FROM cards WHERE id = ?", [card_id]).fetchone()
        return str(row[0]) if row else None

    def decks(self) -> list[DeckInfo]:
        """The active (not retired) decks, in the order they were last synced."""
        rows = self._db.execute(
            "SELECT id, title, description FROM decks WHERE retired = 0 ORDER BY position, id"
        ).fetchall()
        return [DeckInfo(id=row[0], title=row[1], description=row[2]) for row in rows]

    def study_keys(self, card_id: str, *, include_retired: bool = False) -> list[str]:
        """The study-card keys of a card, by ordinal (``['x:c1', 'x:c2']`` for a cloze)."""
        sql = "SELECT key FROM study_cards WHERE card_id = ?"
        if not include_retired:
            sql += " AND retired = 0"
        rows = self._db.execute(sql + " ORDER BY ordinal", [card_id]).fetchall()
        return [row[0] for row in rows]

    def set_suspended(self, card_id: str, suspended: bool) -> None:
        """Suspend or unsuspend a card with all its study cards (one transaction).

        Raises:
            KeyError: if the card is unknown.
        """
        flag = 1 if suspended else 0
        with write_transaction(self._db):
            cursor = self._db.conn.execute(
                "UPDATE cards SET suspended = ? WHERE id = ?", [flag, card_id]
            )
            if cursor.rowcount == 0:
                raise KeyError(card_id)
            self._db.conn.execute(
                "UPDATE study_cards SET suspended = ? WHERE card_id = ?", [flag, card_id]
            )

    def is_suspended(self, card_id: str) -> bool:
        """True if the card is suspended.

        Raises:
            KeyError: if the card is unknown.
        """
        row = self._db.execute("SELECT suspended FROM cards WHERE id = ?", [card_id]).fetchone()
        if row is None:
            raise KeyError(card_id)
        return bool(row[0])

    # -- review states and the log ---------------------------------------------------------

    def state(self, key: str) -> ReviewState:
        """The review state of a study card.

        Raises:
            KeyError: if no study card has this key.
        """
        row = self._db.execute(
            f"SELECT {STATE_COLUMNS} FROM study_cards WHERE key = ?", [key]
        ).fetchone()
        if row is None:
            raise KeyError(key)
        return state_from_row(row)

    def record_answer(self, log: ReviewLog) -> int:
        """Set the study card's state to ``log.after`` and append ``log``, in one transaction.

        The transaction is committed when this returns: the answer is durable (as durable as
        the connection's ``synchronous`` setting; :func:`open_store` uses FULL).

        Returns:
            The id of the new log row (what :meth:`undo_answer` takes).

        Raises:
            KeyError: if no study card has ``log.key``.
            ValueError: if ``log.after`` has no review day or ``log.reviewed_at`` is naive.
        """
        day = log.after.last_review
        if day is None:
            raise ValueError("log.after.last_review must be the study day of the answer")
        reviewed_at = utc_text(log.reviewed_at)
        conn = self._db.conn
        with write_transaction(self._db):
            cursor = conn.execute(_SET_STATE, [*state_params(log.after), log.key])
            if cursor.rowcount == 0:
                raise KeyError(log.key)
            cursor = conn.execute(
                "INSERT INTO review_log (key, deck_id, reviewed_at, day, grade, was_new, "
                "state_before, state_after, answer_ms) "
                "VALUES (?, (SELECT deck_id FROM study_cards WHERE key = ?), ?, ?, ?, ?, ?, ?, ?)",
                [
                    log.key,
                    log.key,
                    reviewed_at,
                    day.isoformat(),
                    log.grade,
                    1 if log.before.is_new else 0,
                    state_json(log.before),
                    state_json(log.after),
                    log.answer_ms,
                ],
            )
            log_id = cursor.lastrowid
        assert log_id is not None  # an INSERT always sets it
        return log_id

    def undo_answer(self, log_id: int) -> ReviewLog:
        """Restore the state before answer ``log_id`` and delete its log row (one transaction).

        Returns:
            The removed log entry.

        Raises:
            KeyError: if there is no log row with this id.
            NeuroquizError: if the same study card was answered again after it (undo the
                later answer first).
        """
        conn = self._db.conn
        with write_transaction(self._db):
            row = conn.execute(
                f"SELECT {LOG_COLUMNS} FROM review_log WHERE id = ?", [log_id]
            ).fetchone()
            if row is None:
                raise KeyError(log_id)
            _, log = log_from_row(row)
            later = conn.execute(
                "SELECT 1 FROM review_log WHERE key = ? AND id > ? LIMIT 1", [log.key, log_id]
            ).fetchone()
            if later is not None:
                raise NeuroquizError(
                    f"cannot undo answer {log_id}: card {log.key} was answered again after it"
                )
            conn.execute(_SET_STATE, [*state_params(log.before), log.key])
            conn.execute("DELETE FROM review_log WHERE id = ?", [log_id])
        return log

    def review_logs(self, key: str | None = None, since: datetime | None = None) -> list[ReviewLog]:
        """Logged answers, oldest first, of one study card and/or from an aware time on."""
        where, params = [], []
        if key is not None:
            where.append("key = ?")
            params.append(key)
        if since is not None:
            where.append("reviewed_at >= ?")
            params.append(utc_text(since))
        sql = f"SELECT {LOG_COLUMNS} FROM review_log"
        if where:
            sql += " WHERE " + " AND ".join(where)
        rows = self._db.execute(sql + " ORDER BY id", params).fetchall()
        return [log_from_row(row)[1] for row in rows]

    def record_redrill(
        self,
        key: str,
        *,
        reviewed_at: datetime,
        day: date,
        grade: int,
        state: ReviewState,
        answer_ms: int = 0,
    ) -> int:
        """Log a step-7 re-drill grade of ``key`` on study day ``day``; ``state`` is the
        card's review state, which a re-drill leaves unchanged.

        Returns:
            The row id (what :meth:`undo_redrill` takes).

        Raises:
            KeyError: if no study card has this key.
            ValueError: if ``reviewed_at`` is naive or ``grade`` is not 0-5.
        """
        return redrills.record_redrill(
            self._db,
            key,
            reviewed_at=reviewed_at,
            day=day,
            grade=grade,
            state=state,
            answer_ms=answer_ms,
        )

    def undo_redrill(self, row_id: int) -> None:
        """Forget re-drill grade ``row_id``.

        Raises:
            KeyError: if there is no such row.
        """
        redrills.undo_redrill(self._db, row_id)

    def review_log_ids(self, key: str) -> list[int]:
        """The log ids of one study card's answers, oldest first."""
        rows = self._db.execute(
            "SELECT id FROM review_log WHERE key = ? ORDER BY id", [key]
        ).fetchall()
        return [int(row[0]) for row in rows]

    # -- queue, summaries, quiz and stats reads -------------------------------------------

    def active_deck_ids(self) -> list[str]:
        """Ids of the decks not retired, in sync order."""
        return queries.active_deck_ids(self._db)

    def due_entries(self, deck_id: str, day: date, limit: int) -> list[QueueEntry]:
        """Up to ``limit`` reviews of a deck due on or before ``day``, most overdue first."""
        return list(queries.iter_due_entries(self._db, deck_id, day, limit))

    def new_entries(self, deck_id: str, limit: int) -> list[QueueEntry]:
        """Up to ``limit`` new study cards of a deck, in deck-file order."""
        return list(queries.iter_new_entries(self._db, deck_id, limit))

    def iter_due_entries(self, deck_id: str, day: date, limit: int) -> Generator[QueueEntry]:
        """Like :meth:`due_entries`, read lazily; close the generator if you stop early."""
        return queries.iter_due_entries(self._db, deck_id, day, limit)

    def iter_new_entries(self, deck_id: str, limit: int) -> Generator[QueueEntry]:
        """Like :meth:`new_entries`, read lazily; close the generator if you stop early."""
        return queries.iter_new_entries(self._db, deck_id, limit)

    def iter_due_picks(self, deck_id: str, day: date, limit: int) -> Generator[QueuePick]:
        """Like :meth:`iter_due_entries` without the states (close it if you stop early)."""
        return queries.iter_due_picks(self._db, deck_id, day, limit)

    def iter_ahead_picks(
        self, deck_id: str, after: date, until: date, limit: int
    ) -> Generator[QueuePick]:
        """Reviews due after ``after`` and by ``until``, soonest first (close it early)."""
        return queries.iter_ahead_picks(self._db, deck_id, after, until, limit)

    def iter_new_picks(self, deck_id: str, limit: int) -> Generator[QueuePick]:
        """Like :meth:`iter_new_entries` without the states (close it if you stop early)."""
        return queries.iter_new_picks(self._db, deck_id, limit)

    def queue_entries(self, keys: Sequence[str]) -> dict[str, QueueEntry]:
        """The queue entries of the study cards ``keys`` (with their states), by key."""
        return queries.queue_entries(self._db, keys)

    def day_counts(self, day: date) -> dict[str, DayCounts]:
        """First answers on study day ``day`` by deck (new introduced, reviews done)."""
        return queries.day_counts(self._db, day)

    def answered_card_ids(self, day: date) -> set[str]:
        """The cards (notes) with a study card answered on study day ``day`` (siblings of
        those are buried that day)."""
        return queries.answered_card_ids(self._db, day)

    def count_due(self, day: date, deck_ids: Sequence[str] | None = None) -> int:
        """Reviewed active study cards due on or before ``day``."""
        return queries.count_due(self._db, day, deck_ids)

    def due_counts(self, day: date, deck_ids: Sequence[str]) -> dict[str, int]:
        """Per deck: reviewed active study cards due on or before ``day``."""
        return queries.due_counts(self._db, day, deck_ids)

    def new_counts(self, deck_ids: Sequence[str], cap: int) -> dict[str, int]:
        """Per deck: its new active study cards, counted up to ``cap``."""
        return queries.new_counts(self._db, deck_ids, cap)

    def deck_summaries(self, today: date) -> list[DeckSummary]:
        """New, due, learned and total study cards of each active deck, and last studied."""
        return queries.deck_summaries(self._db, today)

    def quiz_candidates(
        self, deck_ids: Sequence[str] | None = None, tags: Sequence[str] | None = None
    ) -> RowSequence[QuizCandidate]:
        """Cards a quiz may ask, read lazily (only the rows you index are read).

        Active, unsuspended mcq cards and basic cards with short backs, in ``deck_ids`` (all
        active decks if None) with at least one of ``tags`` (if given), in deck/file order.
        """
        scope = deck_ids if deck_ids is not None else self.active_deck_ids()
        return queries.quiz_candidates(self._db, scope, tags)

    def quiz_answers(
        self, deck_ids: Sequence[str], *, basic_only: bool = False
    ) -> RowSequence[str]:
        """The decks' quiz answers (mcq answers and short basic backs), read lazily."""
        return queries.quiz_answers(self._db, deck_ids, basic_only=basic_only)

    def reviews_by_day(
        self, first: date, last: date, deck_ids: Sequence[str] | None = None
    ) -> dict[date, int]:
        """Answers per study day from ``first`` to ``last`` (days without answers omitted)."""
        return stats_queries.reviews_by_day(self._db, first, last, deck_ids)

    def due_by_day(self, until: date, deck_ids: Sequence[str] | None = None) -> dict[date, int]:
        """Reviewed active study cards per due day, up to ``until`` (overdue days included)."""
        return stats_queries.due_by_day(self._db, until, deck_ids)

    def grades_by_deck(self, first: date, last: date) -> dict[str, tuple[int, int]]:
        """Per deck, ``(answers, answers graded >= 3)`` between two study days."""
        return stats_queries.grades_by_deck(self._db, first, last)

    def ef_counts(self, bucket: int = 10, deck_ids: Sequence[str] | None = None) -> dict[int, int]:
        """Reviewed active study cards by E-Factor bucket (lower bound, hundredths)."""
        return stats_queries.ef_counts(self._db, bucket, deck_ids)

    def studied_on(self, day: date) -> bool:
        """True if any answer was logged on study day ``day``."""
        return stats_queries.studied_on(self._db, day)
