"""Leeches: a study card whose lapses reach the threshold is marked in the store and its card
suspended, in the answer's transaction; undo takes both back; unsuspending keeps the mark,
editing the card clears it; Browse finds it with ``is:leech``. Real store in memory,
injected clock, seeded rng."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta, timezone

import pytest
from sqlite_utils import Database

from neuroquiz.models import BasicCard, ClozeCard, Deck, ReviewState
from neuroquiz.store import ProgressStore, StudyOptions, migrations
from neuroquiz.study import Stats, StudySession
from neuroquiz.study.leeches import becomes_leech
from neuroquiz.study.search import card_row, search_cards

TZ = timezone(timedelta(hours=2))
DAY = date(2026, 3, 2)
NOW = datetime(2026, 3, 2, 10, tzinfo=TZ)

SAH = BasicCard(id="sah", front="Thunderclap headache?", back="SAH")
GCS = BasicCard(id="gcs", front="Range of the GCS?", back="3 to 15")
MONRO = ClozeCard(id="monro", text="{{c1::Monro}} joins {{c2::ventricles}}.")


def _store(*cards: BasicCard | ClozeCard, **options: object) -> ProgressStore:
    store = ProgressStore(Database(memory=True))
    store.sync([Deck(id="d", title="D", cards=cards)])
    store.set_study_options(StudyOptions(**options))  # type: ignore[arg-type]
    return store


def _learned(store: ProgressStore, key: str, lapses: int) -> None:
    """Make study card ``key`` a learned card due today with ``lapses`` lapses, not answered
    today (its answers forgotten, so that neither the limits nor burying hold it back)."""
    store.db.execute("DELETE FROM review_log WHERE key = ?", [key])
    store.db.execute(
        "UPDATE study_cards SET repetitions = 3, interval = 15, ef = 230, due = ?, lapses = ?, "
        "last_review = ? WHERE key = ?",
        [DAY.isoformat(), lapses, (DAY - timedelta(days=15)).isoformat(), key],
    )
    store.db.conn.commit()


def _session(store: ProgressStore) -> StudySession:
    return StudySession(store, clock=lambda: NOW, rng=random.Random(2))


def _keys(session: StudySession) -> list[str]:
    return [item.key for item in session._queue]


def _found(store: ProgressStore, query: str) -> list[str]:
    return [row.card_id for row in search_cards(store, query, today=DAY).rows(0, 50)]


# -- the rule ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("threshold", "leech_at"),
    [
        (8, [8, 12, 16]),
        (5, [5, 7, 9, 11, 13, 15]),
        (3, list(range(3, 17))),
        (1, list(range(1, 17))),
        (0, []),
    ],
)
def test_a_lapse_that_reaches_the_threshold_then_every_half_more(
    threshold: int, leech_at: list[int]
) -> None:
    found = [
        lapses
        for lapses in range(1, 17)
        if becomes_leech(ReviewState(lapses=lapses - 1), ReviewState(lapses=lapses), threshold)
    ]
    assert found == leech_at


def test_no_lapse_no_leech() -> None:
    # A card already past the threshold that is recalled (lapses unchanged) is not caught.
    assert not becomes_leech(ReviewState(lapses=8), ReviewState(lapses=8), 8)
    assert not becomes_leech(ReviewState(lapses=12), ReviewState(lapses=12), 8)


# -- the session ---------------------------------------------------------------------------


def test_the_lapse_that_reaches_8_marks_a_leech_and_suspends_the_whole_card() -> None:
    store = _store(MONRO, GCS, bury_siblings=False)
    _learned(store, "monro:c1", lapses=7)
    session = _session(store)
    assert _keys(session) == ["monro:c1", "monro:c2", "gcs"]
    outcome = session.answer(1)
    assert outcome.leech and outcome.scheduled and not outcome.again
    assert outcome.state.lapses == 8
    assert store.is_leech("monro:c1") and not store.is_leech("monro:c2")
    assert store.is_suspended("monro")
    assert store.db.execute(
        "SELECT key, suspended FROM study_cards WHERE card_id = 'monro' ORDER BY key"
    ).fetchall() == [("monro:c1", 1), ("monro:c2", 1)]
    # Neither deletion comes back today, no re-drill either.
    assert _keys(session) == ["gcs"]
    assert _found(store, "is:leech") == ["monro"]
    assert _found(store, "-is:leech") == ["gcs"]
    assert Stats(store, today=DAY).leeches() == 1
    row = card_row(store, "monro")
    assert row is not None and row.leech and row.suspended


def test_a_passing_grade_or_a_lapse_below_the_threshold_is_no_leech() -> None:
    store = _store(SAH, GCS)
    _learned(store, "sah", lapses=7)
    _learned(store, "gcs", lapses=6)
    session = _session(store)
    assert not session.answer(3).leech  # sah recalled: still 7 lapses
    outcome = session.answer(0)  # gcs forgotten: its 7th lapse
    assert not outcome.leech and outcome.again and outcome.state.lapses == 7
    assert not store.is_leech("gcs") and not store.is_suspended("gcs")
    assert _found(store, "is:leech") == []


def test_the_threshold_is_configurable_and_0_turns_leeches_off() -> None:
    store = _store(SAH, GCS, leech_lapses=3)
    _learned(store, "sah", lapses=2)
    _learned(store, "gcs", lapses=2)
    session = _session(store)
    assert session.answer(2).leech
    store.set_study_options(StudyOptions(leech_lapses=0))
    later = _session(store)
    assert _keys(later) == ["gcs"]
    outcome = later.answer(2)
    assert not outcome.leech and outcome.state.lapses == 3
    assert not store.is_suspended("gcs")


def test_undo_takes_back_the_mark_the_suspension_and_the_queue() -> None:
    store = _store(MONRO, GCS, bury_siblings=False)
    _learned(store, "monro:c1", lapses=7)
    before = store.state("monro:c1")
    session = _session(store)
    session.answer(0)
    restored = session.undo()
    assert restored is not None and restored.key == "monro:c1"
    assert _keys(session) == ["monro:c1", "monro:c2", "gcs"]
    assert not store.is_leech("monro:c1") and not store.is_suspended("monro")
    assert store.state("monro:c1") == before
    assert store.review_logs("monro:c1") == []
    assert _found(store, "is:leech") == [] and _found(store, "is:suspended") == []
    # And the same answer again makes the leech again.
    assert session.answer(0).leech


def test_unsuspending_keeps_the_mark_and_the_next_half_threshold_catches_it_again() -> None:
    store = _store(SAH)
    _learned(store, "sah", lapses=7)
    _session(store).answer(1)
    store.set_suspended("sah", False)  # what `s` in Browse does
    assert store.is_leech("sah")
    assert _found(store, "is:leech") == ["sah"] and _found(store, "is:suspended") == []
    # Lapses 9, 10, 11 pass; the 12th suspends it again.
    for lapses in (8, 9, 10):
        _learned(store, "sah", lapses=lapses)
        assert not _session(store).answer(0).leech
    _learned(store, "sah", lapses=11)
    session = _session(store)
    assert session.answer(0).leech and store.is_suspended("sah")
    session.undo()
    # The undo restores the mark as it was before that answer: still a leech, unsuspended.
    assert store.is_leech("sah") and not store.is_suspended("sah")


def test_editing_the_card_clears_the_mark_and_leaves_it_suspended() -> None:
    store = _store(SAH, GCS)
    _learned(store, "sah", lapses=7)
    _session(store).answer(1)
    # A sync that changes nothing of the card, or only its place, keeps the mark.
    store.sync([Deck(id="d", title="D", cards=(SAH, GCS))])
    store.sync([Deck(id="d", title="D", cards=(GCS, SAH))])
    assert store.is_leech("sah")
    edited = SAH.model_copy(update={"back": "subarachnoid haemorrhage"})
    store.sync([Deck(id="d", title="D", cards=(GCS, edited))])
    assert not store.is_leech("sah")
    assert store.is_suspended("sah")  # until the user unsuspends it
    assert store.state("sah").lapses == 8  # the history stays
    assert _found(store, "is:leech") == []


# -- the migration -------------------------------------------------------------------------


def test_migration_0008_adds_an_unmarked_leech_column_to_an_older_database() -> None:
    db = Database(memory=True)
    migrations().apply(db, stop_before="0008_leeches")
    db.execute("INSERT INTO decks (id, title) VALUES ('d', 'D')")
    db.execute(
        "INSERT INTO cards (id, deck_id, type, content_hash, payload) "
        "VALUES ('sah', 'd', 'basic', 'x', ?)",
        [SAH.model_dump_json()],
    )
    db.execute(
        "INSERT INTO study_cards (key, card_id, ordinal, deck_id, lapses, repetitions, due, "
        "last_review, interval) VALUES ('sah', 'sah', 0, 'd', 9, 2, '2026-03-02', "
        "'2026-02-20', 10)"
    )
    db.conn.commit()
    store = ProgressStore(db)
    # A card that lapsed before the upgrade is not a leech until its next lapse is graded.
    assert not store.is_leech("sah")
    assert "study_cards_leech" in {index.name for index in db["study_cards"].indexes}
    store.set_leech("sah", True)
    assert store.count_leeches() == 1 and store.count_leeches(["other"]) == 0
    with pytest.raises(KeyError):
        store.set_leech("nope", True)
