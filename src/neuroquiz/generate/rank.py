"""Rank and select: the best cards of a document within its budget, one card per fact.

Selection is done in two steps so that ids stay stable when other parts of a document
change: first each sentence decides on its own which deletions its cloze card hides (at
most two), then the document keeps the best cards up to a budget that grows with its
length, skipping any card that tests an answer already tested or repeats a sentence
already used. The budget counts cards (deck entries): a cloze of one sentence is one card
whether it hides one deletion or two, so a dense text is not cut to half its sentences.
"""

from __future__ import annotations

from dataclasses import dataclass

from neuroquiz.generate.analyze import Sentence
from neuroquiz.generate.ids import normalise_sentence
from neuroquiz.generate.makers.base import Candidate, content_stems

WORDS_PER_CARD = 15
"""Budget: one card per this many words of clean text (the issue asks 15-25)."""
MIN_CARD_SCORE = 2.0
"""Candidates below this are never worth a resident's time."""
PER_SENTENCE = 2
"""Most study cards (question cards and deletions together) one sentence gives."""
SECOND_DELETION_MIN = 2.5
"""A second deletion in the same sentence must be at least this good."""
REPEAT_MIN = 3.0
"""A deletion of an answer another card tests is kept only if at least this good."""
NEAR_DUPLICATE = 0.7
"""Sentences whose content words overlap this much (Jaccard) state the same fact."""
SAME_SENTENCE = 0.5
"""Two cards of one sentence whose statements overlap this much say the same thing."""
SAME_CONTEXT = 0.4
"""The same answer in sentences overlapping this much (Jaccard) tests the same fact."""


@dataclass(frozen=True)
class Plan:
    """A card to make: a cloze with its deletions, or one basic/MCQ candidate."""

    sentence: Sentence
    parts: tuple[Candidate, ...]
    score: float
    fallback: bool = False
    """A single deletion to use only if the sentence's main cloze is not kept (for example
    because its answer is already tested elsewhere)."""

    @property
    def is_cloze(self) -> bool:
        """True if the card hides deletions of the sentence."""
        return self.parts[0].is_deletion

    @property
    def units(self) -> int:
        """Study cards this card yields (one per deletion)."""
        return len(self.parts) if self.is_cloze else 1

    @property
    def answers(self) -> tuple[str, ...]:
        """The answers of the card, in sentence order."""
        return tuple(c.answer for c in self.parts)


def budget_for(words: int) -> int:
    """Cards allowed for a document of ``words`` clean words."""
    return max(3, round(words / WORDS_PER_CARD))


def plan_sentence(sentence: Sentence, candidates: list[Candidate]) -> list[Plan]:
    """The cards one sentence offers, decided from that sentence alone.

    Candidates are taken best first, question cards and deletions alike, up to
    :data:`PER_SENTENCE`; a candidate that tests what a better one already tests is skipped
    ("What does EVD stand for?" after the deletion of "external ventricular drain (EVD)").
    """
    plans: list[Plan] = []
    basics: list[Candidate] = []
    chosen: list[Candidate] = []
    taken: set[str] = set()
    ordered = sorted(candidates, key=_order)
    for cand in ordered:
        key = normalise_sentence(cand.answer)
        if cand.score < MIN_CARD_SCORE or len(basics) + len(chosen) >= PER_SENTENCE:
            continue
        if key in taken:
            continue
        stems = content_stems(cand.answer)
        if cand.is_deletion:
            if chosen and cand.score < SECOND_DELETION_MIN:
                continue
            if any(_overlaps(cand, c) or _related(cand, c) for c in chosen):
                continue
            if any(stems & content_stems(f"{b.answer} {b.front}") for b in basics):
                continue
            chosen.append(cand)
        else:
            if any(stems & content_stems(b.answer) for b in basics):
                continue  # "X, also called Y" and "X is the Y": one fact, one card
            shown = content_stems(f"{cand.answer} {cand.front}")
            if any(content_stems(c.answer) & shown for c in chosen):
                continue
            basics.append(cand)
            plans.append(Plan(sentence, (cand,), cand.score))
        taken.add(key)
    if chosen:
        chosen.sort(key=lambda c: c.deletion.start if c.deletion else 0)
        score = max(c.score for c in chosen) + 0.3 * (
            sum(c.score for c in chosen) - max(c.score for c in chosen)
        )
        plans.append(Plan(sentence, tuple(chosen), score))
        spare = next(
            (
                c
                for c in ordered
                if c.is_deletion
                and c.score >= MIN_CARD_SCORE
                and c not in chosen
                and not any(_overlaps(c, o) or _related(c, o) for o in chosen)
                and normalise_sentence(c.answer) not in taken
            ),
            None,
        )
        if spare is not None and not basics:
            plans.append(Plan(sentence, (spare,), min(spare.score, score) - 0.5, fallback=True))
    return plans


def select(plans: list[Plan], budget: int) -> list[Plan]:
    """Keep the best plans within a budget of ``budget`` cards; one card per fact.

    A card is an entry of the deck: a question, or a cloze of one sentence with its one or
    two deletions (the issue's "one card per 15-25 words"; a sentence gives at most two
    study prompts either way).

    Returns:
        The kept plans in document order.
    """
    kept = _select(plans, budget)
    kept.sort(key=lambda p: (p.sentence.position, p.is_cloze, p.answers))
    return kept


def _select(plans: list[Plan], budget: int) -> list[Plan]:
    """The best plans within ``budget`` (in rank order), skipping repeated facts."""
    kept: list[Plan] = []
    answers: dict[str, set[str]] = {}
    sentences: list[set[str]] = []
    units = 0
    for plan in sorted(plans, key=lambda p: (-p.score, p.sentence.position, p.answers)):
        if units + 1 > budget:
            continue
        keys = {normalise_sentence(a) for a in plan.answers}
        stems = content_stems(plan.sentence.text) - content_stems(" ".join(plan.answers))
        if any(_jaccard(stems, answers[k]) >= SAME_CONTEXT for k in keys if k in answers):
            continue  # the same answer in the same context: the same fact
        if all(k in answers for k in keys):
            continue  # every answer already tested: the card would only interfere
        stale = [
            c
            for c in plan.parts
            if normalise_sentence(c.answer) in answers and c.score < REPEAT_MIN
        ]
        if plan.is_cloze and stale and len(stale) < len(plan.parts):
            # "CSF flows between the [ventricles]" after a card on the ventricles: a weak
            # deletion of an answer already tested is dropped, the rest of the card stays.
            parts = tuple(c for c in plan.parts if c not in stale)
            plan = Plan(plan.sentence, parts, max(c.score for c in parts), plan.fallback)
            keys = {normalise_sentence(a) for a in plan.answers}
        same_sentence = [p for p in kept if p.sentence.position == plan.sentence.position]
        if plan.fallback and same_sentence:
            continue
        if not same_sentence and any(
            _jaccard(stems, other) >= NEAR_DUPLICATE for other in sentences
        ):
            continue
        if any(_jaccard(_said(plan), _said(p)) >= SAME_SENTENCE for p in same_sentence):
            continue  # a question card and a cloze of one sentence that say the same
        kept.append(plan)
        for key in keys:
            answers[key] = answers.get(key, set()) | stems
        sentences.append(stems)
        units += 1
    return kept


def _said(plan: Plan) -> set[str]:
    """Content stems of everything a planned card states, prompt and answers."""
    if plan.is_cloze:
        return content_stems(plan.sentence.text)
    part = plan.parts[0]
    return content_stems(f"{part.front.rsplit(': ', 1)[-1]} {part.answer}")


def _order(candidate: Candidate) -> tuple[float, int, str]:
    start = candidate.deletion.start if candidate.deletion else -1
    return (-candidate.score, start, candidate.answer)


def _overlaps(a: Candidate, b: Candidate) -> bool:
    assert a.deletion is not None and b.deletion is not None
    return a.deletion.start < b.deletion.end and b.deletion.start < a.deletion.end


def _related(a: Candidate, b: Candidate) -> bool:
    if a.group >= 0 and a.group == b.group:
        return True  # two items of one list: its items are interchangeable answers
    return bool(content_stems(a.answer) & content_stems(b.answer))


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0
