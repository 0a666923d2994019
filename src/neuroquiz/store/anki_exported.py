"""What ``export anki`` needs of the store, card by card (migrations 0010 and 0011).

A mixin of :class:`~neuroquiz.store.ProgressStore`, kept apart to keep the store module small:

- what the last export wrote of each card, as plain tuples ``(card_id, deck_id, deck_name,
  kind, ordinals, label)``; what they mean, and what an export leaves behind in Anki, is
  :mod:`neuroquiz.anki.left_behind`'s;
- when each card's content last changed (``cards.content_changed_ns``, set by sync), each
  Anki note's modification time.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from neuroquiz.store.transaction import write_transaction

if TYPE_CHECKING:
    from sqlite_utils import Database

ExportedRow = tuple[str, str, str, str, tuple[int, ...], str]
"""``(card_id, deck_id, deck_name, kind, ordinals, label)``."""


class AnkiExportedMethods:
    """Mixin of :class:`~neuroquiz.store.ProgressStore`: the record of the last Anki export."""

    _db: Database

    def anki_exported(self) -> list[ExportedRow]:
        """What the last export wrote of each card, by card id."""
        rows = self._db.execute(
            "SELECT card_id, deck_id, deck_name, kind, ordinals, label FROM anki_exported"
            " ORDER BY card_id"
        ).fetchall()
        return [
            (str(card_id), str(deck_id), str(name), str(kind), tuple(json.loads(ords)), str(label))
            for card_id, deck_id, name, kind, ords, label in rows
        ]

    def record_anki_export(self, rows: Sequence[ExportedRow], forget: Iterable[str] = ()) -> None:
        """Remember ``rows`` as what the last export wrote, and forget the cards ``forget``
        (deleted since), in one transaction."""
        with write_transaction(self._db):
            self._db.conn.executemany(
                "DELETE FROM anki_exported WHERE card_id = ?", [(card_id,) for card_id in forget]
            )
            self._db.conn.executemany(
                "INSERT OR REPLACE INTO anki_exported"
                " (card_id, deck_id, deck_name, kind, ordinals, label) VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (card_id, deck_id, name, kind, json.dumps(list(ordinals)), label)
                    for card_id, deck_id, name, kind, ordinals, label in rows
                ],
            )

    def content_times(self, card_ids: Sequence[str]) -> dict[str, int]:
        """When the content of each of ``card_ids`` last changed (epoch nanoseconds), for
        the cards whose time is known (see migration 0011)."""
        rows = self._db.execute(
            "SELECT id, content_changed_ns FROM cards WHERE content_changed_ns IS NOT NULL"
            " AND id IN (SELECT value FROM json_each(?))",
            [json.dumps(list(card_ids))],
        ).fetchall()
        return {str(card_id): int(changed) for card_id, changed in rows}

    def fill_content_times(self, times: Mapping[str, int]) -> None:
        """Record ``times`` (card id -> epoch nanoseconds) as the content times of the cards
        whose time is unknown; known times are left as they are (one transaction)."""
        if not times:
            return
        with write_transaction(self._db):
            self._db.conn.executemany(
                "UPDATE cards SET content_changed_ns = ? WHERE id = ?"
                " AND content_changed_ns IS NULL",
                [(changed, card_id) for card_id, changed in times.items()],
            )
