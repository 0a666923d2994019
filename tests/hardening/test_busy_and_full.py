"""Issue 12 #3: a busy or full database never ends the app, and never loses a grade.

Another program holding the write lock past the busy timeout (a long ``neuroquiz sync``), or
a full disk: the app stays up, says so in a notification, keeps the card on screen with its
answer shown, acknowledges nothing, and the same grade is stored once the database can be
written again. Sync writes in short transactions, so it never holds the lock for long.
"""

from __future__ import annotations

import functools
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import neuroquiz.store
from neuroquiz.cli import cli
from neuroquiz.models import BasicCard, Deck
from neuroquiz.store import ProgressStore, open_store
from neuroquiz.store.sync import sync_decks
from neuroquiz.tui.screens.study import StudyScreen

from .faults import DISK_FULL, failing_store, fill_disk, tiny_tmpfs
from .test_hostile_db import DECK_YAML
from .tui_helpers import current_key, deck_folder, notifications, run_headless, study_app


@pytest.fixture(autouse=True)
def _no_animation(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")


def _logged(store: ProgressStore) -> list[str]:
    return [str(row[0]) for row in store.db.execute("SELECT key FROM review_log ORDER BY id")]


def test_a_grade_while_another_program_holds_the_lock_says_busy_and_keeps_the_card(
    tmp_path: Path,
) -> None:
    db = tmp_path / "progress.db"
    store = open_store(db, busy_timeout_ms=100)  # a short wait, not 5 s, for the test
    app = study_app(store, deck_folder(tmp_path))
    other = sqlite3.connect(db, isolation_level=None)
    seen: dict[str, Any] = {}

    async def scenario(pilot: Any) -> None:
        await pilot.press("a", "space")
        await pilot.pause()
        first = current_key(app)
        other.execute("BEGIN IMMEDIATE")  # a long sync in another terminal
        await pilot.press("5")
        await pilot.pause()
        assert isinstance(app.screen, StudyScreen)  # still up, same card, answer shown
        assert current_key(app) == first
        assert app.screen.revealed
        assert _logged(store) == []  # nothing acknowledged, nothing stored
        seen["notes"] = notifications(app)
        other.execute("ROLLBACK")  # the other program is done
        await pilot.press("5")
        await pilot.pause()
        assert _logged(store) == [first]
        assert current_key(app) != first
        seen["first"] = first

    try:
        run_headless(app, scenario)
    finally:
        other.close()
        store.close()
    busy = [note for note in seen["notes"] if "database is busy" in note]
    assert len(busy) == 1 and f"{db}: " in busy[0] and "nothing was saved" in busy[0]
    assert app.return_code in (None, 0)


def test_a_grade_on_a_full_disk_says_disk_full_and_keeps_the_card(tmp_path: Path) -> None:
    store, conn = failing_store()
    app = study_app(store, deck_folder(tmp_path))
    seen: dict[str, Any] = {}

    async def scenario(pilot: Any) -> None:
        await pilot.press("a", "space")
        await pilot.pause()
        first = current_key(app)
        conn.failure = DISK_FULL
        await pilot.press("4")
        await pilot.pause()
        assert isinstance(app.screen, StudyScreen) and current_key(app) == first
        assert _logged(store) == []
        seen["notes"] = notifications(app)
        conn.failure = None  # some space was freed
        await pilot.press("4")
        await pilot.pause()
        assert _logged(store) == [first]

    run_headless(app, scenario)
    assert conn.failed == 1
    assert any("disk full" in note and "nothing was saved" in note for note in seen["notes"])


def test_a_suspension_on_a_full_disk_says_so_and_keeps_the_card(tmp_path: Path) -> None:
    store, conn = failing_store()
    app = study_app(store, deck_folder(tmp_path))
    seen: dict[str, Any] = {}

    async def scenario(pilot: Any) -> None:
        await pilot.press("a")
        await pilot.pause()
        seen["first"] = current_key(app)
        conn.failure = DISK_FULL
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, StudyScreen)
        seen["after"] = current_key(app)
        seen["notes"] = notifications(app)

    run_headless(app, scenario)
    assert seen["after"] == seen["first"]
    assert not store.is_suspended(str(seen["first"]))
    assert any("disk full" in note for note in seen["notes"])
    assert not any("suspended" in note.lower() for note in seen["notes"])


def test_a_grade_on_a_really_full_disk_is_kept_until_there_is_room(tmp_path: Path) -> None:
    with tiny_tmpfs(tmp_path / "small") as small:
        db = small / "progress.db"
        store = open_store(db)
        app = study_app(store, deck_folder(tmp_path))
        seen: dict[str, Any] = {}

        async def scenario(pilot: Any) -> None:
            await pilot.press("a", "space")
            await pilot.pause()
            first = current_key(app)
            filler = fill_disk(small)
            await pilot.press("3")
            await pilot.pause()
            assert isinstance(app.screen, StudyScreen) and current_key(app) == first
            seen["notes"] = notifications(app)
            filler.unlink()
            await pilot.press("3")
            await pilot.pause()
            seen["first"] = first

        try:
            run_headless(app, scenario)
            assert _logged(store) == [seen["first"]]
        finally:
            store.close()
        assert any("disk full" in note for note in seen["notes"]), seen["notes"]


# -- sync in short transactions -------------------------------------------------------------


def _decks(back: str, cards: int = 60) -> list[Deck]:
    return [
        Deck(
            id=f"deck-{d}",
            title=f"Deck {d}",
            cards=tuple(
                BasicCard(id=f"d{d}-c{i}", front=f"Q {i}?", back=f"{back} {i}", tags=["t"])
                for i in range(cards)
            ),
        )
        for d in range(2)
    ]


def _content(store: ProgressStore) -> list[str]:
    """Rows and schema; the full-text index by what it finds (its segments depend on how
    the rows came in, not on what they are)."""
    lines = [
        line
        for line in store.db.conn.iterdump()
        if "_sqlite_migrations" not in line and "'@file'" not in line and '"card_text_' not in line
    ]
    found = store.db.execute(
        "SELECT rowid FROM card_text WHERE card_text MATCH 'first' OR card_text MATCH 'second' "
        "ORDER BY rowid"
    ).fetchall()
    return [*lines, repr(found)]


def _commits(store: ProgressStore) -> list[str]:
    statements: list[str] = []
    store.db.conn.set_trace_callback(statements.append)
    return statements


def test_a_large_sync_commits_in_short_batches_with_the_same_result(tmp_path: Path) -> None:
    whole = open_store(tmp_path / "whole.db")
    batched = open_store(tmp_path / "batched.db")
    for back in ("first", "second"):
        sync_decks(whole.db, _decks(back), batch_rows=1_000_000)
        statements = _commits(batched)
        sync_decks(batched.db, _decks(back), batch_rows=25)
        batched.db.conn.set_trace_callback(None)
        # 120 cards, 120 study cards, tags and text: hundreds of rows, 25 per transaction.
        assert statements.count("COMMIT") >= 10
        assert _content(batched) == _content(whole)
    whole.close()
    batched.close()


class _CutError(Exception):
    """Stops a sync after some batches, as a kill or a full disk would."""


def test_a_sync_cut_short_is_never_taken_for_done_and_the_next_one_completes_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from neuroquiz.store import sync as sync_module

    reference = open_store(tmp_path / "reference.db")
    sync_decks(reference.db, _decks("old"))
    sync_decks(reference.db, _decks("new"))
    for cut_after in (1, 3, 8, 15):
        store = open_store(tmp_path / f"cut-{cut_after}.db")
        sync_decks(store.db, _decks("old"))
        real = sync_module.apply_batch
        done = 0

        def failing(db: Any, batch: Any, real: Any = real, cut_after: int = cut_after) -> None:
            nonlocal done
            if done == cut_after:
                raise _CutError
            done += 1
            real(db, batch)

        monkeypatch.setattr(sync_module, "apply_batch", failing)
        with pytest.raises(_CutError):
            sync_decks(store.db, _decks("new"), batch_rows=20)
        monkeypatch.setattr(sync_module, "apply_batch", real)
        # The changed decks lost their fingerprints: the next sync does not skip them.
        assert store.deck_fingerprints() != reference.deck_fingerprints()
        sync_decks(store.db, _decks("new"))
        assert _content(store) == _content(reference), cut_after
        store.close()
    reference.close()


def test_sync_while_another_program_holds_the_lock_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "progress.db"
    open_store(db).close()
    decks = tmp_path / "decks"
    decks.mkdir()
    (decks / "tiny.yaml").write_text(DECK_YAML, encoding="utf-8")
    quick = functools.partial(neuroquiz.store.open_store, busy_timeout_ms=100)
    monkeypatch.setattr(neuroquiz.store, "open_store", quick)
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        result = CliRunner().invoke(cli, ["--db", str(db), "--decks", str(decks), "sync"])
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert len(lines) == 1, result.output
    assert lines[0].startswith(f"neuroquiz: error: {db}: database is busy")
