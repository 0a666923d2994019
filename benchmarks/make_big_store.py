"""Generate a large, realistic progress database: 100,000 cards, 1,000,000 review-log rows.

The decks (20 by default, more if a deck would pass 5,000 cards, so that every file fits
the app's 5 MB limit; basic, cloze with 1-3 deletions and mcq cards, with tags, notes
and sources) are synced through the real store, so card rows, study cards and fingerprints
are exactly what neuroquiz writes. Then about two years of daily study are simulated with
the real SM-2 (:func:`neuroquiz.sm2.review`): each reviewed study card gets a history of
answers on (or a day or two after) its due days, until the review log holds exactly
``--log-rows`` rows; the rest of the cards stay new. Cards whose next review fell due in the
last days are due today or overdue, as in real use. States and log rows are written with
``executemany`` in one transaction with ``synchronous=OFF`` (a generated file needs no
durability until it is finished), then the WAL is folded in and the file closed as the app
closes it.

Everything is seeded: the same arguments give the same database and the same decks, which
:func:`make_decks` rebuilds for a benchmark that needs them (to time a sync).

Run:
    /tmp/venv/bin/python benchmarks/make_big_store.py OUT.db [--cards 100000] [--decks 20]
        [--log-rows 1000000] [--seed 1] [--write-decks DIR]
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

from neuroquiz import sm2
from neuroquiz.models import BasicCard, ClozeCard, Deck, McqCard, ReviewState, Source
from neuroquiz.store import Limits, ProgressStore, open_store
from neuroquiz.store.rows import state_json, state_params, utc_text

TZ = timezone(timedelta(hours=1))
TODAY = date(2026, 1, 5)
"""The study day the database is generated for (the benchmarks use the same)."""
NOW = datetime(2026, 1, 5, 10, 0, tzinfo=TZ)
HISTORY_DAYS = 730
"""Histories start up to this many days before TODAY."""
GRADES = (5, 5, 5, 5, 5, 4, 4, 4, 4, 4, 4, 3, 3, 2, 1)
"""Grades drawn per answer: mostly good recalls (87% pass), some lapses."""

_WORDS = [
    "artery",
    "vein",
    "nerve",
    "foramen",
    "cistern",
    "ventricle",
    "dura",
    "arachnoid",
    "pia",
    "sinus",
    "fissure",
    "gyrus",
    "sulcus",
    "nucleus",
    "tract",
    "plexus",
    "canal",
    "segment",
    "branch",
    "aneurysm",
    "tumour",
    "glioma",
    "meningioma",
    "schwannoma",
    "hematoma",
    "infarct",
    "edema",
    "shunt",
    "catheter",
    "clip",
    "coil",
    "flap",
    "craniotomy",
    "laminectomy",
    "fusion",
    "screw",
    "approach",
    "corridor",
    "retractor",
    "microscope",
    "endoscope",
    "deficit",
    "palsy",
    "reflex",
]


def _sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(_WORDS) for _ in range(words)).capitalize()


def _card(rng: random.Random, deck: int, index: int) -> BasicCard | ClozeCard | McqCard:
    card_id = f"d{deck:02d}-{index:06d}"
    tags = tuple(f"topic-{rng.randrange(200)}" for _ in range(rng.randrange(1, 4)))
    extra: dict[str, object] = {"tags": tuple(dict.fromkeys(tags))}
    if rng.random() < 0.3:
        extra["origin"] = "generated"
        extra["source"] = Source(document=f"chapter-{deck}.pdf", sentences=(_sentence(rng, 18),))
    if rng.random() < 0.2:
        extra["notes"] = _sentence(rng, 12)
    kind = rng.random()
    if kind < 0.6:
        return BasicCard(
            id=card_id,
            front=f"{_sentence(rng, rng.randrange(8, 20))}?",
            back=_sentence(rng, rng.randrange(1, 9)),
            **extra,  # type: ignore[arg-type]
        )
    if kind < 0.85:
        words = [rng.choice(_WORDS) for _ in range(rng.randrange(12, 30))]
        for n, at in enumerate(sorted(rng.sample(range(len(words)), rng.randrange(1, 4))), 1):
            words[at] = f"{{{{c{n}::{words[at]}}}}}"
        return ClozeCard(id=card_id, text=" ".join(words) + ".", **extra)  # type: ignore[arg-type]
    answer = _sentence(rng, 3)
    distractors = tuple(dict.fromkeys(f"{_sentence(rng, 3)} {i}" for i in range(3)))
    return McqCard(
        id=card_id,
        question=f"{_sentence(rng, 12)}?",
        answer=answer,
        distractors=distractors,
        **extra,  # type: ignore[arg-type]
    )


MAX_DECK_CARDS = 5_000
"""Most cards per generated deck: about 1.9 MB of YAML, well under the app's 5 MB per file
(``neuroquiz.decks.yamlio.MAX_FILE_BYTES``), so that every size loads end to end."""


def deck_count(cards: int, decks: int = 20) -> int:
    """``decks``, or more if that is needed to keep each deck at most ``MAX_DECK_CARDS``."""
    return max(decks, -(-cards // MAX_DECK_CARDS))


def make_decks(cards: int = 100_000, decks: int = 20, seed: int = 1) -> list[Deck]:
    """The generated collection: ``cards`` cards spread evenly over ``decks`` decks (or more:
    see :func:`deck_count`; 1,000,000 cards make 200 decks)."""
    rng = random.Random(seed)
    decks = deck_count(cards, decks)
    per_deck = cards // decks
    return [
        Deck(
            id=f"deck-{d:02d}",
            title=f"Neurosurgery {d:02d}",
            description=_sentence(rng, 10),
            cards=tuple(_card(rng, d, i) for i in range(per_deck)),
        )
        for d in range(decks)
    ]


def _history(
    rng: random.Random, start: date
) -> Iterator[tuple[date, int, ReviewState, ReviewState]]:
    """(day, grade, state before, state after) of each answer from ``start`` until the next
    one is due on or after TODAY."""
    state, day = ReviewState(), start
    while day < TODAY:
        grade = rng.choice(GRADES)
        after = sm2.review(state, grade, today=day)
        yield day, grade, state, after
        state = after
        assert state.due is not None
        day = state.due + timedelta(days=rng.choice((0, 0, 0, 1, 2)))  # sometimes late


def _log_row(
    rng: random.Random,
    key: str,
    deck_id: str,
    answer: tuple[date, int, ReviewState, ReviewState],
) -> tuple[object, ...]:
    day, grade, before, after = answer
    at = datetime(day.year, day.month, day.day, 17, tzinfo=UTC) + timedelta(
        seconds=rng.randrange(5 * 3600)
    )
    return (
        key,
        deck_id,
        utc_text(at),
        day.isoformat(),
        grade,
        1 if before.is_new else 0,
        state_json(before),
        state_json(after),
        rng.randrange(1500, 15000),
    )


def populate(store: ProgressStore, log_rows: int, seed: int) -> tuple[int, int]:
    """Simulate histories until the log has ``log_rows`` rows; return (reviewed, new) keys."""
    began = time.perf_counter()
    rng = random.Random(seed)
    keys = store.db.execute("SELECT key, deck_id FROM study_cards ORDER BY key").fetchall()
    rng.shuffle(keys)
    logs: list[tuple[object, ...]] = []
    states: list[tuple[object, ...]] = []
    reviewed = 0
    for key, deck_id in keys:
        if len(logs) >= log_rows:
            break
        start = TODAY - timedelta(days=rng.randrange(3, HISTORY_DAYS))
        answers = list(_history(rng, start))
        if not answers:
            continue
        # The card that fills the log last keeps only its latest answers (older ones pruned).
        answers = answers[-(log_rows - len(logs)) :]
        logs.extend(_log_row(rng, key, deck_id, answer) for answer in answers)
        states.append((*state_params(answers[-1][3]), key))
        reviewed += 1
    print(f"  simulated in {time.perf_counter() - began:.1f} s")
    db = store.db
    # A generated file needs no journal nor durability until it is finished: write pages
    # once (no WAL copy), then switch back to what the app uses.
    db.execute("PRAGMA journal_mode = OFF")
    db.execute("PRAGMA synchronous = OFF")
    # The indexes are kept up to date row by row, as in real use: an index built in one go
    # has full pages, which the first answers would then split, unlike in a grown store.
    with db.atomic():
        db.conn.executemany(
            "UPDATE study_cards SET repetitions = ?, interval = ?, ef = ?, due = ?, lapses = ?, "
            "last_review = ? WHERE key = ?",
            states,
        )
        # In time order, as the app would have written them.
        logs.sort(key=lambda row: str(row[2]))
        db.conn.executemany(
            "INSERT INTO review_log (key, deck_id, reviewed_at, day, grade, was_new, "
            "state_before, state_after, answer_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            logs,
        )
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = FULL")
    return reviewed, len(keys) - reviewed


def make_big_store(
    path: Path, *, cards: int = 100_000, decks: int = 20, log_rows: int = 1_000_000, seed: int = 1
) -> list[Deck]:
    """Create the database at ``path`` (which must not exist); return its decks.

    Raises:
        FileExistsError: if ``path`` exists.
    """
    if path.exists():
        raise FileExistsError(path)
    start = time.perf_counter()
    collection = make_decks(cards, decks, seed)
    print(f"decks: {len(collection)} decks, {cards:,} cards ({time.perf_counter() - start:.1f} s)")
    store = open_store(path)
    start = time.perf_counter()
    report = store.sync(collection)
    print(f"first sync: {report.added:,} cards added ({time.perf_counter() - start:.1f} s)")
    store.set_limits(Limits(new_per_day=20, reviews_per_day=200))
    start = time.perf_counter()
    reviewed, new = populate(store, log_rows, seed)
    print(
        f"history: {log_rows:,} log rows, {reviewed:,} study cards reviewed, {new:,} new "
        f"({time.perf_counter() - start:.1f} s)"
    )
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()  # PRAGMA optimize, as the app does when it quits
    print(f"file: {path} ({path.stat().st_size / 1e6:.0f} MB)")
    return collection


def main() -> None:
    """Parse the arguments and generate the database (and, if asked, the deck files)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="the database file to create")
    parser.add_argument("--cards", type=int, default=100_000)
    parser.add_argument("--decks", type=int, default=20)
    parser.add_argument("--log-rows", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--write-decks", type=Path, help="also write the deck YAML files here")
    args = parser.parse_args()
    collection = make_big_store(
        args.out, cards=args.cards, decks=args.decks, log_rows=args.log_rows, seed=args.seed
    )
    if args.write_decks is not None:
        from neuroquiz.decks import dump_deck
        from neuroquiz.fileio import write_text_atomic

        args.write_decks.mkdir(parents=True, exist_ok=True)
        from neuroquiz.decks.yamlio import MAX_FILE_BYTES

        for deck in collection:
            text = dump_deck(deck)
            if len(text.encode("utf-8")) > MAX_FILE_BYTES:
                raise SystemExit(f"{deck.id}: over the app's {MAX_FILE_BYTES:,}-byte file limit")
            write_text_atomic(args.write_decks / f"{deck.id}.yaml", text)
        print(f"deck files: {args.write_decks}")


if __name__ == "__main__":
    main()
