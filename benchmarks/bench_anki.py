"""Anki interop speed: export 10,000 cards to .apkg, import a 10,000-note package.

Targets (issue 5): export <= 2 s, import <= 3 s. Prints figures; asserts nothing.

    /tmp/venv/bin/python benchmarks/bench_anki.py
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from neuroquiz.anki import CardProgress, export_apkg, import_package
from neuroquiz.models import BasicCard, ClozeCard, Deck, McqCard, ReviewState, Source

CARDS = 10_000
TODAY = date(2026, 3, 2)


def make_decks(count: int = CARDS, per_deck: int = 1_000) -> list[Deck]:
    """``count`` cards (basic, cloze, mcq in turn) in decks of ``per_deck``."""
    cards: list[BasicCard | ClozeCard | McqCard] = []
    source = Source(document="Greenberg.pdf", sentences=("The <Sylvian> fissure & the insula.",))
    for i in range(count):
        kind = i % 3
        if kind == 0:
            cards.append(
                BasicCard(
                    id=f"b-{i}",
                    front=f"Question {i} <a>?",
                    back=f"Answer {i} & co",
                    tags=("bench", f"t{i % 7}"),
                    source=source,
                )
            )
        elif kind == 1:
            cards.append(
                ClozeCard(
                    id=f"c-{i}", text=f"The {{{{c1::term {i}}}}} is {{{{c2::x}}}}.", notes="note"
                )
            )
        else:
            cards.append(
                McqCard(
                    id=f"m-{i}",
                    question=f"Pick {i}",
                    answer="right",
                    distractors=("w1", "w2", "w3"),
                )
            )
    return [
        Deck(id=f"deck-{n}", title=f"Bench {n}", cards=tuple(cards[start : start + per_deck]))
        for n, start in enumerate(range(0, count, per_deck))
    ]


def progress_for(decks: list[Deck]) -> dict[str, CardProgress]:
    """Every other basic card reviewed, as after a few weeks of study."""
    state = ReviewState(
        repetitions=3,
        interval=15,
        ef=236,
        due=TODAY + timedelta(days=4),
        lapses=1,
        last_review=TODAY - timedelta(days=11),
    )
    return {
        card.id: CardProgress(state, reps=4)
        for deck in decks
        for card in deck.cards
        if isinstance(card, BasicCard) and int(card.id.split("-")[1]) % 2 == 0
    }


def timed(label: str, runs: int, action: Callable[[], object]) -> float:
    """Run ``action`` ``runs`` times; print and return the median seconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    median = statistics.median(times)
    print(f"{label:<48} median {median:6.3f} s   (min {min(times):.3f}, max {max(times):.3f})")
    return median


def anki_made_package(ours: Path, target: Path) -> Path | None:
    """Our package re-exported by Anki (current anki21b format), if ``anki`` is installed."""
    try:
        from anki.collection import (
            Collection,
            ExportAnkiPackageOptions,
            ImportAnkiPackageOptions,
            ImportAnkiPackageRequest,
        )
    except ImportError:
        return None
    col = Collection(str(target.with_suffix(".anki2")))
    col.import_anki_package(
        ImportAnkiPackageRequest(package_path=str(ours), options=ImportAnkiPackageOptions())
    )
    options = ExportAnkiPackageOptions(with_scheduling=False, with_media=False, legacy=False)
    col.export_anki_package(out_path=str(target), options=options, limit=None)
    col.close()
    return target


def main() -> None:
    """Build the decks once, then time export and import."""
    decks = make_decks()
    progress = progress_for(decks)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "bench.apkg"
        export = timed(
            f"export {CARDS:,} cards to .apkg",
            5,
            lambda: export_apkg(decks, out, today=TODAY, timestamp=1.7e9),
        )
        timed(
            f"export {CARDS:,} cards to .apkg --with-progress",
            5,
            lambda: export_apkg(decks, out, today=TODAY, timestamp=1.7e9, progress=progress),
        )
        size = out.stat().st_size
        imported = timed(f"import a {CARDS:,}-note package", 5, lambda: import_package(out))
        result = import_package(out)
        cards = sum(len(deck.cards) for deck in result.decks)
        current = anki_made_package(out, Path(tmp) / "anki-made.apkg")
        if current is not None:
            timed(
                f"import a {CARDS:,}-note package made by Anki", 5, lambda: import_package(current)
            )
    print(f"package size {size / 1e6:.1f} MB; imported {len(result.decks)} decks, {cards:,} cards")
    print(
        f"targets: export <= 2 s ({'ok' if export <= 2 else 'MISSED'}), "
        f"import <= 3 s ({'ok' if imported <= 3 else 'MISSED'})"
    )


if __name__ == "__main__":
    main()
