"""Sync deck models into the store: add, update, retire and restore cards.

Rules: a new card gets a fresh review state per study card; a card whose content changes
under the same id keeps its progress (a cloze that gains ``c3`` gets a new study card for it,
one that loses ``c2`` retires that study card); a card gone from its file is retired, never
deleted, so its history stays; a card that comes back is restored with its progress. A card
added, or whose content or deck changes, takes its deck file's modification time as its
content time (migration 0011), never earlier than a second after the one it had. A sync
that finds nothing to change writes nothing.

Speed: each deck row keeps a fingerprint of the deck's cards as they were when sync last
brought the deck's rows in line with them. A deck whose fingerprint matches is skipped
without per-card work, so the sync at every launch costs one JSON dump and hash per deck
(about 0.1 s for 100,000 cards) instead of a payload and hash per card.

Search index: a card's rows in ``card_tags`` and ``card_text`` (migration 0005) are written
with the card when it is added or its content changes, in the same sync; retired
cards keep theirs (search joins on ``cards.retired``).

Streaming: a sync takes its decks as an iterable and first prepares them one at a time
(:func:`prepare_decks`, no database access): a deck whose fingerprint matches the one the
store holds keeps only its title, description, fingerprint and card count, so a launch over
100,000 cards never has all card models in memory at once; only decks that changed keep
their cards until the plan.

Writes: in batches of short transactions (:mod:`neuroquiz.store.sync_apply`), so that no
sync holds the write lock for seconds while someone answers cards in another window; a
sync cut short leaves the store consistent, and the next sync completes it.

Deck directory: a full sync told which directory its decks come from records it in the
settings table once its last batch has committed, and reports the directory recorded
before when it differs (``SyncReport.moved_from``): opening a database with another
``--decks`` directory retires the decks missing from it, and the caller says so.

Concurrency: the plan is made without locks, then applied batch by batch, each under
``BEGIN IMMEDIATE``; if another process committed in between (``PRAGMA data_version``
moved), the rest is planned again under the lock, so two processes syncing at once never
insert the same card twice.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from neuroquiz.decks.stamps import READER
from neuroquiz.models import Card, Deck, card_ordinals, study_key
from neuroquiz.store.deck_files import StampRow, stored_stamps
from neuroquiz.store.records import SyncReport
from neuroquiz.store.rows import card_payload, content_hash, quiz_answer
from neuroquiz.store.settings import last_decks_dir, record_decks_dir
from neuroquiz.store.sync_apply import BATCH_ROWS, Writes, apply_batch, batches
from neuroquiz.store.sync_prepare import (
    FINGERPRINT_VERSION,
    PreparedDeck,
    deck_fingerprint,
    prepare_decks,
    prepare_files,
    stored_fingerprints,
)
from neuroquiz.store.transaction import data_version, write_transaction

if TYPE_CHECKING:
    from sqlite_utils import Database

__all__ = [
    "FINGERPRINT_VERSION",
    "PreparedDeck",
    "deck_fingerprint",
    "prepare_decks",
    "prepare_files",
    "stored_fingerprints",
    "sync_decks",
    "sync_prepared",
]


@dataclass(frozen=True, slots=True)
class _StoredDeck:
    title: str
    description: str
    position: int
    retired: int
    fingerprint: str | None


@dataclass(frozen=True, slots=True)
class _StoredCard:
    deck_id: str
    content_hash: str
    position: int
    suspended: int
    retired: int


@dataclass(frozen=True, slots=True)
class _StoredStudyCard:
    deck_id: str
    position: int
    retired: int


def _load_decks(db: Database) -> dict[str, _StoredDeck]:
    return {
        row[0]: _StoredDeck(*row[1:])
        for row in db.execute(
            "SELECT id, title, description, position, retired, fingerprint FROM decks"
        )
    }


def _load_cards(
    db: Database, decks: Sequence[PreparedDeck], kept: set[str], *, partial: bool
) -> dict[str, _StoredCard]:
    """Read the stored cards that the decks not in ``kept`` may touch.

    Those are the stored cards with the ids of those decks' cards (wherever they are now)
    and the cards those decks, or in a full sync any deck but the kept ones, may retire.
    When no deck is kept, that is every card, read without a filter.
    """
    columns = "id, deck_id, content_hash, position, suspended, retired"
    if not kept:
        rows = db.execute(f"SELECT {columns} FROM cards")
    else:
        unmatched = [deck for deck in decks if deck.id not in kept]
        ids = json.dumps([card.id for deck in unmatched for card in deck.cards or ()])
        if partial:
            scope = "deck_id IN (SELECT value FROM json_each(?))"
            scope_param = json.dumps([deck.id for deck in unmatched])
        else:
            scope = "retired = 0 AND deck_id NOT IN (SELECT value FROM json_each(?))"
            scope_param = json.dumps(sorted(kept))
        rows = db.execute(
            f"SELECT {columns} FROM cards WHERE {scope} OR id IN (SELECT value FROM json_each(?))",
            [scope_param, ids],
        )
    deck_ids: dict[str, str] = {}  # one string object per deck id, not one per row
    return {row[0]: _StoredCard(deck_ids.setdefault(row[1], row[1]), *row[2:]) for row in rows}


def _load_study(db: Database, card_ids: Sequence[str]) -> dict[str, dict[int, _StoredStudyCard]]:
    """The stored study cards of ``card_ids``, by card id and ordinal."""
    study: dict[str, dict[int, _StoredStudyCard]] = {}
    if not card_ids:
        return study
    deck_ids: dict[str, str] = {}
    for card_id, ordinal, deck_id, position, retired in db.execute(
        "SELECT card_id, ordinal, deck_id, position, retired FROM study_cards "
        "WHERE card_id IN (SELECT value FROM json_each(?))",
        [json.dumps(list(card_ids))],
    ):
        deck_id = deck_ids.setdefault(deck_id, deck_id)
        study.setdefault(card_id, {})[ordinal] = _StoredStudyCard(deck_id, position, retired)
    return study


def _plan_study_cards(
    card: Card,
    deck_id: str,
    position: int,
    suspended: int,
    stored: dict[int, _StoredStudyCard],
    writes: Writes,
) -> None:
    wanted = card_ordinals(card)
    for ordinal in wanted:
        key = study_key(card.id, ordinal)
        old = stored.get(ordinal)
        if old is None:
            writes.insert_study.append((key, card.id, ordinal, deck_id, position, suspended))
        elif old.retired or old.deck_id != deck_id or old.position != position:
            writes.update_study.append((deck_id, position, key))
    for ordinal, old in stored.items():
        if ordinal not in wanted and not old.retired:
            writes.retire_study.append((study_key(card.id, ordinal),))


def sync_decks(
    db: Database,
    decks: Iterable[Deck],
    *,
    partial: bool = False,
    batch_rows: int = BATCH_ROWS,
    decks_dir: str | None = None,
) -> SyncReport:
    """Bring the store in line with ``decks`` in short transactions (batches).

    The decks are read one at a time (see :func:`prepare_decks`): pass a generator to keep
    only one deck's models in memory when most decks are unchanged.

    Args:
        db: The database (schema already migrated).
        decks: The decks as loaded from their files (any iterable, consumed once).
        partial: If False (default), ``decks`` is the whole collection: stored decks and cards
            missing from it are retired. If True, only the given decks are considered: cards
            missing from them are retired, other decks are left alone.
        batch_rows: Rows written per transaction (see :func:`sync_prepared`).
        decks_dir: The directory the decks were read from (see :func:`sync_prepared`).

    Returns:
        Counts of added, changed, retired, unchanged and restored cards.

    Raises:
        NeuroquizError: if a deck id or a card id appears twice.
    """
    prepared = prepare_decks(decks, stored_fingerprints(db))
    return sync_prepared(db, prepared, partial=partial, batch_rows=batch_rows, decks_dir=decks_dir)


def sync_prepared(
    db: Database,
    decks: Sequence[PreparedDeck],
    *,
    partial: bool = False,
    batch_rows: int = BATCH_ROWS,
    decks_dir: str | None = None,
) -> SyncReport:
    """Bring the store in line with decks prepared by :func:`prepare_decks`.

    The writes are made in transactions of at most ``batch_rows`` rows (see
    :mod:`neuroquiz.store.sync_apply`), so no other process waits long for the write lock.
    Before each batch, under the lock, a commit by another process since the plan was made
    (``PRAGMA data_version`` moved) makes the rest be planned again from what is stored.

    A deck prepared without its cards (its fingerprint matched) whose stored fingerprint has
    changed since — another process synced another version of its file meanwhile — is left
    as that sync wrote it: its deck row and its cards are not touched.

    Args:
        db: The database (schema already migrated).
        decks: The prepared decks, in order.
        partial: As for :func:`sync_decks`.
        batch_rows: Rows written per transaction.
        decks_dir: The directory the decks were read from, as the caller names it (an
            absolute path). A full sync records it once its last batch has committed, and
            reports the one recorded before in ``moved_from`` when it differs.

    Returns:
        Counts of added, changed, retired, unchanged and restored cards (as planned before
        the first write).
    """
    follow = decks_dir is not None and not partial
    previous = last_decks_dir(db) if follow else None
    report = _apply(db, decks, partial=partial, batch_rows=batch_rows)
    if decks_dir is None or not follow or previous == decks_dir:
        return report
    # After the last batch: a sync cut short (an error above) keeps the old directory.
    record_decks_dir(db, decks_dir)
    if previous is None:
        return report  # first sync, or a database older than the record: nothing to compare
    return dataclasses.replace(report, moved_from=previous)


def _apply(
    db: Database, decks: Sequence[PreparedDeck], *, partial: bool, batch_rows: int
) -> SyncReport:
    """Plan the sync and write it batch by batch (see :func:`sync_prepared`)."""
    version = data_version(db)
    writes, report = _plan(db, decks, partial=partial)
    if not writes:
        return report  # nothing to do: write nothing, not even an empty transaction
    pending = batches(writes, batch_rows)
    batch = next(pending, None)
    written = False
    while batch is not None:
        with write_transaction(db):
            if data_version(db) != version:
                # Another process committed since the plan was read: plan again under the
                # lock (what this sync already wrote is then simply in the store).
                version = data_version(db)
                writes, replanned = _plan(db, decks, partial=partial)
                report = report if written else replanned
                pending = batches(writes, batch_rows)
                batch = next(pending, None)
            if batch is not None:
                apply_batch(db, batch)
                written = True
        batch = next(pending, None)
    return report


def _plan(
    db: Database, decks: Sequence[PreparedDeck], *, partial: bool
) -> tuple[Writes, SyncReport]:
    """Read the store and gather every write that brings it in line with ``decks``."""
    stored_decks = _load_decks(db)
    given_decks = {deck.id for deck in decks}
    writes = Writes.empty()
    matched: set[str] = set()
    skipped: set[str] = set()  # prepared without cards, but the store moved on since
    for deck_position, deck in enumerate(decks):
        old_deck = stored_decks.get(deck.id)
        if (
            old_deck is not None
            and not old_deck.retired
            and old_deck.fingerprint == deck.fingerprint
        ):
            matched.add(deck.id)
        elif deck.cards is None:
            skipped.add(deck.id)
            continue
        wanted = _StoredDeck(deck.title, deck.description, deck_position, 0, deck.fingerprint)
        if old_deck != wanted:
            writes.decks.append(
                (deck.id, deck.title, deck.description, deck_position, deck.fingerprint)
            )
    _plan_stamps(db, decks, skipped, writes)
    if not partial:
        writes.retire_decks.extend(
            (deck_id,)
            for deck_id, old in stored_decks.items()
            if deck_id not in given_decks and not old.retired
        )
    if len(matched) + len(skipped) == len(decks) and not writes.retire_decks:
        # Every deck's cards are as they were at its last sync: nothing per card to do.
        unchanged = sum(deck.card_count for deck in decks if deck.id in matched)
        return writes, SyncReport(unchanged=unchanged)
    report = _plan_cards(db, decks, matched, skipped, writes, partial=partial)
    return writes, dataclasses.replace(report, retired_decks=len(writes.retire_decks))


def _plan_stamps(
    db: Database, decks: Sequence[PreparedDeck], skipped: set[str], writes: Writes
) -> None:
    """Record the file stamps of the decks this sync brings in line (not the skipped ones)."""
    if all(deck.stamp is None for deck in decks):
        return
    stored = stored_stamps(db)
    for deck in decks:
        stamp = deck.stamp
        if stamp is None or deck.id in skipped:
            continue
        row: StampRow = (
            deck.id,
            stamp.path,
            stamp.size,
            stamp.mtime_ns,
            stamp.ctime_ns,
            stamp.inode,
            stamp.content_hash,
            READER,
            deck.fingerprint,
            deck.card_count,
        )
        if stored.get(deck.id) != row:
            writes.stamps.append(row)


def _plan_cards(
    db: Database,
    decks: Sequence[PreparedDeck],
    matched: set[str],
    skipped: set[str],
    writes: Writes,
    *,
    partial: bool,
) -> SyncReport:
    """Gather the card and study-card writes of the decks neither matched nor skipped.

    Study cards are read only for the cards whose row changes (content, deck, position,
    retirement): sync keeps the study cards of an unchanged card row in line with it.
    The cards of a matched deck need no look: its stored rows are its cards, and they are
    read neither as candidates to retire nor (card ids being unique) as cards of another deck.
    """
    kept = matched | skipped
    stored_cards = _load_cards(db, decks, kept, partial=partial)
    synced_decks = {deck.id for deck in decks if deck.id not in skipped}
    added = changed = unchanged = restored = 0
    seen_cards: set[str] = set()
    left_decks: set[str] = set()
    touched: list[tuple[Card, str, int, int]] = []  # (card, deck, position, suspended)

    for deck in decks:
        if deck.id in kept or deck.cards is None:
            unchanged += deck.card_count if deck.id in matched else 0
            continue
        for position, card in enumerate(deck.cards):
            seen_cards.add(card.id)
            payload = card_payload(card)
            digest = content_hash(payload)
            old = stored_cards.get(card.id)
            if old is None:
                writes.insert_cards.append(
                    (
                        card.id,
                        deck.id,
                        card.type,
                        digest,
                        payload,
                        quiz_answer(card),
                        position,
                        card.origin,
                        deck.changed_ns,
                    )
                )
                writes.index(card, payload)
                added += 1
                touched.append((card, deck.id, position, 0))
                continue
            text_changed = old.content_hash != digest
            content_changed = text_changed or old.deck_id != deck.id
            if content_changed or old.retired or old.position != position:
                writes.update_cards.append(
                    (
                        deck.id,
                        card.type,
                        digest,
                        payload,
                        quiz_answer(card),
                        position,
                        card.origin,
                        card.id,
                    )
                )
                touched.append((card, deck.id, position, old.suspended))
            if content_changed:
                writes.content_times.append((deck.changed_ns, card.id))
            if text_changed:
                writes.unindex.append((card.id,))
                writes.index(card, payload)
            if old.deck_id != deck.id:
                left_decks.add(old.deck_id)
            if old.retired:
                restored += 1
            elif content_changed:
                changed += 1
            else:
                unchanged += 1

    gone = [
        card_id
        for card_id, old in stored_cards.items()
        if card_id not in seen_cards
        and not old.retired
        and (not partial or old.deck_id in synced_decks)
    ]
    stored_study = _load_study(
        db, [card.id for card, _, _, _ in touched if card.id in stored_cards] + gone
    )
    for card, deck_id, position, suspended in touched:
        _plan_study_cards(card, deck_id, position, suspended, stored_study.get(card.id, {}), writes)
    for card_id in gone:
        writes.retire_cards.append((card_id,))
        for ordinal, old_study in stored_study.get(card_id, {}).items():
            if not old_study.retired:
                writes.retire_study.append((study_key(card_id, ordinal),))
    # A deck that lost a card to a deck synced now, and is not synced itself (a partial
    # sync, or a skipped deck), no longer matches its fingerprint.
    writes.clear_fingerprints.extend((deck_id,) for deck_id in sorted(left_decks - synced_decks))
    return SyncReport(
        added=added, changed=changed, retired=len(gone), unchanged=unchanged, restored=restored
    )
