"""Multiple choice: the right answer and three distractors of the same kind.

Distractors come from the terms of every document of the run, then from the decks already
in the output directory, then from a small built-in pool per kind. A distractor is never
a synonym, subset or superset of the answer (no shared content word), never a term of the
question itself, and never a term listed together with the answer anywhere in the run (it
could be a right answer too).
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from neuroquiz.generate.analyze import Sentence
from neuroquiz.generate.kinds import POOLS, kind_of
from neuroquiz.generate.lexicon import GENERIC_MEDICAL, VAGUE_MODIFIERS
from neuroquiz.generate.makers.base import content_stems
from neuroquiz.generate.makers.enumerations import find_lists
from neuroquiz.generate.terms import is_acronym, phrase_score, word_score
from neuroquiz.generate.topic import plural, singular

DISTRACTORS = 3
_UMBRELLA = frozenset(
    ("decompression", "resection", "excision", "evacuation", "drainage", "fixation", "fusion")
)
"""Procedures named by their aim: they contain other procedures, so they may be right."""
MCQ_SHARE = 4
"""About one eligible single-deletion card in this many becomes multiple choice."""


@dataclass
class TermPool:
    """Terms by kind, in a stable order, and which terms are listed together."""

    run_terms: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    deck_terms: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    siblings: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    def add_sentence(self, sentence: Sentence) -> None:
        """Collect the domain terms and lists of a usable sentence."""
        for phrase in sentence.phrases:
            if phrase.score >= 1.5 and phrase.end - phrase.core_start <= 4:
                self._add(self.run_terms, sentence.span_text(phrase.core_start, phrase.end))
        for span in find_lists(sentence):
            names = {_key(sentence.span_text(p.core_start, p.end)) for p in span.items}
            for name in names:
                self.siblings[name] |= names - {name}

    def add_deck_terms(self, terms: Iterable[str]) -> None:
        """Add answers found in existing decks."""
        for term in terms:
            if 0 < len(term.split()) <= 4:
                self._add(self.deck_terms, term)

    @staticmethod
    def _add(table: dict[str, list[str]], term: str) -> None:
        kind = kind_of(term)
        if kind and term not in table[kind]:
            table[kind].append(term)

    def distractors(self, answer: str, question: str) -> tuple[str, ...] | None:
        """Three distractors for ``answer`` asked in ``question``, or None if too few."""
        kind = kind_of(answer)
        if not kind:
            return None
        answer_stems = content_stems(answer)
        question_stems = content_stems(question)
        banned = self.siblings.get(_key(answer), set())
        want_plural = _is_plural(answer)
        picked: list[str] = []
        seen = {_key(answer)}
        size = len(answer.split())
        oma = answer.lower().rstrip("s").endswith("oma")
        for source in (self.run_terms[kind], self.deck_terms[kind], list(POOLS.get(kind, ()))):
            ranked = sorted(
                source,
                key=lambda t: (
                    abs(len(t.split()) - size),
                    hashlib.sha1(f"{answer}|{t}".encode()).hexdigest(),
                ),
            )
            for term in ranked:
                term = _match_number(_display(term), want_plural)
                key = _key(term)
                stems = content_stems(term)
                if key in seen or key in banned or not stems or not _specific(term):
                    continue
                if stems & answer_stems or stems & question_stems or _related(term, answer):
                    continue
                if oma and not term.split()[-1].lower().rstrip("s").endswith("oma"):
                    continue  # a tumor type's alternatives are tumor types, not "neoplasms"
                if abs(len(term.split()) - size) > 1:
                    continue
                seen.add(key)
                picked.append(term)
                if len(picked) == DISTRACTORS:
                    return tuple(picked)
        return None


def _related(term: str, answer: str) -> bool:
    """True if two terms share a word root ("radiation", "radiotherapy"): maybe synonyms."""
    roots = {w[:4] for w in answer.lower().split() if len(w) >= 5}
    return any(w[:4] in roots for w in term.lower().split() if len(w) >= 5)


def _specific(term: str) -> bool:
    """True for a term that can stand alone as an option ("laminectomy", not "nerve")."""
    words = term.split()
    if words[0].lower() in VAGUE_MODIFIERS:
        return False
    if len(words) == 1 and words[0].lower() in _UMBRELLA:
        return False  # "decompression" covers "craniotomy": maybe right, never a distractor
    if len(words) > 1:
        return phrase_score(words, 0, len(words)) >= 2.0
    return is_acronym(words[0]) or (
        word_score(words[0]) >= 1.5 and words[0].lower() not in GENERIC_MEDICAL
    )


def wants_mcq(sentence_key: str) -> bool:
    """Deterministic choice of which eligible cards become multiple choice."""
    return int(hashlib.sha1(sentence_key.encode()).hexdigest()[:8], 16) % MCQ_SHARE == 0


def _key(term: str) -> str:
    return " ".join(singular(w) for w in term.lower().split())


def _is_plural(term: str) -> bool:
    last = term.split()[-1]
    return not is_acronym(last) and singular(last) != last


def _display(term: str) -> str:
    words = term.split()
    if words and words[0][1:2].islower():
        words[0] = words[0].lower()
    return " ".join(words)


def _match_number(term: str, want_plural: bool) -> str:
    words = term.split()
    last = words[-1]
    if is_acronym(last) or not last.isalpha():
        return term
    words[-1] = plural(last) if want_plural else singular(last)
    return " ".join(words)
