"""Issue 12 #14: each failure says what it is.

A full disk at open said "corrupt"; a read-only database said "cannot create database"; a
deck file that is a symbolic link was replaced by a regular file on save. SQLite's codes now
map to plain words (SQLITE_FULL: disk full, SQLITE_READONLY or a permission: read-only,
SQLITE_BUSY: busy, SQLITE_CORRUPT: damaged), and a linked deck file is written through to
its target inside the deck folder, or refused with one line.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
from pathlib import Path
from typing import Any

import pytest

import neuroquiz.store.open
from neuroquiz.decks import load_decks, save_deck, upsert_card
from neuroquiz.errors import (
    DatabaseBusyError,
    DatabaseReadOnlyError,
    DiskFullError,
    NeuroquizError,
)
from neuroquiz.models import BasicCard, Deck
from neuroquiz.store import open_store
from neuroquiz.store.failures import Failure, database_error, failure_of
from neuroquiz.store.identity import FileConnection

from .faults import failing_store, tiny_tmpfs
from .study_driver import setup
from .test_hostile_db import DECK_YAML, assert_refused, real_database, run_cli

# -- SQLite's codes in plain words ----------------------------------------------------------


def _coded(message: str, code: int) -> sqlite3.OperationalError:
    error = sqlite3.OperationalError(message)
    error.sqlite_errorcode = code  # type: ignore[attr-defined]
    return error


@pytest.mark.parametrize(
    ("error", "kind"),
    [
        (_coded("database or disk is full", 13), Failure.FULL),
        (_coded("disk I/O error", 10 | (19 << 8)), Failure.FULL),  # SQLITE_IOERR_SHMSIZE
        (_coded("attempt to write a readonly database", 8), Failure.READONLY),
        (_coded("attempt to write a readonly database", 8 | (3 << 8)), Failure.READONLY),
        (_coded("access permission denied", 3), Failure.READONLY),
        (_coded("database is locked", 5), Failure.BUSY),
        (_coded("database table is locked", 6), Failure.BUSY),
        (_coded("disk I/O error", 10), Failure.IOERR),
        (_coded("database disk image is malformed", 11), Failure.CORRUPT),
        (_coded("file is not a database", 26), Failure.CORRUPT),
        (_coded("unable to open database file", 14), Failure.CANTOPEN),
        (sqlite3.OperationalError("database or disk is full"), Failure.FULL),  # no code
        (sqlite3.OperationalError("attempt to write a readonly database"), Failure.READONLY),
        (sqlite3.OperationalError("near 'SELEC': syntax error"), None),  # a bug: unexplained
        (sqlite3.IntegrityError("UNIQUE constraint failed: cards.id"), None),
    ],
)
def test_sqlite_failures_are_named(error: sqlite3.Error, kind: Failure | None) -> None:
    assert failure_of(error) is kind


def test_each_failure_has_its_own_error_and_words(tmp_path: Path) -> None:
    db = tmp_path / "progress.db"
    cases: list[tuple[str, type[NeuroquizError], str]] = [
        ("database or disk is full", DiskFullError, "disk full"),
        ("attempt to write a readonly database", DatabaseReadOnlyError, "read-only"),
        ("database is locked", DatabaseBusyError, "busy"),
        ("database disk image is malformed", NeuroquizError, "damaged"),
    ]
    for message, kind, words in cases:
        explained = database_error(sqlite3.OperationalError(message), db)
        assert type(explained) is kind
        assert str(explained).startswith(f"{db}: ") and words in str(explained)
        assert "corrupt" not in str(explained)


def test_a_write_to_a_read_only_database_says_read_only() -> None:
    store, conn = failing_store()
    conn.failure = "attempt to write a readonly database"
    with pytest.raises(DatabaseReadOnlyError, match="database is read-only"):
        setup(store, decks=1, cards=3)


# -- opening -------------------------------------------------------------------------------


class _FullDiskConnection(FileConnection):
    """A connection on a disk that has just filled up: switching to WAL cannot write."""

    def execute(self, sql: str, *args: Any, **kwargs: Any) -> sqlite3.Cursor:
        if "journal_mode" in sql.lower() and "wal" in sql.lower():
            raise sqlite3.OperationalError("database or disk is full")
        return super().execute(sql, *args, **kwargs)


def test_a_full_disk_at_open_says_disk_full_not_corrupt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(neuroquiz.store.open, "FileConnection", _FullDiskConnection)
    db = tmp_path / "progress.db"
    with pytest.raises(DiskFullError) as caught:
        open_store(db)
    message = str(caught.value)
    assert message.startswith(f"{db}: disk full") and "corrupt" not in message
    assert not db.exists()  # the new file it made is gone again


def test_a_full_disk_when_creating_the_database_says_disk_full(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_room(path: Path) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))

    monkeypatch.setattr(neuroquiz.store.open, "create_private_file", no_room)
    with pytest.raises(DiskFullError, match=r"disk full: cannot create the database"):
        open_store(tmp_path / "progress.db")


def test_a_really_full_disk_at_open_says_disk_full(tmp_path: Path) -> None:
    decks = tmp_path / "decks"
    decks.mkdir()
    (decks / "tiny.yaml").write_text(DECK_YAML, encoding="utf-8")
    with tiny_tmpfs(tmp_path / "small") as small:
        db = real_database(small / "progress.db", cards=100)
        with (small / "filler").open("wb", buffering=0) as handle, contextlib.suppress(OSError):
            while True:
                handle.write(b"\0" * 512)
        before = db.read_bytes()
        for command in ("stats", "sync"):
            result = run_cli(db, decks, command)
            # SQLite says "disk I/O error": it cannot grow the WAL index (-shm).
            assert_refused(result, f"{db}: disk full")
            assert "corrupt" not in result.stderr
        assert db.read_bytes() == before


# -- deck files that are links -------------------------------------------------------------


def _card(back: str) -> BasicCard:
    return BasicCard(id="monro", front="What connects the ventricles?", back=back)


def test_saving_through_a_link_inside_the_deck_folder_writes_its_target(tmp_path: Path) -> None:
    decks = tmp_path / "decks"
    (decks / "shared").mkdir(parents=True)
    target = decks / "shared" / "anatomy.yaml"
    save_deck(target, Deck(id="anatomy", title="Anatomy", cards=(_card("Monro"),)))
    link = decks / "neuro.yaml"
    link.symlink_to(Path("shared") / "anatomy.yaml")

    upsert_card(link, _card("foramen of Monro"), root=decks)

    assert link.is_symlink() and os.readlink(link) == str(Path("shared") / "anatomy.yaml")
    assert "foramen of Monro" in target.read_text(encoding="utf-8")
    loaded = load_decks([decks / "neuro.yaml"])
    assert [card.back for card in loaded.decks[0].deck.cards] == ["foramen of Monro"]  # type: ignore[union-attr]


def test_a_link_to_a_file_outside_the_deck_folder_is_refused(tmp_path: Path) -> None:
    elsewhere = tmp_path / "dropbox" / "neuro.yaml"
    elsewhere.parent.mkdir()
    save_deck(elsewhere, Deck(id="neuro", title="Neuro", cards=(_card("Monro"),)))
    before = elsewhere.read_bytes()
    decks = tmp_path / "decks"
    decks.mkdir()
    link = decks / "neuro.yaml"
    link.symlink_to(elsewhere)

    with pytest.raises(NeuroquizError) as caught:
        upsert_card(link, _card("foramen of Monro"), root=decks)

    message = str(caught.value)
    # refused when the file is read (#12 item 6) or when it is saved (#12 defect 14)
    assert message.startswith(f"{link}:") and str(elsewhere) in message
    assert "outside the deck folder" in message
    assert "\n" not in message
    assert link.is_symlink() and elsewhere.read_bytes() == before


def test_a_dangling_link_is_refused_not_replaced(tmp_path: Path) -> None:
    decks = tmp_path / "decks"
    decks.mkdir()
    link = decks / "neuro.yaml"
    link.symlink_to(decks / "gone.yaml")
    with pytest.raises(NeuroquizError, match="is a link that leads to no file"):
        save_deck(link, Deck(id="neuro", title="Neuro"))
    assert link.is_symlink() and not (decks / "gone.yaml").exists()
