"""Merge the progress of an Anki package into the progress store (``import anki --with-progress``).

For each study card of the package (see :mod:`neuroquiz.anki.progress_in`), in ONE write
transaction:

- **Answers.** Every answer Anki logged that neuroquiz does not have is added to the review
  log, marked as from Anki with its revlog id. Already there: an answer imported before (same
  revlog id), or one of neuroquiz's own that an export with progress took to Anki (Anki keeps
  the revlog id the export gave it: the answer time in milliseconds, a few ms later if two
  answers shared one; matched within a minute, with the same button). Each added answer's
  state before is the card's state at that moment in the merged history, its state after has
  Anki's interval and ease (:func:`~neuroquiz.anki.progress_in.state_after`).
- **State: the newer last review wins.** The card takes Anki's current state when Anki's
  last answer is one neuroquiz did not have and is later than neuroquiz's last answer (or
  neuroquiz never answered it), or when neither logged an answer and Anki has it scheduled.
  Otherwise neuroquiz's state stays: *skipped* when Anki had answers neuroquiz lacked but
  neuroquiz's last answer is later, *unchanged* when Anki has nothing since.
- **Suspension** is per card (note) in neuroquiz, per Anki card in Anki: a card whose study
  card took Anki's state is suspended exactly when all its Anki cards are; when neither side
  has a newer answer, a suspension on either side stays; when neuroquiz has the newer answer,
  its suspension stays.
- **Leech marks** follow the same rule per study card: a card that took Anki's state is a
  leech exactly when Anki says so (its note tagged ``leech``, see
  :mod:`neuroquiz.anki.progress_in`); when neither side is newer, a mark on either side
  stays; when neuroquiz is newer, its mark stays. A mark never suspends: the suspension is
  Anki's, as above.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Literal

from neuroquiz.anki.progress_in import (
    GRADE_FOR_EASE,
    AnkiAnswer,
    AnkiCardState,
    current_state,
    state_after,
)
from neuroquiz.anki.revlog import anki_ease
from neuroquiz.models import ReviewLog, ReviewState
from neuroquiz.store.imported import ImportedAnswer, LoggedAnswer

if TYPE_CHECKING:
    from neuroquiz.store import ProgressStore

NEWER_HERE = "neuroquiz's last review is newer"
NOT_HERE = "it is not a study card of your decks"
MATCH_MS = 60_000
"""How much later than a neuroquiz answer its copy in Anki may be logged (the export moves
an answer by 1 ms for each other answer given in the same millisecond)."""

_Side = Literal["anki", "here", "same"]


@dataclass(frozen=True)
class MergeReport:
    """What a merge did, counted in study cards (a cloze's c1 and c2 are two) and answers."""

    updated: int = 0
    """Study cards whose state now is Anki's."""
    unchanged: int = 0
    """Study cards Anki has no newer answer for."""
    answers_added: int = 0
    answers_known: int = 0
    """Anki's answers neuroquiz already had (its own, or imported before)."""
    suspended: int = 0
    """Cards (notes) the merge suspended."""
    unsuspended: int = 0
    buried: int = 0
    """Study cards buried in Anki: neuroquiz has no burying across days and shows them when
    due."""
    skipped: tuple[tuple[str, int], ...] = ()
    """Why study cards kept neuroquiz's state though Anki had answers for them, sorted."""
    leeches_marked: int = 0
    """Study cards the merge marked as leeches."""
    leeches_unmarked: int = 0


@dataclass
class _Card:
    """One study card's merge, decided before anything is written."""

    side: _Side
    state: ReviewState | None = None
    """Anki's state, to write, when the card takes it."""


def merge_anki_progress(
    store: ProgressStore,
    cards: Sequence[AnkiCardState],
    *,
    day_of: Callable[[datetime], date],
) -> MergeReport:
    """Merge ``cards`` (Anki's progress) into ``store`` in one write transaction.

    Args:
        store: The progress store; the cards' decks must be synced.
        cards: From :func:`neuroquiz.anki.progress_in.anki_progress`.
        day_of: The study day of a moment (the user's time zone and day start).

    Returns:
        What was merged.
    """
    skipped: Counter[str] = Counter()
    added: list[ImportedAnswer] = []
    outcomes: dict[str, _Card] = {}
    known = buried = 0
    with store.write_transaction():
        owners = store.active_study_cards(card.key for card in cards)
        logged = store.logged_answers(owners)
        for card in cards:
            if card.key not in owners:
                if card.has_progress:
                    skipped[NOT_HERE] += 1
                continue
            logs = logged.get(card.key, [])
            fresh, matched = _fresh_answers(card.answers, logs)
            known += len(card.answers) - len(fresh)
            chain = _chain(card.key, logs, fresh, day_of, added)
            outcome = _decide(card, logs, fresh, matched, chain, day_of)
            if outcome.side == "here" and fresh:
                skipped[NEWER_HERE] += 1
            buried += int(card.buried)
            outcomes[card.key] = outcome
        store.add_imported_answers(added)
        states = {key: o.state for key, o in outcomes.items() if o.state is not None}
        store.set_states(states)
        suspended, unsuspended = _suspend(store, cards, owners, outcomes)
        marked, unmarked = _mark_leeches(store, cards, outcomes)
    return MergeReport(
        updated=len(states),
        unchanged=len(outcomes) - len(states) - skipped[NEWER_HERE],
        answers_added=len(added),
        answers_known=known,
        suspended=suspended,
        unsuspended=unsuspended,
        buried=buried,
        skipped=tuple(sorted(skipped.items())),
        leeches_marked=marked,
        leeches_unmarked=unmarked,
    )


def _fresh_answers(
    answers: Sequence[AnkiAnswer], logs: Sequence[LoggedAnswer]
) -> tuple[list[AnkiAnswer], set[int]]:
    """Anki's answers neuroquiz lacks, and the indexes in ``logs`` of those Anki has."""
    imported = {log.anki_id: i for i, log in enumerate(logs) if log.anki_id is not None}
    own = [(i, log) for i, log in enumerate(logs) if log.source == "neuroquiz"]
    matched: set[int] = set()
    fresh: list[AnkiAnswer] = []
    seen: set[int] = set()
    for answer in answers:
        if answer.anki_id in seen:  # a crafted package may repeat a revlog id
            continue
        seen.add(answer.anki_id)
        index = imported.get(answer.anki_id)
        if index is None:
            index = _own_copy(answer, own, matched)
        if index is None:
            fresh.append(answer)
        else:
            matched.add(index)
    return fresh, matched


def _own_copy(
    answer: AnkiAnswer, own: Sequence[tuple[int, LoggedAnswer]], matched: set[int]
) -> int | None:
    """The index of the neuroquiz answer that ``answer`` is the exported copy of, if any."""
    for index, log in own:
        if index in matched:
            continue
        gap = answer.anki_id - int(log.reviewed_at.timestamp() * 1000)
        if 0 <= gap < MATCH_MS and _button_grade(log.grade) == answer.grade:
            return index
    return None


def _button_grade(grade: int) -> int:
    # The grade an answer comes back with after a trip through Anki's buttons.
    return GRADE_FOR_EASE[anki_ease(grade)]


def _chain(
    key: str,
    logs: Sequence[LoggedAnswer],
    fresh: Sequence[AnkiAnswer],
    day_of: Callable[[datetime], date],
    added: list[ImportedAnswer],
) -> ReviewState:
    """Walk the merged history in time order, appending the log entries of ``fresh``.

    Returns:
        The state after the last answer of the merged history.
    """
    timeline: list[tuple[datetime, int, LoggedAnswer | AnkiAnswer]] = [
        (log.reviewed_at, 0, log) for log in logs
    ]
    timeline.extend((answer.answered_at, 1, answer) for answer in fresh)
    state = ReviewState()
    for _, _, item in sorted(timeline, key=lambda entry: (entry[0], entry[1])):
        if isinstance(item, LoggedAnswer):
            state = item.after
            continue
        after = state_after(state, item, day_of(item.answered_at))
        log = ReviewLog(
            key=key,
            reviewed_at=item.answered_at,
            grade=item.grade,
            before=state,
            after=after,
            answer_ms=item.answer_ms,
        )
        added.append(ImportedAnswer(log=log, anki_id=item.anki_id))
        state = after
    return state


def _decide(
    card: AnkiCardState,
    logs: Sequence[LoggedAnswer],
    fresh: Sequence[AnkiAnswer],
    matched: set[int],
    chain: ReviewState,
    day_of: Callable[[datetime], date],
) -> _Card:
    here_last = max((log.reviewed_at for log in logs), default=None)
    fresh_last = max((answer.answered_at for answer in fresh), default=None)
    if fresh_last is not None and (here_last is None or fresh_last > here_last):
        return _Card("anki", _anki_state(card, chain, day_of))
    if here_last is not None:
        # Anki has nothing newer; unless Anki has neuroquiz's last answer too, it is newer.
        latest = max(range(len(logs)), key=lambda i: logs[i].reviewed_at)
        return _Card("same" if latest in matched else "here")
    if card.kind != "new":  # scheduled in Anki without an answer on record, new here
        return _Card("anki", _anki_state(card, chain, day_of))
    return _Card("same")


def _anki_state(
    card: AnkiCardState, chain: ReviewState, day_of: Callable[[datetime], date]
) -> ReviewState:
    due = card.due_day
    if due is None and card.due_at is not None:
        due = day_of(card.due_at)
    last = card.last_answer
    return current_state(
        card,
        repetitions=chain.repetitions,
        ef=chain.ef,
        due=due,
        last_review=day_of(last) if last is not None else None,
    )


def _suspend(
    store: ProgressStore,
    cards: Sequence[AnkiCardState],
    owners: dict[str, str],
    outcomes: dict[str, _Card],
) -> tuple[int, int]:
    """Apply the suspension rule per card (note); return (suspended, unsuspended)."""
    by_card: dict[str, list[AnkiCardState]] = {}
    for card in cards:
        if card.key in outcomes:
            by_card.setdefault(owners[card.key], []).append(card)
    suspended = unsuspended = 0
    for card_id, anki_cards in by_card.items():
        sides = {outcomes[c.key].side for c in anki_cards}
        in_anki = all(c.suspended for c in anki_cards)
        here = store.is_suspended(card_id)
        if "anki" in sides:
            wanted = in_anki
        elif "here" in sides:
            wanted = here
        else:
            wanted = here or in_anki
        if wanted != here:
            store.set_suspended(card_id, wanted)
            suspended += wanted
            unsuspended += not wanted
    return suspended, unsuspended


def _mark_leeches(
    store: ProgressStore, cards: Sequence[AnkiCardState], outcomes: dict[str, _Card]
) -> tuple[int, int]:
    """Apply the leech rule per study card; return (marked, unmarked)."""
    marked = unmarked = 0
    for card in cards:
        outcome = outcomes.get(card.key)
        if outcome is None or outcome.side == "here":
            continue
        here = store.is_leech(card.key)
        wanted = card.leech if outcome.side == "anki" else here or card.leech
        if wanted != here:
            store.set_leech(card.key, wanted)
            marked += wanted
            unmarked += not wanted
    return marked, unmarked
