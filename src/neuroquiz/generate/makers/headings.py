"""Cards from "Heading: text" paragraphs.

A heading names the point of its paragraph. "Incidence: 1 in 100,000 people" (a short
answer after the heading, no verb) gives a question card "<topic>: incidence?" —
"1 in 100,000 people". A heading never licenses hiding an adverb or a bare adjective
("Rapid Growth: ... grow [rapidly]"): such a deletion is not a clean noun phrase, and the
heading would give it away anyway.
"""

from __future__ import annotations

from neuroquiz.generate.analyze import Sentence
from neuroquiz.generate.makers.base import Candidate, content_stems
from neuroquiz.generate.topic import Topic


def heading_candidates(topic: Topic, sentence: Sentence) -> list[Candidate]:
    """Heading-driven candidates of a usable sentence under an inline heading."""
    if not sentence.heading or not sentence.inline_heading:
        return []
    found = _short_answer(topic, sentence)
    return [found] if found is not None else []


def _short_answer(topic: Topic, sentence: Sentence) -> Candidate | None:
    heading = sentence.heading or ""
    if len(sentence.words) > 8 or any(t.startswith("VB") or t == "MD" for t in sentence.tags):
        return None
    if not any(t.startswith("NN") or t == "CD" for t in sentence.tags):
        return None  # "Rare." is an adjective, not an answer
    if content_stems(heading) & content_stems(sentence.text):
        return None
    answer = sentence.text.rstrip(".")
    front = f"{topic.cue}: {heading[:1].lower() + heading[1:]}?"
    return Candidate("basic", sentence, answer, 4.0, front=front)
