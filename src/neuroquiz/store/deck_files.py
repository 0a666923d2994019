"""The stamps of the deck files synced (table ``deck_files``, see ``neuroquiz.decks.stamps``).

A stamp is offered to a load only while its deck's rows still match the fingerprint the file
gave: a deck retired, or whose fingerprint was cleared or changed by another sync, has its
file parsed again.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database

    from neuroquiz.decks.stamps import KnownFile

StampRow = tuple[str, str, int, int, int, int, str, str, str, int]
"""A ``deck_files`` row: deck_id, path, size, mtime_ns, ctime_ns, inode, content_hash,
reader, fingerprint, card_count."""


def known_files(db: Database) -> dict[str, KnownFile]:
    """Per deck id, the file stamp whose deck rows are still in line with it."""
    from neuroquiz.decks.stamps import FileStamp, KnownFile  # the deck reader: on first use

    rows = db.execute(
        "SELECT f.path, f.size, f.mtime_ns, f.ctime_ns, f.inode, f.content_hash, f.reader, "
        "d.id, d.title, d.description, d.fingerprint, f.card_count FROM deck_files AS f "
        "JOIN decks AS d ON d.id = f.deck_id AND d.retired = 0 AND d.fingerprint = f.fingerprint"
    )
    return {row[7]: KnownFile(FileStamp(*row[:6]), row[6], *row[7:]) for row in rows.fetchall()}


def stored_stamps(db: Database) -> dict[str, StampRow]:
    """Every ``deck_files`` row, by deck id."""
    return {row[0]: tuple(row) for row in db.execute("SELECT * FROM deck_files")}


def deck_card_ids(db: Database, deck_ids: Sequence[str]) -> dict[str, list[str]]:
    """The ids of the active cards of each of ``deck_ids``."""
    ids: dict[str, list[str]] = {}
    for deck_id, card_id in db.execute(
        "SELECT deck_id, id FROM cards WHERE retired = 0 "
        "AND deck_id IN (SELECT value FROM json_each(?))",
        [json.dumps(list(deck_ids))],
    ):
        ids.setdefault(deck_id, []).append(card_id)
    return ids
