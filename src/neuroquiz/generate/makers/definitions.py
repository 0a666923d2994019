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
from neuroquiz.generate.topic import Topic, singular

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
_FINITE = frozenset({"VBZ", "VBP", "VBD", "MD"})


def definition_candidates(topic: Topic, sentence: Sentence) -> list[Candidate]:
    """Definition cards and class deletions of one usable sentence."""
    return [*_appositions(topic, sentence), *_acronyms(topic, sentence), *_classes(topic, sentence)]


def _appositions(topic: Topic, sentence: Sentence) -> list[Candidate]:
    words, tags, phrases = sentence.words, sentence.tags, sentence.phrases
    out: list[Candidate] = []
    for term in phrases:
        floor = 1.0 if term.start == 0 else 1.5  # a sentence's subject set off by a comma
        if term.score < floor or term.end >= len(words) - 2:
            continue
        opener = words[term.end]
        if opener not in ("—", ","):
            continue
        closer = "—" if opener == "—" else ","
        stop = next(
            (k for k in range(term.end + 1, len(words)) if words[k] in (closer, ".", ";")), None
        )
        final = stop == len(words) - 1 and opener == "," and words[stop] == "."
        if stop is None or (words[stop] != closer and not final):
            continue
        desc_start, desc_end = term.end + 1, stop
        length = desc_end - desc_start
        if not 3 <= length <= 14:
            continue
        if _finite_outside_relative(sentence, desc_start, desc_end):
            continue  # a clause, not a description
        descriptive = bool(_DESCRIPTIVE_TAGS & set(tags[desc_start:desc_end]))
        if opener == ",":
            # "the dura mater, the outer membrane covering ...,": a determiner, then a
            # description (a participle or a preposition), and no list around it.
            if words[desc_start].lower() not in ("the", "a", "an"):
                continue
            if (
                stop + 1 < len(words)
                and words[stop + 1].lower() in ("and", "or")
                and any(t.startswith("NN") for t in tags[stop + 2 : stop + 4])
                and tags[stop + 2] != "RB"
            ):
                continue
            if not descriptive:
                found = _which(topic, sentence, term, desc_start, stop)
                if found is not None:
                    out.append(found)
                continue
        elif any(t.startswith("VB") and t not in ("VBG", "VBN") for t in tags[desc_start:desc_end]):
            continue
        answer = sentence.span_text(term.core_start, term.end)
        if topic.named_in(answer) or answer_words(words[term.core_start : term.end]) > 4:
            continue
        description = _lower_first(sentence.span_text(desc_start, desc_end))
        verb = "are" if _plural_head(sentence, desc_start, desc_end) else "is"
        body = f"What {verb} {description} called?"
        if gives_away(answer, body, topic.given_words):
            continue
        cue = context_cue(topic, sentence, [answer], shown=f"{body} {answer}")
        front = f"{cue}{body}"
        out.append(
            Candidate("basic", sentence, answer, 4.5 + min(term.score, 2.0) / 2, front=front)
        )
    return out


def _finite_outside_relative(sentence: Sentence, start: int, end: int) -> bool:
    """True if a finite verb of ``start:end`` is not inside a relative clause ("that ...")."""
    relative = False
    for k in range(start, end):
        if sentence.tags[k] == "WDT" or sentence.words[k].lower() in ("that", "which", "who"):
            relative = True
        elif sentence.tags[k] in ("VBZ", "VBP", "VBD", "MD") and not relative:
            return True
    return False


def _plural_head(sentence: Sentence, start: int, end: int) -> bool:
    """True if the noun phrase opening ``start:end`` has a plural head ("the membranes")."""
    phrase = next((p for p in sentence.phrases if p.start == start), None)
    if phrase is None:
        return False
    head = sentence.words[phrase.head]
    return sentence.tags[phrase.head] == "NNS" or singular(head) != head


def _which(
    topic: Topic, sentence: Sentence, term: Phrase, desc_start: int, stop: int
) -> Candidate | None:
    """ "Nimodipine, an oral calcium channel blocker, is given for 21 days." ->
    "Which oral calcium channel blocker is given for 21 days?" — nimodipine.

    Only for the subject of the sentence, described by a class ("a corticosteroid"), with
    a verb right after the apposition: the class and the predicate make one answer.
    """
    words, tags = sentence.words, sentence.tags
    if term.start != 0 or stop + 2 >= len(words) or tags[stop + 1] not in _FINITE:
        return None
    answer = _lower_first(sentence.span_text(term.core_start, term.end))
    if topic.named_in(answer) or answer_words(answer.split()) > 4:
        return None
    end = next((k for k in range(stop + 1, len(words)) if words[k] in (";", ".")), len(words))
    klass = sentence.span_text(desc_start + 1, stop)
    predicate = sentence.span_text(stop + 1, end)
    body = f"Which {klass} {predicate}?"
    if gives_away(answer, body, topic.given_words):
        return None
    cue = context_cue(topic, sentence, [answer], shown=f"{body} {answer}")
    return Candidate("basic", sentence, answer, 5.0, front=cue + body)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


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
        if topic.named_in(expansion):
            continue  # "What does NPH stand for?" in a deck on hydrocephalus: given away
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
            part[0].lower() for w in tail for part in w.split("-") if part
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
