"""Sync's last step: write the planned changes in short transactions (batches).

A sync of a large changed collection writes hundreds of thousands of rows (cards, study
cards, the search index). Written in one transaction, it held the write lock for tens of
seconds, and every answer given meanwhile in another window failed. The writes are cut into
batches of at most :data:`BATCH_ROWS` rows, each its own ``BEGIN IMMEDIATE`` ... ``COMMIT``,
so another process waits at most one batch for the lock.

Every batch leaves the store consistent and a later sync completes the work: the decks
being changed lose their fingerprint (and so their file stamps) in the first batch and get
it back in the last one, so a sync cut short (a kill, a full disk) is never taken for done;
the decks to retire are retired last, once their cards are. A sync that fits in one batch
is one transaction, as before.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from neuroquiz.models import Card
from neuroquiz.store.deck_files import StampRow
from neuroquiz.store.rows import search_text

if TYPE_CHECKING:
    from sqlite_utils import Database

BATCH_ROWS = 5000
"""Rows written per transaction: at most about 0.25 s of holding the write lock (50,000
changed cards, search index included, on the 2-core test machine)."""


@dataclass
class Writes:
    """Every change sync will make, gathered first and written with executemany."""

    decks: list[tuple[str, str, str, int, str | None]]
    retire_decks: list[tuple[str]]
    clear_fingerprints: list[tuple[str]]
    insert_cards: list[tuple[str, str, str, str, str, str | None, int, str, int | None]]
    update_cards: list[tuple[str, str, str, str, str | None, int, str, str]]
    # (content time, card id) of the cards whose content changed (see migration 0011).
    content_times: list[tuple[int | None, str]]
    retire_cards: list[tuple[str]]
    insert_study: list[tuple[str, str, int, str, int, int]]
    update_study: list[tuple[str, int, str]]
    retire_study: list[tuple[str]]
    # The search index (card_tags, card_text) of new cards and of cards whose content
    # changed; the old rows of the latter are deleted first.
    unindex: list[tuple[str]]
    tags: list[tuple[str, str]]
    text: list[tuple[str, str]]
    # The stamps of the deck files whose rows are now in line with them (deck_files rows).
    stamps: list[StampRow]

    @classmethod
    def empty(cls) -> Writes:
        """No change."""
        return cls([], [], [], [], [], [], [], [], [], [], [], [], [], [])

    def index(self, card: Card, payload: str) -> None:
        """Add the search-index rows of ``card`` (whose payload is ``payload``)."""
        self.tags.extend((card.id, tag) for tag in card.tags)
        self.text.append((search_text(json.loads(payload)), card.id))

    def __bool__(self) -> bool:
        return any(vars(self).values())


_Apply = Callable[[sqlite3.Connection, Sequence[Any]], None]


def _sql(statement: str) -> _Apply:
    def apply(conn: sqlite3.Connection, rows: Sequence[Any]) -> None:
        conn.executemany(statement, rows)

    return apply


def _insert_text(conn: sqlite3.Connection, rows: Sequence[Any]) -> None:
    """Insert ``card_text`` rows, keyed by their card's rowid (see migration 0005)."""
    # The rowids in one query: an INSERT ... SELECT per card is several times slower.
    rowids = dict(
        conn.execute(
            "SELECT id, rowid FROM cards WHERE id IN (SELECT value FROM json_each(?))",
            [json.dumps([card_id for _, card_id in rows])],
        )
    )
    conn.executemany(
        "INSERT INTO card_text (rowid, text) VALUES (?, ?)",
        [(rowids[card_id], text) for text, card_id in rows],
    )


_Step = tuple[_Apply, Sequence[Any]]
_CardStep = tuple[_Apply, Sequence[Any], Callable[[Any], str]]


def _card_of_key(key: str) -> str:
    """The card id of a study-card key (``id`` or ``id:cN``)."""
    return key.partition(":")[0]


def _head(writes: Writes) -> list[_Step]:
    """First: the decks' rows (cards refer to them), without a fingerprint until the end."""
    unfingerprinted = [(deck_id, title, desc, pos) for deck_id, title, desc, pos, _ in writes.decks]
    return [
        (
            _sql(
                "INSERT INTO decks (id, title, description, position, retired, fingerprint) "
                "VALUES (?, ?, ?, ?, 0, NULL) ON CONFLICT (id) DO UPDATE SET "
                "title = excluded.title, description = excluded.description, "
                "position = excluded.position, retired = 0, fingerprint = NULL"
            ),
            unfingerprinted,
        ),
        (_sql("UPDATE decks SET fingerprint = NULL WHERE id = ?"), writes.clear_fingerprints),
    ]


def _per_card(writes: Writes) -> list[_CardStep]:
    """The writes of each card, with how to tell the card of a row.

    A card's rows are always written together (its row, its search index, its study cards):
    a sync cut short never leaves a card whose content hash is new and whose index is old.
    """
    first: Callable[[Any], str] = lambda row: str(row[0])  # noqa: E731
    last: Callable[[Any], str] = lambda row: str(row[-1])  # noqa: E731
    return [
        (
            _sql(
                "INSERT INTO cards (id, deck_id, type, content_hash, payload, quiz_answer, "
                "position, origin, content_changed_ns) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
            ),
            writes.insert_cards,
            first,
        ),
        (
            _sql(
                "UPDATE cards SET deck_id = ?, type = ?, content_hash = ?, payload = ?, "
                "quiz_answer = ?, position = ?, origin = ?, retired = 0 WHERE id = ?"
            ),
            writes.update_cards,
            last,
        ),
        # Never earlier than a second after the time replaced (Anki compares whole seconds):
        # a file put back with an older time still reads as changed.
        (
            _sql(
                "UPDATE cards SET content_changed_ns = CASE WHEN ?1 IS NULL THEN NULL ELSE "
                "max(?1, ifnull((content_changed_ns / 1000000000 + 1) * 1000000000, ?1)) END "
                "WHERE id = ?2"
            ),
            writes.content_times,
            last,
        ),
        (_sql("UPDATE cards SET retired = 1 WHERE id = ?"), writes.retire_cards, first),
        # The search index of new and changed cards (after their card rows). Retired cards
        # keep theirs: search leaves them out by joining on cards.retired, and a card
        # restored unchanged needs them again.
        (_sql("DELETE FROM card_tags WHERE card_id = ?"), writes.unindex, first),
        (
            _sql("DELETE FROM card_text WHERE rowid = (SELECT rowid FROM cards WHERE id = ?)"),
            writes.unindex,
            first,
        ),
        # OR IGNORE: a card may list the same tag twice.
        (
            _sql("INSERT OR IGNORE INTO card_tags (card_id, tag) VALUES (?, ?)"),
            writes.tags,
            first,
        ),
        (_insert_text, writes.text, last),
        (
            _sql(
                "INSERT INTO study_cards (key, card_id, ordinal, deck_id, position, suspended) "
                "VALUES (?, ?, ?, ?, ?, ?)"
            ),
            writes.insert_study,
            lambda row: str(row[1]),
        ),
        (
            _sql("UPDATE study_cards SET deck_id = ?, position = ?, retired = 0 WHERE key = ?"),
            writes.update_study,
            lambda row: _card_of_key(str(row[2])),
        ),
        (
            _sql("UPDATE study_cards SET retired = 1 WHERE key = ?"),
            writes.retire_study,
            lambda row: _card_of_key(str(row[0])),
        ),
        # A card whose content changed was edited: its leech marks go (the edit is what a
        # leech asks for); its suspension stays until the user lifts it.
        (
            _sql("UPDATE study_cards SET leech = 0 WHERE card_id = ? AND leech = 1"),
            writes.unindex,
            first,
        ),
    ]


def _tail(writes: Writes) -> list[_Step]:
    """Last: decks retired once their cards are; fingerprints and file stamps once the rows
    match them."""
    fingerprints = [(fingerprint, deck_id) for deck_id, _, _, _, fingerprint in writes.decks]
    return [
        (
            _sql("UPDATE decks SET retired = 1, fingerprint = NULL WHERE id = ?"),
            writes.retire_decks,
        ),
        (_sql("UPDATE decks SET fingerprint = ? WHERE id = ?"), fingerprints),
        (
            _sql("INSERT OR REPLACE INTO deck_files VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
            writes.stamps,
        ),
    ]


Batch = list[_Step]


def batches(writes: Writes, limit: int = BATCH_ROWS) -> Iterator[Batch]:
    """The writes cut into batches of whole cards, about ``limit`` rows each, in order.

    The deck rows come with the first batch, the fingerprints and stamps with the last;
    a card with more rows than ``limit`` is one batch of its own.

    Args:
        writes: The planned writes.
        limit: Rows per batch (at least 1).
    """
    steps = _per_card(writes)
    rows_of: dict[str, int] = {}  # card id -> its rows, in the order cards come
    for _, rows, card_of in steps:
        for row in rows:
            card = card_of(row)
            rows_of[card] = rows_of.get(card, 0) + 1
    chunk_of: dict[str, int] = {}
    chunks, room = 0, 0
    for card, count in rows_of.items():
        if count > room and room < max(1, limit):
            chunks, room = chunks + 1, max(1, limit)
        chunk_of[card] = chunks - 1
        room -= count
    chunks = max(chunks, 1)
    split: list[Batch] = [[] for _ in range(chunks)]
    for apply, rows, card_of in steps:
        parts: list[list[Any]] = [[] for _ in range(chunks)]
        for row in rows:
            parts[chunk_of[card_of(row)]].append(row)
        for index, part in enumerate(parts):
            if part:
                split[index].append((apply, part))
    split[0][:0] = _head(writes)
    split[-1].extend(_tail(writes))
    yield from split


def apply_batch(db: Database, batch: Batch) -> None:
    """Write one batch (the caller holds the write transaction)."""
    conn = db.conn
    for apply, rows in batch:
        apply(conn, rows)
