"""From a document's blocks to its cards: units, checks, card forms, one card per fact.

A *unit* is what one card may be made from: a sentence of a paragraph, an item of a list, a
list with its lead-in, a row of a table. Each unit goes through the noise rules, the
subject check, the fact rules and the card rules; every step is recorded in a
:class:`Trace` so that ``generate --explain`` can show why a card was or was not made.

Example:
    >>> from pathlib import Path
    >>> from neuroquiz.generate.blocks import Block, StructuredDocument
    >>> doc = StructuredDocument(Path("x.txt"), "Chordoma",
    ...     (Block("paragraph", text="Chordomas arise from remnants of the notochord."),))
    >>> [p.answers for p in plan_document(doc)[0]]
    [('remnants of the notochord',)]
"""

from __future__ import annotations

import re

from neuroquiz.generate.blocks import StructuredDocument
from neuroquiz.generate.extract import Candidate, candidates, gate, stems
from neuroquiz.generate.ids import normalise_sentence
from neuroquiz.generate.inline_list import inline_list
from neuroquiz.generate.lists import (
    glossary_terms,
    list_problem,
    plan_list,
    plan_row,
    sub_lists,
    symptom_lead,
)
from neuroquiz.generate.noise import noise_section, noise_sentence
from neuroquiz.generate.phrases import MAX_CLOZE_ITEMS, finite_verb, has_verb
from neuroquiz.generate.plans import Plan, Trace, similar
from neuroquiz.generate.sentences import split_sentences
from neuroquiz.generate.subjects import (
    LEADING_ADVERB,
    REFERS_TO_TOPIC,
    subject_problem,
    without_connective,
)
from neuroquiz.generate.topic import (
    context_cue,
    is_topic_answer,
    names_topic,
    opens_with_topic,
    topic_name,
)
from neuroquiz.generate.units import (
    LABEL,
    LAY_DEFINITION,
    LONG_GLOSS,
    MAX_WORDS,
    MIN_WORDS,
    technical_terms,
    tidy_parentheses,
    unglue_heading,
    units,
)
from neuroquiz.generate.words import GLOSSARY_LABELS

__all__ = [
    "Plan",
    "Trace",
    "plan_document",
    "plan_sentence",
    "select",
    "topic_name",
    "unglue_heading",
]

MAX_DELETIONS = 2
DENSITY = 0.045
"""Most cards per source word (4.5 per 100), so coverage never comes from flooding."""


def _same_kind(a: Candidate, b: Candidate) -> bool:
    """True if two answers of a sentence are one fact in two parts ("from [12.1] to [14.6]
    months", "[1 cm] anterior ... and [2-3 cm] from the midline")."""
    return a.rule.fact == b.rule.fact or "numbers" in (a.rule.fact, b.rule.fact)


_ACRONYM_AFTER = re.compile(r"\s*\(([A-Z][A-Za-z0-9-]{1,7}|[a-z][a-z-]{3,30})\)")
_GLOSS_AFTER = re.compile(r"\s*\([^()]{1,160}\)")


def _after(sentence: str, end: int) -> int:
    """Where the text after a deletion ending at ``end`` resumes: past a short gloss
    written right after it, "[...] (CSF)", "[...] (ataxia)", which gives the answer away
    (judged guessable, issue 9), and past the purpose of a surgery, "[surgery] to remove as
    much of the tumor as possible" (judged guessable, seed 20261215)."""
    gloss = _GLOSS_AFTER.match(sentence, end)
    end = gloss.end() if gloss else end
    answer = sentence[:end].lower()
    purpose = _REMOVAL.match(sentence, end)
    if purpose and re.search(r"\bsurg(?:ery|ical)\b[^,;]{0,40}$", answer):
        return purpose.end()
    return end


_REMOVAL = re.compile(r"\s+to (?:remove|resect|excise|repair|take out)\b[^,;.]*")


def _cloze(sentence: str, chosen: list[Candidate], cue: str, *, joint: bool = False) -> str:
    pieces, cursor = [], 0
    for k, cand in enumerate(sorted(chosen, key=lambda c: c.start), start=1):
        n = 1 if joint else k
        answer = cand.answer
        acronym = _ACRONYM_AFTER.match(sentence, cand.end)
        if acronym:  # "[magnetic resonance imaging (MRI)]", "[difficulty moving (ataxia)]":
            # the acronym or the term is learnt with it (judged misleading without it)
            answer += f" ({acronym.group(1)})"
        pieces.append(_unglossed(sentence[cursor : cand.start]) + f"{{{{c{n}::{answer}}}}}")
        cursor = _after(sentence, cand.end)
    pieces.append(_unglossed(sentence[cursor:]))
    return cue + "".join(pieces)


def _hidden(sentence: str, cand: Candidate, cue: str) -> str:
    before, after = sentence[: cand.start], sentence[_after(sentence, cand.end) :]
    return cue + _unglossed(before) + "[...]" + _unglossed(after)


_LAY_GLOSS = re.compile(
    r"\s*\((?!\s*(?:called|known as|termed|or)\b)(?![^()]*(?:\d|[A-Z]{2}))[^()]*\s[^()]*\)"
)
"""A gloss of two words or more in parentheses, without a number or an acronym, that does
not name the term: "(the retina)", "(in individuals with no history of the condition)", but
not "(called the cranial sutures)"."""


def _unglossed(text: str) -> str:
    """``text`` without its lay glosses, which give a blank away or clutter the card (judged,
    seed 20261214); the card's source keeps them."""
    return _LAY_GLOSS.sub("", text)


def _overlaps(a: Candidate, b: Candidate, sentence: str) -> bool:
    """True if two deletions overlap, each with the gloss after it that the card leaves out
    ("[metabolic diseases] (such as [rickets])" was judged garbled, issue 9)."""
    return a.start < _after(sentence, b.end) and b.start < _after(sentence, a.end)


def plan_sentence(
    sentence: str,
    title: str,
    trace: Trace,
    position: int,
    *,
    min_start: int = 0,
    about: str = "",
    source: str = "",
) -> Plan | None:
    """The cloze of one sentence: its best one or two gated deletions, or None.

    ``about`` names what the sentence explains when its paragraph does ("Lumbar puncture"
    for "The sample of CSF is checked for tumor cells"): it leads the context cue.
    ``source`` is the sentence as the document writes it when ``sentence`` was shortened."""
    shown = without_connective(sentence)
    min_start = max(0, min_start - (len(sentence) - len(shown)))
    source, sentence = source or sentence, shown
    cue = context_cue(title, (), sentence)
    joint = False
    if about and not names_topic(sentence, title) and not stems(about) <= stems(sentence):
        # "Stereotactic radiosurgery: Stereotactic radiosurgery is ..." was judged clutter
        cue = f"{about} ({cue.rstrip(': ')}): " if cue else f"{about}: "
    good: list[Candidate] = []
    found = candidates(sentence)
    for cand in sorted(found, key=lambda c: (-c.score, c.start)):
        if cand.start < min_start:
            continue
        problem = gate(cand, _hidden(sentence, cand, cue))
        if (
            problem is None
            and is_topic_answer(cand.answer, title)
            and cand.rule.name != "the-main-x"
        ):
            problem = "topic-as-answer"  # "[X] is the most common form of Y" is kept
        if problem:
            trace.verdicts.append(f"{cand.rule.name}: {cand.answer!r} dropped ({problem})")
            continue
        if any(_overlaps(cand, g, sentence) for g in good):
            continue
        if good and (stems(cand.answer) & stems(good[0].answer)):
            continue
        if good and _same_kind(cand, good[0]):
            joint = True  # two blanks of one kind are asked together: judged redundant apart
        trace.verdicts.append(f"{cand.rule.name}: {cand.answer!r} kept")
        good.append(cand)
        if len(good) == MAX_DELETIONS:
            break
    if len(good) == 2:
        # each deletion is asked with the other one shown: it must not give it away
        a, b = good
        if stems(a.answer) & stems(sentence[b.start : b.end]):
            good = good[:1]
    if not good:
        return None
    chosen = sorted(good, key=lambda c: c.start)
    return Plan(
        "cloze",
        source,
        _cloze(sentence, chosen, cue, joint=joint),
        "",
        tuple(c.answer for c in chosen),
        max(c.score for c in good) + 0.3 * (len(good) - 1),
        position,
        tuple(c.rule.name for c in good),
    )


def plan_document(doc: StructuredDocument) -> tuple[list[Plan], list[Trace], set[str]]:
    """Every plan of a document, the trace of every unit, and its normalised sentences."""
    plans: list[Plan] = []
    traces: list[Trace] = []
    seen: set[str] = set()
    made: set[str] = set()
    title = doc.title
    position = 0
    for block in doc.blocks:
        section = next((noise_section(h) for h in block.headings if noise_section(h)), None)
        if section:
            traces.append(
                Trace(
                    block.text[:80] or block.kind, block.heading, [f"section dropped ({section})"]
                )
            )
            continue
        if block.kind == "table":
            for row in block.rows:
                position += 1
                trace = Trace(" | ".join(row), block.heading)
                traces.append(trace)
                plans.extend(
                    plan_row(block.header, row, block.heading or block.text, title, position, trace)
                )
                seen.add(normalise_sentence(" | ".join(row)))
            continue
        listed = False  # the list was asked as one card
        if block.kind == "list" and block.text.rstrip().endswith(":"):
            last = split_sentences(block.text)[-1]
            position += 1
            trace = Trace(last, block.heading)
            traces.append(trace)
            items = tuple(i.rstrip(" .;") for i in block.items)
            short = list_problem(items) is None
            terms = glossary_terms(last, items)
            glossary = terms is not None and (not short or len(terms) < len(items))
            if glossary and terms and not noise_sentence(last):
                items, short = terms, True  # "divided into three groups: Benign ...: ..."
            # a leaflet's long "check with your doctor if ..." list was judged a lay set of
            # unspecific symptoms three times (seeds 20261213, 20261215, 20261216)
            shown = symptom_lead(last, block.heading) if len(items) <= 6 else None
            if short and (shown or not noise_sentence(last)):
                plan = plan_list(
                    last, items, title, block.heading, position, trace, shown_lead=shown
                )
                if plan:
                    plans.append(plan)
                    seen.add(normalise_sentence(plan.source))
                    trace.plan = plan
                    listed = True
                if not glossary:
                    continue  # the items' own definitions are still facts of their own
        nested = sub_lists(block.items) if block.kind == "list" else []
        skip: set[str] = set()
        for lead_at, end in nested:
            position += 1
            lead = split_sentences(block.items[lead_at])[-1]
            trace = Trace(lead, block.heading)
            traces.append(trace)
            sub = block.items[lead_at + 1 : end]
            plan = (
                None
                if noise_sentence(lead)
                else plan_list(lead, sub, title, block.heading, position, trace)
            )
            if plan:
                plans.append(plan)
                trace.plan = plan
                skip.update(normalise_sentence(t) for t in block.items[lead_at:end])
        after_topic = False
        for kind, text, label in units(block, fuse=block.kind == "list" and not listed):
            if normalise_sentence(text) in skip:
                continue
            position += 1
            trace = Trace(text, block.heading)
            traces.append(trace)
            key = normalise_sentence(text)
            seen.add(key)
            plan = _plan_unit(kind, text, after_topic, title, position, trace, made, label)
            # "It"/"These tumors" of the next sentence refer to the topic only if this one
            # is about it: it names it, or refers to it in turn
            opening = LEADING_ADVERB.sub("", without_connective(text))
            after_topic = opens_with_topic(text, title) or (
                after_topic and REFERS_TO_TOPIC.match(opening) is not None
            )
            if plan is not None:
                made.add(key)
                trace.plan = plan
                plans.append(plan)
    return _dedupe(plans), traces, seen


def _plan_unit(
    kind: str,
    text: str,
    after_topic: bool,
    title: str,
    position: int,
    trace: Trace,
    made: set[str],
    term: str = "",
) -> Plan | None:
    if normalise_sentence(text) in made:
        trace.verdicts.append("repeat of an earlier sentence")
        return None
    noise = noise_sentence(text)
    if noise:
        trace.verdicts.append(f"noise ({noise})")
        return None
    if _whole_title(text, title):
        rest = text[len(title) :].lstrip(" .:")
        if not text.lower().startswith(title.lower()) or not rest[:1].isupper():
            trace.verdicts.append("the document's title run into a sentence")
            return None
        text = rest  # "Vestibular Schwannoma: Diagnosis and Treatment Gadolinium-enhanced ..."
    source = text
    # "Warning: injury to the basilar artery is ...": the callout label is no part of the fact
    text = technical_terms(tidy_parentheses(CALLOUT.sub("", text)))
    text = _COMMA_GLUED.sub(", ", text)  # "seizures,impaired intellectual development"
    words = len(text.split())
    if words > MAX_WORDS and not subject_problem(without_connective(text), after_topic, title):
        found = inline_list(text, min_items=3)
        if found:
            return plan_list(found[0], found[1], title, None, position, trace)
    if words > MAX_WORDS:
        # a long sentence of a lay page is long with its glosses: "the fourth ventricle (a
        # small channel that allows fluid to flow ...)"; the fact reads without them
        shorter = " ".join(LONG_GLOSS.sub("", text).split())
        text, words = shorter, len(shorter.split())
    if words < MIN_WORDS or words > MAX_WORDS:
        trace.verdicts.append(f"{words} words: too short or too long for one fact")
        return None
    if not text.rstrip().endswith((".", "!", ")", '"', "%")) and kind == "sentence":
        trace.verdicts.append("not a complete sentence")
        return None
    label = LABEL.match(text)
    if label and set(label.group(1).lower().split()) <= GLOSSARY_LABELS | {"and", "the"}:
        trace.verdicts.append("glossary item of a lay word")
        return None
    problem = subject_problem(without_connective(text), after_topic, title)
    if problem:
        trace.verdicts.append(problem)
        return None
    if label and LAY_DEFINITION.match(label.group(2)):
        trace.verdicts.append("glossary item: a lay definition of a test or procedure")
        return None
    if kind == "item" and not label and words <= 8 and not finite_verb(text):
        trace.verdicts.append("no verb: a heading or a fragment, not a statement")
        return None
    # In "Term: explanation" the term is the subject: the answer is asked from the
    # explanation, never the term from its definition (judged guessable, issue 9).
    plan = plan_sentence(
        text,
        title,
        trace,
        position,
        min_start=label.end(1) if label else 0,
        about=term,
        source=source,
    )
    fewest = 3 if text.count(";") >= 2 else 4  # "aspirin (...); calcium channel blockers; ..."
    if plan is None and (found := inline_list(text, min_items=fewest)) is not None:
        return plan_list(found[0], found[1], title, None, position, trace)
    if plan is None and (long := _long_list(text, after_topic, title)) is not None:
        return plan_list(long[0], long[1], title, None, position, trace, shown_lead=long[2])
    if plan is None:
        trace.verdicts.append("no fact rule gave an answer fit to ask")
    return plan


def _long_list(text: str, after_topic: bool, title: str) -> tuple[str, tuple[str, ...], str] | None:
    """(lead-in, items, lead-in shown) of a list too long for a cloze that a fact rule found
    ("It may result from [a subarachnoid hemorrhage, head trauma, infection, tumor, or
    complications of surgery]"): it is asked as one list card instead. A lead-in opening
    with "It" is shown with the topic's name when the sentence follows one about it."""
    for cand in candidates(text):
        if len(cand.items) <= MAX_CLOZE_ITEMS or gate(cand, text) != "long-list":
            continue
        lead = re.sub(r"\s+(?:an?|the)$", "", text[: cand.start].rstrip()).rstrip(" :,")
        if len(lead.split()) > 12 or not all(_plain_item(i) for i in cand.items):
            return None
        items = cand.items
        if any(
            " of " in i
            and len(items[k + 1 :]) >= 2
            and all(len(j.split()) == 1 for j in items[k + 1 :])
            for k, i in enumerate(items)
        ):
            return None  # "malformations of the heart, face, limbs": what one item is of
        shown = lead
        if re.match(r"(?i)(?:it|they)\s", lead):
            if not after_topic:
                return None
            shown = topic_name(title) + lead[lead.index(" ") :]
        return lead, cand.items, shown
    return None


def _plain_item(item: str) -> bool:
    """True if a list item is a plain noun phrase ("head trauma"), not a clause's piece
    ("by compressing", "whether")."""
    words = item.split()
    return (
        0 < len(words) <= 5
        and words[0].lower() not in ("by", "not", "whether", "to", "if", "when", "that")
        and words[-1].lower() not in ("whether", "the", "a", "an", "of")
        and not has_verb(item)
    )


_COMMA_GLUED = re.compile(r"(?<=[a-z]),(?=[a-z])")
CALLOUT = re.compile(
    r"^(?:warning|caution|note|important|tip|remember|pearl|key point|nb)\s*[:!]\s+(?=\S)",
    re.IGNORECASE,
)
"""The label of a callout that opens a sentence of study notes ("Warning: ...")."""


def _whole_title(text: str, title: str) -> bool:
    """True if ``text`` carries a long title with its subtitle ("Glioblastoma: A
    Comprehensive Review of ... also requires attention to MGMT", judged garbled)."""
    subtitled = re.search(r"[:—–]|\s-\s", title) is not None and len(title.split()) >= 4
    return subtitled and title.lower().rstrip(" .") in text.lower()


def _dedupe(plans: list[Plan]) -> list[Plan]:
    """One card per fact: the same answers asked twice from much the same sentence keep the
    better card ("1 centimeter" for the microadenoma and for the macroadenoma are two)."""
    kept: dict[tuple[str, ...], list[Plan]] = {}
    for plan in sorted(plans, key=lambda p: (-p.score, p.position)):
        key = tuple(sorted(normalise_sentence(a) for a in plan.answers))
        given = stems(" ".join(plan.answers))
        mine = stems(plan.source) - given
        if any(similar(mine, stems(other.source) - given) for other in kept.get(key, [])):
            continue
        kept.setdefault(key, []).append(plan)
    chosen = {id(p) for group in kept.values() for p in group}
    return [p for p in plans if id(p) in chosen]


def select(plans: list[Plan], words: int) -> list[Plan]:
    """The best plans within the density budget, in document order."""
    budget = max(3, int(words * DENSITY))
    chosen = sorted(plans, key=lambda p: (-p.score, p.position))[:budget]
    return sorted(chosen, key=lambda p: p.position)
