"""Benchmark the app's cohort report screen on the bench_cohort.py dataset (issue 15).

The app runs headless (``run_test``) over the dataset's decks (synced into an in-memory
store) with ``cohort_dirs`` set, as ``neuroquiz --cohort DIR`` builds it; the screen is
opened as the palette command opens it. Printed:

  report: screen opened -> the report's rows in the tables (read in a worker thread);
  lag:    how late a 10 ms timer of the UI's event loop fires while the report is read
          (median, 90th percentile, worst): what a key press waits for meanwhile;
  memory: peak resident size of this process (the app and the report).

The dataset must exist: run bench_cohort.py first (it makes it in ``--work``).

Run:
    .venv/bin/python benchmarks/bench_cohort_screen.py [--work /tmp/neuroquiz-bench-cohort]
        [--learners 500] [--reviews 20000] [--runs 3]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import resource
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from sqlite_utils import Database

from neuroquiz.decks import load_decks
from neuroquiz.store import ProgressStore
from neuroquiz.tui.app import create_app

TICK = 0.01


async def one_run(dataset: Path, decks: Path) -> tuple[float, list[float]]:
    """Open the screen once; (seconds until the rows are shown, timer lags in seconds)."""
    store = ProgressStore(Database(memory=True))
    loaded = load_decks([decks])
    store.sync([item.deck for item in loaded.decks])
    app = create_app(
        store=store,
        decks_dir=decks,
        clock=lambda: datetime(2026, 6, 1, 9, tzinfo=UTC),
        rng=random.Random(1),
        loaded=loaded,
        cohort_dirs=(dataset,),
    )
    lags: list[float] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        start = time.perf_counter()
        app.open_screen("cohort", dirs=app.cohort_dirs)
        while getattr(app.screen, "report", None) is None:
            before = time.perf_counter()
            await asyncio.sleep(TICK)
            lags.append(time.perf_counter() - before - TICK)
        await pilot.pause()
        shown = time.perf_counter() - start
        rows = app.screen.query_one("#cohort-learners").row_count  # type: ignore[attr-defined]
        assert rows > 0, "the report has no learners"
    store.close()
    return shown, lags


def main() -> None:
    """Open the screen --runs times and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--work", type=Path, default=Path("/tmp/neuroquiz-bench-cohort"))
    parser.add_argument("--learners", type=int, default=500)
    parser.add_argument("--reviews", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    out = args.work / f"cohort-{args.learners}x{args.reviews}"
    if not (out / "DONE").exists():
        sys.exit(f"{out}: no dataset; run benchmarks/bench_cohort.py first")
    one, five, fifteen = os.getloadavg()
    print(f"before: load average {one:.2f}, {five:.2f}, {fifteen:.2f}")
    times, lags = [], []
    for _ in range(args.runs):
        shown, run_lags = asyncio.run(one_run(out / "dataset", out / "decks"))
        times.append(shown)
        lags.extend(run_lags)
    lags.sort()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"report: median {statistics.median(times):.2f} s of {args.runs} "
          f"({', '.join(f'{t:.2f}' for t in times)}) from opening to the rows shown")  # fmt: skip
    print(f"lag: median {lags[len(lags) // 2] * 1000:.0f} ms, p90 "
          f"{lags[int(len(lags) * 0.9)] * 1000:.0f} ms, worst {lags[-1] * 1000:.0f} ms "
          f"over {len(lags)} ticks while reading")  # fmt: skip
    print(f"memory: peak {peak:.0f} MB")
    one, five, fifteen = os.getloadavg()
    print(f"after: load average {one:.2f}, {five:.2f}, {fifteen:.2f}")


if __name__ == "__main__":
    main()
