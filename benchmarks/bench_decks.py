"""Benchmark reading deck files: the round-trip parser alone (before) and the fast read (after).

Writes one deck file of 100, 2,000 and 20,000 cards (basic, cloze and mcq cards with tags,
notes and sources, as ``dump_deck`` writes them; the largest stays under the 5 MB limit)
and prints the median time of loading each:

  round trip: ``parse_deck_file`` — ruamel.yaml round-trip parse, ``to_plain``, validation
              with positions (what ``load_deck`` did before the fast read);
  fast:       ``load_deck`` — libyaml events (ruamel.yaml.clib) into plain values, then
              validation; the round trip runs only for a file with problems;
  problem:    ``load_deck`` of the same file with one bad card at the end (the fast read
              gives up, the round trip places the problem): the worst case.

It also says whether the C parser is in use (without ruamel.yaml.clib the fast read is off
and every file takes the round trip).

Run:
    /tmp/venv/bin/python benchmarks/bench_decks.py [--sizes 100 2000 20000] [--runs 3]
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from neuroquiz.decks import DeckError, dump_deck, load_deck
from neuroquiz.decks.fastread import c_parser
from neuroquiz.decks.load import parse_deck_file
from neuroquiz.models import BasicCard, ClozeCard, Deck, McqCard, Source

WORDS = [
    "artery", "vein", "nerve", "foramen", "cistern", "ventricle", "dura", "sinus", "fissure",
    "gyrus", "sulcus", "nucleus", "tract", "plexus", "canal", "segment", "aneurysm", "glioma",
    "shunt", "clip", "coil", "flap", "palsy", "reflex",
]  # fmt: skip


def _text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize()


def make_deck(cards: int, seed: int = 1) -> Deck:
    """A deck of ``cards`` cards: 60% basic, 25% cloze, 15% mcq; a third with a source."""
    rng = random.Random(seed)
    made: list[BasicCard | ClozeCard | McqCard] = []
    for index in range(cards):
        extra: dict[str, object] = {"tags": (f"topic-{rng.randrange(50)}",)}
        if rng.random() < 0.3:
            extra["origin"] = "generated"
            extra["source"] = Source(document="chapter.pdf", sentences=(_text(rng, 10),))
        if rng.random() < 0.2:
            extra["notes"] = _text(rng, 6)
        kind, card_id = rng.random(), f"card-{index:06d}"
        if kind < 0.6:
            made.append(
                BasicCard(id=card_id, front=f"{_text(rng, 7)}?", back=_text(rng, 3), **extra)  # type: ignore[arg-type]
            )
        elif kind < 0.85:
            text = f"{_text(rng, 5)} {{{{c1::{rng.choice(WORDS)}}}}} {_text(rng, 4)}."
            made.append(ClozeCard(id=card_id, text=text, **extra))  # type: ignore[arg-type]
        else:
            made.append(
                McqCard(
                    id=card_id,
                    question=f"{_text(rng, 6)}?",
                    answer=_text(rng, 2),
                    distractors=tuple(f"{_text(rng, 2)} {n}" for n in range(3)),
                    **extra,  # type: ignore[arg-type]
                )
            )
    return Deck(id="bench", title="Benchmark deck", cards=tuple(made))


def median_s(fn: Callable[[], object], runs: int) -> float:
    """Median wall time of ``runs`` calls of ``fn``, in seconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _load_with_problem(path: Path) -> None:
    try:
        load_deck(path)
    except DeckError:
        return
    raise AssertionError("the broken file loaded")


def main() -> None:
    """Write the files, time each way of loading them, print a table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 2_000, 20_000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    native = c_parser()
    print(f"C parser (ruamel.yaml.clib): {native.__module__ if native else 'not installed'}")
    print(f"{'cards':>7} {'MB':>6} {'round trip':>11} {'fast':>9} {'speed-up':>9} {'problem':>9}")
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            deck = make_deck(size)
            text = dump_deck(deck)
            good = Path(tmp) / "bench.yaml"
            good.write_text(text, encoding="utf-8")
            bad = Path(tmp) / "broken.yaml"
            bad.write_text(text + "  - id: broken-card\n    type: basic\n", encoding="utf-8")
            assert load_deck(good) == deck == parse_deck_file(good).deck
            before = median_s(lambda: parse_deck_file(good), args.runs)  # noqa: B023
            after = median_s(lambda: load_deck(good), args.runs)  # noqa: B023
            worst = median_s(lambda: _load_with_problem(bad), args.runs)  # noqa: B023
            print(
                f"{size:>7,} {len(text.encode()) / 1e6:>6.2f} {before:>10.3f}s {after:>8.3f}s "
                f"{before / after:>8.1f}x {worst:>8.3f}s"
            )


if __name__ == "__main__":
    main()
