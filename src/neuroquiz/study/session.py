"""StudySession: today's queue, answers through SM-2, step-7 re-drills, undo and suspend.

Only the FIRST grade a study card gets on a study day goes through :func:`sm2.review` and
into the store (durable when :meth:`StudySession.answer` returns). A grade below 4 puts the
card back a few cards later, again and again until it is graded 4 or 5 (SM-2 step 7); those
re-drill grades never change the schedule; they go to the store's re-drill log, apart from
the review log (a cohort report counts them).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta

from neuroquiz import sm2
from neuroquiz.models import Card, ReviewLog, ReviewState
from neuroquiz.store import ProgressStore
from neuroquiz.study.custom import Cram, CustomSession, ReviewAhead, custom_queue
from neuroquiz.study.day import study_day
from neuroquiz.study.leeches import becomes_leech
from neuroquiz.study.queue import QueueItem, build_queue

REDRILL_GAP = (3, 5)
"""A re-drilled card comes back after this many other cards (chosen by the session's rng),
or at the end of the queue if fewer are left."""

Clock = Callable[[], datetime]
"""Returns the current aware datetime in the user's timezone."""


@dataclass(frozen=True)
class StudyCard:
    """The card to show.

    Attributes:
        key: Study-card key (``card-id`` or ``card-id:cN``).
        card: The card model (for a cloze, ``ordinal`` says which deletion to hide).
        ordinal: 0 for basic and mcq cards, N for cloze deletion cN.
        deck_id: The card's deck.
        state: The study card's current review state.
        is_redrill: True if it was already graded today and comes back (SM-2 step 7).
        is_new: True if it was new when this session queued it.
    """

    key: str
    card: Card
    ordinal: int
    deck_id: str
    state: ReviewState
    is_redrill: bool
    is_new: bool


@dataclass(frozen=True)
class AnswerOutcome:
    """What one answer did.

    Attributes:
        key: The study card answered.
        grade: The grade given.
        scheduled: True if this grade went through SM-2 and was stored (the first grade of
            the day); False for a re-drill grade.
        state: The study card's stored state after the answer.
        log_id: The review-log row written, None for a re-drill grade.
        again: True if the card comes back later in this session (grade < 4 and not a
            leech).
        leech: True if this answer made the study card a leech: it is marked so in the
            store and its card suspended (the whole card leaves the queue).
        cram: True if the session is a cram: nothing was stored.
    """

    key: str
    grade: int
    scheduled: bool
    state: ReviewState
    log_id: int | None
    again: bool
    leech: bool = False
    cram: bool = False


@dataclass(frozen=True)
class SessionSummary:
    """Figures for the end-of-session screen.

    Attributes:
        by_grade: First grades of the session by grade, every grade 0-5 present.
        reviewed: Study cards given their first grade of the day in this session.
        retention: Share of those first grades that were >= 3; None if there were none.
        seconds: Total answer time reported to :meth:`StudySession.answer` (re-drills too).
        due_tomorrow: Study cards (in the session's decks) due by tomorrow.
        redrills: Re-drill answers given.
        elapsed_seconds: Wall-clock time since the session started.
    """

    by_grade: dict[int, int]
    reviewed: int
    retention: float | None
    seconds: float
    due_tomorrow: int
    redrills: int = 0
    elapsed_seconds: float = 0.0


@dataclass
class _Step:
    """One undoable action."""

    item: QueueItem
    grade: int = 0
    answer_ms: int = 0
    scheduled: bool = False
    counted: bool = False  # a first grade for the summary (stored, or a cram's first)
    log_id: int | None = None
    redrill_id: int | None = None
    before: ReviewState | None = None
    requeued: QueueItem | None = None
    suspended: list[tuple[int, QueueItem]] | None = None
    # A leech answer: whether the study card was marked before, and the card's other study
    # cards it took out of the queue (None if the answer made no leech).
    was_leech: bool = False
    was_suspended: bool = False
    leech_removed: list[tuple[int, QueueItem]] | None = None


class StudySession:
    """Today's study session over some decks.

    Args:
        store: The progress store.
        clock: Returns the current aware datetime (local timezone); never read globally.
        deck_ids: Decks to study; None means every active deck.
        rng: Randomness for re-drill spacing; defaults to ``random.Random(0)``.
        day_start_hour: Overrides the store's day start hour (default: the store's).
        custom: A custom study session (:mod:`neuroquiz.study.custom`): review ahead (its
            first grades scheduled by :func:`neuroquiz.sm2.review_early`) or cram (nothing
            stored); None for today's ordinary session.

    Example:
        >>> session = StudySession(store, clock=lambda: now)  # doctest: +SKIP
        >>> while (card := session.current) is not None:      # doctest: +SKIP
        ...     session.answer(4)
    """

    def __init__(
        self,
        store: ProgressStore,
        *,
        clock: Clock,
        deck_ids: Sequence[str] | None = None,
        rng: random.Random | None = None,
        day_start_hour: int | None = None,
        custom: CustomSession | None = None,
    ) -> None:
        self._store = store
        self._custom = custom
        self._clock = clock
        self._rng = rng if rng is not None else random.Random(0)
        # dict.fromkeys: keep the order, drop repeats
        self._deck_ids = list(dict.fromkeys(deck_ids)) if deck_ids is not None else None
        self._day_start_hour = store.day_start_hour() if day_start_hour is None else day_start_hour
        self._leech_lapses = store.study_options().leech_lapses
        self._started = clock()
        self._today = study_day(self._started, self._day_start_hour)
        self._history: list[_Step] = []
        self._cards: dict[str, Card] = {}
        self._queue: list[QueueItem] = self._build()

    # -- reading ----------------------------------------------------------------------------

    @property
    def custom(self) -> CustomSession | None:
        """The custom study this session is, or None for today's ordinary session."""
        return self._custom

    @property
    def today(self) -> date:
        """The study day the queue was built for."""
        return self._today

    @property
    def current(self) -> StudyCard | None:
        """The card to show now, or None when the session is finished."""
        if not self._queue:
            return None
        item, state = self._head()
        card = self._cards.get(item.card_id)
        if card is None:
            card = self._store.card(item.card_id)
            if card is None:  # only if the database was edited behind our back
                raise LookupError(f"card {item.card_id!r} is missing from the store")
            self._cards[item.card_id] = card
        return StudyCard(
            key=item.key,
            card=card,
            ordinal=item.ordinal,
            deck_id=item.deck_id,
            state=state,
            is_redrill=item.is_redrill,
            is_new=item.is_new,
        )

    @property
    def left(self) -> int:
        """Cards still in the queue, pending re-drills included."""
        return len(self._queue)

    @property
    def left_new(self) -> int:
        """New study cards still in the queue (not counting re-drills)."""
        return sum(1 for item in self._queue if item.is_new and not item.is_redrill)

    @property
    def left_redrill(self) -> int:
        """Re-drills still in the queue."""
        return sum(1 for item in self._queue if item.is_redrill)

    @property
    def done(self) -> int:
        """Cards finished in this session (answered and not coming back)."""
        return sum(1 for step in self._history if step.suspended is None and step.requeued is None)

    @property
    def can_undo(self) -> bool:
        """True if :meth:`undo` has something to undo."""
        return bool(self._history)

    # -- acting -----------------------------------------------------------------------------

    def answer(self, grade: int, *, answer_ms: int = 0) -> AnswerOutcome:
        """Grade the current card (0-5).

        The first grade of the day goes through SM-2 and is committed to the store before
        this returns. A grade below 4 brings the card back a few cards later, unless the
        answer made the study card a leech (see :mod:`neuroquiz.study.leeches`): then it is
        marked as one and its card suspended in the same transaction, and the card's study
        cards leave the queue. :meth:`undo` takes all of that back.

        Raises:
            ValueError: if ``grade`` is not 0-5 or ``answer_ms`` is negative.
            RuntimeError: if there is no current card.
        """
        again = sm2.needs_redrill(grade)  # validates the grade
        if answer_ms < 0:
            raise ValueError(f"answer_ms must be >= 0, got {answer_ms}")
        self._require_current()
        item, state = self._head()
        step = _Step(item=item, grade=grade, answer_ms=answer_ms)
        now = self._clock()
        today = study_day(now, self._day_start_hour)
        cram = isinstance(self._custom, Cram)
        schedule = sm2.review_early if isinstance(self._custom, ReviewAhead) else sm2.review
        if cram:
            # The schedule is untouched and nothing is logged (see neuroquiz.study.custom).
            step.counted = not item.is_redrill
        elif not item.is_redrill:
            # Read and write under one write lock: another process answering the same card
            # at the same moment waits, then sees this answer (and takes its as a re-drill).
            with self._store.write_transaction():
                stored = self._store.state(item.key)
                # Answered today already (another session or process): it is a re-drill now.
                if stored.last_review is None or stored.last_review < today:
                    state = schedule(stored, grade, today=today)
                    log = ReviewLog(
                        key=item.key,
                        reviewed_at=now.astimezone(UTC),
                        grade=grade,
                        before=stored,
                        after=state,
                        answer_ms=answer_ms,
                    )
                    step.log_id = self._store.record_answer(log)
                    step.scheduled = step.counted = True
                    step.before = stored
                    if becomes_leech(stored, state, self._leech_lapses):
                        step.was_leech = self._store.is_leech(item.key)
                        step.was_suspended = self._store.is_suspended(item.card_id)
                        self._store.set_leech(item.key, True)
                        self._store.set_suspended(item.card_id, True)
                        step.leech_removed = []
                else:
                    state = stored
        if not step.scheduled and not cram:
            step.redrill_id = self._store.record_redrill(
                item.key,
                reviewed_at=now.astimezone(UTC),
                day=today,
                grade=grade,
                state=state,
                answer_ms=answer_ms,
            )
        self._queue.pop(0)
        if step.leech_removed is not None:
            again = False
            step.leech_removed = [
                (i, q) for i, q in enumerate(self._queue) if q.card_id == item.card_id
            ]
            self._queue = [q for q in self._queue if q.card_id != item.card_id]
        if again:
            step.requeued = replace(item, is_redrill=True, state=state)
            gap = self._rng.randint(*REDRILL_GAP)
            self._queue.insert(min(gap, len(self._queue)), step.requeued)
        self._history.append(step)
        return AnswerOutcome(
            key=item.key,
            grade=grade,
            scheduled=step.scheduled,
            state=state,
            log_id=step.log_id,
            again=again,
            leech=step.leech_removed is not None,
            cram=cram,
        )

    def undo(self) -> StudyCard | None:
        """Undo the last answer or suspension; several levels, in reverse order.

        Undoing a first answer restores the stored state and deletes its log row (and, if
        it made a leech, the leech mark as it was and the suspension, in one transaction);
        undoing a re-drill answer deletes its re-drill row and puts the card back. Either
        way the card is current again.

        Returns:
            The card now current, or None if there was nothing to undo.

        Raises:
            NeuroquizError: the store could not undo it (e.g. the database is busy or the
                disk full); nothing changed, and the step can be undone again.
        """
        if not self._history:
            return None
        # The step is forgotten only once its undo is committed: if the store refuses it
        # (busy, disk full), the answer is still recorded, and still undoable.
        step = self._history[-1]
        if step.suspended is not None:
            self._store.set_suspended(step.item.card_id, False)
            self._history.pop()
            for index, item in step.suspended:
                self._queue.insert(index, item)
            return self.current
        if step.log_id is not None:
            with self._store.write_transaction():
                self._store.undo_answer(step.log_id)
                if step.leech_removed is not None:
                    self._store.set_leech(step.item.key, step.was_leech)
                    self._store.set_suspended(step.item.card_id, step.was_suspended)
        if step.redrill_id is not None:
            self._store.undo_redrill(step.redrill_id)
        self._history.pop()
        for index, queued in step.leech_removed or ():
            self._queue.insert(index, queued)
        self._queue = [queued for queued in self._queue if queued.key != step.item.key]
        restored = step.item if step.before is None else replace(step.item, state=step.before)
        self._queue.insert(0, restored)
        return self.current

    def suspend(self) -> None:
        """Suspend the current card's whole note: all its study cards leave the queue.

        Undoable with :meth:`undo`.

        Raises:
            RuntimeError: if there is no current card.
        """
        item = self._require_current()
        self._store.set_suspended(item.card_id, True)
        removed = [(i, q) for i, q in enumerate(self._queue) if q.card_id == item.card_id]
        self._queue = [q for q in self._queue if q.card_id != item.card_id]
        self._history.append(_Step(item=item, suspended=removed))

    def refresh(self) -> None:
        """Rebuild the queue from the database, keeping pending re-drills.

        Cards answered today elsewhere (another window or process) are no longer due, so
        they drop out; the current card stays current if it is still in the queue.
        """
        self._today = study_day(self._clock(), self._day_start_hour)
        current = self._queue[0] if self._queue else None
        pending = [(i, item) for i, item in enumerate(self._queue) if item.is_redrill]
        pending_keys = {item.key for _, item in pending}
        if isinstance(self._custom, Cram):
            # Nothing of a cram is stored: the cards it has done would come back.
            pending_keys |= {step.item.key for step in self._history if step.counted}
        fresh = [item for item in self._build() if item.key not in pending_keys]
        if current is not None and not current.is_redrill:
            same = next((i for i, item in enumerate(fresh) if item.key == current.key), None)
            if same is not None:
                fresh.insert(0, fresh.pop(same))
        for index, item in pending:
            fresh.insert(min(index, len(fresh)), item)
        self._queue = fresh
        # The deck files may have changed the cards themselves (text, type): read them anew.
        self._cards.clear()

    def summary(self) -> SessionSummary:
        """Figures of the session so far."""
        answers = [step for step in self._history if step.suspended is None]
        first = [step for step in answers if step.counted]
        by_grade = dict.fromkeys(range(6), 0)
        for step in first:
            by_grade[step.grade] += 1
        passed = sum(1 for step in first if step.grade >= sm2.PASSING_GRADE)
        return SessionSummary(
            by_grade=by_grade,
            reviewed=len(first),
            retention=passed / len(first) if first else None,
            seconds=sum(step.answer_ms for step in answers) / 1000,
            due_tomorrow=self._store.count_due(self._today + timedelta(days=1), self._deck_ids),
            redrills=sum(1 for step in answers if step.item.is_redrill),
            elapsed_seconds=(self._clock() - self._started).total_seconds(),
        )

    # -- helpers ----------------------------------------------------------------------------

    def _build(self) -> list[QueueItem]:
        if self._custom is None:
            return build_queue(self._store, self._today, self._scope())
        return custom_queue(self._store, self._today, self._scope(), self._custom, self._rng)

    def _scope(self) -> list[str]:
        return self._deck_ids if self._deck_ids is not None else self._store.active_deck_ids()

    def _head(self) -> tuple[QueueItem, ReviewState]:
        """The first item of the queue with its state, read from the store if not yet."""
        item = self._queue[0]
        if item.state is not None:
            return item, item.state
        try:
            state = self._store.state(item.key)
        except KeyError:  # only if the database was edited behind our back
            raise LookupError(f"study card {item.key!r} is missing from the store") from None
        item = self._queue[0] = replace(item, state=state)
        return item, state

    def _require_current(self) -> QueueItem:
        if not self._queue:
            raise RuntimeError("the session has no card left")
        return self._queue[0]
