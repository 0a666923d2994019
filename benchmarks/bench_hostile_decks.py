"""Benchmark ``neuroquiz check`` on hostile deck files under the 5 MB limit (issue 12 item 9).

Writes each file below (all under the 5 MB limit) and runs ``neuroquiz check`` on it in a
fresh process, printing the wall time from exec to exit, the peak memory (max RSS) and the
first problem line. Before the bounds, the 2 MB file of numbers took 167 s and 1.6 GB, and
a valid 4.9 MB deck 75 s.

  numbers-flow   2 MB: ``cards: [1,1,1,...]`` (a million values)
  numbers-block  4 MB: ``cards:`` then a million ``- 1`` lines
  cards-no-back  4.9 MB: 150,000 cards, each without its ``back``
  keys           4.9 MB: 450,000 unknown top-level keys
  nesting        2 MB: a million ``[`` (nesting)
  long-line      4.8 MB: one card whose front is one 4.8 MB line
  aliases        3 MB: a million ``*a`` aliases
  valid-20k      4.6 MB: a valid deck of 20,000 cards (``bench_decks.make_deck``)

Run:
    .venv/bin/python benchmarks/bench_hostile_decks.py
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bench_decks import make_deck

from neuroquiz.decks import dump_deck


def _cards_no_back() -> str:
    cards = "".join(f"  - id: c{i}\n    type: basic\n    front: q{i}\n" for i in range(150_000))
    return "title: T\ncards:\n" + cards[:4_900_000].rsplit("  - id", 1)[0]


FILES: dict[str, Callable[[], str]] = {
    "numbers-flow": lambda: "title: T\ncards: [" + ",".join(["1"] * 1_048_000) + "]\n",
    "numbers-block": lambda: "title: T\ncards:\n" + "- 1\n" * 1_000_000,
    "cards-no-back": _cards_no_back,
    "keys": lambda: "title: T\ncards: []\n" + "".join(f"k{i}: v\n" for i in range(450_000)),
    "nesting": lambda: "title: T\ncards: " + "[" * 1_000_000 + "]" * 1_000_000 + "\n",
    "long-line": lambda: (
        "title: T\ncards:\n  - id: a\n    type: basic\n    front: " + "x" * 4_800_000 + "\n"
        "    back: y\n"
    ),
    "aliases": lambda: "title: T\ncards: [" + ",".join(["*a"] * 1_000_000) + "]\n",
    "valid-20k": lambda: dump_deck(make_deck(20_000)),
}

_RUN = """
import resource, sys
from neuroquiz.cli import main
sys.argv = ["neuroquiz", "--db", sys.argv[1], "check", sys.argv[2]]
try:
    main()
except SystemExit:
    pass
print("maxrss_kb", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)
"""


def main() -> None:
    """Write each hostile file, check it in a fresh process, print the figures."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        print(f"{'file':<14} {'size':>8} {'seconds':>8} {'peak MB':>8}  first line of output")
        for name, make in FILES.items():
            path = folder / f"{name}.yaml"
            path.write_text(make(), encoding="utf-8")
            start = time.perf_counter()
            proc = subprocess.run(
                [sys.executable, "-c", _RUN, str(folder / "p.db"), str(path)],
                capture_output=True,
                text=True,
                check=False,
            )
            seconds = time.perf_counter() - start
            rss = next(
                (int(x.split()[1]) for x in proc.stderr.splitlines() if x.startswith("maxrss_kb")),
                0,
            )
            first = (proc.stdout.splitlines() or ["?"])[0].replace(str(path), name)
            size = path.stat().st_size / 1e6
            print(f"{name:<14} {size:>6.1f}MB {seconds:>8.2f} {rss / 1024:>8.0f}  {first[:90]}")


if __name__ == "__main__":
    main()
