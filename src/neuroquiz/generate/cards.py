"""Turn selected plans into cards: cloze text, question cards, multiple choice."""

from __future__ import annotations

from neuroquiz.generate.analyze import Sentence
from neuroquiz.generate.ids import card_id, normalise_sentence
from neuroquiz.generate.kinds import MCQ_KINDS, kind_of
from neuroquiz.generate.lexicon import GENERIC_MEDICAL, split_words
from neuroquiz.generate.makers.base import Candidate, context_cue
from neuroquiz.generate.makers.mcq import TermPool, wants_mcq
from neuroquiz.generate.rank import Plan
from neuroquiz.generate.topic import Topic
from neuroquiz.models import BasicCard, ClozeCard, McqCard, Source

AnyCard = BasicCard | ClozeCard | McqCard

_GENERIC_HEADS = frozenset(split_words("resection resections excision removal surgery surgeries"))


def build_card(plan: Plan, topic: Topic, slug: str, document: str, pool: TermPool) -> AnyCard:
    """Make the card a plan describes.

    Args:
        plan: The selected plan.
        topic: Its document's topic (for context cues).
        slug: The deck slug (id prefix).
        document: The source document's name as recorded on the card.
        pool: Terms for multiple-choice distractors.
    """
    sentence = plan.sentence
    source = Source(document=document, sentences=(sentence.source,))
    if not plan.is_cloze:
        part = plan.parts[0]
        return BasicCard(
            id=card_id(slug, sentence.source, "basic", [part.answer]),
            origin="generated",
            source=source,
            front=part.front,
            back=part.answer,
        )
    if len(plan.parts) == 1 and plan.parts[0].mcq_ok and _mcq_answer(plan.parts[0].answer):
        mcq = _try_mcq(plan.parts[0], topic, slug, source, pool)
        if mcq is not None:
            return mcq
    return ClozeCard(
        id=card_id(slug, sentence.source, "cloze", plan.answers),
        origin="generated",
        source=source,
        text=cloze_text(topic, sentence, plan.parts),
    )


def cloze_text(topic: Topic, sentence: Sentence, parts: tuple[Candidate, ...]) -> str:
    """The sentence with ``{{cN::answer::hint}}`` deletions, after its context cue."""
    text = sentence.text
    pieces: list[str] = []
    cursor = 0
    for number, part in enumerate(parts, start=1):
        assert part.deletion is not None
        a = sentence.tokens[part.deletion.start].start
        b = sentence.tokens[part.deletion.end - 1].end
        hint = f"::{part.deletion.hint}" if part.deletion.hint else ""
        pieces.append(text[cursor:a] + f"{{{{c{number}::{text[a:b]}{hint}}}}}")
        cursor = b
    pieces.append(text[cursor:])
    cue = context_cue(topic, sentence, [p.answer for p in parts])
    return cue + "".join(pieces)


def _mcq_answer(answer: str) -> bool:
    """A term fit to be a multiple-choice answer: no number, a tumor type if a tumor."""
    if any(ch.isdigit() for ch in answer):
        return False
    if answer.split()[-1].lower() in GENERIC_MEDICAL | _GENERIC_HEADS:
        return False  # "total resection": the options would be other kinds, not other extents
    return kind_of(answer) != "tumor" or answer.lower().rstrip("s").endswith("oma")


def _try_mcq(
    part: Candidate, topic: Topic, slug: str, source: Source, pool: TermPool
) -> McqCard | None:
    sentence = part.sentence
    if part.kind != "definition" and (
        kind_of(part.answer) not in MCQ_KINDS or not wants_mcq(normalise_sentence(sentence.source))
    ):
        return None
    assert part.deletion is not None
    a = sentence.tokens[part.deletion.start].start
    b = sentence.tokens[part.deletion.end - 1].end
    question = sentence.text[:a] + "_____" + sentence.text[b:]
    question = context_cue(topic, sentence, [part.answer]) + question
    distractors = pool.distractors(part.answer, question)
    if distractors is None:
        return None
    answer = part.answer
    if a == 0 and answer[1:2].islower():
        answer = answer[:1].lower() + answer[1:]
    return McqCard(
        id=card_id(slug, sentence.source, "mcq", [part.answer]),
        origin="generated",
        source=source,
        question=question,
        answer=answer,
        distractors=distractors,
    )
