"""Single-term deletions: the most informative domain noun phrase of a sentence.

A deletion is a clean noun phrase (or number), technical enough to be worth knowing, not
the document's own topic, at most four words, and not guessable from the rest of the
sentence, the cue or the deck title. Adverbs and bare adjectives are never hidden; a
number range ("10 to 20 percent") and a quoted sign ('"ice cream cone" appearance') are
hidden whole; of a list, one item at most.
"""

from __future__ import annotations

import re
from dataclasses import replace

from neuroquiz.generate.analyze import Sentence
from neuroquiz.generate.kinds import kind_of
from neuroquiz.generate.lexicon import (
    COMMON_ACRONYMS,
    GENERIC_MEDICAL,
    LAY_TERMS,
    RELATION_CUES,
    split_words,
)
from neuroquiz.generate.makers.base import Candidate, Deletion, answer_words, guessable
from neuroquiz.generate.makers.enumerations import find_lists
from neuroquiz.generate.terms import Phrase, is_acronym
from neuroquiz.generate.topic import Topic

MIN_SCORE = 1.5
"""Lowest phrase score worth a deletion."""
MAX_WORDS = 4
"""Longest single-term answer, in words (CARD-QUALITY.md: "short answer, <= ~4 words")."""
LAY_SCORE = 2.0
"""Highest score of an everyday clinical word ("pain"): a card only when nothing beats it."""
_CATEGORY_HEADS = frozenset(
    split_words("structure structures modality modalities procedures techniques options tissues")
)
_RANGE_LINKS = frozenset(("to", "-", "and"))

_FLUFF = re.compile(
    r"\b(?:(?:is|are|be|remains?|becomes?)\s+(?:\w+\s+)?"
    r"(?:crucial|vital|essential|paramount|important|key)|significant concern|"
    r"plays? an? (?:vital|key|important|crucial|central) role|holding promise|promising|"
    r"continues? to improve|interplay)\b",
    re.IGNORECASE,
)
_EXAMPLE = ("such as", "like", "including", "e.g.")
_GENERIC_ALONE = frozenset(split_words("resection surgery excision removal brain"))


def fluff_penalty(sentence: Sentence) -> float:
    """How much a sentence's evaluative wording ("is crucial") lowers its cards."""
    return 1.5 if _FLUFF.search(sentence.text) else 0.0


def term_candidates(topic: Topic, sentence: Sentence) -> list[Candidate]:
    """Deletion candidates of one usable sentence."""
    out: list[Candidate] = []
    if "{" in sentence.text or "}" in sentence.text:
        return out
    penalty = fluff_penalty(sentence)
    lists = find_lists(sentence)
    for phrase in sentence.phrases:
        candidate = _candidate(topic, sentence, phrase, penalty)
        if candidate is None or candidate.deletion is None:
            continue
        deletion = candidate.deletion
        index = next(
            (
                k
                for k, s in enumerate(lists)
                if s.start <= deletion.start < s.end and (s.triggered or len(s.items) > 2)
            ),
            -1,
        )
        if index >= 0:
            if candidate.answer.lower() in LAY_TERMS:
                continue  # "may include [headache], confusion, ...": the weakest card there is
            candidate = replace(candidate, group=index)
        out.append(candidate)
    out.extend(_quoted(topic, sentence, penalty))
    return out


def _generic(words: list[str]) -> bool:
    """True for "the tumor", "recurrent tumors", "MRI": too general to be an answer."""
    if len(words) == 1 and (words[0] in COMMON_ACRONYMS or words[0].lower() in _GENERIC_ALONE):
        return True
    return all(w.lower() in GENERIC_MEDICAL for w in words)


def _candidate(
    topic: Topic, sentence: Sentence, phrase: Phrase, penalty: float
) -> Candidate | None:
    start, end = phrase.core_start, phrase.end
    words = sentence.words
    if (
        start >= 2
        and words[start - 1] in ("=", "<", ">")
        and words[start - 2].lower() in ("n", "p")
    ):
        return None  # "(n = 37)", "p < 0.05": statistics, not facts
    if start >= 2 and words[start - 1].lower() in _RANGE_LINKS and _number(words[start - 2]):
        return None  # "20 percent" of "10 to 20 percent": the range is one answer
    if (
        start >= 2
        and sentence.tags[start - 1] == "VBG"
        and sentence.tags[start - 2] in ("VBZ", "VBP", "VB", "VBD")
    ):
        return None  # "stretches bridging [veins]": the phrase may have lost its modifier
    score = phrase.score - penalty
    # "10 to 20 percent", "between 40 and 70 years": a range is hidden whole.
    if _number(words[end - 1]) or (end - start >= 1 and _number(words[start])):
        nxt = next((p for p in sentence.phrases if p.start == end + 1), None)
        if nxt is not None and words[end].lower() in _RANGE_LINKS and _number(words[nxt.start]):
            end = nxt.end
    # "magnetic resonance imaging (MRI)": a term the text defines with an acronym is worth
    # knowing, and the acronym would give it away, so it is hidden too.
    defined = end + 2 < len(words) and words[end] == "(" and words[end + 2] == ")"
    if defined and is_acronym(words[end + 1]):
        end += 3
        score += 1.5
    if score + penalty < MIN_SCORE or _generic(words[start:end]):
        return None
    # "somatosensory and motor evoked potentials": the conjuncts share a head; hide both.
    if (
        start >= 2
        and words[start - 1].lower() in ("and", "or")
        and sentence.tags[start - 2] in ("JJ", "NN")
        and (start < 3 or not sentence.tags[start - 3].startswith(("JJ", "NN")))
    ):
        start -= 2
    if answer_words(words[start:end]) > MAX_WORDS:
        return None  # one fact, short answer
    answer = sentence.span_text(start, end)
    if topic.named_in(answer) or guessable(sentence, start, end, topic):
        return None
    before = sentence.text[: sentence.tokens[phrase.start].start].rstrip().lower()
    if before.endswith(_EXAMPLE):
        score += 0.5  # a named example of a class is a fact worth knowing
    if before.endswith(RELATION_CUES):
        score += 1.0  # the origin, cause or site of something: the point of the sentence
    kind = kind_of(answer)
    if kind:
        score += 0.5  # a term of a known clinical kind makes a well-defined answer
    if answer.lower() in LAY_TERMS:
        score = min(score, LAY_SCORE)  # "pain": common knowledge, never a second deletion
    if words[end - 1].lower() in _CATEGORY_HEADS:
        score -= 0.5  # "neurovascular structures": a category, not a thing to know
    return Candidate("term", sentence, answer, score, Deletion(start, end), mcq_ok=bool(kind))


def _number(word: str) -> bool:
    return word[:1].isdigit()


def _quoted(topic: Topic, sentence: Sentence, penalty: float) -> list[Candidate]:
    """Named signs: '"ice cream cone" appearance', '"dural tail" sign'.

    A short quoted phrase, with the noun that follows it, names a sign or pattern worth
    knowing by name; it is hidden whole.
    """
    words, tags = sentence.words, sentence.tags
    quotes = [i for i, w in enumerate(words) if w == '"']
    out: list[Candidate] = []
    for first, last in zip(quotes[::2], quotes[1::2], strict=False):
        inner = words[first + 1 : last]
        if not 1 <= answer_words(inner) <= 3 or not all(w[:1].isalnum() for w in inner):
            continue
        end = last + 1
        if end < len(words) and tags[end].startswith("NN"):
            end += 1
        if guessable(sentence, first, end, topic):
            continue
        answer = sentence.span_text(first, end)
        out.append(Candidate("term", sentence, answer, 3.5 - penalty, Deletion(first, end)))
    return out
