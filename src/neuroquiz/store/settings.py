"""Settings kept in the database: daily limits (global and per deck), the day start hour,
study options (sibling burying, the leech threshold), the deck directory the database
was last synced from and the app's theme.

Values are JSON in the ``settings`` table; scope ``''`` is global, otherwise a deck id.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from neuroquiz.store.transaction import write_transaction

if TYPE_CHECKING:
    from sqlite_utils import Database


GLOBAL_SCOPE = ""
DEFAULT_DAY_START_HOUR = 4
"""The study day starts at 4 am local time unless configured (as in Anki)."""

_NEW = "new_per_day"
_REVIEWS = "reviews_per_day"
_DAY_START = "day_start_hour"
_LEARNER = "learner_pseudonym"
_DECKS_DIR = "decks_dir"
_BURY = "bury_siblings"
_LEECH = "leech_lapses"
_EXTRA = "extra_today"
_THEME = "theme"


@dataclass(frozen=True)
class Limits:
    """Daily limits of study cards.

    The global limits cap the day's total over all decks; a deck's own limits also cap that
    deck. Both count every first answer of the study day, in any session or process.

    Attributes:
        new_per_day: New study cards introduced per day.
        reviews_per_day: Reviews of already-learned study cards per day.

    Raises:
        ValueError: if a limit is negative or not an integer.
    """

    new_per_day: int = 20
    reviews_per_day: int = 200

    def __post_init__(self) -> None:
        for name in (_NEW, _REVIEWS):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ValueError(f"{name} must be a whole number >= 0, got {value!r}")


@dataclass(frozen=True)
class StudyOptions:
    """How the study queue treats siblings and leeches (global, as in Anki's defaults).

    Attributes:
        bury_siblings: The study cards of one card (a cloze's c1 and c2, a reversed pair)
            are not shown on the same day: one is, the others wait for another day.
        leech_lapses: A study card that lapses (is forgotten after being learnt) this many
            times is a leech: it is marked so in the store (``study_cards.leech``, not a
            tag) and its card suspended; again every half of this many lapses after (see
            :mod:`neuroquiz.study.leeches`). 0 turns it off.

    Raises:
        ValueError: if ``leech_lapses`` is not a whole number from 0 to 1000.
    """

    bury_siblings: bool = True
    leech_lapses: int = 8

    def __post_init__(self) -> None:
        if not isinstance(self.bury_siblings, bool):
            raise ValueError(f"bury_siblings must be true or false, got {self.bury_siblings!r}")
        value = self.leech_lapses
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 1000:
            raise ValueError(f"leech_lapses must be a whole number from 0 to 1000, got {value!r}")


def _read(db: Database, scope: str) -> dict[str, object]:
    rows = db.execute("SELECT name, value FROM settings WHERE scope = ?", [scope]).fetchall()
    return {name: json.loads(value) for name, value in rows}


def _write(db: Database, scope: str, values: dict[str, object]) -> None:
    with write_transaction(db):
        db.conn.executemany(
            "INSERT INTO settings (scope, name, value) VALUES (?, ?, ?) "
            "ON CONFLICT (scope, name) DO UPDATE SET value = excluded.value",
            [(scope, name, json.dumps(value)) for name, value in values.items()],
        )


def own_limits(db: Database, deck_id: str | None) -> Limits | None:
    """The limits stored for ``deck_id`` (global if None), or None if none are stored."""
    values = _read(db, GLOBAL_SCOPE if deck_id is None else deck_id)
    if _NEW not in values and _REVIEWS not in values:
        return None
    default = Limits()
    return Limits(
        new_per_day=int(str(values.get(_NEW, default.new_per_day))),
        reviews_per_day=int(str(values.get(_REVIEWS, default.reviews_per_day))),
    )


def all_deck_limits(db: Database) -> dict[str, Limits]:
    """Every deck that has its own limits, with them (one query)."""
    rows = db.execute(
        "SELECT scope, name, value FROM settings WHERE scope != ? AND name IN (?, ?)",
        [GLOBAL_SCOPE, _NEW, _REVIEWS],
    ).fetchall()
    found: dict[str, dict[str, int]] = {}
    for scope, name, value in rows:
        found.setdefault(scope, {})[name] = int(json.loads(value))
    default = Limits()
    return {
        scope: Limits(
            new_per_day=values.get(_NEW, default.new_per_day),
            reviews_per_day=values.get(_REVIEWS, default.reviews_per_day),
        )
        for scope, values in found.items()
    }


def set_limits(db: Database, limits: Limits, deck_id: str | None) -> None:
    """Store ``limits`` globally (``deck_id=None``) or for one deck."""
    scope = GLOBAL_SCOPE if deck_id is None else deck_id
    _write(db, scope, {_NEW: limits.new_per_day, _REVIEWS: limits.reviews_per_day})


def clear_limits(db: Database, deck_id: str) -> None:
    """Forget a deck's own limits; the global ones apply to it again."""
    with write_transaction(db):
        db.conn.execute(
            "DELETE FROM settings WHERE scope = ? AND name IN (?, ?)", [deck_id, _NEW, _REVIEWS]
        )


def day_start_hour(db: Database) -> int:
    """The local hour at which a study day starts (default 4)."""
    value = _read(db, GLOBAL_SCOPE).get(_DAY_START, DEFAULT_DAY_START_HOUR)
    return int(str(value))


def set_day_start_hour(db: Database, hour: int) -> None:
    """Store the hour (0-23) at which a study day starts.

    Raises:
        ValueError: if ``hour`` is not an integer from 0 to 23.
    """
    if isinstance(hour, bool) or not isinstance(hour, int) or not 0 <= hour <= 23:
        raise ValueError(f"day start hour must be a whole number from 0 to 23, got {hour!r}")
    _write(db, GLOBAL_SCOPE, {_DAY_START: hour})


def study_options(db: Database) -> StudyOptions:
    """The study options stored, the defaults for those never set."""
    values = _read(db, GLOBAL_SCOPE)
    default = StudyOptions()
    bury = values.get(_BURY, default.bury_siblings)
    lapses = values.get(_LEECH, default.leech_lapses)
    return StudyOptions(
        bury_siblings=bury if isinstance(bury, bool) else default.bury_siblings,
        leech_lapses=int(str(lapses)),
    )


def set_study_options(db: Database, options: StudyOptions) -> None:
    """Store the study options."""
    _write(db, GLOBAL_SCOPE, {_BURY: options.bury_siblings, _LEECH: options.leech_lapses})


@dataclass(frozen=True)
class Extra:
    """Custom study: new cards and reviews added to one study day's limits.

    Attributes:
        new: New study cards added to the day's new-card limit.
        reviews: Reviews added to the day's review limit.

    Raises:
        ValueError: if a count is negative or not an integer.
    """

    new: int = 0
    reviews: int = 0

    def __post_init__(self) -> None:
        for name in ("new", "reviews"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ValueError(f"extra {name} must be a whole number >= 0, got {value!r}")


def extras(db: Database, day: date) -> dict[str, Extra]:
    """The extras of study day ``day`` by scope (``''`` global, else a deck id).

    Extras of another day are ignored: they were for that day only.
    """
    rows = db.execute("SELECT scope, value FROM settings WHERE name = ?", [_EXTRA]).fetchall()
    found: dict[str, Extra] = {}
    for scope, value in rows:
        stored = json.loads(value)
        if isinstance(stored, dict) and stored.get("day") == day.isoformat():
            found[str(scope)] = Extra(int(stored.get("new", 0)), int(stored.get("reviews", 0)))
    return found


def add_extra(db: Database, day: date, extra: Extra, deck_id: str | None) -> Extra:
    """Add ``extra`` to study day ``day``'s extras (global, or of one deck); return the sum.

    Read and written under one write lock, so two additions never lose one.
    """
    scope = GLOBAL_SCOPE if deck_id is None else deck_id
    with write_transaction(db):
        before = extras(db, day).get(scope, Extra())
        total = Extra(before.new + extra.new, before.reviews + extra.reviews)
        value = {"day": day.isoformat(), "new": total.new, "reviews": total.reviews}
        _write(db, scope, {_EXTRA: value})
    return total


def learner_pseudonym(db: Database, make: Callable[[], str]) -> str:
    """The learner's pseudonym kept in the database, made with ``make()`` on first use.

    Read and, if missing, written under one write lock, so two processes asking at once
    agree on one pseudonym.
    """
    with write_transaction(db):
        value = _read(db, GLOBAL_SCOPE).get(_LEARNER)
        if isinstance(value, str) and value:
            return value
        made = make()
        _write(db, GLOBAL_SCOPE, {_LEARNER: made})
    return made


def last_decks_dir(db: Database) -> str | None:
    """The deck directory the last complete full sync read, or None if never recorded."""
    value = _read(db, GLOBAL_SCOPE).get(_DECKS_DIR)
    return value if isinstance(value, str) and value else None


def record_decks_dir(db: Database, decks_dir: str) -> None:
    """Store the deck directory a full sync has just brought the database in line with.

    Only :func:`neuroquiz.store.sync.sync_prepared` calls this, once its last batch has
    committed: a sync cut short leaves the directory of the sync before it.
    """
    _write(db, GLOBAL_SCOPE, {_DECKS_DIR: decks_dir})


def theme(db: Database) -> str | None:
    """The theme last chosen in the app, or None if none was ever chosen."""
    value = _read(db, GLOBAL_SCOPE).get(_THEME)
    return value if isinstance(value, str) and value else None


def set_theme(db: Database, name: str) -> None:
    """Remember the theme chosen in the app (a Textual theme name)."""
    _write(db, GLOBAL_SCOPE, {_THEME: name})
