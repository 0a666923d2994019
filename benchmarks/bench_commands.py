"""Whole commands as a user waits for them: `neuroquiz stats` and `neuroquiz sync`, from exec
to exit, beside Anki's open + deck list (whole process too) on a collection of the same size.

Goals (issue 14): `neuroquiz stats` at 100k cards <= 1.5x Anki's open + deck list, which
needs unchanged deck files to be skipped without parsing (``neuroquiz.decks.stamps``); the
app's home screen shown <= 0.5 s from exec (timed in a pseudo-terminal, see ptyclock.py).

The store and deck files come from make_big_store.py (made once under /tmp, or --db and
--decks); the Anki collection (same cards, as Basic notes in as many decks) is made once
with Anki's own API and kept under /tmp. The first neuroquiz run after the store was made
parses every file and records the stamps; it is printed as "first", then the median of
--runs runs. Table rows start with "| " (benchmarks/run_all.py collects them).

Run: .venv/bin/python benchmarks/bench_commands.py [--cards 100000] [--runs 5]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

from make_big_store import deck_count, make_decks  # noqa: E402
from ptyclock import exec_to_frame  # noqa: E402

ANKI_OPEN = """
import sys
from anki.collection import Collection
col = Collection(sys.argv[1])
tree = col.sched.deck_due_tree()
assert len(tree.children) >= 1
col.close(downgrade=False)
"""


def _neuroquiz() -> list[str]:
    script = shutil.which("neuroquiz", path=str(Path(sys.executable).parent))
    return [script] if script else [sys.executable, "-m", "neuroquiz"]


def whole(argv: list[str], runs: int) -> tuple[float, list[float]]:
    """Run ``argv`` ``runs`` times; the median and every time, in seconds."""
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, check=True, capture_output=True)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples), samples


def make_store(cards: int, work: Path) -> tuple[Path, Path]:
    """The store and deck directory made by make_big_store.py (reused if present)."""
    db, decks = work / f"store-{cards}.db", work / f"decks-{cards}"
    if not db.exists():
        maker = [sys.executable, str(HERE / "make_big_store.py"), str(db)]
        subprocess.run([*maker, "--cards", str(cards), "--write-decks", str(decks)], check=True)
    return db, decks


def make_anki(cards: int, work: Path) -> Path | None:
    """An Anki collection with ``cards`` Basic notes over as many decks as ours, or None."""
    try:
        from anki.collection import AddNoteRequest, Collection
    except ImportError:
        return None
    path = work / f"anki-{cards}.anki2"
    if path.exists():
        return path
    start = time.perf_counter()
    col = Collection(str(path.with_suffix(".tmp.anki2")))
    basic = col.models.by_name("Basic")
    assert basic is not None
    for deck in make_decks(cards, 20):
        deck_id = col.decks.id(deck.title)
        assert deck_id is not None
        requests = []
        for card in deck.cards:
            note = col.new_note(basic)
            note["Front"] = getattr(card, "front", None) or getattr(card, "text", "") or card.id
            note["Back"] = getattr(card, "back", None) or card.id
            requests.append(AddNoteRequest(note=note, deck_id=deck_id))
        col.add_notes(requests)
    col.close(downgrade=False)
    path.with_suffix(".tmp.anki2").rename(path)
    print(f"(made {path} in {time.perf_counter() - start:.0f} s)")
    return path


def main() -> None:
    """Time the commands and print the table rows."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cards", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--db", type=Path)
    parser.add_argument("--decks", type=Path)
    parser.add_argument("--work", type=Path, default=Path("/tmp/neuroquiz-bench"))
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    if args.db is not None and args.decks is not None:
        db, decks = args.db, args.decks
    else:
        db, decks = make_store(args.cards, args.work)
    base = [*_neuroquiz(), "--db", str(db), "--decks", str(decks)]
    first, _ = whole([*base, "stats"], 1)
    stats, samples = whole([*base, "stats"], args.runs)
    sync, _ = whole([*base, "sync"], args.runs)
    launches = [exec_to_frame(base, b"Neurosurgery 00") for _ in range(args.runs)]
    frame = statistics.median(f for f, _ in launches)
    quit_ = statistics.median(q for _, q in launches)
    anki_path = make_anki(args.cards, args.work)
    anki = None
    if anki_path is not None:
        anki, _ = whole([sys.executable, "-c", ANKI_OPEN, str(anki_path)], args.runs)
    size = f"{args.cards:,} cards, {deck_count(args.cards)} decks"
    print(f"neuroquiz stats, first run after the store was made: {first:.2f} s")
    print(f"neuroquiz stats runs: {', '.join(f'{s:.2f}' for s in samples)} s")
    print(f"`neuroquiz` in a pty, ctrl+q -> exit: median {quit_:.2f} s")
    rows = (
        ("`neuroquiz stats`", stats),
        ("`neuroquiz sync`", sync),
        ("`neuroquiz` exec -> home frame in a pty", frame),
    )
    for label, ours in rows:
        theirs = f"{anki:.2f} s (open + deck list)" if anki is not None else "anki not installed"
        ratio = f"{ours / anki:.1f}x" if anki is not None else ""
        print(f"| {label}, whole process, {size} | {ours:.2f} s | {theirs} | {ratio} |")


if __name__ == "__main__":
    main()
