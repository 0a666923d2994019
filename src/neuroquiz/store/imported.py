"""The store side of bringing progress in from Anki (see :mod:`neuroquiz.study.anki_merge`).

A mixin of :class:`~neuroquiz.store.ProgressStore`, kept apart to keep the store module small:
reads of the log and of the study cards for a set of keys, and the writes of a merge. Each
write joins the caller's :meth:`~neuroquiz.store.ProgressStore.write_transaction`, so a whole
merge is one transaction.

Imported answers are ``review_log`` rows like neuroquiz's own, with ``source`` 'anki' and
the Anki revlog id in ``anki_id`` (migration 0009): an answer already imported is never
added again.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from neuroquiz.store.rows import parse_utc, state_json, state_params, utc_text
from neuroquiz.store.transaction import write_transaction

if TYPE_CHECKING:
    from sqlite_utils import Database

    from neuroquiz.models import ReviewLog, ReviewState

_CHUNK = 500
"""Keys per ``IN (...)`` list (well under SQLite's limit on parameters)."""


@dataclass(frozen=True)
class LoggedAnswer:
    """One answer in the review log, as a merge needs it."""

    reviewed_at: datetime
    grade: int
    after: ReviewState
    source: str
    """'neuroquiz', or 'anki' for an imported answer."""
    anki_id: int | None


@dataclass(frozen=True)
class ImportedAnswer:
    """An answer to add: the log entry (``after.last_review`` is its study day) and the id
    of the Anki revlog row it comes from."""

    log: ReviewLog
    anki_id: int


class ImportMethods:
    """Mixin of :class:`~neuroquiz.store.ProgressStore`: the reads and writes of a merge."""

    _db: Database

    def active_study_cards(self, keys: Iterable[str]) -> dict[str, str]:
        """The card id of each of ``keys`` that is an active (not retired) study card."""
        found: dict[str, str] = {}
        for chunk in _chunks(keys):
            marks = ", ".join("?" * len(chunk))
            rows = self._db.execute(
                f"SELECT key, card_id FROM study_cards WHERE retired = 0 AND key IN ({marks})",
                chunk,
            ).fetchall()
            found.update((str(key), str(card_id)) for key, card_id in rows)
        return found

    def logged_answers(self, keys: Iterable[str]) -> dict[str, list[LoggedAnswer]]:
        """The logged answers of each of ``keys`` (oldest first; keys without any left out)."""
        from neuroquiz.models import ReviewState

        found: dict[str, list[LoggedAnswer]] = {}
        for chunk in _chunks(keys):
            marks = ", ".join("?" * len(chunk))
            rows = self._db.execute(
                "SELECT key, reviewed_at, grade, state_after, source, anki_id FROM review_log"
                f" WHERE key IN ({marks}) ORDER BY reviewed_at, id",
                chunk,
            ).fetchall()
            for key, reviewed_at, grade, after, source, anki_id in rows:
                found.setdefault(str(key), []).append(
                    LoggedAnswer(
                        reviewed_at=parse_utc(reviewed_at),
                        grade=int(grade),
                        after=ReviewState.model_validate_json(after),
                        source=str(source),
                        anki_id=int(anki_id) if anki_id is not None else None,
                    )
                )
        return found

    def add_imported_answers(self, answers: Sequence[ImportedAnswer]) -> None:
        """Append answers imported from Anki (``source`` 'anki'), in one transaction.

        Raises:
            ValueError: if an answer's ``after`` has no study day or its time is naive.
            sqlite3.IntegrityError: if one is already there (same Anki id and study card) or
                its study card is unknown: callers leave out what :meth:`logged_answers`
                shows.
        """
        rows = []
        for item in answers:
            log = item.log
            if log.after.last_review is None:
                raise ValueError("an imported answer needs after.last_review (its study day)")
            rows.append(
                (
                    log.key,
                    log.key,
                    utc_text(log.reviewed_at),
                    log.after.last_review.isoformat(),
                    log.grade,
                    1 if log.before.is_new else 0,
                    state_json(log.before),
                    state_json(log.after),
                    log.answer_ms,
                    item.anki_id,
                )
            )
        with write_transaction(self._db):
            self._db.conn.executemany(
                "INSERT INTO review_log (key, deck_id, reviewed_at, day, grade, "
                "was_new, state_before, state_after, answer_ms, source, anki_id) "
                "VALUES (?, (SELECT deck_id FROM study_cards WHERE key = ?), ?, ?, ?, ?, ?, ?,"
                " ?, 'anki', ?)",
                rows,
            )

    def set_states(self, states: Mapping[str, ReviewState]) -> None:
        """Set the review state of each study card in ``states`` (one transaction)."""
        with write_transaction(self._db):
            self._db.conn.executemany(
                "UPDATE study_cards SET repetitions = ?, interval = ?, ef = ?, due = ?, "
                "lapses = ?, last_review = ? WHERE key = ?",
                [(*state_params(state), key) for key, state in states.items()],
            )


def _chunks(keys: Iterable[str]) -> Iterator[list[str]]:
    chunk: list[str] = []
    for key in keys:
        chunk.append(key)
        if len(chunk) == _CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
