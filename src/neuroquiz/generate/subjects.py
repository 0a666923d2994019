"""Whose fact a sentence states: its subject, its opening connective, and the sentences
whose subject is lost (a pronoun, "In these cases", a list item without its lead, a lay
anatomy aside).

Example:
    >>> subject_problem("In these cases, the cause is unknown.", False, "NPH")
    'dangling-reference'
"""

from __future__ import annotations

import re

from neuroquiz.generate.words import LAY_ANATOMY_SUBJECTS, LAY_ANATOMY_VERBS, PRONOUN_STARTS

REFERS_TO_TOPIC = re.compile(
    r"^(?:it|this|these|they|(?:this|these|such) (?:tumou?rs?|lesions?|cysts?|conditions?|"
    r"disorders?|diseases?|malformations?|neoplasms?|syndromes?|cases))\b",
    re.IGNORECASE,
)
SELF_REFERENCE = re.compile(
    r"^(?:this|the) (?:condition|disease|disorder|syndrome|malformation)\b", re.IGNORECASE
)


_CONNECTIVE = re.compile(
    r"^(?:however|in addition|additionally|also|moreover|furthermore|therefore|thus|"
    r"on the other hand|in contrast|nevertheless|as a result|for this reason|"
    r"in other words|otherwise|importantly|notably|finally|overall|in conclusion|"
    r"in summary|to summarize|in short),\s+",
    re.IGNORECASE,
)
_INNER_HOWEVER = re.compile(r",\s*however,\s*", re.IGNORECASE)


def without_connective(sentence: str) -> str:
    """``sentence`` without the discourse connective that ties it to the one before:
    "However, medications are used ..." gives "Medications are used ..." (a dangling
    "However" was judged an edit, issue 9)."""
    rest = _INNER_HOWEVER.sub(", ", _CONNECTIVE.sub("", sentence, count=1), count=1)
    if rest is sentence or rest == sentence or not rest:
        return sentence
    return rest[0].upper() + rest[1:]


LEADING_ADVERB = re.compile(r"^[A-Z][a-z]+ly,\s+")


def subject_problem(sentence: str, after_topic: bool, title: str) -> str | None:
    """Why a sentence's subject cannot be named for sure, or None.

    Args:
        sentence: The sentence, without its opening connective.
        after_topic: True if the sentence before it was about the document's topic, so
            that "It ..." refers to the topic.
        title: The document's title.
    """
    sentence = LEADING_ADVERB.sub("", sentence)  # "Typically, these tumors ..."
    first = re.match(r"[A-Za-z]+", sentence)
    word = first.group(0).lower() if first else ""
    if _THIS_IS_CALLED.match(sentence):
        return "dangling-reference"  # "This is called [...]": what the sentence before did
    if SELF_REFERENCE.match(sentence):
        return None  # "This condition ..." in a page about it: the title names it
    if REFERS_TO_TOPIC.match(sentence) and after_topic:
        return None  # "It ..." right after a sentence whose subject is the topic
    if word in PRONOUN_STARTS:
        return "pronoun-subject"
    if _DANGLING.match(sentence):
        return "dangling-reference"  # "In these cases ...", "Instead, ...": judged lost
    if _ABSTRACT_SUBJECT.match(sentence):
        return "abstract-subject"  # "Success is lower in infants ...": success of what?
    if _INNER_ANAPHOR.search(sentence):
        return "dangling-reference"  # "... slow-growing in these children": which?
    if word == "whether" or (word in _SUBORDINATE_STARTS and not re.search(r",\s", sentence)):
        return "fragment"  # "Whether the tumor has spread.": a list item without its lead
    words = re.findall(r"[a-z][a-z-]*", sentence.lower())[:6]
    verb = next((k for k, w in enumerate(words) if w in LAY_ANATOMY_VERBS), None)
    subject = [w for w in words[:verb] if w not in ("the", "a", "an")] if verb else []
    if (
        subject
        and subject[0] in LAY_ANATOMY_SUBJECTS
        and all(w in LAY_ANATOMY_SUBJECTS or w in _ANATOMY_TAILS for w in subject)
    ):
        return "lay-anatomy"  # "The brain stem is the part of the brain connected to ..."
    return None


_ANATOMY_TAILS = frozenset(["stem", "cells", "cell", "barrier", "blood-brain", "fluid"])


_DANGLING = re.compile(
    r"^(?:(?:in|for|of|among|with|from|at|to)\s+(?:(?:some|many|most|all|each|one|both)\s+"
    r"(?:of\s+)?)?(?:these|those|such)\b|instead\b|otherwise\b|other\s+(?:studies|reports|"
    r"authors|researchers|experts|series|trials|forms|types|kinds|variants|subtypes|"
    r"cases)\b|in\s+(?:this|that)\s+(?:case|setting|group|"
    r"situation)\b|for (?:example|instance)\b)",
    re.IGNORECASE,
)
"""Openings that point at what the sentence before said: "In some of these families",
"Instead, chemotherapy ...", "Other studies state ..." (judged subject lost, issue 9)."""
_SUBORDINATE_STARTS = frozenset(["whether", "where", "how", "if", "when", "because"])
_ABSTRACT_SUBJECT = re.compile(
    r"^(?:the\s+)?(?:success|outcome|outcomes|results?|recurrence|mortality|morbidity|risk|"
    r"rate|response)\s+(?:is|are|was|were|rates?|remains?)\b",
    re.IGNORECASE,
)
"""A subject that needs its "of ..." ("Success is lower in infants younger than 6 months"
lost the procedure it was about: judged subject missing, issue 9)."""
_INNER_ANAPHOR = re.compile(
    r"\b(?:these|those|such)\s+(?:children|patients|people|individuals|families|adults|"
    r"infants|persons|factors|symptoms|signs|findings|problems)\b"
    r"(?!\s+(?:with|who|whose|that|of|in whom)\b)",
    re.IGNORECASE,
)
"""A group named by the sentence before: "The tumors are slow-growing in these children"
(children with NF1) was judged misleading read alone (issue 9)."""
_THIS_IS_CALLED = re.compile(
    r"^(?:this|that|it)\s+(?:is|was|are|may be)\s+(?:also\s+)?(?:called|known as|termed|named)\b",
    re.IGNORECASE,
)
""""This is called [...]" names what the sentence before described, never the topic (judged
unanswerable, seed 20261211)."""
