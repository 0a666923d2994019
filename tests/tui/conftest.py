"""Fixtures for the TUI tests: small decks in tmp_path, a fixed clock, a seeded rng.

Nothing touches the home directory: HOME, NEUROQUIZ_DB and NEUROQUIZ_DECKS point into
tmp_path, and the store lives in memory. Animations and cursor blink are off.
"""

from __future__ import annotations

import asyncio
import random
import textwrap
from collections.abc import Awaitable, Callable, Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from sqlite_utils import Database

from neuroquiz.decks import load_decks
from neuroquiz.store import ProgressStore
from neuroquiz.tui.app import NeuroquizApp, create_app

TZ = timezone(timedelta(hours=1))
NOW = datetime(2026, 3, 2, 9, 30, tzinfo=TZ)
"""The fixed time of every TUI test (a Monday morning, UTC+1)."""

SIZE = (80, 24)

BASICS_YAML = textwrap.dedent(
    """\
    title: Neuro basics
    description: A few core facts.
    cards:
      - id: gcs-range
        type: basic
        front: What is the range of the total Glasgow Coma Scale score?
        back: 3 to 15
        tags: [gcs]
        notes: 'Eye 1-4, verbal 1-5, motor 1-6.'
        source:
          document: trauma.txt
          sentences: ['The total score ranges from 3 to 15.']
      - id: monro-kellie
        type: cloze
        text: >-
          Inside the skull the volume of brain, blood and CSF is {{c1::constant}};
          a rise in one is offset by a fall in {{c2::another::what}}.
      - id: gcs-motor
        type: mcq
        question: What is the highest motor score of the Glasgow Coma Scale?
        answer: '6'
        distractors: ['4', '5', '7']
    """
)

VASCULAR_YAML = textwrap.dedent(
    """\
    title: Vascular
    cards:
      - id: sah-headache
        type: basic
        front: What headache is typical of subarachnoid haemorrhage?
        back: Sudden, the worst of the patient's life (thunderclap)
    """
)

TRAUMA_TXT = textwrap.dedent(
    """\
    Head injury assessment.

    The Glasgow Coma Scale scores eyes, verbal response and motor response.
    The total score ranges from 3 to 15. A score of 8 or less
    defines coma.

    Pupils are checked next.
    """
)


class FixedClock:
    """A clock the test can move; it never reads the real time."""

    def __init__(self, now: datetime = NOW) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        """Move the clock forward."""
        self.now += timedelta(**delta)


@pytest.fixture(autouse=True)
def _tui_isolation(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No home-directory state, no animation, no cursor blink."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "home" / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "home" / "config"))
    monkeypatch.setenv("NEUROQUIZ_DB", str(tmp_path / "home" / "progress.db"))
    monkeypatch.setenv("NEUROQUIZ_DECKS", str(tmp_path / "decks"))
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")


@pytest.fixture
def decks_dir(tmp_path: Path) -> Path:
    """Two small decks and a source document."""
    folder = tmp_path / "decks"
    folder.mkdir()
    (folder / "basics.yaml").write_text(BASICS_YAML, encoding="utf-8")
    (folder / "vascular.yaml").write_text(VASCULAR_YAML, encoding="utf-8")
    (folder / "sources").mkdir()
    (folder / "sources" / "trauma.txt").write_text(TRAUMA_TXT, encoding="utf-8")
    return folder


@pytest.fixture
def store() -> Iterator[ProgressStore]:
    """An in-memory progress store."""
    progress = ProgressStore(Database(memory=True))
    yield progress
    progress.close()


@pytest.fixture
def clock() -> FixedClock:
    """The fixed clock at :data:`NOW`."""
    return FixedClock()


AppFactory = Callable[..., NeuroquizApp]


@pytest.fixture
def make_app(store: ProgressStore, decks_dir: Path, clock: FixedClock) -> AppFactory:
    """Build the app over the test decks (loaded and synced), the fixed clock, rng seed 7.

    Keyword arguments override :func:`create_app`'s; pass ``loaded`` to skip loading.
    """

    def build(**overrides: Any) -> NeuroquizApp:
        options: dict[str, Any] = {
            "store": store,
            "decks_dir": decks_dir,
            "clock": clock,
            "rng": random.Random(7),
        }
        options.update(overrides)
        if "loaded" not in options:  # else the caller loaded and synced its own decks
            options["loaded"] = load_decks([options["decks_dir"]])
            store.sync([item.deck for item in options["loaded"].decks])
        app = create_app(**options)
        app.animation_level = "none"
        return app

    return build


Scenario = Callable[[Any], Awaitable[None]]
Runner = Callable[..., None]


def _run_app(app: NeuroquizApp, scenario: Scenario, size: tuple[int, int] = SIZE) -> None:
    async def main() -> None:
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await scenario(pilot)

    asyncio.run(main())


@pytest.fixture
def run() -> Runner:
    """``run(app, scenario)``: run ``await scenario(pilot)`` headless at 80x24.

    Plain ``asyncio.run`` keeps the suite free of an async test plugin.
    """
    return _run_app


@pytest.fixture
def logs(store: ProgressStore) -> Callable[[], list[dict[str, Any]]]:
    """``logs()``: every review-log row of the test store, oldest first."""

    def rows() -> list[dict[str, Any]]:
        return list(store.db["review_log"].rows_where(order_by="id"))

    return rows
