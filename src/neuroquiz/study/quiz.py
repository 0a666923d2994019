"""Quiz: multiple-choice questions with exactly four options, outside the SM-2 schedule.

Questions come from mcq cards (the answer and three of its distractors; a card with only two
borrows the answer of another card of its deck) and from basic cards with a short back (the
back and three options of the same kind: a number for a number, an imaging study for an
imaging study; from the same deck first, then the chosen decks, then built-in pools of that
kind; a card without three such options is not asked). Cards, options and their order are
drawn lazily from the injected rng, so a quiz over 100,000 cards parses only the cards it
asks. A quiz never writes to the store.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from neuroquiz.models import BasicCard, Card, McqCard
from neuroquiz.store import ProgressStore
from neuroquiz.store.rows import SHORT_ANSWER_WORDS

OPTIONS = 4
"""Every quiz question has exactly this many options."""
SHORT_BACK_WORDS = SHORT_ANSWER_WORDS
"""A basic card becomes a quiz question if its back has at most this many words."""


@dataclass(frozen=True)
class QuizQuestion:
    """One question.

    Attributes:
        card_id: The card it comes from.
        prompt: The mcq question or the basic front.
        options: Exactly four distinct options, shuffled.
        correct_index: Index of the right option in ``options``.
        source_sentence: The source sentence(s) of the card, for the explanation, or None.
        deck_id: The card's deck.
    """

    card_id: str
    prompt: str
    options: tuple[str, ...]
    correct_index: int
    source_sentence: str | None
    deck_id: str = ""

    @property
    def correct(self) -> str:
        """The right option."""
        return self.options[self.correct_index]


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def _random_order(rng: random.Random, n: int) -> Iterator[int]:
    """``range(n)`` in an rng-chosen order, drawn lazily: cheap when only a few are used."""
    seen: set[int] = set()
    while len(seen) < n // 2:
        index = rng.randrange(n)
        if index not in seen:
            seen.add(index)
            yield index
    rest = [i for i in range(n) if i not in seen]
    rng.shuffle(rest)
    yield from rest


def _pick(rng: random.Random, pool: Sequence[str], taken: set[str], k: int) -> list[str] | None:
    """``k`` texts of ``pool`` distinct from each other and from ``taken`` (normalized)."""
    keys = set(taken)
    picked: list[str] = []
    for index in _random_order(rng, len(pool)):
        key = _norm(pool[index])
        if key not in keys:
            keys.add(key)
            picked.append(pool[index])
            if len(picked) == k:
                return picked
    return None


class _Pools:
    """Option pools per deck (lazy sequences), fetched from the store on first use."""

    def __init__(self, store: ProgressStore, deck_ids: Sequence[str]) -> None:
        self._store = store
        self._deck_ids = deck_ids
        self._answers: dict[str, Sequence[str]] = {}
        self._backs: dict[str, Sequence[str]] = {}
        self._all_backs: Sequence[str] | None = None

    def answers(self, deck_id: str) -> Sequence[str]:
        """Mcq answers and short basic backs of one deck."""
        if deck_id not in self._answers:
            self._answers[deck_id] = self._store.quiz_answers([deck_id])
        return self._answers[deck_id]

    def backs(self, deck_id: str) -> Sequence[str]:
        """Short basic backs of one deck."""
        if deck_id not in self._backs:
            self._backs[deck_id] = self._store.quiz_answers([deck_id], basic_only=True)
        return self._backs[deck_id]

    def all_backs(self) -> Sequence[str]:
        """Short basic backs of every deck of the quiz."""
        if self._all_backs is None:
            self._all_backs = self._store.quiz_answers(self._deck_ids, basic_only=True)
        return self._all_backs


class Quiz:
    """A quiz in progress: questions, answers given and the score.

    Args:
        questions: The questions, in order.
    """

    def __init__(self, questions: Sequence[QuizQuestion]) -> None:
        self.questions: tuple[QuizQuestion, ...] = tuple(questions)
        self._answers: list[int] = []

    @classmethod
    def build(
        cls,
        store: ProgressStore,
        *,
        rng: random.Random,
        deck_ids: Sequence[str] | None = None,
        tags: Sequence[str] | None = None,
        count: int = 10,
    ) -> Quiz:
        """Build a quiz of up to ``count`` questions; deterministic for a given rng seed.

        Args:
            store: The progress store (only read).
            rng: Chooses the cards, the distractors and the option order.
            deck_ids: Decks to ask from; None means every active deck.
            tags: If given, only cards with at least one of these tags are asked.
            count: How many questions at most (fewer if the decks have fewer usable cards).
        """
        scope = list(deck_ids) if deck_ids is not None else store.active_deck_ids()
        candidates = store.quiz_candidates(scope, tags)
        pools = _Pools(store, scope)
        questions: list[QuizQuestion] = []
        for index in _random_order(rng, len(candidates)):
            if len(questions) >= count:
                break
            candidate = candidates[index]
            card = store.card(candidate.card_id)
            question = _question(card, candidate.deck_id, pools, rng) if card else None
            if question is not None:
                questions.append(question)
        return cls(questions)

    @property
    def current(self) -> QuizQuestion | None:
        """The question to answer now, or None when the quiz is over."""
        index = len(self._answers)
        return self.questions[index] if index < len(self.questions) else None

    def answer(self, index: int) -> bool:
        """Answer the current question with option ``index``; True if it is right.

        Raises:
            RuntimeError: if every question is answered.
            ValueError: if ``index`` is not an option index.
        """
        question = self.current
        if question is None:
            raise RuntimeError("the quiz is over")
        if not 0 <= index < len(question.options):
            raise ValueError(f"option index must be 0-{len(question.options) - 1}, got {index}")
        self._answers.append(index)
        return index == question.correct_index

    @property
    def answers(self) -> tuple[int, ...]:
        """Option indexes chosen so far, in question order."""
        return tuple(self._answers)

    @property
    def score(self) -> int:
        """Questions answered right so far."""
        return sum(
            1 for q, a in zip(self.questions, self._answers, strict=False) if a == q.correct_index
        )

    @property
    def answered(self) -> int:
        """Questions answered so far."""
        return len(self._answers)

    @property
    def total(self) -> int:
        """Number of questions."""
        return len(self.questions)

    @property
    def done(self) -> bool:
        """True when every question is answered."""
        return len(self._answers) >= len(self.questions)


def _question(card: Card, deck_id: str, pools: _Pools, rng: random.Random) -> QuizQuestion | None:
    if isinstance(card, McqCard):
        prompt, answer = card.question, card.answer
        distractors = _mcq_distractors(card, deck_id, pools, rng)
    elif isinstance(card, BasicCard):
        prompt, answer = card.front, card.back
        distractors = _basic_distractors(answer, deck_id, pools, rng)
    else:
        return None
    if distractors is None:
        return None
    options = [answer, *distractors]
    rng.shuffle(options)
    source = card.source
    sentence = " ".join(source.sentences) if source is not None and source.sentences else None
    return QuizQuestion(
        card_id=card.id,
        prompt=prompt,
        options=tuple(options),
        correct_index=options.index(answer),
        source_sentence=sentence,
        deck_id=deck_id,
    )


def _mcq_distractors(
    card: McqCard, deck_id: str, pools: _Pools, rng: random.Random
) -> list[str] | None:
    own = list(card.distractors)
    if len(own) >= OPTIONS - 1:
        return rng.sample(own, OPTIONS - 1)
    taken = {_norm(card.answer), *(_norm(d) for d in own)}
    extra = _pick(rng, pools.answers(deck_id), taken, OPTIONS - 1 - len(own))
    return None if extra is None else own + extra


def _basic_distractors(
    answer: str, deck_id: str, pools: _Pools, rng: random.Random
) -> list[str] | None:
    """Three options of the same kind as ``answer`` (a number for a number, an imaging study
    for an imaging study), from the deck, then the chosen decks, then the generator's pools of
    that kind. None when there are not three: a question whose wrong options are obviously of
    another kind teaches nothing."""
    from neuroquiz.generate.kinds import POOLS, kind_of  # lazy: only when a quiz is built

    kind, numeric = kind_of(answer), _is_numeric(answer)

    def fits(text: str) -> bool:
        return _is_numeric(text) == numeric and kind_of(text) == kind

    taken = {_norm(answer)}
    picked: list[str] = []
    sources: list[Callable[[], Sequence[str]]] = [
        lambda: pools.backs(deck_id),
        lambda: pools.answers(deck_id),
        pools.all_backs,
        lambda: POOLS.get(kind, ()) if kind else (),
    ]
    for source in sources:  # fetched only while options are missing
        picked += _pick_matching(rng, source(), fits, taken, OPTIONS - 1 - len(picked))
        if len(picked) == OPTIONS - 1:
            return picked
    return None


SCAN_LIMIT = 120
"""At most this many pool entries are read per pool when looking for same-kind options."""


def _pick_matching(
    rng: random.Random,
    pool: Sequence[str],
    fits: Callable[[str], bool],
    taken: set[str],
    k: int,
) -> list[str]:
    """Up to ``k`` texts of ``pool`` that ``fits`` accepts, distinct from ``taken`` (updated)."""
    picked: list[str] = []
    for scanned, index in enumerate(_random_order(rng, len(pool))):
        if len(picked) == k or scanned == SCAN_LIMIT:
            break
        text = pool[index]
        key = _norm(text)
        if key not in taken and fits(text):
            taken.add(key)
            picked.append(text)
    return picked


def _is_numeric(text: str) -> bool:
    """True if the text states a quantity ("3 to 15", "500 mL", "20%")."""
    return any(ch.isdigit() for ch in text)
