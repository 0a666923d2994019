"""The database schema as versioned migrations (``sqlite_utils.Migrations``).

sqlite-utils 4 ships a ``Migrations`` class that records every applied migration by name in
a ``_sqlite_migrations`` table; neuroquiz uses it. The schema version of a neuroquiz
database is the number of neuroquiz migrations applied to it, also written to
``PRAGMA user_version``. A database that records a migration this neuroquiz does not know,
or a higher user_version, was written by a newer neuroquiz and is refused.

Migrations are append-only: never edit or reorder one that has shipped, add a new one.
"""

from __future__ import annotations

import contextlib
import functools
import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from neuroquiz.store.rows import search_text
from neuroquiz.store.transaction import write_transaction

if TYPE_CHECKING:
    # sqlite-utils imports click at import time; the core must not (see .importlinter and
    # tests/unit/test_architecture.py), so it is imported only when a database is used.
    from sqlite_utils import Database, Migrations

_Fn = Callable[["Database"], None]

MIGRATION_SET = "neuroquiz"
"""The name of neuroquiz's migration set in ``_sqlite_migrations``."""
MIGRATIONS_TABLE = "_sqlite_migrations"
"""The table where sqlite-utils records applied migrations."""

_STEPS: list[tuple[str, _Fn]] = []


def _migration(name: str) -> Callable[[_Fn], _Fn]:
    def register(fn: _Fn) -> _Fn:
        _STEPS.append((name, fn))
        return fn

    return register


@_migration("0001_core_tables")
def _core_tables(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE decks (
            id TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            description TEXT NOT NULL DEFAULT '',
            position INTEGER NOT NULL DEFAULT 0,
            retired INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1))
        );
        CREATE TABLE cards (
            id TEXT PRIMARY KEY,
            deck_id TEXT NOT NULL REFERENCES decks(id),
            type TEXT NOT NULL CHECK (type IN ('basic', 'cloze', 'mcq')),
            content_hash TEXT NOT NULL,
            payload TEXT NOT NULL,
            quiz_answer TEXT,
            position INTEGER NOT NULL DEFAULT 0,
            suspended INTEGER NOT NULL DEFAULT 0 CHECK (suspended IN (0, 1)),
            retired INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1))
        );
        CREATE INDEX cards_deck ON cards(deck_id, position);
        -- quiz_answer: the text a quiz can offer as an option (the mcq answer, or a basic
        -- back of at most 6 words), NULL otherwise; derived from payload by sync.
        -- One row per study card (a cloze with c1 and c2 has two). deck_id, position and
        -- suspended copy the card's values so that the queue reads one table through one
        -- index; sync and set_suspended keep the copies in step.
        CREATE TABLE study_cards (
            key TEXT PRIMARY KEY,
            card_id TEXT NOT NULL REFERENCES cards(id),
            ordinal INTEGER NOT NULL,
            deck_id TEXT NOT NULL,
            position INTEGER NOT NULL DEFAULT 0,
            repetitions INTEGER NOT NULL DEFAULT 0,
            interval INTEGER NOT NULL DEFAULT 0,
            ef INTEGER NOT NULL DEFAULT 250,
            due TEXT,
            lapses INTEGER NOT NULL DEFAULT 0,
            last_review TEXT,
            suspended INTEGER NOT NULL DEFAULT 0 CHECK (suspended IN (0, 1)),
            retired INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
            UNIQUE (card_id, ordinal)
        );
        -- Append-only; undo deletes its row. AUTOINCREMENT so that an undone id is never
        -- reused while a session may still hold it. deck_id and day (the study day, equal to
        -- state_after.last_review) are kept so that stats group with an index.
        CREATE TABLE review_log (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            key TEXT NOT NULL REFERENCES study_cards(key),
            deck_id TEXT NOT NULL,
            reviewed_at TEXT NOT NULL,
            day TEXT NOT NULL,
            grade INTEGER NOT NULL CHECK (grade BETWEEN 0 AND 5),
            was_new INTEGER NOT NULL CHECK (was_new IN (0, 1)),
            state_before TEXT NOT NULL,
            state_after TEXT NOT NULL,
            answer_ms INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX review_log_key ON review_log(key, id);
        """
    )


@_migration("0002_settings")
def _settings(db: Database) -> None:
    db.executescript(
        """
        -- scope is '' for global settings and the deck id for per-deck ones; value is JSON.
        CREATE TABLE settings (
            scope TEXT NOT NULL,
            name TEXT NOT NULL,
            value TEXT NOT NULL,
            PRIMARY KEY (scope, name)
        );
        """
    )


@_migration("0003_queue_and_stats_indexes")
def _queue_indexes(db: Database) -> None:
    db.executescript(
        """
        -- Today's reviews of one deck, most overdue first, read in index order with LIMIT.
        CREATE INDEX study_cards_due_by_deck ON study_cards(deck_id, due, position, ordinal)
            WHERE retired = 0 AND suspended = 0 AND due IS NOT NULL;
        -- The due forecast over all decks.
        CREATE INDEX study_cards_due ON study_cards(due)
            WHERE retired = 0 AND suspended = 0 AND due IS NOT NULL;
        -- New cards of one deck in file order, read with LIMIT.
        CREATE INDEX study_cards_new_by_deck ON study_cards(deck_id, position, ordinal)
            WHERE retired = 0 AND suspended = 0 AND last_review IS NULL;
        -- Deck summaries and the E-Factor histogram without touching the table.
        CREATE INDEX study_cards_summary ON study_cards(deck_id, last_review, due, suspended, ef)
            WHERE retired = 0;
        -- Answers of one study day: limits, reviews per day, retention, today by deck.
        CREATE INDEX review_log_day ON review_log(day, deck_id, was_new, grade);
        -- Quiz questions and options of one deck, without reading payloads (covering).
        CREATE INDEX cards_quiz ON cards(deck_id, position, type, suspended, quiz_answer)
            WHERE retired = 0 AND quiz_answer IS NOT NULL;
        -- Last studied time of a deck.
        CREATE INDEX review_log_deck_time ON review_log(deck_id, reviewed_at);
        """
    )


@_migration("0004_deck_fingerprints")
def _deck_fingerprints(db: Database) -> None:
    db.executescript(
        """
        -- What the deck's cards were when sync last brought its rows in line with them (see
        -- neuroquiz.store.sync); NULL means unknown. Lets a sync of unchanged decks skip the
        -- per-card work.
        ALTER TABLE decks ADD COLUMN fingerprint TEXT;
        """
    )


CARD_TEXT_FTS = (
    "CREATE VIRTUAL TABLE card_text USING fts5(text, tokenize = 'trigram', columnsize = 0)"
)
"""The free-text search index: one row per card (its rowid is the card's rowid) holding
:func:`neuroquiz.store.rows.search_text`. The trigram tokenizer (SQLite 3.34+) finds any
substring of three or more characters, ignoring case; ``columnsize = 0`` drops the
per-row sizes that only ranking uses."""
FTS_HASHSIZE = 16 * 2**20
"""FTS5 ``hashsize`` of ``card_text``: bytes of pending index data held per transaction."""
CARD_TEXT_PLAIN = "CREATE TABLE card_text (id INTEGER PRIMARY KEY, text TEXT NOT NULL)"
"""The same table without FTS5, where SQLite lacks FTS5 or the trigram tokenizer: search
then scans it with ``LIKE`` (slower, same results)."""


@_migration("0005_search_index")
def _search_index(db: Database) -> None:
    db.executescript(
        """
        -- A copy of payload's origin, so that is:generated reads an index, not 100k payloads.
        ALTER TABLE cards ADD COLUMN origin TEXT NOT NULL DEFAULT 'authored';
        UPDATE cards SET origin = json_extract(payload, '$.origin')
            WHERE ifnull(json_extract(payload, '$.origin'), 'authored') != 'authored';
        -- The tags of every card (retired ones too: search joins on cards.retired), one row
        -- per tag; sync rewrites a card's rows when its content changes. NOCASE on the tag
        -- index lets tag:NAME and tag:prefix* (LIKE) read a range of it.
        CREATE TABLE card_tags (
            card_id TEXT NOT NULL REFERENCES cards(id),
            tag TEXT NOT NULL,
            PRIMARY KEY (card_id, tag)
        ) WITHOUT ROWID;
        INSERT OR IGNORE INTO card_tags (card_id, tag)
            SELECT c.id, t.value FROM cards AS c, json_each(c.payload, '$.tags') AS t;
        CREATE INDEX card_tags_tag ON card_tags(tag COLLATE NOCASE, card_id);
        -- Browse lists active cards deck by deck in file order from this index alone
        -- (retired is a column too, or SQLite reads the table to test it).
        CREATE INDEX cards_browse
            ON cards(deck_id, position, type, suspended, origin, id, retired) WHERE retired = 0;
        -- Decks in browse order, so that one query walks decks, then each deck's cards.
        CREATE INDEX decks_order ON decks(position, id);
        """
    )
    try:
        db.execute(CARD_TEXT_FTS)
    except sqlite3.OperationalError:  # no FTS5, or SQLite < 3.34 (no trigram tokenizer)
        db.execute(CARD_TEXT_PLAIN)
    else:
        # Up to 16 MB of new index data is kept in memory before it is written as a segment
        # (default 1 MB): indexing 100,000 cards at once is 2-3 times faster. A setting
        # FTS5 does not document, so an SQLite that refuses it only indexes more slowly.
        with contextlib.suppress(sqlite3.OperationalError):
            db.execute(
                f"INSERT INTO card_text (card_text, rank) VALUES ('hashsize', {FTS_HASHSIZE})"
            )
    # Keyed by the card's rowid, which neuroquiz never changes (it never runs VACUUM, and
    # VACUUM keeps the rowids of a table with an index, as cards has).
    cards = db.conn.execute("SELECT rowid, payload FROM cards")
    db.conn.executemany(
        "INSERT INTO card_text (rowid, text) VALUES (?, ?)",
        ((rowid, search_text(json.loads(payload))) for rowid, payload in cards),
    )


@_migration("0006_deck_files")
def _deck_files(db: Database) -> None:
    db.executescript(
        """
        -- What each deck file was when sync last brought its deck's rows in line with it
        -- (see neuroquiz.decks.stamps): a file whose stat, or else whose content hash, is
        -- the same is not parsed again. One row per deck id; the deck's fingerprint says
        -- which version of the deck's rows the file gave.
        CREATE TABLE deck_files (
            deck_id TEXT PRIMARY KEY,
            path TEXT NOT NULL,
            size INTEGER NOT NULL,
            mtime_ns INTEGER NOT NULL,
            ctime_ns INTEGER NOT NULL,
            inode INTEGER NOT NULL,
            content_hash TEXT NOT NULL,
            reader TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            card_count INTEGER NOT NULL
        ) WITHOUT ROWID;
        """
    )


@_migration("0007_review_source_and_redrills")
def _review_source_and_redrills(db: Database) -> None:
    db.executescript(
        """
        -- Where an answer was given: 'neuroquiz', or 'anki' for review history brought in
        -- from an Anki collection. Every answer logged before this migration is neuroquiz's.
        ALTER TABLE review_log ADD COLUMN source TEXT NOT NULL DEFAULT 'neuroquiz'
            CHECK (source IN ('neuroquiz', 'anki'));
        -- Step-7 re-drill grades: a card graded below 4 comes back in the same session until
        -- it gets a 4 or 5. They never change the schedule, so they stay out of review_log,
        -- whose rows are the first answers of the day that limits and statistics count; they
        -- are kept so that a cohort report can tell how hard a card was to get right. state
        -- is the card's review state when it was re-drilled (JSON, as in review_log); undo
        -- deletes the row.
        CREATE TABLE redrill_log (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            key TEXT NOT NULL REFERENCES study_cards(key),
            deck_id TEXT NOT NULL,
            reviewed_at TEXT NOT NULL,
            day TEXT NOT NULL,
            grade INTEGER NOT NULL CHECK (grade BETWEEN 0 AND 5),
            state TEXT NOT NULL,
            answer_ms INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX redrill_log_key ON redrill_log(key, id);
        """
    )


@_migration("0008_leeches")
def _leeches(db: Database) -> None:
    db.executescript(
        """
        -- A study card that lapsed as often as the leech threshold says (see
        -- neuroquiz.study.leeches) is a leech: marked here and its card suspended. Kept on
        -- the study card, not in card_tags, which sync rewrites from the deck files; the mark
        -- stays when the card is unsuspended and goes when the card's content changes. Cards
        -- that lapsed before this migration are not marked: a card becomes a leech when the
        -- lapse that reaches the threshold is graded.
        ALTER TABLE study_cards ADD COLUMN leech INTEGER NOT NULL DEFAULT 0
            CHECK (leech IN (0, 1));
        -- is:leech and the leech count read this small index, not 100k study cards.
        CREATE INDEX study_cards_leech ON study_cards(card_id) WHERE leech = 1 AND retired = 0;
        """
    )


@_migration("0009_review_anki_ids")
def _review_anki_ids(db: Database) -> None:
    db.executescript(
        """
        -- The id of the Anki revlog row an answer was imported from (source 'anki'; NULL for
        -- neuroquiz's own): importing the same Anki history again adds no row. Unique per
        -- study card, as Anki's ids are unique in one collection.
        ALTER TABLE review_log ADD COLUMN anki_id INTEGER;
        CREATE UNIQUE INDEX review_log_anki ON review_log(anki_id, key) WHERE anki_id IS NOT NULL;
        """
    )


@_migration("0010_anki_exported")
def _anki_exported(db: Database) -> None:
    db.executescript(
        """
        -- What the last `export anki` wrote of each card (its Anki note), so that the next
        -- export can say what it leaves behind in Anki (neuroquiz.anki.left_behind): the deck
        -- id and Anki deck name, the note type ('basic', 'cloze', 'mcq'), the Anki card
        -- ordinals (JSON: the cloze numbers, [0] otherwise) and the start of its question.
        CREATE TABLE anki_exported (
            card_id TEXT PRIMARY KEY,
            deck_id TEXT NOT NULL,
            deck_name TEXT NOT NULL,
            kind TEXT NOT NULL,
            ordinals TEXT NOT NULL,
            label TEXT NOT NULL
        ) WITHOUT ROWID;
        """
    )


@_migration("0011_card_modified")
def _card_modified(db: Database) -> None:
    db.executescript(
        """
        -- When the card's content (its payload, or its deck) last changed, in epoch
        -- nanoseconds: the modification time of its deck file when a sync added the card or
        -- found it changed (never earlier than a second after the time it replaces), NULL if
        -- unknown. `export anki` gives each Anki note its own card's time, so that an edit of
        -- one card does not make every note of its file newer than what Anki holds (#11).
        -- Cards already here take their deck file's time at its last sync (their content
        -- changed at the latest then, and earlier exports gave their notes that time or a
        -- later one); NULL when no trusted stamp of the file matches the deck's rows.
        ALTER TABLE cards ADD COLUMN content_changed_ns INTEGER;
        UPDATE cards SET content_changed_ns = (
            SELECT f.mtime_ns FROM deck_files AS f JOIN decks AS d ON d.id = f.deck_id
            WHERE f.deck_id = cards.deck_id AND f.mtime_ns >= 0
                AND d.fingerprint = f.fingerprint
        );
        """
    )


MIGRATION_NAMES: tuple[str, ...] = tuple(name for name, _ in _STEPS)
"""Names of the migrations above, in order."""
SCHEMA_VERSION = len(_STEPS)
"""The schema version this neuroquiz knows: the number of its migrations. It is also
written to ``PRAGMA user_version``, where other tools can read it."""


@functools.cache
def migrations() -> Migrations:
    """The ``sqlite_utils.Migrations`` set of neuroquiz (built on first use)."""
    from sqlite_utils import Migrations

    steps = Migrations(MIGRATION_SET)
    for name, fn in _STEPS:
        steps(name=name)(fn)
    return steps


@dataclass(frozen=True)
class SchemaStatus:
    """What a database holds, read without writing anything.

    Attributes:
        version: Number of neuroquiz migrations applied, or ``PRAGMA user_version`` if
            higher (0 for an empty database).
        unknown: Applied neuroquiz migrations this neuroquiz does not know (a newer schema).
        foreign: True if the database has tables but is not a neuroquiz database.
    """

    version: int
    unknown: tuple[str, ...]
    foreign: bool

    @property
    def is_newer(self) -> bool:
        """True if a newer neuroquiz wrote this database."""
        return bool(self.unknown) or self.version > SCHEMA_VERSION

    @property
    def is_current(self) -> bool:
        """True if every migration is applied and none is unknown."""
        return not self.is_newer and self.version == SCHEMA_VERSION


def schema_status(db: Database) -> SchemaStatus:
    """Read the schema version of ``db`` (read-only).

    The version is the number of neuroquiz migrations recorded, or ``PRAGMA user_version``
    if that is higher (a newer neuroquiz may set it).

    Raises:
        sqlite3.DatabaseError: if the file is not a readable SQLite database.
    """
    tables = {
        row[0]
        for row in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        ).fetchall()
    }
    applied = [m.name for m in migrations().applied(db)]
    user_version = int(db.execute("PRAGMA user_version").fetchone()[0])
    unknown = tuple(name for name in applied if name not in MIGRATION_NAMES)
    foreign = bool(tables - {MIGRATIONS_TABLE}) and not applied
    version = max(len(applied), user_version)
    return SchemaStatus(version=version, unknown=unknown, foreign=foreign)


def migrate(db: Database) -> int:
    """Apply every pending migration in ONE transaction; return how many were applied.

    All or nothing: if any migration fails, the database is left exactly as it was. The
    transaction takes the write lock first and looks for pending migrations again under it,
    so two processes opening the same new or old database at once migrate it exactly once.
    """
    if not migrations().pending(db):
        return 0
    with write_transaction(db):
        pending = migrations().pending(db)
        if pending:
            migrations().apply(db)
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    return len(pending)
