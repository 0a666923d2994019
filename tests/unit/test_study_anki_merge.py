"""Merging Anki's progress into the store: answers once, the newer last review wins."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlite_utils import Database

from neuroquiz.anki.progress_in import AnkiAnswer, AnkiCardState
from neuroquiz.models import BasicCard, ClozeCard, Deck, ReviewLog, ReviewState
from neuroquiz.sm2 import review
from neuroquiz.store import ProgressStore
from neuroquiz.study.anki_merge import NEWER_HERE, NOT_HERE, MergeReport, merge_anki_progress

DAY = date(2026, 3, 10)
T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def day_of(moment: datetime) -> date:
    """The study day in UTC with the day starting at 4 am."""
    return (moment.astimezone(UTC) - timedelta(hours=4)).date()


@pytest.fixture
def store() -> ProgressStore:
    store = ProgressStore(Database(memory=True))
    deck = Deck(
        id="d",
        title="D",
        cards=(
            BasicCard(id="b", front="Q?", back="A"),
            ClozeCard(id="c", text="{{c1::One}} and {{c2::two}}."),
        ),
    )
    store.sync([deck])
    return store


def answer(at: datetime, grade: int = 4, interval: int = 6, ef: int | None = 250) -> AnkiAnswer:
    return AnkiAnswer(anki_id=int(at.timestamp() * 1000), answered_at=at, grade=grade,
                      interval=interval, ef=ef, answer_ms=3000, lapse=False)  # fmt: skip


def anki_card(key: str = "b", *answers: AnkiAnswer, **changes: object) -> AnkiCardState:
    card = AnkiCardState(key=key, card_id=key.split(":")[0], kind="review", interval=15,
                         ef=270, due_day=DAY + timedelta(days=15), due_at=None, lapses=1,
                         suspended=False, buried=False, answers=answers)  # fmt: skip
    return replace(card, **changes)  # type: ignore[arg-type]


def answer_here(store: ProgressStore, key: str, at: datetime, grade: int = 4) -> ReviewLog:
    before = store.state(key)
    log = ReviewLog(key=key, reviewed_at=at, grade=grade, before=before,
                    after=review(before, grade, today=day_of(at)), answer_ms=1000)  # fmt: skip
    store.record_answer(log)
    return log


def rows(store: ProgressStore) -> list[tuple[object, ...]]:
    return [
        tuple(row)
        for row in store.db.execute(
            "SELECT key, reviewed_at, day, grade, was_new, source, anki_id FROM review_log"
            " ORDER BY reviewed_at"
        ).fetchall()
    ]


def test_a_card_new_here_takes_anki_state_and_history(store: ProgressStore) -> None:
    first, second = T0, T0 + timedelta(days=1)
    card = anki_card("b", answer(first, 4, 1), answer(second, 5, 15, 270))
    report = merge_anki_progress(store, [card], day_of=day_of)
    assert report == MergeReport(updated=1, answers_added=2)
    assert store.state("b") == ReviewState(repetitions=2, interval=15, ef=270,
                                           due=DAY + timedelta(days=15), lapses=1,
                                           last_review=date(2026, 3, 2))  # fmt: skip
    ids = [a.anki_id for a in card.answers]
    assert rows(store) == [
        ("b", "2026-03-01T09:00:00.000000+00:00", "2026-03-01", 4, 1, "anki", ids[0]),
        ("b", "2026-03-02T09:00:00.000000+00:00", "2026-03-02", 5, 0, "anki", ids[1]),
    ]
    # Each log entry chains: the second starts where the first left, with Anki's figures.
    first_log, second_log = store.review_logs("b")
    assert first_log.before == ReviewState() and second_log.before == first_log.after
    assert (second_log.after.interval, second_log.after.ef) == (15, 270)
    # The next SM-2 review continues from Anki's interval and ease.
    assert review(store.state("b"), 4, today=DAY + timedelta(days=15)).interval == 41


def test_a_second_merge_adds_nothing(store: ProgressStore) -> None:
    card = anki_card("b", answer(T0), answer(T0 + timedelta(days=1)))
    merge_anki_progress(store, [card], day_of=day_of)
    state, logged = store.state("b"), rows(store)
    again = merge_anki_progress(store, [card], day_of=day_of)
    assert again == MergeReport(unchanged=1, answers_known=2)
    assert (store.state("b"), rows(store)) == (state, logged)


def test_newer_progress_here_is_not_overwritten(store: ProgressStore) -> None:
    mine = answer_here(store, "b", T0 + timedelta(days=5), grade=5)
    state = store.state("b")
    report = merge_anki_progress(store, [anki_card("b", answer(T0))], day_of=day_of)
    assert report == MergeReport(answers_added=1, skipped=((NEWER_HERE, 1),))
    assert store.state("b") == state == mine.after
    # The older Anki answer joins the history, before neuroquiz's.
    assert [row[5] for row in rows(store)] == ["anki", "neuroquiz"]


def test_newer_anki_answer_wins_over_older_progress_here(store: ProgressStore) -> None:
    answer_here(store, "b", T0, grade=3)
    later = answer(T0 + timedelta(days=3), 4, 15, 270)
    report = merge_anki_progress(store, [anki_card("b", later)], day_of=day_of)
    assert (report.updated, report.answers_added) == (1, 1)
    state = store.state("b")
    assert (state.interval, state.ef, state.due, state.last_review) == (
        15, 270, DAY + timedelta(days=15), date(2026, 3, 4))  # fmt: skip
    assert state.repetitions == 2  # neuroquiz's 3, then Anki's Good: two in a row
    (_, imported) = store.review_logs("b")
    assert imported.before == store.review_logs("b")[0].after


def test_our_own_answers_come_back_from_anki_and_are_not_added(store: ProgressStore) -> None:
    mine = answer_here(store, "b", T0.replace(microsecond=123_456), grade=4)
    # The export gave Anki the answer time in ms (+1 ms: another answer shared that ms).
    copy = replace(answer(T0, grade=4), anki_id=int(mine.reviewed_at.timestamp() * 1000) + 1)
    report = merge_anki_progress(store, [anki_card("b", copy)], day_of=day_of)
    assert report == MergeReport(unchanged=1, answers_known=1)
    assert len(rows(store)) == 1 and store.state("b") == mine.after
    # A different button at that time is not the same answer.
    other = replace(copy, grade=2)
    assert merge_anki_progress(store, [anki_card("b", other)], day_of=day_of).answers_added == 1


def test_a_scheduled_card_without_history_is_taken_only_if_new_here(
    store: ProgressStore,
) -> None:
    assert merge_anki_progress(store, [anki_card("b")], day_of=day_of).updated == 1
    assert store.state("b").interval == 15 and store.state("b").last_review == DAY
    answer_here(store, "c:c1", T0)
    report = merge_anki_progress(store, [anki_card("c:c1")], day_of=day_of)
    assert report == MergeReport(unchanged=1)


def test_a_card_in_its_learning_steps_is_due_on_its_study_day(store: ProgressStore) -> None:
    due_at = datetime(2026, 3, 2, 2, 30, tzinfo=UTC)  # before 4 am: still 1 March
    card = anki_card("b", answer(T0, 4, 0, None), kind="learning", interval=0, ef=None,
                     due_day=None, due_at=due_at, lapses=0)  # fmt: skip
    merge_anki_progress(store, [card], day_of=day_of)
    first_day = date(2026, 3, 1)
    assert store.state("b") == ReviewState(repetitions=1, interval=0, ef=250, due=first_day,
                                           last_review=first_day)  # fmt: skip


def test_suspension_follows_the_newer_side(store: ProgressStore) -> None:
    c1 = anki_card("c:c1", answer(T0), suspended=True)
    c2 = anki_card("c:c2", answer(T0 + timedelta(seconds=5)), suspended=True)
    report = merge_anki_progress(store, [c1, c2], day_of=day_of)
    assert (report.suspended, store.is_suspended("c")) == (1, True)
    # Unsuspended in Anki with a later answer: unsuspended here too.
    c2_later = replace(c2, suspended=False, answers=(*c2.answers, answer(T0 + timedelta(days=2))))
    c1_same = replace(c1, suspended=False)
    report = merge_anki_progress(store, [c1_same, c2_later], day_of=day_of)
    assert (report.unsuspended, store.is_suspended("c")) == (1, False)


def test_a_suspension_with_no_newer_answer_on_either_side_stays(store: ProgressStore) -> None:
    store.set_suspended("b", True)
    merge_anki_progress(store, [anki_card("b", kind="new", suspended=False)], day_of=day_of)
    assert store.is_suspended("b")
    store.set_suspended("b", False)
    report = merge_anki_progress(store, [anki_card("b", kind="new", suspended=True)],
                                 day_of=day_of)  # fmt: skip
    assert report.suspended == 1 and store.is_suspended("b")


def test_neuroquiz_newer_keeps_its_suspension(store: ProgressStore) -> None:
    answer_here(store, "b", T0 + timedelta(days=5))
    card = anki_card("b", answer(T0), suspended=True)
    assert merge_anki_progress(store, [card], day_of=day_of).suspended == 0
    assert not store.is_suspended("b")


def test_cards_not_in_the_store_are_skipped(store: ProgressStore) -> None:
    cards = [anki_card("gone", answer(T0)), anki_card("nothing", kind="new")]
    report = merge_anki_progress(store, cards, day_of=day_of)
    assert report == MergeReport(skipped=((NOT_HERE, 1),))
    assert rows(store) == []


def test_buried_cards_are_counted(store: ProgressStore) -> None:
    report = merge_anki_progress(store, [anki_card("b", buried=True)], day_of=day_of)
    assert report.buried == 1 and not store.is_suspended("b")
