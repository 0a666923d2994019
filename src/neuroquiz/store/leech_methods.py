"""The leech methods of :class:`~neuroquiz.store.ProgressStore` (kept apart to keep the store
module small): the leech mark of a study card, in ``study_cards.leech`` (migration
``0008_leeches``).

The mark is the store's, not the deck file's: sync never sets it, and clears it only when
the card's content changes (an edited card is a new chance). When a study card becomes a
leech is decided by the study service (:mod:`neuroquiz.study.leeches`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from neuroquiz.store.transaction import write_transaction

if TYPE_CHECKING:
    from sqlite_utils import Database


class LeechMethods:
    """Mixin of :class:`~neuroquiz.store.ProgressStore`: reads and writes leech marks."""

    _db: Database

    def set_leech(self, key: str, leech: bool) -> None:
        """Mark study card ``key`` as a leech, or take the mark away (one transaction;
        inside :meth:`~neuroquiz.store.ProgressStore.write_transaction` it joins that one).

        Raises:
            KeyError: if no study card has this key.
        """
        with write_transaction(self._db):
            cursor = self._db.conn.execute(
                "UPDATE study_cards SET leech = ? WHERE key = ?", [1 if leech else 0, key]
            )
            if cursor.rowcount == 0:
                raise KeyError(key)

    def is_leech(self, key: str) -> bool:
        """True if study card ``key`` is marked as a leech.

        Raises:
            KeyError: if no study card has this key.
        """
        row = self._db.execute("SELECT leech FROM study_cards WHERE key = ?", [key]).fetchone()
        if row is None:
            raise KeyError(key)
        return bool(row[0])

    def leech_keys(self, card_id: str) -> list[str]:
        """The study cards of a card that are marked as leeches, by ordinal."""
        rows = self._db.execute(
            "SELECT key FROM study_cards WHERE card_id = ? AND leech = 1 ORDER BY ordinal",
            [card_id],
        ).fetchall()
        return [str(row[0]) for row in rows]

    def count_leeches(self, deck_ids: Sequence[str] | None = None) -> int:
        """Active study cards marked as leeches, in ``deck_ids`` (every active deck if None)."""
        sql = (
            "SELECT count(*) FROM study_cards AS s INDEXED BY study_cards_leech "
            "JOIN decks AS d ON d.id = s.deck_id "
            "WHERE s.leech = 1 AND s.retired = 0 AND d.retired = 0"
        )
        params: list[object] = []
        if deck_ids is not None:
            sql += f" AND s.deck_id IN ({', '.join('?' for _ in deck_ids)})"
            params += list(deck_ids)
        return int(self._db.execute(sql, params).fetchone()[0])

    def leech_cards(self) -> set[str]:
        """The ids of the cards with an active study card marked as a leech."""
        rows = self._db.execute(
            "SELECT DISTINCT card_id FROM study_cards INDEXED BY study_cards_leech"
            " WHERE leech = 1 AND retired = 0"
        ).fetchall()
        return {str(row[0]) for row in rows}
