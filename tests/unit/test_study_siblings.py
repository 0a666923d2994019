"""Sibling burying: the study cards of one card (a cloze's c1 and c2) never come on the same
study day unless the option is off. Real store in memory, injected clock, seeded rng."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta, timezone

from sqlite_utils import Database

from neuroquiz.models import BasicCard, ClozeCard, Deck
from neuroquiz.store import Limits, ProgressStore, QueuePick, StudyOptions
from neuroquiz.study import StudySession, plan_today
from neuroquiz.study.queue import unburied

TZ = timezone(timedelta(hours=2))
DAY1 = date(2026, 3, 2)

MONRO = ClozeCard(id="monro", text="{{c1::Monro}} joins {{c2::ventricles}} to {{c3::third}}.")
GCS = BasicCard(id="gcs", front="Range of the GCS?", back="3 to 15")
SAH = BasicCard(id="sah", front="Thunderclap headache?", back="SAH")


class Clock:
    def __init__(self, day: date) -> None:
        self.now = datetime(day.year, day.month, day.day, 10, tzinfo=TZ)

    def __call__(self) -> datetime:
        return self.now

    def next_day(self) -> None:
        self.now += timedelta(days=1)


def _store(*cards: BasicCard | ClozeCard) -> ProgressStore:
    store = ProgressStore(Database(memory=True))
    store.sync([Deck(id="basics", title="Basics", cards=cards)])
    return store


def _day(store: ProgressStore, clock: Clock, grade: int = 4) -> list[str]:
    """Study one day's session to the end; the keys shown (re-drills once each)."""
    session = StudySession(store, clock=clock, rng=random.Random(3))
    shown: list[str] = []
    while (card := session.current) is not None:
        if card.key not in shown:
            shown.append(card.key)
        session.answer(grade)
    return shown


def test_unburied_keeps_the_first_study_card_of_each_card() -> None:
    picks = [
        QueuePick("monro:c2", "monro", 2, "basics", 0, None),
        QueuePick("gcs", "gcs", 0, "basics", 1, None),
        QueuePick("monro:c1", "monro", 1, "basics", 0, None),
        QueuePick("sah", "sah", 0, "basics", 2, None),
    ]
    assert [p.key for p in unburied(picks, frozenset())] == ["monro:c2", "gcs", "sah"]
    assert [p.key for p in unburied(picks, frozenset({"gcs"}))] == ["monro:c2", "sah"]


def test_one_deletion_a_day_and_the_next_ones_on_later_days() -> None:
    store = _store(MONRO, GCS)
    clock = Clock(DAY1)
    assert _day(store, clock) == ["monro:c1", "gcs"]
    clock.next_day()
    # c1 and gcs are due (interval 1): the review of c1 comes, its new siblings wait.
    assert _day(store, clock) == ["monro:c1", "gcs"]
    clock.next_day()
    assert _day(store, clock) == ["monro:c2"]
    clock.next_day()
    assert _day(store, clock) == ["monro:c2"]  # due again; c3 waits one more day
    clock.next_day()
    assert _day(store, clock) == ["monro:c3"]


def test_two_due_siblings_the_most_overdue_comes_first_and_alone() -> None:
    store = _store(MONRO)
    store.set_study_options(StudyOptions(bury_siblings=False))
    clock = Clock(DAY1)
    assert _day(store, clock) == ["monro:c1", "monro:c2", "monro:c3"]
    store.set_study_options(StudyOptions(bury_siblings=True))
    clock.next_day()  # all three due today
    assert _day(store, clock) == ["monro:c1"]


def test_a_buried_sibling_leaves_room_for_the_next_new_card() -> None:
    store = _store(MONRO, GCS, SAH)
    store.set_limits(Limits(new_per_day=2, reviews_per_day=200))
    clock = Clock(DAY1)
    plan = plan_today(store, StudySession(store, clock=clock).today, ["basics"])
    assert (plan.new, plan.reviews) == (2, 0)
    assert _day(store, clock) == ["monro:c1", "gcs"]  # not monro:c2


def test_a_card_answered_today_in_another_session_buries_its_siblings() -> None:
    store = _store(MONRO, GCS)
    clock = Clock(DAY1)
    first = StudySession(store, clock=clock)
    card = first.current
    assert card is not None and card.key == "monro:c1"
    first.answer(5)
    # A new session the same day (the app restarted): c1 is done, c2 and c3 stay buried.
    assert _day(store, clock) == ["gcs"]


def test_undo_puts_the_card_back_and_its_siblings_stay_buried() -> None:
    store = _store(MONRO, GCS)
    clock = Clock(DAY1)
    session = StudySession(store, clock=clock)
    session.answer(5)  # monro:c1
    card = session.undo()
    assert card is not None and card.key == "monro:c1"
    session.refresh()  # nothing answered today any more: still c1, then gcs, no sibling
    keys = []
    while (card := session.current) is not None:
        keys.append(card.key)
        session.answer(5)
    assert keys == ["monro:c1", "gcs"]


def test_burying_off_shows_every_sibling_on_the_first_day() -> None:
    store = _store(MONRO, GCS)
    store.set_study_options(StudyOptions(bury_siblings=False))
    assert _day(store, Clock(DAY1)) == ["monro:c1", "monro:c2", "monro:c3", "gcs"]
