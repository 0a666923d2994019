"""Cards from headings: "Heading: text" paragraphs and question headings.

A heading names the point of its paragraph. "Incidence: 1 in 100,000 people" (a short
answer after the heading, no verb) gives a question card "<topic>: incidence?" —
"1 in 100,000 people". A heading never licenses hiding an adverb or a bare adjective
("Rapid Growth: ... grow [rapidly]"): such a deletion is not a clean noun phrase, and the
heading would give it away anyway.

A question heading ("What is a syrinx?") is asked as it stands when the paragraph's first
sentence answers it in a few words ("A syrinx is a fluid-filled cavity within the spinal
cord." gives "fluid-filled cavity"); a longer answer is left to the clozes.
"""

from __future__ import annotations

import re

from neuroquiz.generate.analyze import Sentence
from neuroquiz.generate.makers.base import Candidate, answer_words, content_stems, gives_away
from neuroquiz.generate.topic import Topic


def heading_candidates(topic: Topic, sentence: Sentence) -> list[Candidate]:
    """Heading-driven candidates of a usable sentence under its heading."""
    if not sentence.heading:
        return []
    if sentence.inline_heading:
        found = _short_answer(topic, sentence)
    elif sentence.opens and sentence.heading.endswith("?"):
        found = _answered(topic, sentence)
    else:
        found = None
    return [found] if found is not None else []


_WHAT_IS = re.compile(r"^what (?:is|are) (?:an? |the )?(.+?)\?$", re.IGNORECASE)
_STOPS = frozenset({",", ";", ".", "(", "—", ":", "that", "which", "who", "whose", "where"})


def _answered(topic: Topic, sentence: Sentence) -> Candidate | None:
    """ "What is X?" over "X is a Y ..." -> the question as asked, answered by Y."""
    asked = _WHAT_IS.match(sentence.heading or "")
    if asked is None:
        return None
    subject = asked.group(1).split()
    words, tags = sentence.words, sentence.tags
    k = 1 if words and words[0].lower() in ("a", "an", "the") else 0
    if [w.lower() for w in words[k : k + len(subject)]] != [w.lower() for w in subject]:
        return None
    k += len(subject)
    if k + 2 >= len(words) or words[k].lower() not in ("is", "are"):
        return None
    start = k + 1
    if words[start].lower() in ("a", "an", "the"):
        start += 1
    end = start
    while end < len(words) and words[end].lower() not in _STOPS:
        if (tags[end] in ("IN", "TO") and words[end].lower() != "of") or tags[end] in _FINITE:
            break
        end += 1
    if end == start or not tags[end - 1].startswith("NN"):
        return None
    answer = sentence.span_text(start, end)
    if answer_words(answer.split()) > 4 or content_stems(answer) <= content_stems(
        topic.given_words
    ):
        return None
    front = (
        f"{topic.cue}: {sentence.heading}"
        if not topic.named_in(sentence.heading or "")
        else (sentence.heading or "")
    )
    if gives_away(answer, front):
        return None
    return Candidate("basic", sentence, _lower_first(answer), 5.0, front=front)


def _short_answer(topic: Topic, sentence: Sentence) -> Candidate | None:
    heading = sentence.heading or ""
    words = [w for w in sentence.words if w[:1].isalnum()]
    if len(words) > 8 or any(t.startswith("VB") or t == "MD" for t in sentence.tags):
        return None
    if not any(t.startswith("NN") or t == "CD" for t in sentence.tags):
        return None  # "Rare." is an adjective, not an answer
    if content_stems(heading) & content_stems(sentence.text):
        return None
    # "Grade 1: Benign meningiomas, about 80 percent of cases": the label's answer is the
    # first part; what follows the comma is a second fact. "Red flags: A, B and C" is a
    # list: all of it or nothing.
    text = sentence.text.rstrip(". ")
    items = [i for i in re.split(r",\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+", text) if i]
    if len(items) > 1 and re.search(r"\b(?:and|or)\b", text):
        if len(items) > 4 or any(answer_words(i.split(), articles=True) > 4 for i in items):
            return None
        answer = text
    else:
        answer = text.split(",", 1)[0]
        if answer_words(answer.split()) > 4:
            return None
    answer = _lower_first(answer)
    label = _lower_first(heading)
    section = sentence.section
    if (
        section
        and not section.endswith("?")
        and not content_stems(section) & content_stems(f"{heading} {answer}")
    ):
        front = f"{topic.cue} ({_lower_first(section)}): {label}?"
    else:
        front = f"{topic.cue}: {label}?"
    return Candidate("basic", sentence, answer, 4.0, front=front)


_FINITE = frozenset({"VBZ", "VBP", "VBD", "MD"})


def _lower_first(text: str) -> str:
    first = text.split(" ", 1)[0]
    return text[:1].lower() + text[1:] if first[1:].islower() else text
