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

from neuroquiz.generate.analyze import Sentence, is_label
from neuroquiz.generate.kinds import kind_of
from neuroquiz.generate.lexicon import (
    COMMON_ACRONYMS,
    GENERIC_MEDICAL,
    LAY_TERMS,
    RELATION_CUES,
    VAGUE_MODIFIERS,
    split_words,
)
from neuroquiz.generate.makers.base import Candidate, Deletion, answer_words, guessable
from neuroquiz.generate.makers.enumerations import MAX_ITEMS, find_lists
from neuroquiz.generate.tagging import known_word
from neuroquiz.generate.terms import Phrase, is_acronym
from neuroquiz.generate.topic import Topic

MIN_SCORE = 1.5
"""Lowest phrase score worth a deletion."""
MAX_WORDS = 4
"""Longest single-term answer, in words (CARD-QUALITY.md: "short answer, <= ~4 words")."""
LAY_SCORE = 1.9
"""Highest score of an everyday clinical word ("pain"): below a card of its own."""
_LONG_LIST_ITEM = 3.0
"""Lowest score of a deletion of one item of a long (5+) list."""
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
_EXAMPLE = re.compile(r"\b(?:such as|like|including|e\.g\.)$")
_RELATION = re.compile(r"\b(?:" + "|".join(map(re.escape, RELATION_CUES)) + r")$")
_DEFINING = frozenset({"a", "an", "the", "one"})
_GENERIC_ALONE = frozenset(split_words("resection surgery excision removal brain loss shunt"))
_RELATIONAL = frozenset(
    split_words("loss lack absence presence degree level amount number rate type kind form part")
)
"""Heads that mean nothing without their "of" ("cape-like [loss] of pain sensation")."""
_CATEGORY_NOUNS = frozenset(
    split_words("group groups type types subtype subtypes variant variants class form")
)
_EVERYDAY_ANATOMY = frozenset(
    split_words("""
    bone bones skull spine brain skin blood head neck back arm arms leg legs nerve nerves
    vessel vessels artery arteries vein veins muscle muscles
    """)
)
"""Body parts every reader knows: no bonus for being anatomy."""
_LOCATIVE = frozenset(split_words("inside within of over throughout"))
_KNOWN_WORD_CAP = 1.75
"""Score of an everyday word after a preposition ("inside the [skull]"): no card."""
_FRAGMENT_KINDS = frozenset({"procedure", "therapy"})
"""Kinds whose head alone is an answer before "of ..." ("[Embolization] of tumor feeders");
any other head ("[Loss] of consciousness", "[Methylation] of the promoter") is a fragment."""
_ACTION_ENDINGS = ("tion", "sion", "ment", "ance", "ence", "ing", "loss", "al")
"""Endings of nouns that name an action and need their "of" ("methylation of ...")."""
_YEAR = re.compile(r"^(?:1[89]|20)\d\d$")


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
    hedge = _hedge_start(sentence)
    if is_label(sentence):
        return out  # "Grade 1: benign meningiomas": a label's answer, for the heading maker
    for phrase in sentence.phrases:
        candidate = _candidate(topic, sentence, phrase, penalty)
        if candidate is None or candidate.deletion is None:
            continue
        deletion = candidate.deletion
        if 0 <= hedge < deletion.start and candidate.score < _LONG_LIST_ITEM:
            continue  # "may include A, B, C, ...": examples, many answers would be right
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
            if len(lists[index].items) > MAX_ITEMS and candidate.score < _LONG_LIST_ITEM:
                continue  # one of five or more: many answers would be right
            candidate = replace(candidate, group=index)
        out.append(candidate)
    out.extend(_quoted(topic, sentence, penalty))
    return out


def _hedge_start(sentence: Sentence) -> int:
    """Index of "include" in "may include A, B, C, ..." (three or more items), or -1."""
    words = [w.lower() for w in sentence.words]
    for k in range(1, len(words) - 1):
        modal = words[k - 1] in ("may", "can", "might")
        if words[k] == "include" and modal and words[k:].count(",") >= 2:
            return k
    return -1


def _generic(words: list[str]) -> bool:
    """True for "the tumor", "higher-grade tumors", "MRI": too general to be an answer."""
    if len(words) == 1 and (words[0] in COMMON_ACRONYMS or words[0].lower() in _GENERIC_ALONE):
        return True
    if " ".join(w.lower() for w in words) in _GENERIC_PHRASES:
        return True
    parts = [p.lower() for w in words for p in w.split("-") if p]
    return all(p in GENERIC_MEDICAL or p in VAGUE_MODIFIERS for p in parts)


_GENERIC_PHRASES = frozenset(("spinal cord", "nervous system", "central nervous system"))
"""Phrases as plain in a neurosurgery text as "the brain"."""


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
    if (
        end - start == 1
        and phrase.start >= 2
        and words[phrase.start - 1] == ","
        and words[phrase.start].lower() in ("the", "a", "an")
        and any(p.end == phrase.start - 1 for p in sentence.phrases)
    ):
        return None  # "the meninges, the [membranes] that ...": the apposition restates
    if _YEAR.match(words[start]) and sentence.tags[start] == "CD":
        score -= 1.5  # "the 2021 classification": a date, rarely the fact to learn
    if (
        start >= 1
        and words[start - 1] == "("
        and end < len(words)
        and words[end] == ")"
        and is_acronym(words[start])
    ):
        return None  # "subarachnoid hemorrhage ([SAH])": the expansion just before gives it
    if (
        end - start == 1
        and end + 1 < len(words)
        and words[end].lower() == "of"
        and words[start].lower().endswith(_ACTION_ENDINGS)
        and kind_of(words[start]) not in _FRAGMENT_KINDS
    ):
        return None  # "[Compression] of the brainstem": an action without its object
    if end < len(words) and words[end].lower() == "of" and words[end - 1].lower() in _RELATIONAL:
        return None
    if end - start == 1 and end + 2 < len(words) and words[end].lower() in ("and", "or"):
        nxt = next((p for p in sentence.phrases if p.start == end + 1), None)
        if nxt is not None and nxt.end - nxt.start >= 2 and sentence.tags[nxt.start] == "NN":
            end = nxt.end  # "pain and temperature sensation": the head is shared, hide both
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
    before = sentence.text[: sentence.tokens[phrase.start].start].rstrip().lower()
    if _RELATION.search(before):
        score += 1.0  # the origin, cause or site of something: the point of the sentence
    if (
        phrase.start == 0
        and end + 1 < len(words)
        and words[end].lower() in ("is", "are")
        and words[end + 1].lower() in _DEFINING
    ):
        score += 1.0  # "Diabetes insipidus is a common complication ...": what is defined
    if _predicate(sentence, phrase):
        score += 1.0  # "glioblastoma is by definition IDH-wildtype": the property stated
    if score + penalty < MIN_SCORE or _generic(words[start:end]):
        return None
    # "somatosensory and motor evoked potentials", "pain and temperature sensation": the
    # conjuncts share a head; hide both. ("the tumor and hyperostosis" share nothing.)
    if (
        start >= 2
        and words[start - 1].lower() in ("and", "or")
        and (
            sentence.tags[start - 2] == "JJ"
            or (sentence.tags[start - 2] == "CD" and sentence.tags[start] == "CD")
            or (
                sentence.tags[start - 2].startswith("NN")
                and end - start >= 2
                and sentence.tags[start].startswith("NN")
            )
        )
        and (start < 3 or not sentence.tags[start - 3].startswith(("JJ", "NN")))
    ):
        start -= 2
    if answer_words(words[start:end]) > MAX_WORDS:
        return None  # one fact, short answer
    if (
        end - start >= 2
        and words[end - 1].lower() in _CATEGORY_NOUNS
        and guessable(sentence, start, end, topic)
    ):
        end -= 1  # "the [WNT-activated] group ... group 3 tumors": the name is the answer
    answer = sentence.span_text(start, end)
    if topic.named_in(answer) or guessable(sentence, start, end, topic):
        return None
    if _EXAMPLE.search(before):
        score += 0.5  # a named example of a class is a fact worth knowing
    kind = kind_of(answer)
    everyday = (
        end - start == 1
        and answer[:1].isalpha()
        and not is_acronym(answer)
        and known_word(answer.lower())
    )
    if kind and answer.lower() not in _EVERYDAY_ANATOMY:
        score += 0.5  # a term of a known clinical kind makes a well-defined answer
    if everyday and phrase.start >= 1 and words[phrase.start - 1].lower() in _LOCATIVE:
        score = min(score, _KNOWN_WORD_CAP)  # "the pressure inside the [skull]"
    if answer.lower() in LAY_TERMS:
        score = min(score, LAY_SCORE)  # "pain": common knowledge, never a second deletion
    if words[end - 1].lower() in _CATEGORY_HEADS:
        score -= 0.5  # "neurovascular structures": a category, not a thing to know
    return Candidate("term", sentence, answer, score, Deletion(start, end), mcq_ok=bool(kind))


_PREDICATE_GAP = frozenset(
    split_words("by in of usually typically always often generally mostly almost nearly")
)


def _predicate(sentence: Sentence, phrase: Phrase) -> bool:
    """True if ``phrase`` ends the sentence as the complement of "is"/"are"."""
    words = sentence.words
    if phrase.end != len(words) - 1 or words[-1] not in (".", "!"):
        return False
    k = phrase.start - 1
    while k > 0 and words[k].lower() in _PREDICATE_GAP:
        k -= 1
    return k > 0 and words[k].lower() in ("is", "are") and k < phrase.start


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
                end -= 1  # '"sunset" sign' after "Other signs include": the name alone
        if guessable(sentence, first, end, topic):
            continue
        answer = sentence.span_text(first, end)
        out.append(Candidate("term", sentence, answer, 3.5 - penalty, Deletion(first, end)))
    return out
