"""Browse, author and quiz screens over a 100,000-card store, driven with Pilot.

Prints figures; asserts nothing.

    /tmp/venv/bin/python benchmarks/bench_browse.py
"""

from __future__ import annotations

import asyncio
import random
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from sqlite_utils import Database

sys.path.insert(0, str(Path(__file__).parent))

from bench_search import make_decks

from neuroquiz.decks import LoadedDeck, LoadResult
from neuroquiz.store import ProgressStore
from neuroquiz.tui.app import create_app

NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


async def main() -> None:
    """Open each screen and time until it shows its content."""
    decks = make_decks()
    store = ProgressStore(Database(memory=True))
    store.sync(decks)
    with tempfile.TemporaryDirectory() as folder:
        loaded = LoadResult(
            decks=tuple(LoadedDeck(Path(folder) / f"{d.id}.yaml", d) for d in decks), problems=()
        )
        app = create_app(
            store=store,
            decks_dir=Path(folder),
            clock=lambda: NOW,
            rng=random.Random(1),
            loaded=loaded,
        )
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            start = time.perf_counter()
            await pilot.press("b")
            await pilot.pause()
            print(
                f"browse open, 100,000 cards:      {(time.perf_counter() - start) * 1000:6.0f} ms"
            )
            screen = app.screen
            search = screen.query_one("#browse-search")
            for query in ("tag:t3 is:new", "term 4242"):
                search.value = query
                search.focus()
                start = time.perf_counter()
                await pilot.press("enter")
                await pilot.pause()
                print(f"browse search {query!r:16}: {(time.perf_counter() - start) * 1000:6.0f} ms")
            start = time.perf_counter()
            await pilot.press("enter")  # open the first card
            await pilot.pause()
            print(
                f"card detail:                     {(time.perf_counter() - start) * 1000:6.0f} ms"
            )
            await pilot.press("escape")
            await pilot.pause()
            start = time.perf_counter()
            await pilot.press("e")
            await pilot.pause()
            opened = time.perf_counter() - start
            await app.workers.wait_for_complete()
            indexed = time.perf_counter() - start
            print(
                f"author open / duplicate index:   {opened * 1000:6.0f} / {indexed * 1000:.0f} ms"
            )
            await pilot.press("escape", "escape")
            await pilot.pause()
            start = time.perf_counter()
            await pilot.press("q", "ctrl+s")
            await pilot.pause()
            print(
                f"quiz open + build 10 questions:  {(time.perf_counter() - start) * 1000:6.0f} ms"
            )


if __name__ == "__main__":
    asyncio.run(main())
