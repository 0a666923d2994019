"""Issue 12 #13: an undo the database refused (lock held, disk full) can be tried again.

The session used to forget the answer before the store had undone it: the answer stayed
recorded, and ``u`` could no longer undo it. It is now forgotten only once the undo commits.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from neuroquiz.errors import DiskFullError
from neuroquiz.models import ReviewState
from neuroquiz.study import StudySession
from neuroquiz.tui.screens.study import StudyScreen

from .faults import DISK_FULL, failing_store
from .study_driver import NOW, setup
from .tui_helpers import current_key, deck_folder, notifications, run_headless, study_app


def test_an_answer_whose_undo_failed_is_still_undoable() -> None:
    store, conn = failing_store()
    setup(store, decks=1, cards=6)
    session = StudySession(store, clock=lambda: NOW, rng=random.Random(1))
    first = session.answer(5)
    assert first.log_id is not None

    conn.failure = DISK_FULL
    with pytest.raises(DiskFullError):
        session.undo()
    assert session.can_undo
    assert store.review_log_ids(first.key) == [first.log_id]  # still recorded
    assert session.current is not None and session.current.key != first.key

    conn.failure = None
    restored = session.undo()
    assert restored is not None and restored.key == first.key
    assert store.review_log_ids(first.key) == []
    assert store.state(first.key) == ReviewState()
    assert not session.can_undo


def test_a_suspension_whose_undo_failed_is_still_undoable() -> None:
    store, conn = failing_store()
    setup(store, decks=1, cards=6)
    session = StudySession(store, clock=lambda: NOW, rng=random.Random(1))
    current = session.current
    assert current is not None
    session.suspend()
    card_id = current.card.id

    conn.failure = DISK_FULL
    with pytest.raises(DiskFullError):
        session.undo()
    assert store.is_suspended(card_id) and session.can_undo

    conn.failure = None
    restored = session.undo()
    assert restored is not None and restored.key == current.key
    assert not store.is_suspended(card_id)


def test_u_after_a_failed_undo_undoes_the_answer(tmp_path: Path) -> None:
    store, conn = failing_store()
    app = study_app(store, deck_folder(tmp_path))
    seen: dict[str, Any] = {}

    async def scenario(pilot: Any) -> None:
        await pilot.press("a", "space", "5")
        await pilot.pause()
        seen["answered"] = store.db.execute("SELECT key FROM review_log").fetchone()[0]
        conn.failure = DISK_FULL
        await pilot.press("u")
        await pilot.pause()
        assert isinstance(app.screen, StudyScreen)
        seen["after failed undo"] = current_key(app)
        seen["notes"] = notifications(app)
        conn.failure = None
        await pilot.press("u")
        await pilot.pause()
        seen["after undo"] = current_key(app)
        seen["status"] = str(app.screen.query_one("#study-status").render())

    run_headless(app, scenario)
    assert seen["after failed undo"] != seen["answered"]  # nothing undone yet
    assert any("disk full" in note for note in seen["notes"])
    assert seen["after undo"] == seen["answered"]
    assert "answer undone" in seen["status"]
    assert store.db.execute("SELECT count(*) FROM review_log").fetchone()[0] == 0
