"""Noun phrases and how much domain knowledge they carry.

A phrase is a maximal run of nominal tokens ending in a noun ("the jugular bulb region").
Its *core* drops determiners and vague modifiers ("jugular bulb region"); its *score* says
how technical it is: medical morphology (-oma, -ectomy, neuro-), words a general lexicon
does not know, acronyms, numbers. Vague heads ("approach", "outcomes") score nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from neuroquiz.generate.lexicon import (
    COMMON_ACRONYMS,
    DETERMINERS,
    DRUG_SUFFIXES,
    EPONYM_HEADS,
    GENERIC_MEDICAL,
    GERUND_NOUNS,
    MEDICAL_PREFIXES,
    MEDICAL_SUFFIXES,
    MEDICAL_WORDS,
    NUMBER_WORDS,
    PRONOUNS,
    VAGUE_HEADS,
    VAGUE_MODIFIERS,
    WEAK_HEADS,
)
from neuroquiz.generate.tagging import known_word

NOUN_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS"})
_MODIFIER_TAGS = frozenset({"JJ", "JJR", "JJS", "VBN", "CD", "NN", "NNS", "NNP", "NNPS", "VBG"})
_NAMING_VERBS = frozenset(("called", "termed", "named", "known", "referred", "designated"))
"""Participles that introduce a name ("are called microadenomas"): never part of it."""
_UNIT = re.compile(r"^(?:%|mm|cm|ml|mg|gy|years?|months?|weeks?|days?|percent)$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Phrase:
    """A noun phrase of a sentence, as token indices.

    Attributes:
        start: First token (may be a determiner).
        core_start: First token of the core (after determiners and vague modifiers).
        end: One past the last token (the head).
        score: Domain-knowledge score of the core.
    """

    start: int
    core_start: int
    end: int
    score: float

    @property
    def head(self) -> int:
        """Index of the head token (the last one)."""
        return self.end - 1


def is_acronym(word: str) -> bool:
    """True for "MRI", "IDH1", "SRS" (2-7 characters, capitals with optional digits)."""
    return 2 <= len(word) <= 7 and word[0].isalpha() and word.isupper() and word.isalnum()


@lru_cache(maxsize=65536)
def word_score(word: str) -> float:
    """How much a single word marks a phrase as medical knowledge (0 to 2.5)."""
    lower = word.lower()
    if is_acronym(word):
        return 1.0 if word in COMMON_ACRONYMS else 2.0
    if lower[:1].isdigit():
        return 2.5  # numbers are facts: doses, grades, rates, sizes
    if lower in NUMBER_WORDS:
        return 2.0  # "six cycles", "twice as common"
    if "-" in word and not lower.startswith("-"):
        parts = [p for p in word.split("-") if len(p) >= 2]
        if len(parts) > 1:
            return max(word_score(p) for p in parts)
    if lower in DETERMINERS or lower in PRONOUNS:
        return 0.0
    score = 0.0
    if lower.endswith(MEDICAL_SUFFIXES) and len(lower) > 5:
        score = 2.0
    if lower in MEDICAL_WORDS:
        score = max(score, 1.0 if lower in GENERIC_MEDICAL else 2.0)
    if lower.startswith(MEDICAL_PREFIXES) and len(lower) >= 7:
        score = max(score, 1.0)
        # "intra" + "cranial", "peri" + "tumoral": a prefix on a medical word is a term.
        prefix = next(p for p in MEDICAL_PREFIXES if lower.startswith(p))
        rest = lower[len(prefix) :]
        if len(rest) >= 4 and (rest in MEDICAL_WORDS or rest.endswith(MEDICAL_SUFFIXES)):
            score = max(score, 2.0)
    if lower.endswith(DRUG_SUFFIXES) and len(lower) >= 7:
        score = max(score, 2.0)  # a drug name: "nimodipine", "bevacizumab"
    if len(lower) >= 5 and lower.replace("-", "").isalpha() and not known_word(lower):
        # A word a general lexicon lacks is mostly a technical term; a long one almost always.
        score = max(score, 2.0 if len(lower) >= 9 else 1.5)
    if lower in GENERIC_MEDICAL:
        score = min(score, 1.0)
    if lower in VAGUE_MODIFIERS or lower in VAGUE_HEADS:
        score = min(score, 0.3)
    return score


def _is_nominal_end(words: Sequence[str], tags: Sequence[str], i: int) -> bool:
    tag, lower = tags[i], words[i].lower()
    if tag in NOUN_TAGS:
        return lower not in PRONOUNS and lower not in DETERMINERS
    if tag == "VBG":
        return lower in GERUND_NOUNS
    return tag == "CD" or lower[:1].isdigit()


def noun_phrases(words: Sequence[str], tags: Sequence[str]) -> list[Phrase]:
    """Find the noun phrases of a tagged sentence.

    Args:
        words: Tokens.
        tags: Their tags.

    Returns:
        Phrases in order, not overlapping.
    """
    phrases: list[Phrase] = []
    n = len(words)
    i = 0
    while i < n:
        start = i
        if tags[i] in ("DT", "PRP$") or words[i].lower() in ("these", "those", "this", "such"):
            i += 1
        j = i
        last_end = -1
        while j < n:
            tag = tags[j]
            lower = words[j].lower()
            if (
                tag in _MODIFIER_TAGS
                and lower not in PRONOUNS
                and lower not in _NAMING_VERBS
                and not (tag == "VBG" and j == i and lower not in GERUND_NOUNS and i == start)
            ):
                if _is_nominal_end(words, tags, j):
                    last_end = j + 1
                j += 1
            elif (
                tag in ("RB",)
                and j + 1 < n
                and tags[j + 1] in ("JJ", "VBN", "VBG")
                and lower.endswith("ly")
            ):
                j += 1  # "rapidly enlarging head circumference"
            elif (
                words[j] == "("
                and j + 3 < n
                and words[j + 2] == ")"
                and words[j + 1][:1].isalpha()
                and tags[j + 3] in ("NN", "NNP")
                and j > i
            ):
                # "ventriculoperitoneal (VP) shunt", "saccular (berry) aneurysm": an acronym
                # or a synonym inside the term
                j += 3
            elif words[j] == "-" or (_UNIT.match(words[j]) and j > i and tags[j - 1] == "CD"):
                if _UNIT.match(words[j]):
                    last_end = j + 1
                j += 1
            else:
                break
        if last_end > i:
            phrases.append(_make_phrase(words, tags, start, last_end))
            i = last_end
        else:
            i = max(j, start + 1)
    return phrases


def _make_phrase(words: Sequence[str], tags: Sequence[str], start: int, end: int) -> Phrase:
    core = start
    while core < end - 1 and (
        tags[core] in ("DT", "PRP$", "RB")
        or words[core].lower() in DETERMINERS
        or words[core].lower() in VAGUE_MODIFIERS
    ):
        core += 1
    return Phrase(start, core, end, phrase_score(words, core, end))


def phrase_score(words: Sequence[str], start: int, end: int) -> float:
    """Domain score of ``words[start:end]``: best word plus half the others; 0 if vague."""
    if end <= start:
        return 0.0
    scores = [word_score(w) for w in words[start:end] if w not in ("(", ")")]
    head = words[end - 1].lower()
    modifier_best = max(scores[:-1], default=0.0)
    counted = end - 1 > start and words[end - 2][:1].isdigit() and _UNIT.match(head)
    if head in VAGUE_HEADS and head not in WEAK_HEADS and not counted:
        return 0.0  # "outcomes" says nothing; "15 months" is a number with its unit
    if head in WEAK_HEADS and modifier_best < 1.0:
        return 0.0
    best = max(scores)
    total = best + 0.5 * (sum(scores) - best)
    if head in EPONYM_HEADS and any(
        w[:1].isupper() and w[1:].islower() and not known_word(w.lower())
        for w in words[start : end - 1]
    ):
        total = max(total, 2.5)  # "Simpson grade", "Cushing disease": a named entity
    if end - start > 5:
        total -= 0.5 * (end - start - 5)
    return max(total, 0.0)
