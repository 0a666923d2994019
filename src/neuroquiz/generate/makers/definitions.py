"""Definitions from patterns: appositions, "X (ABBR)", "classified as", "X is a Y".

- "a laminectomy—removal of the vertebral bone over the tumor—" and "the dura mater, the
  outer membrane covering the spinal cord," give a question card: "What is the outer
  membrane covering the spinal cord called?" — "dura mater".
- "magnetic resonance imaging (MRI)" gives "What does MRI stand for?" unless every
  resident knows the acronym.
- "classified as paragangliomas" and "X is a neuroendocrine neoplasm" give a deletion of
  the class, a strong candidate for multiple choice.
"""

from __future__ import annotations

from neuroquiz.generate.analyze import Sentence
from neuroquiz.generate.kinds import kind_of
from neuroquiz.generate.lexicon import COMMON_ACRONYMS
from neuroquiz.generate.makers.base import (
    Candidate,
    Deletion,
    answer_words,
    context_cue,
    gives_away,
    guessable,
)
from neuroquiz.generate.terms import Phrase, is_acronym
from neuroquiz.generate.topic import Topic

_CLASS_WORDS = (
    ("classified", "as"),
    ("a", "type", "of"),
    ("a", "form", "of"),
    ("a", "subtype", "of"),
    ("known", "as"),
    ("termed",),
    ("called",),
    ("referred", "to", "as"),
    ("a", "variant", "of"),
)
_DESCRIPTIVE_TAGS = frozenset({"VBG", "VBN", "IN", "WDT"})


def definition_candidates(topic: Topic, sentence: Sentence) -> list[Candidate]:
    """Definition cards and class deletions of one usable sentence."""
    return [*_appositions(topic, sentence), *_acronyms(topic, sentence), *_classes(topic, sentence)]


def _appositions(topic: Topic, sentence: Sentence) -> list[Candidate]:
    words, tags, phrases = sentence.words, sentence.tags, sentence.phrases
    out: list[Candidate] = []
    for term in phrases:
        if term.score < 1.5 or term.end >= len(words) - 2:
            continue
        opener = words[term.end]
        if opener not in ("—", ","):
            continue
        closer = "—" if opener == "—" else ","
        stop = next(
            (k for k in range(term.end + 1, len(words)) if words[k] in (closer, ".", ";")), None
        )
        if stop is None or words[stop] != closer:
            continue
        desc_start, desc_end = term.end + 1, stop
        length = desc_end - desc_start
        if not 3 <= length <= 14:
            continue
        if any(t in ("VBZ", "VBP", "VBD", "MD") for t in tags[desc_start:desc_end]):
            continue  # a clause, not a description
        if opener == ",":
            # "the dura mater, the outer membrane covering ...,": a determiner, then a
            # description (a participle or a preposition), and no list around it.
            if words[desc_start].lower() not in ("the", "a", "an"):
                continue
            if not _DESCRIPTIVE_TAGS & set(tags[desc_start:desc_end]):
                continue
            if (
                stop + 1 < len(words)
                and words[stop + 1].lower() in ("and", "or")
                and any(t.startswith("NN") for t in tags[stop + 2 : stop + 4])
                and tags[stop + 2] != "RB"
            ):
                continue
        elif any(t.startswith("VB") and t not in ("VBG", "VBN") for t in tags[desc_start:desc_end]):
            continue
        answer = sentence.span_text(term.core_start, term.end)
        if topic.named_in(answer) or answer_words(words[term.core_start : term.end]) > 4:
            continue
        description = sentence.span_text(desc_start, desc_end)
        description = (
            description[:1].lower() + description[1:] if description[1:2].islower() else description
        )
        body = f"What is {description} called?"
        if gives_away(answer, body, topic.given_words):
            continue
        cue = context_cue(topic, sentence, [answer], shown=f"{body} {answer}")
        front = f"{cue}{body}"
        out.append(
            Candidate("basic", sentence, answer, 4.5 + min(term.score, 2.0) / 2, front=front)
        )
    return out


def _acronyms(topic: Topic, sentence: Sentence) -> list[Candidate]:
    words = sentence.words
    out: list[Candidate] = []
    for k in range(1, len(words) - 2):
        if words[k] != "(" or words[k + 2] != ")" or not is_acronym(words[k + 1]):
            continue
        acronym = words[k + 1]
        if acronym in COMMON_ACRONYMS:
            continue
        phrase = next((p for p in sentence.phrases if p.end == k), None)
        if phrase is None:
            continue
        expansion_words = _expansion(words[phrase.core_start : phrase.end], acronym)
        if not expansion_words:
            continue
        start = phrase.end - len(expansion_words)
        expansion = sentence.span_text(start, phrase.end)
        body = f"What does {acronym} stand for?"
        front = context_cue(topic, sentence, [expansion], shown=f"{body} {expansion}") + body
        out.append(Candidate("basic", sentence, expansion, 3.5, front=front))
    return out


def _expansion(words: list[str], acronym: str) -> list[str]:
    """The trailing words of a phrase whose initials spell the acronym, or []."""
    letters = [c.lower() for c in acronym if c.isalpha()]
    for n in range(min(len(words), len(letters) + 2), 0, -1):
        tail = words[len(words) - n :]
        initials = "".join(w[0].lower() for w in tail)
        if initials == "".join(letters) or "".join(
            part[0].lower() for w in tail for part in w.split("-")
        ) == "".join(letters):
            return tail
    return []


def _classes(topic: Topic, sentence: Sentence) -> list[Candidate]:
    words, phrases = sentence.words, sentence.phrases
    lowers = [w.lower() for w in words]
    out: list[Candidate] = []
    if not phrases or phrases[0].score < 1.5:
        return out
    subject = phrases[0]
    for target in phrases[1:]:
        before = tuple(lowers[max(0, target.start - 3) : target.start])
        via_class = any(before[len(before) - len(c) :] == c for c in _CLASS_WORDS) or (
            before[-1:] == ("as",)
            and "classified" in lowers[max(0, target.start - 8) : target.start]
        )
        via_copula = (
            target.start >= 2
            and lowers[target.start] in ("a", "an")
            and lowers[target.start - 1] in ("is", "are")
            and _adjacent(sentence, subject, target.start - 1)
        )
        if not (via_class or via_copula) or target.score < 1.5:
            continue
        answer = sentence.span_text(target.core_start, target.end)
        if topic.named_in(answer) or guessable(sentence, target.core_start, target.end, topic):
            continue
        bonus = 2.0 if via_class else 1.0
        out.append(
            Candidate(
                "definition",
                sentence,
                answer,
                target.score + bonus,
                Deletion(target.core_start, target.end),
                mcq_ok=bool(kind_of(answer)),
            )
        )
        break
    return out


def _adjacent(sentence: Sentence, subject: Phrase, verb: int) -> bool:
    """True if the verb follows the subject directly (no clause in between)."""
    return subject.end == verb or all(t in ("RB",) for t in sentence.tags[subject.end : verb])
