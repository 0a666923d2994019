"""What the last ``export anki`` wrote, card by card (migration 0010).

A mixin of :class:`~neuroquiz.store.ProgressStore`, kept apart to keep the store module small.
The rows are plain tuples ``(card_id, deck_id, deck_name, kind, ordinals, label)``; what they
mean, and what an export leaves behind in Anki, is :mod:`neuroquiz.anki.left_behind`'s.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
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
