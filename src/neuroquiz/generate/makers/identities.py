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
from neuroquiz.generate.lexicon import VAGUE_HEADS, split_words
from neuroquiz.generate.makers.base import Candidate, answer_words, context_cue, gives_away
from neuroquiz.generate.makers.enumerations import find_lists
from neuroquiz.generate.terms import Phrase, is_acronym
from neuroquiz.generate.topic import Topic, singular

_MARKERS = frozenset(
    split_words("""
    most least best worst first commonest leading main principal primary only mainstay
    hallmark standard choice first-line classic cardinal
    """)
)
"""Words that make "X is the Y" an identity with one answer ("the most common Y")."""
_COPULAS = frozenset(split_words("is are remains remain"))
_BOUNDARY_WORDS = frozenset(
    split_words("which whereas while because although but so and that who whose where when")
)
_BOUNDARY_MARKS = frozenset({",", ";", ".", ":", "(", "—", "!", "?"})
_FINITE = frozenset({"VBZ", "VBP", "VBD", "MD"})
_ALIAS = (("also", "called"), ("also", "known", "as"), ("also", "termed"), ("or",))
_POST_HEAD = frozenset(
    split_words("of for in to with among at on after before during that which who from by")
)
"""Words after the head noun of a description ("the standard [for] detecting aneurysms")."""
_LEADS = frozenset({"VBG", "JJ", "DT"})
"""Tags of a word that may open the phrase after "of"/"to" ("to [ionizing] radiation")."""
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
    lowers = [part for w in words for part in w.lower().split("-")]  # "best-established"
    return bool(_MARKERS & set(lowers)) or "gold standard" in " ".join(lowers)


def _question(
    topic: Topic,
    sentence: Sentence,
    verb: str,
    description: str,
    answer: str,
    prefix: str = "",
) -> Candidate | None:
    """The candidate asking "What <verb> <description>?", or None if it gives ``answer`` away.

    A ``prefix`` ("In infants,") is kept in front of the question.
    """
    if answer_words(answer.split()) > 4 or answer_words(description.split()) < 2:
        return None
    body = f"{prefix} what {verb} {description}?" if prefix else f"What {verb} {description}?"
    if gives_away(answer, body, topic.given_words if not topic.named_in(answer) else ""):
        return None
    cue = context_cue(topic, sentence, [answer], shown=f"{body} {answer}")
    return Candidate("basic", sentence, answer, _SCORE, front=cue + body)


def _opening_phrase(sentence: Sentence) -> Phrase | None:
    phrases = sentence.phrases
    if not phrases or phrases[0].start != 0:
        return None
    return _extended(sentence, phrases[0])


def _extended(sentence: Sentence, phrase: Phrase) -> Phrase:
    """``phrase`` with an "(ABBR)" and an "of/to + noun phrase" that follow it.

    "Non-contrast CT of the head", "Digital subtraction angiography (DSA)", "exposure to
    ionizing radiation": the term is the whole of it.
    """
    words = sentence.words
    end = phrase.end
    if (
        end + 2 < len(words)
        and words[end] == "("
        and words[end + 2] == ")"
        and is_acronym(words[end + 1])
    ):
        end += 3
    score = phrase.score
    if end < len(words) and words[end].lower() in ("of", "to"):
        nxt = next((p for p in sentence.phrases if p.start in (end + 1, end + 2)), None)
        if nxt is not None and nxt.start == end + 2 and sentence.tags[end + 1] not in _LEADS:
            nxt = None  # "exposure to ionizing radiation", not "to [verb] the tumor"
        if nxt is not None:
            end, score = nxt.end, max(score, nxt.score)
            if end < len(words) and words[end].lower() in ("and", "or"):
                more = next((p for p in sentence.phrases if p.start == end + 1), None)
                if more is not None:
                    end = more.end  # "of the brain and cervical spine"
    return Phrase(phrase.start, phrase.core_start, end, score)


def _answer_of(sentence: Sentence, phrase: Phrase, extended: Phrase) -> str:
    """The answer text: the extended term if short enough, else the bare one."""
    text = sentence.span_text(extended.core_start, extended.end)
    if answer_words(text.split()) > 4:
        text = sentence.span_text(phrase.core_start, phrase.end)
    return _plain(text)


def _agree(answer: str, description: str) -> tuple[str, str]:
    """The verb and answer agreeing with the description's number ("the most common
    tumor" is asked with "is" and answered "meningioma", not "meningiomas")."""
    words = description.split()
    cut = next((k for k, w in enumerate(words) if k and w.lower() in _POST_HEAD), len(words))
    head = words[cut - 1] if cut else ""
    if singular(head) == head and " " not in answer and singular(answer) != answer:
        return "is", singular(answer)
    return ("are", answer) if singular(head) != head else ("is", answer)


def _subject_is_the(topic: Topic, sentence: Sentence) -> list[Candidate]:
    """ "X is the most common Y, ..." -> "What is the most common Y?" — X.

    Also "X originates from Z and is the most common Y": the second predicate of the subject.
    """
    words = sentence.words
    bare = sentence.phrases[0] if sentence.phrases and sentence.phrases[0].start == 0 else None
    subject = _opening_phrase(sentence)
    if subject is None or bare is None or subject.end + 2 >= len(words):
        return []
    at = subject.end
    if words[at].lower() not in _COPULAS:
        at = next(
            (
                k + 1
                for k in range(subject.end, len(words) - 2)
                if words[k].lower() == "and" and words[k + 1].lower() in _COPULAS
            ),
            -1,
        )
        if at < 0 or any(w in (",", ";") for w in words[subject.end : at]):
            return []
    verb = words[at].lower()
    if words[at + 1].lower() != "the":
        return []
    start = at + 1
    end = _description_end(sentence, start)
    if end is None or not _has_marker(words[start:end]):
        return []
    if subject.score < 1.0 and not topic.named_in(sentence.span_text(subject.start, subject.end)):
        return []
    description = _lower_first(sentence.span_text(start, end))
    verb, answer = _agree(_answer_of(sentence, bare, subject), description)
    found = _question(topic, sentence, verb, description, answer)
    return [found] if found is not None else []


def _the_is_object(topic: Topic, sentence: Sentence) -> list[Candidate]:
    """ "The most common Y is X, ..." -> "What is the most common Y?" — X.

    A leading phrase set off by a comma stays in the question: "In infants, the most
    obvious sign is X" asks "In infants, what is the most obvious sign?".
    """
    words, tags = sentence.words, sentence.tags
    first = _after_prefix(sentence)
    if first is None:
        return []
    copula = next((k for k in range(first, len(tags)) if tags[k] in _FINITE), None)
    if copula is None or words[copula].lower() not in _COPULAS or copula < first + 3:
        return []
    if not _has_marker(words[first + 1 : copula]):
        return []
    if any(w in _BOUNDARY_MARKS for w in words[first:copula]):
        return []
    bare = next((p for p in sentence.phrases if p.start == copula + 1), None)
    if bare is None:
        return []
    target = _extended(sentence, bare)
    if not _answer_worthy(sentence, target):
        return []
    after = words[target.end] if target.end < len(words) else "."
    if after not in (",", ".", ";") and after.lower() not in ("with", "which"):
        return []
    if any(span.items[0].start == target.start for span in find_lists(sentence)):
        return []  # "are the lungs, liver, and bones": a list, left to the list cloze
    answer = _answer_of(sentence, bare, target)
    description = _lower_first(sentence.span_text(first, copula))
    verb = words[copula].lower()
    if verb.startswith("remain"):
        verb = "is" if verb == "remains" else "are"
    if first:
        prefix = sentence.text[: sentence.tokens[first].start].rstrip()
        found = _question(topic, sentence, verb, description, answer, prefix)
    else:
        found = _question(topic, sentence, verb, description, answer)
    return [found] if found is not None else []


def _after_prefix(sentence: Sentence) -> int | None:
    """Index of the "the" that opens the subject, after an optional "In X, " prefix."""
    words, tags = sentence.words, sentence.tags
    if words and words[0].lower() == "the":
        return 0
    if not words or tags[0] not in ("IN", "RB"):
        return None
    for k in range(1, min(len(words) - 1, 16)):
        if words[k] == "," and words[k + 1].lower() == "the":
            return k + 1
    return None


def _answer_worthy(sentence: Sentence, target: Phrase) -> bool:
    """True if the phrase after "is" names something: technical, or a specific compound."""
    if target.score >= 1.0:
        return True
    core = sentence.words[target.core_start : target.end]
    return len(core) >= 2 and core[-1].lower() not in VAGUE_HEADS


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
