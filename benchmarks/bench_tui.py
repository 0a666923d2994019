"""Benchmark the Textual app on a 100,000-card collection: start-up, grading, memory.

The collection (20 deck files, 100,000 cards, a store with 1,000,000 review-log rows) is
made once by ``make_big_store.py`` in a subprocess and kept in ``--dir``; each run works on
a copy of the database, so this process's memory figure covers only the app. The app runs
headless (``run_test``) as the CLI builds it (``loaded=None``, the deck files loaded and
synced in the background), and the script prints:

  exec:   the whole process, spawned in a pseudo-terminal, from exec to the first frame
          showing the home table (ptyclock.py), target <= 0.5 s: what a user waits for;
  home:   create_app + run_test started -> the home table filled and a key press handled
          (the cursor moved down a row): in-process, so less than what a user waits for;
  loaded: -> the deck files loaded and synced in the background (no target; the home
          screen is usable meanwhile);
  grade:  a grade key posted -> the next card shown and the screen refreshed, median and
          90th percentile of 50 answers, target <= 50 ms;
  memory: peak resident size of this process (getrusage), target <= 200 MB.

Keys are posted to the app directly, not through ``Pilot.press``, which sleeps until the
process is idle (20 ms at least, longer while the loading thread works) after each key.

Run:
    /tmp/venv/bin/python benchmarks/bench_tui.py [--dir DIR] [--cards 100000]
        [--log-rows 1000000]
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from make_big_store import NOW  # noqa: E402
from ptyclock import exec_to_frame  # noqa: E402
from textual import events  # noqa: E402
from textual.widgets import DataTable  # noqa: E402

from neuroquiz.store import open_store  # noqa: E402
from neuroquiz.tui.app import create_app  # noqa: E402

ANSWERS = 50
WARM_UP = 3
SIZE = (100, 32)
TIMEOUT_S = 600.0


def ensure_collection(directory: Path, cards: int, log_rows: int) -> tuple[Path, Path]:
    """The database and deck folder in ``directory``, made by make_big_store.py if missing."""
    db, decks = directory / "big.db", directory / "decks"
    if not db.exists() or not decks.is_dir():
        directory.mkdir(parents=True, exist_ok=True)
        db.unlink(missing_ok=True)
        shutil.rmtree(decks, ignore_errors=True)
        print(f"making the collection in {directory} (once; a few minutes)…", flush=True)
        subprocess.run(
            [
                sys.executable,
                str(HERE / "make_big_store.py"),
                str(db),
                "--cards",
                str(cards),
                "--log-rows",
                str(log_rows),
                "--write-decks",
                str(decks),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return db, decks


async def until(condition: Callable[[], bool], what: str) -> None:
    """Yield to the app until ``condition()`` holds (busy, so no sleep adds to a timing)."""
    deadline = time.perf_counter() + TIMEOUT_S
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError(what)
        await asyncio.sleep(0)


async def refreshed(app: Any) -> None:
    """Wait until the screen has been refreshed (drawn) once more."""
    done = asyncio.get_running_loop().create_future()
    app.call_after_refresh(lambda: done.done() or done.set_result(None))
    await done


def key(app: Any, name: str) -> None:
    """Post a key press to the app, as the terminal driver does."""
    app.post_message(events.Key(name, name if len(name) == 1 else None))


class GcPauses:
    """The longest garbage-collector pause per generation (a full one stalls the UI)."""

    def __init__(self) -> None:
        self.longest = [0.0, 0.0, 0.0]
        self._started = 0.0
        gc.callbacks.append(self._callback)

    def _callback(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._started = time.perf_counter()
        else:
            pause = (time.perf_counter() - self._started) * 1000
            generation = info["generation"]
            self.longest[generation] = max(self.longest[generation], pause)


def peak_rss_mb() -> float:
    """Peak resident size of this process so far, in MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def scenario(db: Path, decks: Path) -> dict[str, float]:
    """Start the app, time the home screen, the background load and 50 answers."""
    figures: dict[str, float] = {}
    pauses = GcPauses()
    store = open_store(db)
    started = time.perf_counter()
    app = create_app(
        store=store, decks_dir=decks, clock=lambda: NOW, rng=random.Random(1), loaded=None
    )
    app.animation_level = "none"
    try:
        async with app.run_test(size=SIZE):
            table: DataTable[Any] = app.screen.query_one("#decks", DataTable)
            await until(lambda: table.row_count > 0, "home table")
            key(app, "down")
            await until(lambda: table.cursor_row == 1, "cursor moved")
            figures["home"] = time.perf_counter() - started
            figures["rss_home"] = peak_rss_mb()
            await until(lambda: not getattr(app, "decks_loading", False), "decks loaded")
            await until(lambda: not app.workers, "load worker done")
            figures["loaded"] = time.perf_counter() - started
            figures["rss_after_load"] = peak_rss_mb()

            key(app, "a")
            await until(lambda: app.screen.id == "study", "study screen")
            study: Any = app.screen
            await until(lambda: study._session is not None, "session")
            pauses.longest = [0.0, 0.0, 0.0]
            times: list[float] = []
            for answer in range(WARM_UP + ANSWERS):
                key(app, "space")
                await until(lambda: study.revealed, "revealed")
                await refreshed(app)
                before = study.session.current.key
                done = study.session.done
                start = time.perf_counter()
                key(app, "4")
                await until(lambda done=done: study.session.done == done + 1, "answered")
                await until(
                    lambda: study.session.current is None or not study.revealed, "next card"
                )
                await refreshed(app)
                if answer >= WARM_UP:
                    times.append((time.perf_counter() - start) * 1000)
                assert study.session.current is None or study.session.current.key != before
            figures["grade_median_ms"] = statistics.median(times)
            figures["grade_p90_ms"] = statistics.quantiles(times, n=10)[-1]
            figures["grade_max_ms"] = max(times)
            figures["gc_pause_ms"] = max(pauses.longest)
    finally:
        store.close()
    figures["rss_peak"] = peak_rss_mb()
    return figures


def main() -> None:
    """Make (or reuse) the collection, run the app once, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()) / "nq-bench-tui")
    parser.add_argument("--cards", type=int, default=100_000)
    parser.add_argument("--log-rows", type=int, default=1_000_000)
    args = parser.parse_args()
    db, decks = ensure_collection(args.dir, args.cards, args.log_rows)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / "progress.db"
        shutil.copyfile(db, work)
        print(f"collection: {decks} ({len(list(decks.glob('*.yaml')))} files), {work}")
        figures = asyncio.run(scenario(work, decks))
        script = shutil.which("neuroquiz", path=str(Path(sys.executable).parent))
        base = [script] if script else [sys.executable, "-m", "neuroquiz"]
        argv = [*base, "--db", str(work), "--decks", str(decks)]
        launches = [exec_to_frame(argv, b"Neurosurgery 00") for _ in range(5)]
    exec_frame = statistics.median(frame for frame, _ in launches)
    exec_quit = statistics.median(quit_ for _, quit_ in launches)
    print(
        f"exec -> home frame:    {exec_frame:.3f} s whole process in a pty, median of 5 "
        f"(target 0.5); ctrl+q -> exit {exec_quit:.2f} s"
    )
    print(f"home interactive:      {figures['home']:.3f} s (target 0.5)")
    print(f"decks loaded + synced: {figures['loaded']:.2f} s (in the background)")
    print(
        f"grade -> next card:    median {figures['grade_median_ms']:.1f} ms, "
        f"p90 {figures['grade_p90_ms']:.1f} ms, max {figures['grade_max_ms']:.1f} ms "
        f"over {ANSWERS} answers (target 50)"
    )
    print(f"longest GC pause while answering: {figures['gc_pause_ms']:.1f} ms")
    print(f"peak RSS at home:      {figures['rss_home']:.0f} MB")
    print(f"peak RSS after load:   {figures['rss_after_load']:.0f} MB")
    print(f"peak RSS:              {figures['rss_peak']:.0f} MB (target 200)")


if __name__ == "__main__":
    main()
