"""A database records the deck directory of its last complete full sync (#13 defect 12)."""

from __future__ import annotations

from typing import Any

import pytest
from sqlite_utils import Database

from neuroquiz.models import BasicCard, Deck
from neuroquiz.store import ProgressStore, SyncReport
from neuroquiz.store import sync as sync_module
from neuroquiz.study.decks_dir import moved_warning


def _deck(deck_id: str, cards: int = 2) -> Deck:
    return Deck(
        id=deck_id,
        title=deck_id.title(),
        cards=tuple(
            BasicCard(id=f"{deck_id}-{n}", front=f"Question {n} of {deck_id}?", back="yes")
            for n in range(cards)
        ),
    )


ALL = [_deck("anatomy"), _deck("trauma"), _deck("vascular")]


def test_the_first_full_sync_records_its_directory_and_warns_of_nothing() -> None:
    store = ProgressStore(Database(memory=True))
    assert store.last_decks_dir() is None
    report = store.sync(ALL, decks_dir="/home/a/decks")
    assert report.moved_from is None
    assert store.last_decks_dir() == "/home/a/decks"
    assert store.sync(ALL, decks_dir="/home/a/decks").moved_from is None


def test_another_directory_names_the_one_before_and_what_it_hid() -> None:
    store = ProgressStore(Database(memory=True))
    store.sync(ALL, decks_dir="/home/a/decks")
    report = store.sync([_deck("trauma")], decks_dir="/tmp/decks")
    assert report == SyncReport(retired=4, unchanged=2, retired_decks=2, moved_from="/home/a/decks")
    assert [d.id for d in store.decks()] == ["trauma"]
    assert store.last_decks_dir() == "/tmp/decks"
    assert moved_warning(report, "/tmp/decks") == (
        "this database was last synced from /home/a/decks, not /tmp/decks: 2 decks not in "
        "/tmp/decks are hidden and 4 cards retired (progress kept; --decks /home/a/decks "
        "brings them back)"
    )
    # Once followed, the new directory is the database's: no warning the second time.
    again = store.sync([_deck("trauma")], decks_dir="/tmp/decks")
    assert again.moved_from is None
    assert moved_warning(again, "/tmp/decks") is None
    # Back to the first directory: the decks come back, and the change is said again.
    back = store.sync(ALL, decks_dir="/home/a/decks")
    assert (back.restored, back.moved_from) == (4, "/tmp/decks")


def test_a_directory_with_the_same_decks_is_recorded_with_a_note() -> None:
    store = ProgressStore(Database(memory=True))
    store.sync(ALL, decks_dir="/home/a/decks")
    report = store.sync(ALL, decks_dir="/mnt/copy")  # nothing to write but the directory
    assert report.moved_from == "/home/a/decks"
    assert store.last_decks_dir() == "/mnt/copy"
    assert moved_warning(report, "/mnt/copy") == (
        "this database was last synced from /home/a/decks, not /mnt/copy; "
        "it follows /mnt/copy from now on"
    )


def test_a_partial_sync_or_one_without_a_directory_records_nothing() -> None:
    store = ProgressStore(Database(memory=True))
    store.sync(ALL, decks_dir="/home/a/decks")
    assert store.sync([_deck("trauma")], partial=True, decks_dir="/x").moved_from is None
    store.sync(ALL)
    assert store.last_decks_dir() == "/home/a/decks"


def test_the_directory_is_recorded_only_once_the_last_batch_committed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    store = ProgressStore(Database(memory=True))
    store.sync(ALL, decks_dir="/home/a/decks")
    real = sync_module.apply_batch
    done = 0

    def cut(db: Any, batch: Any) -> None:
        nonlocal done
        if done == 2:
            raise RuntimeError("cut")
        done += 1
        real(db, batch)

    many = [_deck("big", cards=40)]
    monkeypatch.setattr(sync_module, "apply_batch", cut)
    with pytest.raises(RuntimeError, match="cut"):
        sync_module.sync_decks(store.db, many, batch_rows=10, decks_dir="/tmp/decks")
    assert done == 2  # two batches committed, the rest not
    assert store.last_decks_dir() == "/home/a/decks"
    monkeypatch.setattr(sync_module, "apply_batch", real)
    report = sync_module.sync_decks(store.db, many, batch_rows=10, decks_dir="/tmp/decks")
    assert report.moved_from == "/home/a/decks"
    assert store.last_decks_dir() == "/tmp/decks"
