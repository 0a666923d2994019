"""Run a study session on a real database file and report every acknowledged step on stdout.

Used by the crash-safety and concurrency tests, which start it as a subprocess, kill it or
run two at once, and then compare what it acknowledged with what the database holds.

Protocol (one line each, flushed):
    READY                          imports done; with --wait-go, waits for a line on stdin
    OPEN                           the store is open (and set up, with --setup)
    ACK <key> <log_id|-> <t_ns>    StudySession.answer() returned (t: CLOCK_MONOTONIC after)
    UNDOING <log_id>               about to call StudySession.undo() for that answer
    UNDO <log_id>                  StudySession.undo() returned for that answer
    REFRESH <t_ns> <key>...        queue rebuilt by refresh() started at t_ns: its first-time
                                   (not re-drill) keys
    DONE <answers>                 the queue is empty

Errors: one line on stderr, ``ERROR <type>: <message>``, exit 3 (1 for a NeuroquizError).

Run:
    python tests/hardening/study_driver.py DB [--setup] [--decks 2] [--cards 100] [--seed 1]
        [--undo-every 0] [--refresh-every 0] [--pause-ms 0] [--wait-go] [--step]

With --step, the driver reads a line from stdin before each answer (the test decides when
each answer happens); it stops at end of input.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from neuroquiz.errors import NeuroquizError
from neuroquiz.models import BasicCard, ClozeCard, Deck
from neuroquiz.store import Limits, ProgressStore, StudyOptions, open_store
from neuroquiz.study import StudySession

TZ = timezone(timedelta(hours=1))
NOW = datetime(2026, 1, 5, 10, 0, tzinfo=TZ)
"""The fixed clock of every session the tests run (study day 2026-01-05)."""


def make_decks(decks: int, cards: int) -> list[Deck]:
    """``decks`` decks of ``cards`` cards each, every third one a two-deletion cloze."""
    result = []
    for d in range(decks):
        items: list[BasicCard | ClozeCard] = []
        for i in range(cards):
            if i % 3 == 2:
                items.append(
                    ClozeCard(id=f"d{d}-c{i}", text=f"The {{{{c1::term {i}}}}} and {{{{c2::x}}}}.")
                )
            else:
                items.append(BasicCard(id=f"d{d}-b{i}", front=f"Question {i}?", back=f"answer {i}"))
        result.append(Deck(id=f"deck-{d}", title=f"Deck {d}", cards=tuple(items)))
    return result


def setup(store: ProgressStore, decks: int, cards: int) -> None:
    """Sync the decks and lift the daily limits so that every card is in today's queue
    (siblings too: the tests count every card answered in one day)."""
    store.sync(make_decks(decks, cards))
    store.set_limits(Limits(new_per_day=100_000, reviews_per_day=100_000))
    store.set_study_options(StudyOptions(bury_siblings=False))


def say(line: str) -> None:
    """Print one protocol line and flush it (the tests read it while we run)."""
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def run(args: argparse.Namespace) -> int:
    """Open the store, study until the queue is empty, acknowledging each step."""
    say("READY")
    if args.wait_go:
        sys.stdin.readline()
    store = open_store(Path(args.db))
    if args.setup:
        setup(store, args.decks, args.cards)
    say("OPEN")
    rng = random.Random(args.seed)
    session = StudySession(store, clock=lambda: NOW, rng=random.Random(args.seed))
    answers = 0
    while True:
        if session.current is None:
            if args.refresh_every:
                session.refresh()
            if session.current is None:
                break
        if args.pause_ms:
            time.sleep(args.pause_ms / 1000)  # a person reading the card
        if args.step and not sys.stdin.readline():
            break
        outcome = session.answer(rng.choice((1, 3, 4, 4, 5, 5)), answer_ms=rng.randrange(3000))
        answers += 1
        log = "-" if outcome.log_id is None else str(outcome.log_id)
        say(f"ACK {outcome.key} {log} {time.monotonic_ns()}")
        if args.undo_every and outcome.log_id is not None and answers % args.undo_every == 0:
            say(f"UNDOING {outcome.log_id}")
            session.undo()
            say(f"UNDO {outcome.log_id}")
        if args.refresh_every and answers % args.refresh_every == 0:
            started = time.monotonic_ns()
            session.refresh()
            say(f"REFRESH {started} {' '.join(queue_keys(session))}")
    store.close()
    say(f"DONE {answers}")
    return 0


def queue_keys(session: StudySession) -> list[str]:
    """First-time (not re-drill) keys of a session's queue, in order: what it will offer.

    The session exposes only its current card, so the test reads the private queue.
    """
    queue = getattr(session, "_queue")  # noqa: B009
    return [item.key for item in queue if not item.is_redrill]


def main() -> int:
    """Parse the arguments and run; report any error on one stderr line."""
    parser = argparse.ArgumentParser()
    parser.add_argument("db")
    parser.add_argument("--setup", action="store_true")
    parser.add_argument("--decks", type=int, default=2)
    parser.add_argument("--cards", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--undo-every", type=int, default=0)
    parser.add_argument("--refresh-every", type=int, default=0)
    parser.add_argument("--pause-ms", type=float, default=0)
    parser.add_argument("--wait-go", action="store_true")
    parser.add_argument("--step", action="store_true")
    args = parser.parse_args()
    try:
        return run(args)
    except Exception as error:
        sys.stderr.write(f"ERROR {type(error).__name__}: {error}\n")
        return 1 if isinstance(error, NeuroquizError) else 3


if __name__ == "__main__":
    sys.exit(main())
