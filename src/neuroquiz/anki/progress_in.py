"""Anki's scheduling in neuroquiz's terms, for ``import anki --with-progress``.

Pure over what :mod:`.schedule_read` read; the merge into the progress store is
:mod:`neuroquiz.study.anki_merge`'s work. Each Anki card of a note that gave a neuroquiz card
becomes an :class:`AnkiCardState` under its study key, with its answers:

- an answer is a ``revlog`` row with a button (1-4) given while learning, reviewing,
  relearning or in a filtered deck; the other rows (a card reset, rescheduled or given a due
  day by hand) are no answers and are counted apart. The button becomes the SM-2 grade
  whose E-Factor change is nearest Anki's: Again 2 (-0.32; Anki -0.20), Hard 3 (-0.14;
  -0.15), Good 4 (0; 0), Easy 5 (+0.10; +0.15);
- the current state: Anki's interval (days, at most :data:`~neuroquiz.sm2.MAX_INTERVAL`),
  ease / 1000 as the E-Factor (``factor`` 2500 is 2.5, never below 1.3; learning cards have
  none), lapses, and the due day: for review and day-learning cards the collection's creation
  day plus ``due`` days (``odue`` for a card in a filtered deck), for a card in its learning
  steps the moment it is due (its study day depends on the user's time zone and day start, so
  the merge computes it; its interval is then 0 days); ``queue`` -1 is suspended, -2 and -3
  buried;
- the leech mark: Anki tags a note ``leech`` when one of its cards becomes a leech; of a
  note so tagged, the cards with the most lapses (all of them on a tie) are leeches.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from typing import Literal

from neuroquiz.anki.schedule_read import RawCard, RawReview, RawSchedule
from neuroquiz.models import EF_MIN, ReviewState
from neuroquiz.sm2 import MAX_INTERVAL

Kind = Literal["new", "learning", "review", "relearning"]

GRADE_FOR_EASE = {1: 2, 2: 3, 3: 4, 4: 5}
"""Anki's button -> the SM-2 grade with the nearest E-Factor change."""
_ANSWER_TYPES = frozenset({0, 1, 2, 3})
"""revlog types of answers: learning, review, relearning, filtered (cram)."""
_REVIEW_TYPE = 1
_KINDS: dict[int, Kind] = {0: "new", 1: "learning", 2: "review", 3: "relearning"}
_LEARNING_QUEUE = 1
_SUSPENDED = -1
_BURIED = frozenset({-2, -3})
_EPOCH_SECONDS = 1_000_000_000
"""A learning card's ``due`` above this is a time in epoch seconds, not a day number (as in
Anki)."""
NO_MATCH = "no neuroquiz card matches it (an empty card, such as Anki's 'No cloze 2 found')"
"""Why an Anki card with progress whose note was imported gave no study card."""


@dataclass(frozen=True)
class AnkiAnswer:
    """One answer Anki logged, in neuroquiz's terms."""

    anki_id: int
    """The revlog id: what makes a second import add nothing."""
    answered_at: datetime
    """When (aware, UTC)."""
    grade: int
    interval: int
    """Days until the next review after the answer; 0 within learning steps."""
    ef: int | None
    """The E-Factor after the answer in hundredths, None if Anki recorded none."""
    answer_ms: int
    lapse: bool
    """Again on a card in review: Anki counts a lapse."""


@dataclass(frozen=True)
class AnkiCardState:
    """One Anki card that is a neuroquiz study card: its current scheduling and answers."""

    key: str
    card_id: str
    """The neuroquiz card (Anki note) it belongs to."""
    kind: Kind
    interval: int
    ef: int | None
    due_day: date | None
    """The due day of a review or day-learning card."""
    due_at: datetime | None
    """When a card in its learning steps is due (aware, UTC)."""
    lapses: int
    suspended: bool
    buried: bool
    answers: tuple[AnkiAnswer, ...]
    """Oldest first."""
    leech: bool = False
    """Its note is tagged ``leech`` and no card of the note lapsed more often."""

    @property
    def last_answer(self) -> datetime | None:
        """When Anki last logged an answer of this card, or None."""
        return self.answers[-1].answered_at if self.answers else None

    @property
    def has_progress(self) -> bool:
        """True unless the card is new in Anki, unanswered and not suspended."""
        return self.kind != "new" or bool(self.answers) or self.suspended


@dataclass(frozen=True)
class AnkiProgress:
    """The progress a package holds for neuroquiz's cards, and what was left out."""

    cards: tuple[AnkiCardState, ...]
    skipped: tuple[tuple[str, int], ...] = ()
    """Why Anki cards with progress gave no study card: (reason, cards), sorted."""
    deleted_card_answers: int = 0
    """Answers logged for cards no longer in the package (deleted in Anki)."""
    other_entries: int = 0
    """revlog rows that are no answer (a reset, a reschedule, a due day set by hand)."""


def anki_progress(
    schedule: RawSchedule,
    keys: Mapping[tuple[int, int], tuple[str, str]],
    skipped_notes: Mapping[int, str],
    leech_notes: Collection[int] = (),
) -> AnkiProgress:
    """The progress of every Anki card that became a neuroquiz study card.

    Args:
        schedule: What the package holds.
        keys: ``(note id, card ord)`` -> ``(study key, card id)`` for the Anki cards that are
            neuroquiz study cards.
        skipped_notes: Note id -> why the note gave no card (for the report).
        leech_notes: The ids of the notes tagged ``leech``.
    """
    answers, other, orphans = _answers(schedule)
    most_lapses: dict[int, int] = {}
    for raw in schedule.cards:
        if raw.note_id in leech_notes and (raw.note_id, raw.ord) in keys:
            most_lapses[raw.note_id] = max(most_lapses.get(raw.note_id, 0), raw.lapses)
    cards: list[AnkiCardState] = []
    skipped: Counter[str] = Counter()
    for raw in schedule.cards:
        mine = answers.get(raw.id, ())
        target = keys.get((raw.note_id, raw.ord))
        if target is None:
            if _has_progress(raw, mine):
                reason = skipped_notes.get(raw.note_id)
                skipped[f"its note was not imported ({reason})" if reason else NO_MATCH] += 1
            continue
        state = _card_state(raw, target, tuple(mine), schedule.creation_day)
        if most_lapses.get(raw.note_id, -1) == raw.lapses:
            state = replace(state, leech=True)
        cards.append(state)
    return AnkiProgress(
        cards=tuple(cards),
        skipped=tuple(sorted(skipped.items())),
        deleted_card_answers=orphans,
        other_entries=other,
    )


def state_after(before: ReviewState, answer: AnkiAnswer, day: date) -> ReviewState:
    """The SM-2 state after an Anki answer given on study day ``day``, from ``before``.

    Anki's interval and ease after the answer are kept; the repetitions count the answers in
    a row without Again (SM-2's n), and a lapse is counted as Anki does.
    """
    passed = answer.grade >= GRADE_FOR_EASE[2]
    return ReviewState(
        repetitions=before.repetitions + 1 if passed else 0,
        interval=answer.interval,
        ef=answer.ef if answer.ef is not None else before.ef,
        due=_add_days(day, answer.interval),
        lapses=before.lapses + (1 if answer.lapse else 0),
        last_review=day,
    )


def current_state(
    card: AnkiCardState, *, repetitions: int, ef: int, due: date | None, last_review: date | None
) -> ReviewState:
    """Anki's current state of ``card`` as an SM-2 state.

    Args:
        card: The card.
        repetitions: SM-2's n, counted from the card's history.
        ef: The E-Factor to keep when Anki has none (a card still in its learning steps).
        due: The due day (for a card in its learning steps, the study day of ``due_at``).
        last_review: The study day of the last answer; None if Anki logged none.
    """
    if card.kind == "new":
        return ReviewState()
    day = due if due is not None else last_review
    if day is None:  # no answer and no due day: a damaged card; due at once
        day = date(1970, 1, 1)
    if card.kind == "review":
        interval = max(1, card.interval)
    else:  # due again within the day while in its learning steps
        interval = 0 if card.due_at is not None else card.interval
    return ReviewState(
        repetitions=max(repetitions, 1) if card.kind == "review" else repetitions,
        interval=interval,
        ef=card.ef if card.ef is not None else ef,
        due=day,
        lapses=card.lapses,
        # A card answered outside the history Anki kept still counts as reviewed.
        last_review=last_review if last_review is not None else _add_days(day, -interval),
    )


def _answers(schedule: RawSchedule) -> tuple[dict[int, list[AnkiAnswer]], int, int]:
    card_ids = {card.id for card in schedule.cards}
    answers: dict[int, list[AnkiAnswer]] = {}
    other = orphans = 0
    for row in schedule.reviews:
        answer = _answer(row)
        if answer is None:
            other += 1
        elif row.card_id not in card_ids:
            orphans += 1
        else:
            answers.setdefault(row.card_id, []).append(answer)
    return answers, other, orphans


def _answer(row: RawReview) -> AnkiAnswer | None:
    if row.ease not in GRADE_FOR_EASE or row.type not in _ANSWER_TYPES:
        return None
    try:
        answered_at = datetime.fromtimestamp(row.id / 1000, UTC)
    except (OverflowError, OSError, ValueError):
        return None
    return AnkiAnswer(
        anki_id=row.id,
        answered_at=answered_at,
        grade=GRADE_FOR_EASE[row.ease],
        interval=min(row.ivl, MAX_INTERVAL) if row.ivl > 0 else 0,
        ef=_ef(row.factor),
        answer_ms=max(0, row.time),
        lapse=row.ease == 1 and row.type == _REVIEW_TYPE,
    )


def _has_progress(card: RawCard, answers: Sequence[AnkiAnswer]) -> bool:
    return card.type != 0 or bool(answers) or card.queue == _SUSPENDED


def _card_state(
    raw: RawCard, target: tuple[str, str], answers: tuple[AnkiAnswer, ...], created: date
) -> AnkiCardState:
    kind = _KINDS.get(raw.type, "new")
    due_day: date | None = None
    due_at: datetime | None = None
    if kind != "new":
        value = raw.odue if raw.odid and raw.odue else raw.due
        if raw.queue == _LEARNING_QUEUE or (kind != "review" and value > _EPOCH_SECONDS):
            due_at = _moment(value)
        else:
            due_day = _add_days(created, value)
    return AnkiCardState(
        key=target[0],
        card_id=target[1],
        kind=kind,
        interval=max(0, min(raw.ivl, MAX_INTERVAL)),
        ef=_ef(raw.factor),
        due_day=due_day,
        due_at=due_at,
        lapses=max(0, raw.lapses),
        suspended=raw.queue == _SUSPENDED,
        buried=raw.queue in _BURIED,
        answers=answers,
    )


def _ef(factor: int) -> int | None:
    return max(EF_MIN, factor // 10) if factor > 0 else None


def _moment(seconds: int) -> datetime | None:
    try:
        return datetime.fromtimestamp(seconds, UTC)
    except (OverflowError, OSError, ValueError):
        return None


def _add_days(day: date, days: int) -> date:
    # A crafted due day must not overflow the calendar.
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min
