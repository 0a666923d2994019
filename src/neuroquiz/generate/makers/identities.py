"""Question cards from identity sentences: superlatives, standards, other names.

These are the most reliable question cards a sentence offers, because the sentence itself
states the question and its one answer:

- "Medulloblastoma is the most common malignant brain tumor of childhood." gives "What is
  the most common malignant brain tumor of childhood?" — "Medulloblastoma".
- "The most common presenting symptom is asymmetric sensorineural hearing loss, ..." gives
  "<topic>: What is the most common presenting symptom?" — "asymmetric sensorineural
  hearing loss".
- "A vestibular schwannoma, also called an acoustic neuroma, ..." gives "What is another
  name for vestibular schwannoma?" — "acoustic neuroma".

Only the identity itself is asked: the question stops at the first clause boundary, so the
rest of the sentence neither leaks into it nor gives the answer away.
"""

from __future__ import annotations

from neuroquiz.generate.analyze import Sentence
from neuroquiz.generate.lexicon import split_words
from neuroquiz.generate.makers.base import Candidate, answer_words, context_cue, gives_away
from neuroquiz.generate.makers.enumerations import find_lists
from neuroquiz.generate.terms import Phrase
from neuroquiz.generate.topic import Topic

_MARKERS = frozenset(
    split_words("""
    most least best worst first commonest leading main principal primary only mainstay
    hallmark standard choice first-line
    """)
)
"""Words that make "X is the Y" an identity with one answer ("the most common Y")."""
_COPULAS = frozenset(split_words("is are"))
_BOUNDARY_WORDS = frozenset(
    split_words("which whereas while because although but so and that who whose where when")
)
_BOUNDARY_MARKS = frozenset({",", ";", ".", ":", "(", "—", "!", "?"})
_FINITE = frozenset({"VBZ", "VBP", "VBD", "MD"})
_ALIAS = (("also", "called"), ("also", "known", "as"), ("also", "termed"), ("or",))
_SCORE = 5.0
"""Identity questions rank above cloze deletions of the same sentence."""


def identity_candidates(topic: Topic, sentence: Sentence) -> list[Candidate]:
    """Question cards of one usable sentence: "X is the most Y", "The most Y is X", aliases."""
    found = [*_subject_is_the(topic, sentence), *_the_is_object(topic, sentence)]
    found.extend(_aliases(topic, sentence))
    return found


def _description_end(sentence: Sentence, start: int) -> int | None:
    """One past the last token of the description starting at ``start``, or None."""
    words, tags = sentence.words, sentence.tags
    end = start
    while end < len(words):
        lower = words[end].lower()
        if words[end] in _BOUNDARY_MARKS or lower in _BOUNDARY_WORDS:
            break
        if tags[end] in _FINITE:
            return None  # a clause, not a description
        end += 1
    return end if end > start else None


def _has_marker(words: list[str]) -> bool:
    lowers = [w.lower() for w in words]
    return bool(_MARKERS & set(lowers)) or "gold standard" in " ".join(lowers)


def _question(
    topic: Topic, sentence: Sentence, verb: str, description: str, answer: str
) -> Candidate | None:
    """The candidate asking "What <verb> <description>?", or None if it gives ``answer`` away."""
    if answer_words(answer.split()) > 4 or answer_words(description.split()) < 2:
        return None
    body = f"What {verb} {description}?"
    if gives_away(answer, body, topic.given_words if not topic.named_in(answer) else ""):
        return None
    cue = context_cue(topic, sentence, [answer], shown=f"{body} {answer}")
    return Candidate("basic", sentence, answer, _SCORE, front=cue + body)


def _opening_phrase(sentence: Sentence) -> Phrase | None:
    phrases = sentence.phrases
    if not phrases or phrases[0].start != 0:
        return None
    return phrases[0]


def _subject_is_the(topic: Topic, sentence: Sentence) -> list[Candidate]:
    """ "X is the most common Y, ..." -> "What is the most common Y?" — X."""
    words = sentence.words
    subject = _opening_phrase(sentence)
    if subject is None or subject.end + 2 >= len(words):
        return []
    verb = words[subject.end].lower()
    if verb not in _COPULAS or words[subject.end + 1].lower() != "the":
        return []
    start = subject.end + 1
    end = _description_end(sentence, start)
    if end is None or not _has_marker(words[start:end]):
        return []
    if subject.score < 1.0 and not topic.named_in(sentence.span_text(subject.start, subject.end)):
        return []
    answer = _plain(sentence.span_text(subject.core_start, subject.end))
    description = _lower_first(sentence.span_text(start, end))
    found = _question(topic, sentence, verb, description, answer)
    return [found] if found is not None else []


def _the_is_object(topic: Topic, sentence: Sentence) -> list[Candidate]:
    """ "The most common Y is X, ..." -> "What is the most common Y?" — X."""
    words, tags = sentence.words, sentence.tags
    if not words or words[0].lower() != "the":
        return []
    copula = next((k for k, t in enumerate(tags) if t in _FINITE), None)
    if copula is None or words[copula].lower() not in _COPULAS or copula < 3:
        return []
    if not _has_marker(words[1:copula]):
        return []
    if any(w in _BOUNDARY_MARKS for w in words[:copula]):
        return []
    target = next((p for p in sentence.phrases if p.start == copula + 1), None)
    if target is None or target.score < 1.0:
        return []
    after = words[target.end] if target.end < len(words) else "."
    if after not in (",", ".", ";") and after.lower() not in ("with", "which"):
        return []
    if any(span.items[0].start == target.start for span in find_lists(sentence)):
        return []  # "are the lungs, liver, and bones": a list, left to the list cloze
    answer = _plain(sentence.span_text(target.core_start, target.end))
    description = _lower_first(sentence.span_text(0, copula))
    found = _question(topic, sentence, words[copula].lower(), description, answer)
    return [found] if found is not None else []


def _aliases(topic: Topic, sentence: Sentence) -> list[Candidate]:
    """ "X, also called Y," -> "What is another name for X?" — Y."""
    words = sentence.words
    lowers = [w.lower() for w in words]
    out: list[Candidate] = []
    for term in sentence.phrases:
        k = term.end
        if k >= len(words) or words[k] not in (",", "("):
            continue
        closer = "," if words[k] == "," else ")"
        for alias in _ALIAS:
            if tuple(lowers[k + 1 : k + 1 + len(alias)]) != alias:
                continue
            if alias == ("or",) and closer != ")":
                continue  # "X, or Y," is as often a list as a synonym
            other = next((p for p in sentence.phrases if p.start == k + 1 + len(alias)), None)
            if other is None or other.end >= len(words) or words[other.end] != closer:
                continue
            name = _plain(sentence.span_text(term.core_start, term.end))
            answer = _plain(sentence.span_text(other.core_start, other.end))
            found = _question(topic, sentence, "is", f"another name for {name}", answer)
            if found is not None:
                out.append(found)
    return out


def _plain(text: str) -> str:
    """A term as an answer or inside a question: lower case unless a name or acronym."""
    return _lower_first(text)


def _lower_first(text: str) -> str:
    first = text.split(" ", 1)[0]
    if first[1:2].islower() or (len(first) == 1 and first.isalpha()):
        return text[:1].lower() + text[1:]
    return text
