"""Learners made the real way: deck files, a progress database, days of study through
StudySession with an injected clock and seeded grades; then exported."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from neuroquiz.cohort.export import ExportResult, export_reviews
from neuroquiz.decks import save_deck
from neuroquiz.models import BasicCard, ClozeCard, Deck, McqCard, Source
from neuroquiz.store import StudyOptions, open_store
from neuroquiz.study import StudyCard, StudySession

TZ = timezone(timedelta(hours=2))  # not UTC: answer times are converted
START = date(2026, 2, 2)

Grader = Callable[[StudyCard, random.Random], int]


def make_decks() -> list[Deck]:
    """Two decks: every card type, generated and authored cards, text with markup."""
    skull = Deck(
        id="skull-base",
        title="Skull base",
        cards=(
            BasicCard(
                id="sb-jugular",
                front="What passes through the [bold]jugular[/] foramen?",
                back="CN IX, X and XI",
                tags=("foramina",),
                origin="generated",
                source=Source(document="rhoton.pdf", sentences=("The jugular foramen ...",)),
            ),
            ClozeCard(id="sb-ica", text="The {{c1::ICA}} enters via the {{c2::carotid canal}}."),
            McqCard(
                id="sb-ovale",
                question="Which nerve exits the foramen ovale?",
                answer="V3",
                distractors=("V1", "V2", "VII"),
            ),
            BasicCard(id="sb-rotundum", front="Foramen rotundum carries?", back="V2"),
        ),
    )
    vascular = Deck(
        id="vascular",
        title="Vascular",
        cards=(
            BasicCard(
                id="va-acom",
                front="Most common aneurysm site?",
                back="AComm",
                origin="generated",
                source=Source(document="vascular.md"),
            ),
            ClozeCard(id="va-pica", text="{{c1::PICA}} supplies the {{c2::lateral medulla}}."),
            BasicCard(id="va-mca", front="MCA M1 gives the?", back="lenticulostriates"),
        ),
    )
    return [skull, vascular]


def write_decks(directory: Path, decks: list[Deck]) -> Path:
    """Save ``decks`` as YAML files in ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    for deck in decks:
        save_deck(directory / f"{deck.id}.yaml", deck)
    return directory


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@dataclass(frozen=True)
class Learner:
    """A learner's database and how they graded."""

    name: str
    db: Path


def study(
    db: Path,
    decks: list[Deck],
    *,
    days: int,
    grader: Grader,
    seed: int,
    start: date = START,
    skip: frozenset[int] = frozenset(),
) -> None:
    """Study every day from ``start`` for ``days`` days (except the offsets in ``skip``)."""
    rng = random.Random(seed)
    store = open_store(db)
    try:
        store.sync(decks)
        # Written before sibling burying and leeches: every study card may come every day,
        # and the leech of leech_grader stays in the queue (the report counts its lapses).
        store.set_study_options(StudyOptions(bury_siblings=False, leech_lapses=0))
        for offset in range(days):
            if offset in skip:
                continue
            day = start + timedelta(days=offset)
            clock = Clock(datetime(day.year, day.month, day.day, 9, 0, tzinfo=TZ))
            session = StudySession(store, clock=clock, rng=random.Random(seed + offset))
            while (card := session.current) is not None:
                clock.now += timedelta(seconds=rng.randrange(5, 40))
                session.answer(grader(card, rng), answer_ms=rng.randrange(500, 9000))
    finally:
        store.close()


def leech_grader(leech: str) -> Grader:
    """Mostly good grades; ``leech`` is failed whenever it was recalled the time before."""

    def grade(card: StudyCard, rng: random.Random) -> int:
        if card.is_redrill:
            return rng.choice((2, 4, 5))
        if card.key == leech:
            return 1 if card.state.repetitions > 0 else 5
        return rng.choice((5, 5, 4, 4, 3, 2, 1, 0))

    return grade


def random_grader(card: StudyCard, rng: random.Random) -> int:
    """Any grade; re-drills end with a 4 or 5 soon enough."""
    if card.is_redrill:
        return rng.choice((1, 3, 4, 5, 5))
    return rng.randrange(6)


@dataclass(frozen=True)
class Cohort:
    """Three learners' databases, their exports and the deck directory."""

    decks_dir: Path
    out: Path
    learners: list[Learner]
    exports: list[ExportResult]


@pytest.fixture(scope="module")
def cohort(tmp_path_factory: pytest.TempPathFactory) -> Cohort:
    """Three residents: one fails ``va-acom`` again and again (a leech), one studies at
    random, one started later and skipped days. All exported to one dataset."""
    root = tmp_path_factory.mktemp("cohort")
    decks = make_decks()
    decks_dir = write_decks(root / "decks", decks)
    plans = [
        ("ann", leech_grader("va-acom"), 30, 0, START, frozenset()),
        ("ben", random_grader, 25, 1, START + timedelta(days=2), frozenset({3, 4, 10})),
        ("cat", leech_grader("sb-ica:c2"), 20, 2, START + timedelta(days=10), frozenset()),
    ]
    learners = []
    for name, grader, days, seed, start, skip in plans:
        db = root / f"{name}.db"
        study(db, decks, days=days, grader=grader, seed=seed, start=start, skip=skip)
        learners.append(Learner(name=name, db=db))
    out = root / "dataset"
    exports = [
        export_reviews(learner.db, out, make_pseudonym=lambda n=learner.name: f"anon-{n}")
        for learner in learners
    ]
    return Cohort(decks_dir=decks_dir, out=out, learners=learners, exports=exports)
