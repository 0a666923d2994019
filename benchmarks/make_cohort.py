"""Generate a cohort dataset: N learners' exports, each with R review rows, as
``neuroquiz export reviews`` writes them (``DIR/learner=<id>/reviews.parquet`` and
``cards.parquet``), for bench_cohort.py.

Method. Building 500 real progress databases of 20,000 answers through the study service
and exporting each would take hours, so only one learner is made the real way: the decks
(``make_big_store.make_decks``, 4,000 cards in 8 decks by default) are synced into a real
store, one day is studied through :class:`~neuroquiz.study.StudySession` with a fixed
clock, and that database is exported with :func:`~neuroquiz.cohort.export.export_reviews`.
That export gives the study cards (ids, ordinals, decks, types, origins, tags: its
``cards.parquet``) and the exact schema every generated file must have (checked per file).

Each learner is then simulated day by day from a seeded ``random.Random``: on a study day
(each day with the learner's own probability) every card due is answered, then up to the
learner's new-card limit is introduced, deck by deck in the learner's own deck order; a
first answer graded below 4 is re-drilled the same day until it is graded 4 or more (SM-2
step 7; re-drills do not change the schedule). Grades come from the learner's skill and the
card's difficulty (about 2% of the cards are much harder: the leeches to find). Every
schedule is computed by the real :func:`neuroquiz.sm2.review`, memoized on (repetitions,
interval, E-Factor, lapses, grade), which is all it depends on besides the day. A learner
stops at exactly R rows (first answers and re-drills together); their days are then shifted
so that their last study day falls in the week before ``TODAY``.

The rows are written with DuckDB's ``COPY ... (FORMAT parquet, COMPRESSION zstd)`` and the
export's key-value metadata, as the export writes them, first answers in time order then
re-drills (the export's order); ``cards.parquet`` holds every study card with the learner's
final states (cards never answered are new).

Everything is seeded: the same arguments give the same files.

Run:
    .venv/bin/python benchmarks/make_cohort.py OUT_DIR [--learners 500] [--reviews 20000]
        [--cards 4000] [--seed 1]
"""

from __future__ import annotations

import argparse
import heapq
import random
import sys
import time
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from make_big_store import make_decks  # noqa: E402

from neuroquiz import sm2  # noqa: E402
from neuroquiz.models import EF_START, Deck, ReviewState  # noqa: E402

TODAY = date(2026, 6, 1)
"""The report day of the generated cohort (pass ``--as-of 2026-06-01`` to ``cohort``)."""
EPOCH = date(1970, 1, 1)
_DAY_US = 86_400 * 1_000_000
PASS_GRADES = (3, 3, 4, 4, 4, 4, 5, 5, 5, 5)
FAIL_GRADES = (0, 1, 1, 2, 2, 2)


@dataclass
class Pool:
    """The study cards every learner draws from (from the real export's cards.parquet)."""

    cards: Any  # pyarrow.Table: card_id ... tags, suspended, retired (none: a fresh sync)
    decks: list[list[int]]  # row indexes of each deck's study cards, in file order
    difficulty: list[float]  # per study card: multiplies the learner's failure rate
    reviews_schema: Any  # pyarrow.Schema of the real export's reviews.parquet
    cards_schema: Any


@dataclass
class Rows:
    """One learner's answers as columns (integers; DuckDB makes the export's types)."""

    card: list[int] = field(default_factory=list)
    at_us: list[int] = field(default_factory=list)
    day: list[int] = field(default_factory=list)
    grade: list[int] = field(default_factory=list)
    was_new: list[bool] = field(default_factory=list)
    before: list[tuple[int, int, int, int]] = field(default_factory=list)
    after: list[tuple[int, int, int, int]] = field(default_factory=list)
    answer_ms: list[int] = field(default_factory=list)

    def add(
        self,
        card: int,
        at_us: int,
        day: int,
        grade: int,
        was_new: bool,
        before: tuple[int, int, int, int],
        after: tuple[int, int, int, int],
        answer_ms: int,
    ) -> None:
        """Append one answer."""
        self.card.append(card)
        self.at_us.append(at_us)
        self.day.append(day)
        self.grade.append(grade)
        self.was_new.append(was_new)
        self.before.append(before)
        self.after.append(after)
        self.answer_ms.append(answer_ms)


_TRANSITIONS: dict[tuple[int, int, int, int, int], tuple[int, int, int, int]] = {}


def transition(state: tuple[int, int, int, int], grade: int) -> tuple[int, int, int, int]:
    """(repetitions, interval, ef, lapses) after an answer, by the real ``sm2.review``."""
    key = (*state, grade)
    found = _TRANSITIONS.get(key)
    if found is None:
        reps, interval, ef, lapses = state
        before = ReviewState(repetitions=reps, interval=interval, ef=ef, lapses=lapses)
        after = sm2.review(before, grade, today=TODAY)
        found = (after.repetitions, after.interval, after.ef, after.lapses)
        _TRANSITIONS[key] = found
    return found


def simulate(pool: Pool, rows_wanted: int, rng: random.Random) -> tuple[Rows, Rows, dict[int, Any]]:
    """One learner: (first answers, re-drills, final state by card index)."""
    fail = rng.uniform(0.05, 0.22)
    study_p = rng.uniform(0.7, 0.98)
    new_per_day = rng.randrange(8, 26)
    order = [i for deck in rng.sample(pool.decks, len(pool.decks)) for i in deck]
    first, redrills = Rows(), Rows()
    states: dict[int, tuple[tuple[int, int, int, int], int]] = {}  # card -> (state, last day)
    due: list[tuple[int, int]] = []  # heap of (due day, card)
    next_new, day, total = 0, 0, 0
    new_state = (0, 0, EF_START, 0)
    while total < rows_wanted:
        day += 1
        if rng.random() > study_p:
            continue
        clock = day * _DAY_US + rng.randrange(6 * 3600, 20 * 3600) * 1_000_000
        today: list[int] = []
        while due and due[0][0] <= day:
            today.append(heapq.heappop(due)[1])
        introduced = min(new_per_day, len(order) - next_new)
        today.extend(order[next_new : next_new + introduced])
        next_new += introduced
        for card in today:
            if total >= rows_wanted:
                break
            before, _ = states.get(card, (new_state, 0))
            p = min(0.9, fail * pool.difficulty[card] * (1.6 if before[0] == 0 else 1.0))
            grade = rng.choice(FAIL_GRADES if rng.random() < p else PASS_GRADES)
            after = transition(before, grade)
            clock += rng.randrange(4, 40) * 1_000_000
            first.add(card, clock, day, grade, card not in states, before, after,
                      rng.randrange(800, 15_000))  # fmt: skip
            total += 1
            states[card] = (after, day)
            heapq.heappush(due, (day + after[1] + rng.choice((0, 0, 0, 0, 1, 2)), card))
            again = sm2.needs_redrill(grade)
            while again and total < rows_wanted:
                clock += rng.randrange(30, 300) * 1_000_000
                grade = rng.choice((1, 2, 3) if rng.random() < p / 2 else (4, 5, 5))
                redrills.add(card, clock, day, grade, False, after, after,
                             rng.randrange(800, 9_000))  # fmt: skip
                total += 1
                again = sm2.needs_redrill(grade)
    return first, redrills, states


# The re-drill flag as a constant of each half, the source as a column: the same types and
# nullability as the export's own SELECT (checked against its schema for every file).
_REVIEWS_PART = """
SELECT p.card_id, p.ordinal, p.deck_id, p.card_type, p.origin,
    make_timestamptz(r.at_us) AS answered_at, (DATE '1970-01-01' + r.day::INTEGER) AS day,
    r.grade::TINYINT AS grade, r.was_new, {redrill} AS redrill, r.source,
    r.ib::INTEGER AS interval_before, r.ia::INTEGER AS interval_after,
    CAST(r.eb * 0.01 AS DECIMAL(9, 2)) AS ef_before, CAST(r.ea * 0.01 AS DECIMAL(9, 2)) AS ef_after,
    r.rb::INTEGER AS repetitions_before, r.ra::INTEGER AS repetitions_after,
    r.lb::INTEGER AS lapses_before, r.la::INTEGER AS lapses_after, r.answer_ms::BIGINT AS answer_ms,
    r.n
FROM rows AS r JOIN pool AS p ON p.row = r.card
WHERE r.redrill = {redrill}
"""
_REVIEWS_SQL = (
    "SELECT * EXCLUDE (n) FROM ("
    + _REVIEWS_PART.format(redrill="false")
    + "UNION ALL"
    + _REVIEWS_PART.format(redrill="true")
    + ") ORDER BY n"
)

_CARDS_SQL = """
SELECT p.card_id, p.ordinal, p.deck_id, p.card_type, p.origin, p.tags,
    coalesce(s.reps, 0)::INTEGER AS repetitions, coalesce(s.interval, 0)::INTEGER AS interval_days,
    CAST(coalesce(s.ef, {ef_start}) * 0.01 AS DECIMAL(9, 2)) AS ef,
    CASE WHEN s.last IS NULL THEN NULL
        ELSE DATE '1970-01-01' + (s.last + s.interval)::INTEGER END AS due,
    coalesce(s.lapses, 0)::INTEGER AS lapses,
    CASE WHEN s.last IS NULL THEN NULL ELSE DATE '1970-01-01' + s.last::INTEGER END AS last_review,
    p.suspended, p.retired
FROM pool AS p LEFT JOIN states AS s ON s.card = p.row
ORDER BY p.deck_id, p.card_id, p.ordinal
"""


def write_learner(
    con: Any, pool: Pool, directory: Path, rows_wanted: int, rng: random.Random
) -> int:
    """Simulate one learner and write their partition; return the rows written."""
    import pyarrow as pa

    first, redrills, states = simulate(pool, rows_wanted, rng)
    last = max(first.day[-1], redrills.day[-1] if redrills.day else 0)
    shift = (TODAY - EPOCH).days - rng.randrange(1, 8) - last
    columns: dict[str, list[Any]] = {name: [] for name in (
        "n", "card", "at_us", "day", "grade", "was_new", "redrill", "ib", "ia", "eb", "ea",
        "rb", "ra", "lb", "la", "answer_ms", "source")}  # fmt: skip
    n = 0
    for rows, is_redrill in ((first, False), (redrills, True)):
        count = len(rows.card)
        columns["n"].extend(range(n, n + count))
        n += count
        columns["card"].extend(rows.card)
        columns["at_us"].extend(at + shift * _DAY_US for at in rows.at_us)
        columns["day"].extend(d + shift for d in rows.day)
        columns["grade"].extend(rows.grade)
        columns["was_new"].extend(rows.was_new)
        columns["redrill"].extend([is_redrill] * count)
        for index, key in enumerate(("r", "i", "e", "l")):  # repetitions, interval, ef, lapses
            columns[f"{key}b"].extend(state[index] for state in rows.before)
            columns[f"{key}a"].extend(state[index] for state in rows.after)
        columns["answer_ms"].extend(rows.answer_ms)
        columns["source"].extend(["neuroquiz"] * count)
    table = pa.table(columns)
    final = pa.table(
        {
            "card": list(states),
            "reps": [s[0][0] for s in states.values()],
            "interval": [s[0][1] for s in states.values()],
            "ef": [s[0][2] for s in states.values()],
            "lapses": [s[0][3] for s in states.values()],
            "last": [s[1] + shift for s in states.values()],
        }
    )
    directory.mkdir(parents=True)
    con.register("rows", table)
    con.register("states", final)
    try:
        _copy(con, _REVIEWS_SQL, directory / "reviews.parquet", "reviews")
        _copy(con, _CARDS_SQL.format(ef_start=EF_START), directory / "cards.parquet", "cards")
    finally:
        con.unregister("rows")
        con.unregister("states")
    return n


def _copy(con: Any, select: str, path: Path, table: str) -> None:
    """As :func:`neuroquiz.cohort.export._copy` writes: zstd, the format's metadata."""
    from neuroquiz.cohort.export import FORMAT_VERSION

    con.execute(
        f"COPY ({select}) TO '{path}' (FORMAT parquet, COMPRESSION zstd, "
        f"KV_METADATA {{neuroquiz_format: '{FORMAT_VERSION}', neuroquiz_table: '{table}'}})"
    )


def real_export(work: Path, decks: list[Deck], seed: int) -> Path:
    """A real store over ``decks``, one day studied through StudySession, exported."""
    from neuroquiz.cohort.export import export_reviews
    from neuroquiz.store import open_store
    from neuroquiz.study import StudySession

    db = work / "reference.db"
    db.unlink(missing_ok=True)
    store = open_store(db)
    rng = random.Random(seed)
    try:
        store.sync(decks)
        now = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
        session = StudySession(store, clock=lambda: now, rng=random.Random(seed))
        while (card := session.current) is not None:
            session.answer(5 if card.is_redrill else rng.randrange(6), answer_ms=2000)
    finally:
        store.close()
    result = export_reviews(db, work / "reference", learner="reference")
    return result.directory


def load_pool(reference: Path, seed: int) -> Pool:
    """The study cards and schemas of the real export, with seeded card difficulties."""
    import pyarrow.parquet as pq

    cards = pq.read_table(reference / "cards.parquet").select(
        ["card_id", "ordinal", "deck_id", "card_type", "origin", "tags", "suspended", "retired"]
    )
    deck_ids = cards.column("deck_id").to_pylist()
    decks: dict[str, list[int]] = {}
    for row, deck_id in enumerate(deck_ids):
        decks.setdefault(deck_id, []).append(row)
    rng = random.Random(seed)
    difficulty = [
        rng.uniform(3.0, 4.5) if rng.random() < 0.02 else rng.lognormvariate(0, 0.45)
        for _ in deck_ids
    ]
    return Pool(
        cards=cards,
        decks=list(decks.values()),
        difficulty=difficulty,
        reviews_schema=pq.read_schema(reference / "reviews.parquet"),
        cards_schema=pq.read_schema(reference / "cards.parquet"),
    )


def make_cohort(
    out: Path, *, learners: int = 500, reviews: int = 20_000, cards: int = 4_000, seed: int = 1
) -> Path:
    """Write the dataset into ``out/dataset`` and the deck files into ``out/decks``; return
    the dataset directory. ``out`` must not hold a dataset yet."""
    import duckdb
    import pyarrow as pa
    import pyarrow.parquet as pq

    from neuroquiz.decks import dump_deck
    from neuroquiz.fileio import write_text_atomic

    dataset = out / "dataset"
    if dataset.exists():
        raise FileExistsError(dataset)
    began = time.perf_counter()
    decks = make_decks(cards, decks=8, seed=seed)
    (out / "decks").mkdir(parents=True, exist_ok=True)
    for deck in decks:
        write_text_atomic(out / "decks" / f"{deck.id}.yaml", dump_deck(deck))
    pool = load_pool(real_export(out, decks, seed), seed)
    print(f"decks and reference export: {pool.cards.num_rows:,} study cards "
          f"({time.perf_counter() - began:.1f} s)")  # fmt: skip
    con = duckdb.connect()
    con.execute("SET threads = 1")
    con.register("pool", pool.cards.append_column("row", pa.array(range(pool.cards.num_rows))))
    rng = random.Random(seed)
    began = time.perf_counter()
    total = 0
    names: set[str] = set()
    for index in range(learners):
        name = f"anon-{rng.getrandbits(48):012x}"
        assert name not in names
        names.add(name)
        learner_rng = random.Random(f"{seed}-{index}")
        directory = dataset / f"learner={name}"
        total += write_learner(con, pool, directory, reviews, learner_rng)
        for file, schema in (("reviews", pool.reviews_schema), ("cards", pool.cards_schema)):
            written = pq.read_schema(directory / f"{file}.parquet")
            if not written.equals(schema, check_metadata=True):
                raise SystemExit(f"{directory}/{file}.parquet: schema differs from the export's")
        if (index + 1) % 50 == 0:
            print(f"  {index + 1} learners, {total:,} rows ({time.perf_counter() - began:.0f} s)",
                  flush=True)  # fmt: skip
    con.close()
    print(f"dataset: {learners} learners, {total:,} review rows, "
          f"{sum(f.stat().st_size for f in dataset.rglob('*.parquet')) / 1e6:.0f} MB "
          f"({time.perf_counter() - began:.1f} s)")  # fmt: skip
    return dataset


def main() -> None:
    """Parse the arguments and generate the dataset."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--learners", type=int, default=500)
    parser.add_argument("--reviews", type=int, default=20_000)
    parser.add_argument("--cards", type=int, default=4_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    make_cohort(
        args.out, learners=args.learners, reviews=args.reviews, cards=args.cards, seed=args.seed
    )


if __name__ == "__main__":
    main()
