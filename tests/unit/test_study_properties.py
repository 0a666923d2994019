"""Property: any sequence of answers, undos, suspensions and refreshes keeps the store
consistent, and undoing everything gives back the initial states and log."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta, timezone

from hypothesis import given, settings
from hypothesis import strategies as st
from sqlite_utils import Database

from neuroquiz.models import BasicCard, ClozeCard, Deck, ReviewLog, ReviewState
from neuroquiz.store import ProgressStore
from neuroquiz.study import StudySession

TZ = timezone(timedelta(hours=3))
NOW = datetime(2026, 1, 5, 10, tzinfo=TZ)
KEYS = ["a", "b", "cl:c1", "cl:c2", "old"]

ACTIONS = st.lists(
    st.one_of(
        st.tuples(st.just("answer"), st.integers(0, 5)),
        st.tuples(st.just("undo"), st.just(0)),
        st.tuples(st.just("suspend"), st.just(0)),
        st.tuples(st.just("refresh"), st.just(0)),
    ),
    max_size=30,
)


def _store() -> ProgressStore:
    store = ProgressStore(Database(memory=True))
    cards = (
        BasicCard(id="a", front="a?", back="a"),
        BasicCard(id="b", front="b?", back="b"),
        ClozeCard(id="cl", text="{{c1::x}} {{c2::y}}"),
        BasicCard(id="old", front="old?", back="old"),
    )
    store.sync([Deck(id="d", title="D", cards=cards)])
    reviewed = ReviewState(
        repetitions=2,
        interval=6,
        ef=236,
        due=date(2026, 1, 4),
        lapses=1,
        last_review=date(2025, 12, 29),
    )
    store.record_answer(
        ReviewLog(
            key="old",
            reviewed_at=datetime(2025, 12, 29, 9, tzinfo=UTC),
            grade=3,
            before=ReviewState(),
            after=reviewed,
        )
    )
    return store


@settings(max_examples=60, deadline=None)
@given(ACTIONS)
def test_answers_and_undos_keep_the_store_consistent(actions: list[tuple[str, int]]) -> None:
    store = _store()
    initial_states = {key: store.state(key) for key in KEYS}
    initial_logs = store.review_logs()
    session = StudySession(store, clock=lambda: NOW, rng=random.Random(0))
    first = session.current
    assert first is not None
    initial_left = session.left

    for kind, grade in actions:
        if kind == "answer" and session.current is not None:
            session.answer(grade)
        elif kind == "undo":
            session.undo()
        elif kind == "suspend" and session.current is not None:
            session.suspend()
        elif kind == "refresh":
            session.refresh()
        logs = store.review_logs()
        today = [log for log in logs if log.after.last_review == date(2026, 1, 5)]
        # only the first grade of the day is logged: one row per study card at most
        assert len({log.key for log in today}) == len(today)
        for key in KEYS:
            mine = [log for log in logs if log.key == key]
            assert store.state(key) == (mine[-1].after if mine else initial_states[key])

    while session.undo() is not None:
        pass
    assert {key: store.state(key) for key in KEYS} == initial_states
    assert store.review_logs() == initial_logs
    assert not any(store.is_suspended(card) for card in ("a", "b", "cl", "old"))
    current = session.current
    assert current is not None and current.key == first.key
    assert session.left == initial_left
