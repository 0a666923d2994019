"""Sibling burying: the study cards of one card (a cloze's c1 and c2) never come on the same
study day unless the option is off. Real store in memory, injected clock, seeded rng."""

from __future__ import annotations

from neuroquiz.models import BasicCard, ClozeCard
from neuroquiz.store import Limits, QueuePick, StudyOptions
from neuroquiz.study import StudySession, plan_today
from neuroquiz.study.queue import unburied
from tests.unit.day_study import DAY1, Clock, memory_store, study_day

MONRO = ClozeCard(id="monro", text="{{c1::Monro}} joins {{c2::ventricles}} to {{c3::third}}.")
GCS = BasicCard(id="gcs", front="Range of the GCS?", back="3 to 15")
SAH = BasicCard(id="sah", front="Thunderclap headache?", back="SAH")


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
    store = memory_store(MONRO, GCS)
    clock = Clock(DAY1)
    assert study_day(store, clock) == ["monro:c1", "gcs"]
    clock.next_day()
    # c1 and gcs are due (interval 1): the review of c1 comes, its new siblings wait.
    assert study_day(store, clock) == ["monro:c1", "gcs"]
    clock.next_day()
    assert study_day(store, clock) == ["monro:c2"]
    clock.next_day()
    assert study_day(store, clock) == ["monro:c2"]  # due again; c3 waits one more day
    clock.next_day()
    assert study_day(store, clock) == ["monro:c3"]


def test_two_due_siblings_the_most_overdue_comes_first_and_alone() -> None:
    store = memory_store(MONRO)
    store.set_study_options(StudyOptions(bury_siblings=False))
    clock = Clock(DAY1)
    assert study_day(store, clock) == ["monro:c1", "monro:c2", "monro:c3"]
    store.set_study_options(StudyOptions(bury_siblings=True))
    clock.next_day()  # all three due today
    assert study_day(store, clock) == ["monro:c1"]


def test_a_buried_sibling_leaves_room_for_the_next_new_card() -> None:
    store = memory_store(MONRO, GCS, SAH)
    store.set_limits(Limits(new_per_day=2, reviews_per_day=200))
    clock = Clock(DAY1)
    plan = plan_today(store, StudySession(store, clock=clock).today, ["basics"])
    assert (plan.new, plan.reviews) == (2, 0)
    assert study_day(store, clock) == ["monro:c1", "gcs"]  # not monro:c2


def test_a_card_answered_today_in_another_session_buries_its_siblings() -> None:
    store = memory_store(MONRO, GCS)
    clock = Clock(DAY1)
    first = StudySession(store, clock=clock)
    card = first.current
    assert card is not None and card.key == "monro:c1"
    first.answer(5)
    # A new session the same day (the app restarted): c1 is done, c2 and c3 stay buried.
    assert study_day(store, clock) == ["gcs"]


def test_undo_puts_the_card_back_and_its_siblings_stay_buried() -> None:
    store = memory_store(MONRO, GCS)
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


def test_burying_off_shows_every_sibling_on_the_firststudy_day() -> None:
    store = memory_store(MONRO, GCS)
    store.set_study_options(StudyOptions(bury_siblings=False))
    assert study_day(store, Clock(DAY1)) == ["monro:c1", "monro:c2", "monro:c3", "gcs"]
