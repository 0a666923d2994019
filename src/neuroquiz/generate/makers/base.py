"""What every card maker produces: a candidate with its answer, score and place."""

from __future__ import annotations

import re
from dataclasses import dataclass

from neuroquiz.generate.analyze import Sentence
from neuroquiz.generate.lexicon import GENERIC_MEDICAL, split_words
from neuroquiz.generate.topic import Topic

_STOP = frozenset(
    split_words(
        "the a an of and or in on at to for with by from as is are be its their this that these "
        "those which who such can may often"
    )
)

_GENERIC_STEMS = frozenset(w[:5] for w in GENERIC_MEDICAL)


@dataclass(frozen=True)
class Deletion:
    """A span of a sentence to hide in a cloze card.

    Attributes:
        start: First token.
        end: One past the last token.
        hint: Shown in place of the answer ("3 symptoms"); empty for none.
    """

    start: int
    end: int
    hint: str = ""


@dataclass(frozen=True)
class Candidate:
    """A card a maker proposes; ranking decides which ones become cards.

    Attributes:
        kind: "term", "list", "definition", "heading" (cloze deletions), "basic" or "mcq".
        sentence: The sentence the card states.
        answer: The answer text (deletion text, back of a basic card, right MCQ option).
        score: How good a card it makes; higher is better.
        deletion: For cloze kinds, the span to hide.
        front: For basic cards, the prompt.
        mcq_ok: The answer is one term with a clear kind: a candidate for multiple choice.
        group: For an item of a list, the list's index in the sentence (else -1): one
            deletion per list, since its items are interchangeable answers.
    """

    kind: str
    sentence: Sentence
    answer: str
    score: float
    deletion: Deletion | None = None
    front: str = ""
    mcq_ok: bool = False
    group: int = -1

    @property
    def is_deletion(self) -> bool:
        """True if the candidate is a cloze deletion (merged per sentence into one card)."""
        return self.deletion is not None


def content_stems(text: str) -> set[str]:
    """Stems (first five letters) of the content words of ``text``."""
    words = re.findall(r"[a-z0-9]+", text.lower())
    return {w[:5] for w in words if (len(w) >= 3 or w.isdigit()) and w not in _STOP}


def answer_words(words: list[str]) -> int:
    """Words of an answer as a reader counts them: no punctuation, no "and", no "(ABBR)"."""
    count = 0
    inside = False
    for word in words:
        if word == "(":
            inside = True
        elif word == ")":
            inside = False
        elif word[:1].isalnum() and not inside and word.lower() not in ("and", "or"):
            count += 1
    return count


def head_stems(answer: str) -> set[str]:
    """Stems of the head word of an answer, or of each item of a list answer.

    The head is the last word of a noun phrase ("bulb" of "jugular bulb region" is not; it
    is "region"); a trailing "(ABBR)" is not part of it.
    """
    text = re.sub(r"\([^)]*\)", " ", answer.lower())
    heads: set[str] = set()
    for item in re.split(r",|;|\band\b|\bor\b", text):
        words = [w for w in re.findall(r"[a-z0-9]+", item) if w not in _STOP]
        if words:
            heads.add(words[-1][:5])
    return heads


def gives_away(answer: str, prompt: str, given: str = "") -> bool:
    """True if a card showing ``prompt`` (in a deck about ``given``) gives ``answer`` away.

    Three ways, each a rule of CARD-QUALITY.md ("not guessable from the prompt"):

    - the answer is nothing but general words ("the tumor", "surgery");
    - the prompt repeats its head noun, or most of its specific words ("spinal cord" in
      "spinal cord tumors");
    - the deck's own title supplies it: every word of it, or half of it when the word
      the title lacks is the head ("tumor regrowth" in a deck on a recurrent tumor,
      "spinal cord" in one on spinal tumors). A title word that is the head is a class
      ("embryonal tumor" in a deck on tumors): the modifier is the fact, so that stays.

    Args:
        answer: The hidden text.
        prompt: Everything the card shows while the answer is hidden.
        given: Text the whole deck gives away (see :attr:`Topic.given_words`).
    """
    specific = content_stems(answer) - _GENERIC_STEMS
    if not specific:
        return True
    shown = content_stems(prompt)
    if head_stems(answer) & shown:
        return True
    shared = specific & shown
    if len(shared) * 2 >= len(specific) if len(specific) > 1 else bool(shared):
        return True
    words = content_stems(re.sub(r"\([^)]*\)", " ", answer))
    title = content_stems(given)
    if not words or not title:
        return False
    if words <= title:
        return True
    inside = words & title
    return len(words) > 1 and len(inside) * 2 >= len(words) and not (head_stems(answer) & title)


def guessable(sentence: Sentence, start: int, end: int, topic: Topic | None = None) -> bool:
    """True if the rest of the sentence, the cue or the deck title gives the span away.

    See :func:`gives_away`; the cue counts only when the card shows it (when the sentence
    does not name the topic itself).
    """
    before = sentence.text[: sentence.tokens[start].start]
    after = sentence.text[sentence.tokens[end - 1].end :]
    prompt = f"{before} {after}"
    given = ""
    if topic is not None:
        given = topic.given_words
        if not topic.named_in(sentence.text):
            prompt = f"{topic.cue} {prompt}"
    return gives_away(sentence.span_text(start, end), prompt, given)


def context_cue(topic: Topic, sentence: Sentence, answers: list[str], shown: str = "") -> str:
    """A short prefix naming the topic when the card does not name it itself.

    A self-contained card gets no prefix: the cue is noise once the sentence (or, for a
    question card, ``shown``: its question and answer) names the topic. Otherwise the
    cue is the topic, followed by the paragraph's heading when that adds words the
    sentence lacks and does not give an answer away.

    Args:
        topic: The document's topic.
        sentence: The sentence the card states.
        answers: The card's answers.
        shown: For a question card, its question and answer (default: the sentence).
    """
    text = shown or sentence.text
    if topic.named_in(text):
        return ""
    label = ""
    heading = sentence.heading
    if heading and not heading.endswith("?") and len(heading.split()) <= 6:
        answer_stems: set[str] = set()
        for answer in answers:
            answer_stems |= content_stems(answer)
        heading_stems = content_stems(heading)
        adds = heading_stems - content_stems(text) - content_stems(topic.given_words)
        if adds and not (heading_stems & answer_stems) and not topic.named_in(heading):
            label = heading if heading.isupper() else heading[:1].lower() + heading[1:]
            label = " ".join(w if w.isupper() and len(w) > 1 else w.lower() for w in label.split())
    return f"{topic.cue} ({label}): " if label else f"{topic.cue}: "
