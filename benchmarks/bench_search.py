"""Browse search speed over a 100,000-card store: parse + match + first page of rows.

Prints figures; asserts nothing.

    /tmp/venv/bin/python benchmarks/bench_search.py
"""

from __future__ import annotations

import statistics
import time
from datetime import date

from sqlite_utils import Database

from neuroquiz.models import BasicCard, ClozeCard, Deck, McqCard
from neuroquiz.store import ProgressStore
from neuroquiz.study.search import search_cards

CARDS = 100_000
PER_DECK = 5_000
PAGE = 200
TODAY = date(2026, 3, 2)
QUERIES = ("", "tag:t3", "type:cloze", "is:due", "is:new -is:suspended", "deck:d-7", "term 4242")


def make_decks() -> list[Deck]:
    """``CARDS`` cards (basic, cloze, mcq in turn) in decks of ``PER_DECK``."""
    decks = []
    for d in range(CARDS // PER_DECK):
        cards: list[BasicCard | ClozeCard | McqCard] = []
        for j in range(PER_DECK):
            i = d * PER_DECK + j
            tags = ("bench", f"t{i % 7}")
            if i % 3 == 0:
                cards.append(BasicCard(id=f"b-{i}", front=f"Q {i}?", back=f"A {i}", tags=tags))
            elif i % 3 == 1:
                cards.append(ClozeCard(id=f"c-{i}", text=f"The {{{{c1::term {i}}}}}.", tags=tags))
            else:
                cards.append(
                    McqCard(id=f"m-{i}", question=f"P {i}", answer="a", distractors=("b", "c"))
                )
        decks.append(Deck(id=f"d-{d}", title=f"Deck {d}", cards=tuple(cards)))
    return decks


def main() -> None:
    """Build the store, then time each query (median of 5)."""
    store = ProgressStore(Database(memory=True))
    store.sync(make_decks())
    store.db.execute(
        "UPDATE study_cards SET due = '2026-03-01', last_review = '2026-02-20', "
        "repetitions = 1, interval = 1 WHERE rowid % 4 = 0"
    )
    print(f"{CARDS:,} cards; first page = {PAGE} rows")
    for query in QUERIES:
        times = []
        for _ in range(5):
            start = time.perf_counter()
            result = search_cards(store, query, today=TODAY)
            result.rows(0, PAGE)
            times.append(time.perf_counter() - start)
        label = query or "(all)"
        print(f"{label:24} {len(result):>7,} matches  {statistics.median(times) * 1000:7.1f} ms")


if __name__ == "__main__":
    main()
