"""The document's topic: its name from the title, whether a text names it, the context cue.

Example:
    >>> topic_name("Meningioma — resident notes")
    'Meningioma'
    >>> context_cue("Chordoma", (), "It grows slowly.")
    'Chordoma: '
"""

from __future__ import annotations

import re

from neuroquiz.generate.extract import stems
from neuroquiz.generate.subjects import REFERS_TO_TOPIC, SELF_REFERENCE

_TITLE_FILLER = stems(
    "diagnosis treatment management overview review introduction notes handout guide "
    "surgery facts basics update approach clinical patient"
)


def topic_words(title: str) -> set[str]:
    return stems(title) - _TITLE_FILLER


def context_cue(title: str, headings: tuple[str, ...], text: str) -> str:
    """A context cue naming the subject when the text does not: "Chordoma: ..."."""
    topic = topic_words(title)
    if not topic:
        return ""
    # "It ...", "This syndrome ..." share a word with the title but do not name it: the
    # learner must be told whose fact it is (judged "subject not named", issue 9)
    refers = REFERS_TO_TOPIC.match(text) or SELF_REFERENCE.match(text)
    if not refers and names_topic(text, title) and not _only_initials(text, title):
        return ""
    return f"{topic_name(title)}: "


def _only_initials(text: str, title: str) -> bool:
    """True if ``text`` names the topic by its initials alone ("Treatment for IDD ..."):
    the card still spells the topic out (judged "IDD is never spelled out", seed 20261216).
    """
    name = topic_name(title)
    if len(re.findall(r"[A-Za-z]+", name)) < 2 or any(w.isupper() for w in name.split()):
        return False  # a one-word topic, or one written with its acronym ("Primary CNS ...")
    return not (stems(name) - GENERIC_TOPIC) & stems(text)


def names_topic(text: str, title: str) -> bool:
    """True if ``text`` names the title's topic: most of its own words ("spinal cord" does
    not name "Central cord syndrome") or its initials ("VHL", "NPH")."""
    topic = topic_words(title)
    specific = topic - GENERIC_TOPIC
    shared = specific & stems(text)
    lower = text.lower()
    for word in re.findall(r"[a-z]{10,}", title.lower()):
        # "schwannoma" does not name "Schwannomatosis": a long word must be written out
        # to its last three letters (a lost subject was judged misleading, issue 9)
        if not re.search(rf"\b{word[:-3]}", lower):
            shared -= stems(word)
    if specific and 3 * len(shared) >= 2 * len(specific):
        return True
    if not specific and topic & stems(text):
        return True
    return any(len(i) >= 2 and re.search(rf"\b{i}s?\b", text) for i in topic_initials(title))


def topic_initials(title: str) -> set[str]:
    """The acronyms the topic is written as: its initials ("Von Hippel-Lindau disease" gives
    "VHLD" and "VHL"; an acronym in the name stays whole: "Primary CNS Lymphoma" gives
    "PCNSL")."""
    words = re.findall(r"[A-Za-z]+", topic_name(title))
    parts = [w if w.isupper() and len(w) >= 2 else w[0].upper() for w in words]
    initials = {"".join(parts)}
    if len(words) > 2:
        initials.add("".join(parts[:-1]))
    return initials


GENERIC_TOPIC = stems("disease syndrome disorder tumor tumors tumour condition malformation cyst")
"""Title words that alone do not name the topic ("This syndrome" is not "Central cord
syndrome")."""

_TITLE_TAIL = re.compile(r"\s*(?:[:—–]|\s-\s).*$")


def topic_name(title: str) -> str:
    """The topic a title names, without its subtitle or note-kind suffix: "Meningioma —
    resident notes" and "Glioblastoma: A Comprehensive Review" give "Meningioma" and
    "Glioblastoma" (a long title in every cue was judged clutter, issue 9)."""
    asked = _QUESTION_TITLE.match(title)
    if asked:  # "What is the typical progression of malignant spinal hemangiomas"
        rest = asked.group(1).strip(" ?")
        return rest[:1].upper() + rest[1:]
    short = _TITLE_TAIL.sub("", title).strip()
    short = re.sub(r"^(?:the|a|an)\s+", "", short, flags=re.IGNORECASE) or short
    return (short or title).rstrip(" :?")


_QUESTION_TITLE = re.compile(
    r"^(?:what|how|why|when|which)\b[^?]*?\b(?:of|for|in|with|about)\s+(?:the\s+)?(.{3,})$",
    re.IGNORECASE,
)


def opens_with_topic(sentence: str, title: str) -> bool:
    """True if ``sentence`` opens with the document's topic as its subject."""
    opening = stems(" ".join(sentence.split()[:4]))
    topic = topic_words(title)
    return bool(topic) and topic <= opening | GENERIC_TOPIC


def is_topic_answer(answer: str, title: str) -> bool:
    """True if an answer only names the document's topic ("[...] is unknown")."""
    mine = stems(answer) - stems(" ".join(_TOPIC_KINDS))
    if mine and mine <= topic_words(title):
        return True
    # "[VHL disease]", "[TBI]": the topic's acronym, known in its own deck (seed 20261213)
    words = [w for w in re.findall(r"[A-Za-z]+", answer) if w.lower() not in _TOPIC_KINDS]
    return len(words) == 1 and words[0] in topic_initials(title)


_TOPIC_KINDS = frozenset(["disease", "syndrome", "disorder", "tumor", "tumour", "tumors"])
"""What an answer may add to the topic's name and still only name it ("VHL disease")."""
