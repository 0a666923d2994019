"""``neuroquiz`` with no command: load and sync the decks, build the app, run it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from neuroquiz.cli.context import AppContext
from neuroquiz.cli.tui_cmd import launch_tui
from neuroquiz.errors import NeuroquizError
from neuroquiz.store import open_store
from neuroquiz.tui.app import NeuroquizApp


def test_launch_syncs_decks_and_runs_the_app(
    tmp_path: Path, decks_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (decks_dir / "broken.yaml").write_text("cards: [\n", encoding="utf-8")
    ran: list[NeuroquizApp] = []

    def fake_run(self: NeuroquizApp, *args: Any, **kwargs: Any) -> None:
        ran.append(self)

    monkeypatch.setattr(NeuroquizApp, "run", fake_run)
    db = tmp_path / "data" / "progress.db"
    launch_tui(AppContext(db_path=db, decks_dir=decks_dir))

    assert len(ran) == 1
    app = ran[0]
    assert app.decks_dir == decks_dir
    assert [problem.path.name for problem in app.loaded.problems] == ["broken.yaml"]
    now = app.clock()
    assert now.tzinfo is not None  # the real clock is aware and local
    store = open_store(db)
    try:
        assert {deck.id for deck in store.decks()} == {"basics", "vascular"}
    finally:
        store.close()


def test_a_bad_database_propagates_as_a_neuroquiz_error(
    tmp_path: Path, decks_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(NeuroquizApp, "run", lambda self: pytest.fail("the app must not run"))
    db = tmp_path / "progress.db"
    db.write_bytes(b"this is not a database" * 100)
    with pytest.raises(NeuroquizError, match=r"progress\.db"):
        launch_tui(AppContext(db_path=db, decks_dir=decks_dir))
