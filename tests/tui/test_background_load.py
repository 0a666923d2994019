"""Started without loaded decks, the app opens on the store and loads the files in a worker."""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import DataTable, Static

from neuroquiz.decks import LoadResult, load_decks
from neuroquiz.decks.listing import DeckListing
from neuroquiz.decks.stamps import iter_deck_files
from neuroquiz.models import BasicCard, Deck
from neuroquiz.store import ProgressStore
from neuroquiz.tui import deck_read as app_module

AppFactory = Callable[..., Any]


class GatedLoader:
    """``iter_deck_files`` that waits for :meth:`release` (first call only) and counts calls."""

    def __init__(self, results: list[LoadResult] | None = None) -> None:
        self.gate = threading.Event()
        self.calls = 0
        self.results = results

    def __call__(self, paths: list[Path], known: Any, card_ids: Any) -> Any:
        self.calls += 1
        call = self.calls
        if call == 1:
            assert self.gate.wait(10), "the test never released the load"
        if self.results is not None:
            result = self.results[call - 1]
            return iter([*result.problems, *result.decks])
        return iter_deck_files(paths, known, card_ids)

    def release(self) -> None:
        self.gate.set()


def _rows(table: DataTable[Any]) -> list[list[str]]:
    return [
        [str(getattr(cell, "plain", cell)) for cell in table.get_row_at(row)]
        for row in range(table.row_count)
    ]


def test_home_shows_the_store_at_once_then_the_loaded_files(
    make_app: AppFactory,
    store: ProgressStore,
    decks_dir: Path,
    run: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The store knows the basics deck from an earlier session; the files have grown since.
    basics = [d for d in load_decks([decks_dir]).decks if d.deck.id == "basics"]
    store.sync([basics[0].deck])
    (decks_dir / "broken.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    loader = GatedLoader()
    monkeypatch.setattr(app_module, "iter_deck_files", loader)
    app = make_app(loaded=None)

    async def scenario(pilot: Any) -> None:
        table = app.screen.query_one("#decks", DataTable)
        totals = app.screen.query_one("#totals", Static)
        assert app.decks_loading
        # 4 study cards, 3 new today (the cloze's c2 is buried).
        assert _rows(table) == [["Neuro basics", "3", "0", "0", "4", "never"]]
        assert "loading decks…" in str(totals.content)
        info = str(app.screen.query_one("#deck-info", Static).content)
        assert info == "Neuro basics — A few core facts."  # as last synced
        await pilot.press("down")  # the screen answers while the files load
        assert not app.screen.query_one("#problems", Static).display

        loader.release()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not app.decks_loading
        assert [row[0] for row in _rows(table)] == ["Neuro basics", "Vascular"]
        assert "loading" not in str(totals.content)
        banner = app.screen.query_one("#problems", Static)
        assert banner.display and "broken.yaml:1:8: invalid YAML" in str(banner.content)

    run(app, scenario)
    assert {deck.id for deck in store.decks()} == {"basics", "vascular"}
    assert loader.calls == 1


def test_an_empty_store_says_the_decks_are_loading(
    make_app: AppFactory, decks_dir: Path, run: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    loader = GatedLoader()
    monkeypatch.setattr(app_module, "iter_deck_files", loader)
    app = make_app(loaded=None)

    async def scenario(pilot: Any) -> None:
        totals = app.screen.query_one("#totals", Static)
        assert str(totals.content) == f"Loading the decks in {decks_dir}…"
        assert app.screen.query_one("#decks", DataTable).row_count == 0
        loader.release()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen.query_one("#decks", DataTable).row_count == 2
        assert str(totals.content).startswith("4 new · 0 reviews today · 2 decks")
        assert app.decks_version == 1  # the sync changed the store: the screens refresh

    run(app, scenario)


def test_an_unchanged_store_is_not_reported_as_reloaded(
    make_app: AppFactory, store: ProgressStore, decks_dir: Path, run: Any
) -> None:
    store.sync([item.deck for item in load_decks([decks_dir]).decks])
    app = make_app(loaded=None)

    async def scenario(pilot: Any) -> None:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not app.decks_loading
        assert app.decks_version == 0  # nothing changed: no refresh, no "reloaded" toast
        assert [d.id for d in app.loaded.decks] == ["basics", "vascular"]

    run(app, scenario)


def test_the_newest_reload_wins_over_a_slower_older_one(
    make_app: AppFactory, store: ProgressStore, decks_dir: Path, run: Any, monkeypatch: Any
) -> None:
    everything = load_decks([decks_dir])
    older = LoadResult(decks=everything.decks[:1], problems=())
    loader = GatedLoader(results=[older, everything])
    monkeypatch.setattr(app_module, "iter_deck_files", loader)
    app = make_app(loaded=None)

    async def scenario(pilot: Any) -> None:
        app.reload_decks()  # replaces the start-up load, which is still reading
        await pilot.pause()
        loader.release()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert loader.calls == 2
        assert app.loaded == DeckListing.of(everything)
        assert not app.decks_loading

    run(app, scenario)
    assert {deck.id for deck in store.decks()} == {"basics", "vascular"}


class LastFileLoader:
    """``iter_deck_files`` that, having handed out every file, ends only once the worker is
    cancelled: a load whose reading is over when the app closes."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, paths: list[Path], known: Any, card_ids: Any) -> Any:
        from textual.worker import get_current_worker

        self.calls += 1
        worker = get_current_worker()
        yield from iter_deck_files(paths, known, card_ids)
        assert worker.cancelled_event.wait(10), "the app never closed"


def test_a_load_finished_after_the_app_closed_is_synced_on_the_way_out(
    make_app: AppFactory, store: ProgressStore, run: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    loader = LastFileLoader()
    monkeypatch.setattr(app_module, "iter_deck_files", loader)
    app = make_app(loaded=None)

    async def scenario(pilot: Any) -> None:
        assert app.decks_loading
        # The user quits as the last file is read; the load ends after the screen is gone.

    run(app, scenario)
    assert store.decks() == []
    app.finish_loading()
    assert loader.calls == 1  # the finished load is used, not read again
    assert {deck.id for deck in store.decks()} == {"basics", "vascular"}
    assert [d.id for d in app.loaded.decks] == ["basics", "vascular"]


def test_the_loaded_models_are_left_out_of_garbage_collection_while_the_app_runs(
    make_app: AppFactory, run: Any
) -> None:
    app = make_app(loaded=None)
    frozen: list[int] = []

    async def scenario(pilot: Any) -> None:
        await app.workers.wait_for_complete()
        await pilot.pause()
        frozen.append(gc.get_freeze_count())

    run(app, scenario)
    assert frozen[0] > 0  # full collections skip what lives as long as the app
    assert gc.get_freeze_count() == 0  # and get them back when the app closes


class SlowLoader:
    """``iter_deck_files`` whose second file takes until the worker is cancelled (a quit).

    Counts the files handed out, so a test sees whether the load went on after the quit.
    """

    def __init__(self) -> None:
        self.handed = 0
        self.cancelled_seen = False

    def __call__(self, paths: list[Path], known: Any, card_ids: Any) -> Any:
        from textual.worker import get_current_worker

        worker = get_current_worker()
        for index, item in enumerate(iter_deck_files(paths, known, card_ids)):
            if index == 1:  # a long file: read until the app is asked to quit
                self.cancelled_seen = worker.cancelled_event.wait(10)
            self.handed += 1
            yield item


def test_quitting_during_the_load_stops_it_and_writes_nothing(
    make_app: AppFactory,
    store: ProgressStore,
    decks_dir: Path,
    run: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """ctrl+q does not wait for the rest of the deck files (#13 defect 13)."""
    for name in ("c", "d", "e"):
        (decks_dir / f"{name}.yaml").write_text(
            f"title: {name}\ncards:\n  - id: {name}-1\n    type: basic\n"
            f"    front: Q {name}\n    back: A\n",
            encoding="utf-8",
        )
    loader = SlowLoader()
    monkeypatch.setattr(app_module, "iter_deck_files", loader)
    app = make_app(loaded=None)

    async def scenario(pilot: Any) -> None:
        assert app.decks_loading
        await pilot.press("ctrl+q")

    run(app, scenario)
    assert loader.cancelled_seen  # the quit reached the worker while it read
    assert loader.handed == 2  # and it read no further file
    app.finish_loading()  # the CLI's call once run() returns: nothing to read or write
    assert loader.handed == 2
    assert store.decks() == []  # the store as it was; the next start syncs


def test_another_deck_folder_is_a_warning_naming_the_last_one(
    make_app: AppFactory, store: ProgressStore, decks_dir: Path, run: Any
) -> None:
    """#13 defect 12: started on another --decks folder, the app hid decks without a word."""
    extra = Deck(
        id="spine",
        title="Spine",
        cards=(BasicCard(id="spine-1", front="Level of the conus?", back="L1-L2"),),
    )
    decks = [item.deck for item in load_decks([decks_dir]).decks]
    store.sync([*decks, extra], decks_dir="/srv/team/decks")
    app = make_app(loaded=None)

    async def scenario(pilot: Any) -> None:
        await app.workers.wait_for_complete()
        await pilot.pause()
        shown = [n for n in app._notifications if n.title == "Another deck folder"]
        assert [n.message for n in shown] == [
            f"This database was last synced from /srv/team/decks, not {decks_dir.resolve()}: "
            f"1 deck not in {decks_dir.resolve()} is hidden and 1 card retired (progress "
            "kept; --decks /srv/team/decks brings them back)."
        ]
        assert shown[0].severity == "warning"
        assert [row[0] for row in _rows(app.screen.query_one("#decks", DataTable))] == [
            "Neuro basics",
            "Vascular",
        ]

    run(app, scenario)
    assert store.last_decks_dir() == str(decks_dir.resolve())


def test_a_sync_on_the_way_out_returns_the_warning_for_the_cli(
    make_app: AppFactory, store: ProgressStore, decks_dir: Path
) -> None:
    store.sync([], decks_dir="/srv/team/decks")
    app = make_app(loaded=None)  # never run: the load happens in finish_loading
    warning = app.finish_loading()
    assert warning == (
        f"this database was last synced from /srv/team/decks, not {decks_dir.resolve()}; "
        f"it follows {decks_dir.resolve()} from now on"
    )
