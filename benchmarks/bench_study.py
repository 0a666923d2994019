"""Benchmark the study core on a 100,000-card progress database file.

Builds a temporary database (10 decks; 10% of the study cards due today or overdue, 20% new,
the rest due later; a review log of 1,000,000 rows by default), then prints the median of 5
runs of:

  (a) building today's queue and returning the first card (new StudySession + .current),
      target <= 10 ms; and the same with daily limits of 9,999 new cards and 9,999
      reviews (the queue then holds every due and new card up to those limits);
  (b) answering 100 cards, each answer a durable commit, target <= 0.5 ms per card, with
      synchronous=FULL (neuroquiz's default) and with synchronous=NORMAL;

plus the other reads the app makes (deck summaries, stats, quiz) and a no-op re-sync.

Run:
    /tmp/venv/bin/python benchmarks/bench_study.py [--cards 100000] [--log-rows 1000000]
        [--dir DIR]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from neuroquiz.models import BasicCard, Deck, ReviewState
from neuroquiz.store import Limits, ProgressStore, open_store
from neuroquiz.store.rows import state_json
from neuroquiz.study import Quiz, Stats, StudySession

TZ = timezone(timedelta(hours=1))
TODAY = date(2026, 1, 5)
NOW = datetime(2026, 1, 5, 10, 0, tzinfo=TZ)
DECKS = 10
RUNS = 5


def make_decks(cards: int) -> list[Deck]:
    """``cards`` basic cards spread over :data:`DECKS` decks."""
    per_deck = cards // DECKS
    return [
        Deck(
            id=f"deck-{d:02d}",
            title=f"Deck {d}",
            cards=tuple(
                BasicCard(
                    id=f"d{d:02d}-card-{i:06d}",
                    front=f"Question {i} of deck {d}?",
                    back=f"answer {i % 997}",
                    tags=(f"tag-{i % 20}",),
                )
                for i in range(per_deck)
            ),
        )
        for d in range(DECKS)
    ]


def populate(store: ProgressStore, decks: list[Deck], log_rows: int, seed: int) -> None:
    """Give the synced study cards their states and write a review log, in one transaction."""
    rng = random.Random(seed)
    states = []
    reviewed: list[tuple[str, str]] = []
    for deck in decks:
        n = len(deck.cards)
        for position, card in enumerate(deck.cards):
            share = position / n
            if share >= 0.8:
                continue  # the last 20% of each deck are new
            due = (
                TODAY - timedelta(days=rng.randrange(0, 30))
                if rng.random() < 0.125  # 10% of all cards (12.5% of the reviewed 80%)
                else TODAY + timedelta(days=rng.randrange(1, 365))
            )
            interval = rng.randrange(1, 120)
            last = due - timedelta(days=interval)
            states.append(
                (
                    rng.randrange(1, 10),
                    interval,
                    rng.randrange(130, 290),
                    due.isoformat(),
                    rng.randrange(0, 3),
                    last.isoformat(),
                    card.id,
                )
            )
            reviewed.append((card.id, deck.id))
    before = state_json(ReviewState())
    after = state_json(ReviewState(repetitions=1, interval=1, due=TODAY, last_review=TODAY))
    db = store.db
    with db.atomic():
        db.conn.executemany(
            "UPDATE study_cards SET repetitions = ?, interval = ?, ef = ?, due = ?, lapses = ?, "
            "last_review = ? WHERE key = ?",
            states,
        )
        logs = []
        for i in range(log_rows):
            key, deck_id = reviewed[rng.randrange(len(reviewed))]
            day = TODAY - timedelta(days=1 + i * 1000 // max(log_rows, 1))  # 1000 past days
            logs.append(
                (
                    key,
                    deck_id,
                    f"{day.isoformat()}T12:00:00.000000+00:00",
                    day.isoformat(),
                    rng.randrange(0, 6),
                    0,
                    before,
                    after,
                    rng.randrange(500, 9000),
                )
            )
        db.conn.executemany(
            "INSERT INTO review_log (key, deck_id, reviewed_at, day, grade, was_new, "
            "state_before, state_after, answer_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            logs,
        )


def timed_ms(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def median_ms(fn: Callable[[], object], runs: int = RUNS) -> float:
    return statistics.median(timed_ms(fn) for _ in range(runs))


def first_card(store: ProgressStore) -> None:
    session = StudySession(store, clock=lambda: NOW, rng=random.Random(0))
    assert session.current is not None


def answer_100(store: ProgressStore) -> float:
    """Per-card ms of answering 100 due cards, each with its committed transaction."""
    session = StudySession(store, clock=lambda: NOW, rng=random.Random(0))
    start = time.perf_counter()
    for _ in range(100):
        session.answer(4)
    return (time.perf_counter() - start) * 1000 / 100


def fsync_ms(directory: Path, size: int = 14 * 4096) -> float:
    """Median time of one write + fsync of ``size`` bytes (what a FULL commit waits for)."""
    probe = directory / "fsync-probe"
    times = []
    with probe.open("wb") as handle:
        for _ in range(50):
            handle.write(b"x" * size)
            handle.flush()
            start = time.perf_counter()
            os.fsync(handle.fileno())
            times.append((time.perf_counter() - start) * 1000)
    probe.unlink()
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cards", type=int, default=100_000)
    parser.add_argument("--log-rows", type=int, default=1_000_000)
    parser.add_argument("--dir", type=Path, default=None, help="where to put the database")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        path = Path(tmp) / "progress.db"
        print(f"database: {path}")
        store = open_store(path)
        decks = make_decks(args.cards)
        print(f"initial sync of {args.cards:,} cards: {timed_ms(lambda: store.sync(decks)):.0f} ms")
        start = time.perf_counter()
        populate(store, decks, args.log_rows, seed=1)
        print(f"states + {args.log_rows:,} log rows: {time.perf_counter() - start:.1f} s")
        print(f"file size: {path.stat().st_size / 1e6:.0f} MB")
        print(
            f"no-op re-sync of {args.cards:,} cards: {timed_ms(lambda: store.sync(decks)):.0f} ms"
        )
        # Start the timings with the WAL folded in and nothing waiting to be written back,
        # so the first fsync does not pay for the 0.5 GB the set-up just wrote.
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        store.close()
        os.sync()

        store = open_store(path)
        cold = timed_ms(lambda: first_card(store))
        warm = median_ms(lambda: first_card(store))
        print(f"(a) queue + first card: first {cold:.2f} ms, median {warm:.2f} ms (target 10)")
        limits = store.limits()
        store.set_limits(Limits(new_per_day=9_999, reviews_per_day=9_999))
        size = StudySession(store, clock=lambda: NOW).left
        wide = median_ms(lambda: first_card(store))
        print(f"    with limits 9,999/9,999 ({size:,} cards queued): median {wide:.1f} ms")
        store.set_limits(limits)

        store.set_limits(Limits(new_per_day=20, reviews_per_day=5_000))
        full = statistics.median(answer_100(store) for _ in range(RUNS))
        store.close()
        store = open_store(path, synchronous="NORMAL")
        normal = statistics.median(answer_100(store) for _ in range(RUNS))
        print(f"(b) answer, synchronous=FULL:   {full:.3f} ms per card (target 0.5)")
        print(f"    (this disk: one fsync of 56 KB takes {fsync_ms(Path(tmp)):.3f} ms, median)")
        print(f"(b) answer, synchronous=NORMAL: {normal:.3f} ms per card")
        store.close()

        store = open_store(path)
        stats = Stats(store, today=TODAY)
        figures: dict[str, Callable[[], object]] = {
            "deck_summaries": lambda: store.deck_summaries(TODAY),
            "reviews_per_day(365)": lambda: stats.reviews_per_day(365),
            "due_forecast(30)": lambda: stats.due_forecast(30),
            "retention_by_deck(30)": lambda: stats.retention_by_deck(30),
            "ef_distribution": stats.ef_distribution,
            "streak": stats.streak,
            "reviews_today_by_deck": stats.reviews_today_by_deck,
            "Quiz.build(count=10), 1 deck": lambda: Quiz.build(
                store, rng=random.Random(0), deck_ids=["deck-00"]
            ),
            "Quiz.build(count=10), all decks": lambda: Quiz.build(store, rng=random.Random(0)),
        }
        for name, fn in figures.items():
            print(f"    {name}: median {median_ms(fn):.2f} ms")
        store.close()


if __name__ == "__main__":
    main()
