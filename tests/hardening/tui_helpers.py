"""The real app over a real database file, driven headless by Pilot (hardening scenarios)."""

from __future__ import annotations

import asyncio
import random
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from neuroquiz.decks import load_decks
from neuroquiz.store import ProgressStore
from neuroquiz.tui.app import NeuroquizApp, create_app
from neuroquiz.tui.screens.study import StudyScreen

NOW = datetime(2026, 3, 2, 9, 30, tzinfo=timezone(timedelta(hours=1)))

TWO_CARDS = """\
title: Two cards
cards:
  - id: monro
    type: basic
    front: What connects the lateral and third ventricles?
    back: foramen of Monro
  - id: magendie
    type: basic
    front: Which foramen opens the fourth ventricle in the midline?
    back: foramen of Magendie
"""

Scenario = Callable[[Any], Awaitable[None]]


def deck_folder(root: Path) -> Path:
    """A deck folder with one deck of two basic cards."""
    folder = root / "decks"
    folder.mkdir()
    (folder / "two.yaml").write_text(TWO_CARDS, encoding="utf-8")
    return folder


def study_app(store: ProgressStore, decks: Path) -> NeuroquizApp:
    """The app over ``store`` with ``decks`` loaded and synced, fixed clock, seeded rng."""
    loaded = load_decks([decks])
    store.sync([item.deck for item in loaded.decks])
    app = create_app(
        store=store, decks_dir=decks, clock=lambda: NOW, rng=random.Random(7), loaded=loaded
    )
    app.animation_level = "none"
    return app


def run_headless(app: NeuroquizApp, scenario: Scenario) -> None:
    """Run ``await scenario(pilot)`` on the app, headless at 80x24."""

    async def main() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await scenario(pilot)

    asyncio.run(main())


def current_key(app: NeuroquizApp) -> str | None:
    """The key of the card on the study screen (None if the study screen is not shown)."""
    screen = app.screen
    if not isinstance(screen, StudyScreen):
        return None
    current = screen.session.current
    return current.key if current is not None else None


def notifications(app: NeuroquizApp) -> list[str]:
    """The messages of the notifications the app has shown."""
    return [str(note.message) for note in app._notifications]
