"""Scale benchmark: what the app does on a 100,000-card store with 1,000,000 log rows.

The store comes from ``make_big_store.py`` (run in a subprocess, so that this process's
memory figure covers only the app's own work). Prints medians of several runs, each with
its target:

  launch: open the store, sync the unchanged decks (and after editing one card), deck
          summaries for the home screen (its part of the home screen's <= 0.5 s);
  queue:  today's queue and first card (new StudySession + current)          <= 10 ms;
  answer: one answer with its durable commit (synchronous=FULL)              <= 0.5 ms;
  browse: search over 100k cards and the first page of rows                  <= 100 ms;
  stats:  everything the stats screen reads (Stats methods)                  <= 300 ms;
  memory: peak resident size of this process (getrusage)                     <= 200 MB;

and, once, the sync as it was before per-deck fingerprints (every card compared), which is
what the first launch after upgrading an older store does.

Run:
    /tmp/venv/bin/python benchmarks/bench_scale.py [--db big.db [--keep]]
        [--cards 100000] [--log-rows 1000000]

With --db naming an existing file made by make_big_store.py (same --cards, default seed),
that file is copied and reused; with --keep, a newly generated store is saved there.
"""

from __future__ import annotations

import argparse
import os
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

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from make_big_store import NOW, TODAY, make_decks  # noqa: E402

from neuroquiz.models import Deck  # noqa: E402
from neuroquiz.store import open_store  # noqa: E402
from neuroquiz.study import Stats, StudySession  # noqa: E402

RUNS = 7
QUERIES = (
    "",
    "tag:topic-7",
    "type:cloze",
    "is:due",
    "is:new -is:suspended",
    "is:leech",
    "aneurysm",  # a word in four cards of ten
    '"clip coil"',
    "d07-000123",
)


def median_ms(fn: Callable[[], object], runs: int = RUNS) -> float:
    """Median wall time of ``runs`` calls, in milliseconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(ms_since(start))
    return statistics.median(times)


def ms_since(start: float) -> float:
    """Milliseconds since ``start`` (a perf_counter value)."""
    return (time.perf_counter() - start) * 1000


def line(label: str, ms: float, target: float | None = None) -> None:
    """Print one figure, with its target and whether it is met."""
    if target is None:
        print(f"  {label:<48} {ms:9.2f} ms")
    else:
        verdict = "ok" if ms <= target else "OVER"
        print(f"  {label:<48} {ms:9.2f} ms   (target {target:g} ms: {verdict})")


def rss_mb() -> float:
    """Current resident size of this process (Linux /proc; 0 elsewhere)."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except OSError:
        return 0.0
    return pages * resource.getpagesize() / 2**20


def peak_mb() -> float:
    """Peak resident size of this process so far (ru_maxrss is in KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bench_launch(path: Path, decks: list[Deck]) -> None:
    """Open, sync the unchanged decks, sync after one card was edited, home screen."""
    print("launch")
    start = time.perf_counter()
    store = open_store(path)
    line("open_store", ms_since(start))
    line("sync of the unchanged decks", median_ms(lambda: store.sync(decks), 5))
    edited = list(decks)
    first = edited[3].cards[0]
    changed = first.model_copy(update={"tags": (*first.tags, "edited")})
    edited[3] = edited[3].model_copy(update={"cards": (changed, *edited[3].cards[1:])})
    start = time.perf_counter()
    report = store.sync(edited)
    line(f"sync after editing one card ({report.changed} changed)", ms_since(start))
    start = time.perf_counter()
    store.sync(decks)
    line("sync after undoing that edit", ms_since(start))
    line("deck summaries (home screen)", median_ms(lambda: store.deck_summaries(TODAY)), 500)
    store.close()


def bench_study(path: Path) -> None:
    """Today's queue and answers, on a store opened as the app opens it."""
    store = open_store(path)
    session = StudySession(store, clock=lambda: NOW, rng=random.Random(0))
    print(f"queue ({session.left} cards today, {store.count_due(TODAY):,} due in all)")

    def first_card() -> None:
        assert StudySession(store, clock=lambda: NOW).current is not None

    line("queue + first card", median_ms(first_card), 10)
    print("answer (synchronous=FULL: each answer is on disk before the next)")
    per_card = []
    for _ in range(5):
        session = StudySession(store, clock=lambda: NOW, rng=random.Random(0))
        start = time.perf_counter()
        for _ in range(40):
            session.answer(4)
        per_card.append(ms_since(start) / 40)
    line("answer, per card", statistics.median(per_card), 0.5)
    store.close()


def bench_browse(path: Path) -> None:
    """Browse search over every card and the first page of 200 rows."""
    try:
        from neuroquiz.study.search import search_cards
    except ImportError:
        print("browse: skipped (neuroquiz.study.search does not exist)")
        return
    store = open_store(path)
    print("browse (search + first page of 200 rows)")
    for query in QUERIES:
        found = len(search_cards(store, query, today=TODAY))
        ms = median_ms(lambda q=query: search_cards(store, q, today=TODAY).rows(0, 200), 5)
        line(f"{query or '(all cards)'}: {found:,} cards", ms, 100)
    store.close()


def bench_stats(path: Path) -> None:
    """Every figure of the stats screen, in total and one by one."""
    store = open_store(path)
    stats = Stats(store, today=TODAY)
    parts: dict[str, Callable[[], object]] = {
        "reviews_per_day(90)": lambda: stats.reviews_per_day(90),
        "due_forecast(30)": lambda: stats.due_forecast(30),
        "retention_by_deck(30)": lambda: stats.retention_by_deck(30),
        "retention(30)": lambda: stats.retention(30),
        "ef_distribution()": stats.ef_distribution,
        "streak()": stats.streak,
        "reviews_today_by_deck()": stats.reviews_today_by_deck,
        "leeches()": stats.leeches,
    }

    def screen() -> None:  # what tui.screens.stats.read_figures reads, plus the CLI's extra
        for fn in parts.values():
            fn()

    print(f"stats (streak {stats.streak()} days)")
    line("stats screen, every figure", median_ms(screen), 300)
    for name, fn in parts.items():
        line(f"  {name}", median_ms(fn))
    store.close()


def bench_sync_every_card(path: Path, decks: list[Deck]) -> None:
    """The sync as before per-deck fingerprints: every card compared (a store without them)."""
    store = open_store(path)
    store.db.execute("UPDATE decks SET fingerprint = NULL")
    start = time.perf_counter()
    report = store.sync(decks)
    line(f"sync comparing every card ({report.unchanged:,} unchanged)", ms_since(start))
    store.close()


def make_store(args: argparse.Namespace, path: Path) -> None:
    """Copy the store named by --db, or generate one in a subprocess."""
    if args.db is not None and args.db.exists():
        shutil.copy(args.db, path)
        os.sync()  # or the fsync of every answer waits for 0.5 GB of copy to reach the disk
        return
    command = [sys.executable, str(HERE / "make_big_store.py"), str(path)]
    subprocess.run([*command, f"--cards={args.cards}", f"--log-rows={args.log_rows}"], check=True)
    if args.db is not None and args.keep:
        shutil.copy(path, args.db)
    os.sync()


def main() -> None:
    """Make (or copy) the big store, then print every figure."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, help="reuse this store made by make_big_store.py")
    parser.add_argument("--cards", type=int, default=100_000)
    parser.add_argument("--log-rows", type=int, default=1_000_000)
    parser.add_argument("--keep", action="store_true", help="save a generated store at --db")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "progress.db"
        make_store(args, path)
        size = path.stat().st_size / 1e6
        print(f"store: {args.cards:,} cards, {args.log_rows:,} log rows, {size:.0f} MB")
        base = rss_mb()
        start = time.perf_counter()
        decks = make_decks(args.cards)  # what the app loads from the deck files
        print(
            f"deck models: built in {time.perf_counter() - start:.1f} s (not timed), "
            f"{rss_mb() - base:.0f} MB resident"
        )
        bench_launch(path, decks)
        bench_study(path)
        bench_browse(path)
        bench_stats(path)
        app_peak = peak_mb()
        print("once: the first launch after upgrading a store synced before fingerprints")
        bench_sync_every_card(path, decks)
    verdict = "ok" if app_peak <= 200 else "OVER"
    print(
        f"memory: peak resident size {app_peak:.0f} MB, deck models included "
        f"(target 200 MB: {verdict}); {peak_mb():.0f} MB after the once-only sync"
    )


if __name__ == "__main__":
    main()
