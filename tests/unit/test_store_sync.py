"""ProgressStore.sync: added, changed (progress kept), retired, restored, idempotent."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlite_utils import Database

from neuroquiz import sm2
from neuroquiz.errors import NeuroquizError
from neuroquiz.models import BasicCard, ClozeCard, Deck, McqCard, ReviewLog, ReviewState
from neuroquiz.store import ProgressStore, SyncReport

DAY = date(2026, 1, 5)


def _deck(*cards: BasicCard | ClozeCard | McqCard, deck_id: str = "basics") -> Deck:
    return Deck(id=deck_id, title=deck_id.title(), cards=cards)


GCS = BasicCard(id="gcs", front="Range of the GCS?", back="3 to 15")
MONRO = ClozeCard(id="monro", text="The {{c1::foramen of Monro}} joins {{c2::ventricles}}.")
EDH = McqCard(
    id="edh",
    question="Artery torn in an epidural hematoma?",
    answer="middle meningeal artery",
    distractors=("bridging veins", "superficial temporal artery"),
)


def _store(*decks: Deck) -> ProgressStore:
    store = ProgressStore(Database(memory=True))
    store.sync(decks)
    return store


def _answer(store: ProgressStore, key: str, grade: int = 4) -> ReviewState:
    before = store.state(key)
    after = sm2.review(before, grade, today=DAY)
    store.record_answer(
        ReviewLog(
            key=key,
            reviewed_at=datetime(2026, 1, 5, 9, tzinfo=UTC),
            grade=grade,
            before=before,
            after=after,
        )
    )
    return after


def _dump(store: ProgressStore) -> list[str]:
    return list(store.db.conn.iterdump())


def test_new_cards_get_new_states_one_per_study_card() -> None:
    store = ProgressStore(Database(memory=True))
    report = store.sync([_deck(GCS, MONRO, EDH)])
    assert report == SyncReport(added=3)
    assert store.study_keys("gcs") == ["gcs"]
    assert store.study_keys("monro") == ["monro:c1", "monro:c2"]
    assert store.state("monro:c2") == ReviewState()
    assert store.card("edh") == EDH
    assert store.deck_id_of("monro") == "basics"


def test_syncing_twice_changes_nothing() -> None:
    store = _store(_deck(GCS, MONRO, EDH), _deck(deck_id="empty"))
    _answer(store, "gcs")
    dump = _dump(store)
    changes = store.db.conn.total_changes
    report = store.sync([_deck(GCS, MONRO, EDH), _deck(deck_id="empty")])
    assert report == SyncReport(unchanged=3)
    assert not report.touched
    assert store.db.conn.total_changes == changes
    assert _dump(store) == dump


def test_changed_content_keeps_progress_and_history() -> None:
    store = _store(_deck(GCS))
    after = _answer(store, "gcs")
    edited = GCS.model_copy(update={"back": "3 to 15 (3 = deepest coma)"})
    report = store.sync([_deck(edited)])
    assert report == SyncReport(changed=1)
    assert store.card("gcs") == edited
    assert store.state("gcs") == after
    assert len(store.review_logs("gcs")) == 1


def test_cloze_gaining_and_losing_deletions() -> None:
    store = _store(_deck(MONRO))
    c1 = _answer(store, "monro:c1")
    _answer(store, "monro:c2")
    grown = ClozeCard(id="monro", text="The {{c1::foramen}} joins the {{c3::third ventricle}}.")
    assert store.sync([_deck(grown)]) == SyncReport(changed=1)
    assert store.study_keys("monro") == ["monro:c1", "monro:c3"]
    assert store.state("monro:c1") == c1  # progress kept
    assert store.state("monro:c3") == ReviewState()  # new study card
    # c2 is retired, not deleted: its state and history stay
    assert store.study_keys("monro", include_retired=True) == ["monro:c1", "monro:c2", "monro:c3"]
    assert len(store.review_logs("monro:c2")) == 1
    summary = store.deck_summaries(DAY)[0]
    assert (summary.total, summary.learned, summary.new) == (2, 1, 1)
    # c2 coming back is un-retired with its progress
    store.sync([_deck(MONRO)])
    assert store.study_keys("monro") == ["monro:c1", "monro:c2"]
    assert store.state("monro:c2").repetitions == 1


def test_card_gone_from_its_file_is_retired_and_restored_when_back() -> None:
    store = _store(_deck(GCS, EDH))
    after = _answer(store, "gcs")
    report = store.sync([_deck(EDH)])
    assert report == SyncReport(retired=1, unchanged=1)
    assert store.card("gcs") == GCS  # kept, with its history
    assert len(store.review_logs("gcs")) == 1
    assert store.study_keys("gcs") == []
    assert [e.key for e in store.new_entries("basics", 10)] == ["edh"]
    assert store.deck_summaries(DAY)[0].total == 1
    assert store.due_entries("basics", date(2030, 1, 1), 10) == []

    report = store.sync([_deck(GCS, EDH)])
    assert report == SyncReport(restored=1, unchanged=1)
    assert store.state("gcs") == after
    assert [e.key for e in store.due_entries("basics", date(2030, 1, 1), 10)] == ["gcs"]


def test_card_moving_to_another_deck_keeps_progress() -> None:
    store = _store(_deck(GCS, EDH), _deck(deck_id="trauma"))
    after = _answer(store, "gcs")
    report = store.sync([_deck(EDH), _deck(GCS, deck_id="trauma")])
    assert report == SyncReport(changed=1, unchanged=1)
    assert store.deck_id_of("gcs") == "trauma"
    assert [e.key for e in store.due_entries("trauma", date(2030, 1, 1), 10)] == ["gcs"]
    assert store.state("gcs") == after


def test_deck_missing_from_a_full_sync_is_retired_but_not_from_a_partial_one() -> None:
    store = _store(_deck(GCS), _deck(EDH, deck_id="trauma"))
    assert store.sync([_deck(GCS)], partial=True) == SyncReport(unchanged=1)
    assert [d.id for d in store.decks()] == ["basics", "trauma"]
    assert store.sync([_deck(GCS)]) == SyncReport(retired=1, unchanged=1, retired_decks=1)
    assert [d.id for d in store.decks()] == ["basics"]
    assert store.sync([_deck(GCS), _deck(EDH, deck_id="trauma")]).restored == 1
    assert [d.id for d in store.decks()] == ["basics", "trauma"]


def test_deck_title_changes_are_stored() -> None:
    store = _store(_deck(GCS))
    store.sync([Deck(id="basics", title="Neuro basics", description="Day one", cards=(GCS,))])
    info = store.decks()[0]
    assert (info.title, info.description) == ("Neuro basics", "Day one")


def test_new_deletion_of_a_suspended_card_is_suspended_too() -> None:
    store = _store(_deck(MONRO))
    store.set_suspended("monro", True)
    grown = ClozeCard(id="monro", text="{{c1::a}} {{c2::b}} {{c3::c}}")
    store.sync([_deck(grown)])
    assert store.new_entries("basics", 10) == []
    store.set_suspended("monro", False)
    assert [e.key for e in store.new_entries("basics", 10)] == ["monro:c1", "monro:c2", "monro:c3"]


def test_duplicate_ids_are_refused_before_anything_is_written() -> None:
    store = ProgressStore(Database(memory=True))
    with pytest.raises(NeuroquizError, match="card id 'gcs' appears twice"):
        store.sync([_deck(GCS), _deck(GCS, deck_id="trauma")])
    with pytest.raises(NeuroquizError, match="deck id 'basics' is given twice"):
        store.sync([_deck(GCS), _deck(EDH)])
    assert store.decks() == []


def test_sync_is_one_transaction() -> None:
    store = _store(_deck(GCS))
    # Make the last write of a sync (retiring study cards) fail: nothing before it may stay.
    store.db.execute(
        "CREATE TRIGGER boom BEFORE UPDATE OF retired ON study_cards "
        "BEGIN SELECT RAISE(ABORT, 'boom'); END"
    )
    dump = _dump(store)
    with pytest.raises(Exception, match="boom"):
        store.sync([_deck(EDH)])  # adds edh, then retires gcs -> trigger fires
    assert _dump(store) == dump
