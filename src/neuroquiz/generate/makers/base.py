"""What every card maker produces: a candidate with its answer, score and place."""

from __future__ import annotations

import re
from dataclasses import dataclass

from neuroquiz.generate.analyze import Sentence
from neuroquiz.generate.lexicon import GENERIC_MEDICAL, split_words
from neuroquiz.generate.tagging import known_word
from neuroquiz.generate.terms import word_score
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


def answer_words(words: list[str], *, articles: bool = False) -> int:
    """Words of an answer as a reader counts them: no punctuation, no "and", no "(ABBR)",
    no article ("rupture of a saccular aneurysm" is four words to recall).

    Args:
        words: The answer's tokens.
        articles: Count articles too: an item of a list must be a term, and "the
            extent of local invasion" is a clause.
    """
    count = 0
    inside = False
    skip = _CONJUNCTIONS if articles else _UNCOUNTED
    for word in words:
        if word.startswith("("):
            inside = not word.endswith(")")
        elif word == ")":
            inside = False
        elif word[:1].isalnum() and not inside and word.lower() not in skip:
            count += 1
    return count


_CONJUNCTIONS = frozenset({"and", "or"})
_UNCOUNTED = _CONJUNCTIONS | {"a", "an", "the"}


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
    heads = head_stems(answer)
    if heads & shown:
        return True
    if any(
        s.startswith(h) or h.startswith(s) for h in heads for s in shown if min(len(h), len(s)) >= 4
    ):
        return True  # "dura" in a prompt showing "dural tail"
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
    if len(words) < 2 or len(inside) * 2 < len(words) or head_stems(answer) & title:
        return False
    # The title gives the modifier; the head it lacks is the fact only if it is a technical
    # word ("pituitary apoplexy"), not an everyday or vague one ("spinal cord" in a deck on
    # spinal tumors, "tumor regrowth" in one on a recurrent tumor).
    head = re.findall(r"[A-Za-z0-9-]+", re.sub(r"\([^)]*\)", " ", answer))
    return not head or known_word(head[-1].lower()) or word_score(head[-1]) < 1.5


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
    asked = bool(heading and heading.endswith("?"))
    if heading and asked:
        heading = question_label(heading, topic)
    if heading and not heading.endswith("?") and len(heading.split()) <= 6:
        answer_stems: set[str] = set()
        for answer in answers:
            # A question heading's subject ("shunt" of "What can go wrong with a shunt?")
            # is context the card needs; only the answer's head must stay hidden.
            answer_stems |= head_stems(answer) if asked else content_stems(answer)
        heading_stems = content_stems(heading)
        said = content_stems(text)
        if asked:
            said -= content_stems(" ".join(answers))  # the answer is hidden: not context
        adds = heading_stems - said - content_stems(topic.given_words)
        if adds and not (heading_stems & answer_stems) and not topic.named_in(heading):
            label = " ".join(_label_word(w) for w in heading.split())
    return f"{topic.cue} ({label}): " if label else f"{topic.cue}: "


def _label_word(word: str) -> str:
    """A heading word as it reads inside a label: lower case unless an acronym or a name."""
    if word.isupper() and len(word) > 1:
        return word
    name = word[:1].isupper() and not known_word(word.lower()) and word_score(word) < 2.0
    return word if name else word.lower()  # "Stupp protocol", but "vasospasm"


_PARTICIPLE_NOUNS = {
    "treated": "treatment",
    "managed": "management",
    "diagnosed": "diagnosis",
    "prevented": "prevention",
    "caused": "causes",
    "inherited": "inheritance",
    "staged": "staging",
    "graded": "grading",
    "classified": "classification",
    "detected": "detection",
    "monitored": "monitoring",
}
"""What a question heading asks about when it names no thing ("How is it treated?")."""
_QUESTION_WORDS = frozenset(
    split_words("""
    what which how why when where who whom whose is are was were do does did can could
    should will would may might it its they them their this these that there go wrong
    happen happens the a an of with for about to from in on come comes occur occurs mean
    means look feel need know get
    """)
)


def question_label(question: str, topic: Topic) -> str:
    """The subject of a question heading, as a context label ("" if it has none).

    "What can go wrong with a shunt?" is about "shunt"; "How is it treated?" about
    "treatment"; "What is hydrocephalus?" about the topic itself (no label).
    """
    if topic.named_in(question):
        return ""  # "What causes hydrocephalus?": the topic itself, or one of its kinds
    words = re.findall(r"[A-Za-z0-9][A-Za-z0-9'-]*", question)
    rest = [w for w in words if w.lower() not in _QUESTION_WORDS]
    if not rest:
        return ""
    if len(rest) == 1 and rest[0].lower() in _PARTICIPLE_NOUNS:
        return _PARTICIPLE_NOUNS[rest[0].lower()]
    label = " ".join(rest)
    if topic.named_in(label) or len(rest) > 4:
        return ""
    return label
