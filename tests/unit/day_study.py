"""Study day by day on a store in memory: the clock and the helpers the sibling-burying and
reversed-card tests share (real store, injected clock, seeded rng)."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta, timezone

from sqlite_utils import Database

from neuroquiz.models import BasicCard, ClozeCard, Deck
from neuroquiz.store import ProgressStore
from neuroquiz.study import StudySession

TZ = timezone(timedelta(hours=2))
DAY1 = date(2026, 3, 2)


class Clock:
    """10:00 on a study day; ``next_day`` moves it on by one day."""

    def __init__(self, day: date) -> None:
        self.now = datetime(day.year, day.month, day.day, 10, tzinfo=TZ)

    def __call__(self) -> datetime:
        return self.now

    def next_day(self) -> None:
        self.now += timedelta(days=1)


def memory_store(*cards: BasicCard | ClozeCard) -> ProgressStore:
    """A store in memory holding one deck, "basics", of ``cards``."""
    store = ProgressStore(Database(memory=True))
    store.sync([Deck(id="basics", title="Basics", cards=cards)])
    return store


def study_day(store: ProgressStore, clock: Clock, grade: int = 4) -> list[str]:
    """Study one day's session to the end; the keys shown (re-drills once each)."""
    session = StudySession(store, clock=clock, rng=random.Random(3))
    shown: list[str] = []
    while (card := session.current) is not None:
        if card.key not in shown:
            shown.append(card.key)
        session.answer(grade)
    return shown
