"""Understand a clean document: sentences, tags, noun phrases, resolved references.

Each sentence is made self-contained before any card is made from it: leading connectives
("However,") are dropped, "these tumors" and a leading "They" are replaced by what they
refer to when that is clear, and a sentence whose meaning still hangs on an unresolved
pronoun ("This can lead to ...") is marked unusable.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field

from neuroquiz.generate.clean import CleanDocument, Paragraph
from neuroquiz.generate.kinds import kind_of
from neuroquiz.generate.lexicon import ANAPHOR_HEADS, DISCOURSE_MARKERS, META_PATTERNS
from neuroquiz.generate.sentences import Token, split_sentences, tokenize
from neuroquiz.generate.tagging import tag
from neuroquiz.generate.terms import Phrase, is_acronym, noun_phrases
from neuroquiz.generate.topic import Topic, detect_topic, is_disease_head, plural, singular

_META_RE = re.compile("|".join(META_PATTERNS))
_MARKER_RE = re.compile(
    r"^(?:" + "|".join(re.escape(m) for m in DISCOURSE_MARKERS) + r"),\s+", re.IGNORECASE
)
_DEMONSTRATIVES = frozenset({"this", "that", "these", "those", "such"})
_QUANTIFIERS = frozenset({"most", "many", "some", "all", "much"})
_LOOKBACK = 4


@dataclass
class Sentence:
    """One sentence, ready for the card makers.

    Attributes:
        source: The exact sentence of the clean document (what a card cites).
        text: The sentence as cards state it: connectives dropped, references resolved.
        paragraph: Index of its paragraph in the document.
        position: Index of the sentence in the document.
        heading: The paragraph's heading, if any.
        inline_heading: The heading was written "Heading: text".
        tokens, words, tags: Tokens of ``text``, their strings and part-of-speech tags.
        phrases: Noun phrases of ``text``.
        problem: Why no card may be made from it (empty if it is usable).
        given: Character spans of ``text`` that resolved a reference ("these symptoms"
            became "headache, vomiting, and ataxia"): context, never an answer.
        opens: The sentence is the first of its paragraph (it answers a question heading).
        section: For a sentence under an inline heading, the section heading around it.
    """

    source: str
    text: str
    paragraph: int
    position: int
    heading: str | None
    inline_heading: bool
    tokens: list[Token] = field(default_factory=list)
    words: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    phrases: list[Phrase] = field(default_factory=list)
    problem: str = ""
    given: list[tuple[int, int]] = field(default_factory=list)
    opens: bool = False
    section: str | None = None

    def span_text(self, start: int, end: int) -> str:
        """Exact text of tokens ``start`` to ``end`` (exclusive)."""
        return self.text[self.tokens[start].start : self.tokens[end - 1].end]

    @property
    def usable(self) -> bool:
        """True if cards may be made from this sentence."""
        return not self.problem


@dataclass
class Analysis:
    """A document understood: its topic and sentences."""

    document: CleanDocument
    topic: Topic
    sentences: list[Sentence]


def analyze(document: CleanDocument) -> Analysis:
    """Split, tag, chunk and resolve every sentence of ``document``."""
    topic = document_topic(document)
    return Analysis(document=document, topic=topic, sentences=list(iter_sentences(document, topic)))


def document_topic(document: CleanDocument) -> Topic:
    """The topic of a clean document (see :func:`detect_topic`)."""
    return detect_topic(document.title, [p.text for p in document.paragraphs])


def iter_sentences(document: CleanDocument, topic: Topic) -> Iterator[Sentence]:
    """Analysed sentences of ``document``, one at a time, keeping only a short lookback.

    Streaming keeps memory flat on long documents: a sentence no card uses is freed as
    soon as the caller drops it.
    """
    recent: deque[Sentence] = deque(maxlen=_LOOKBACK)
    seen: set[int] = set()
    position = 0
    for p_index, paragraph in enumerate(document.paragraphs):
        first = position
        for source in split_sentences(paragraph.text):
            for sentence in _parts(source, p_index, paragraph):
                sentence.position = position
                sentence.opens = first == position
                key = hash(" ".join(sentence.words).lower())
                if key in seen:
                    sentence.problem = "repeated"
                seen.add(key)
                if not sentence.problem:
                    _resolve(sentence, list(recent), topic, first == position)
                if not sentence.problem:
                    sentence.problem = _problem(sentence)
                recent.append(sentence)
                position += 1
                yield sentence


def _parts(source: str, p_index: int, paragraph: Paragraph) -> list[Sentence]:
    """The sentence, tagged; or its two halves when a colon joins two statements.

    "The standard treatment is resection followed by the Stupp protocol: radiotherapy to
    60 Gy with concomitant temozolomide, ..." is two facts; the second half is read under
    the name the first ends with ("Stupp protocol"). A colon before a bare list stays.
    """
    sentence = Sentence(source, source, p_index, 0, paragraph.heading, paragraph.inline_heading)
    sentence.section = paragraph.section
    _tag(sentence)
    if source.endswith(":") and _states(sentence):
        # "The Hunt and Hess scale grades SAH from 1 to 5:" before a table or a list
        # the document left out is a whole statement.
        sentence.text = source[:-1] + "."
        _tag(sentence)
        return [sentence]
    colon = _COLON.search(source)
    if colon is None:
        return [sentence]
    left = Sentence(
        source[: colon.start()],
        source[: colon.start()] + ".",
        p_index,
        0,
        paragraph.heading,
        paragraph.inline_heading,
    )
    right_text = source[colon.end() :]
    right = Sentence(right_text, right_text[:1].upper() + right_text[1:], p_index, 0, None, False)
    _tag(left)
    _tag(right)
    if not _states(left, colon=False) or not any(t.startswith("VB") for t in right.tags):
        return [sentence]
    label = left.phrases[-1] if left.phrases else None
    if label is not None and label.end == len(left.words) - 1 and label.end - label.core_start <= 4:
        right.heading = left.span_text(label.core_start, label.end)
    else:
        right.heading = paragraph.heading
    return [left, right]


def _tag(sentence: Sentence) -> None:
    sentence.tokens = tokenize(sentence.text)
    sentence.words = [t.text for t in sentence.tokens]
    sentence.tags = tag(sentence.words)
    sentence.phrases = noun_phrases(sentence.words, sentence.tags)


_FINITE = frozenset({"VBZ", "VBP", "VBD", "MD"})
_COLON = re.compile(r"(?<=[A-Za-z0-9)]): +(?=\S)")
_OPEN_ENDS = frozenset({"IN", "TO", "DT", "CC", "VB", "VBZ", "VBP", "VBD", "VBN", "MD", "WDT"})


def _states(sentence: Sentence, colon: bool = True) -> bool:
    """True if a sentence ending in a colon is a statement on its own ("X grades Y:"),
    not an opening that needs its list ("Symptoms may include:", "as follows:")."""
    words, tags = sentence.words, sentence.tags
    if len(words) < (3 if colon else 6) or not any(t in _FINITE for t in tags[:-1]):
        return False
    last = words[-2].lower()
    return tags[-2] not in _OPEN_ENDS and last not in ("following", "follows", "these", "below")


def _first_person(sentence: Sentence) -> bool:
    """True if the sentence says "I" (the author), not "type I" or "grade I"."""
    words, tags = sentence.words, sentence.tags
    for i, word in enumerate(words):
        if word != "I":
            continue
        if i > 0 and (words[i - 1][:1].isupper() or tags[i - 1].startswith(("NN", "CD"))):
            continue  # a Roman numeral: "Chiari malformation type I", "Simpson grade I"
        if i + 1 < len(words) and tags[i + 1].startswith(("VB", "MD", "RB")):
            return True
    return False


def _problem(sentence: Sentence) -> str:
    text = sentence.text
    if text.endswith("?"):
        return "question"
    if text.endswith(":"):
        return "introduces a list"
    short_answer = sentence.inline_heading and sum(w[:1].isalnum() for w in sentence.words) <= 8
    if len(sentence.words) < 6 and not short_answer:
        return "too short"
    if _META_RE.search(text.lower()) or _first_person(sentence):
        return "about the document or the reader"
    if not short_answer and is_label(sentence):
        return "no verb: a label, a list or a caption, not a statement"
    return ""


_LABEL_WORDS = 12
"""Longest verbless line read as a label; a longer one is a sentence the tagger misread."""


def is_label(sentence: Sentence) -> bool:
    """True for a short line with no verb: "Grade 2: atypical meningiomas", a caption, an
    address. Only a heading's short answer is read from it, never a cloze."""
    if any(t.startswith("VB") or t == "MD" for t in sentence.tags):
        return False
    return sum(w[:1].isalnum() for w in sentence.words) <= _LABEL_WORDS


def _resolve(sentence: Sentence, previous: list[Sentence], topic: Topic, starts: bool) -> None:
    """Make ``sentence`` self-contained or mark it unusable."""
    text = _MARKER_RE.sub("", sentence.text)
    if text != sentence.text:
        text = _capitalize(text)
        sentence.text = text
        _tag(sentence)
    words, tags = sentence.words, sentence.tags
    replacements: list[tuple[int, int, str]] = []
    same_block = bool(previous) and (
        not starts or (sentence.heading is not None and previous[-1].heading == sentence.heading)
    )
    subject = _subject(previous[-1]) if same_block else None
    for phrase in sentence.phrases:
        first = words[phrase.start].lower()
        if first in ("their", "its") and phrase.end - phrase.start >= 2:
            agrees = subject is not None and (first == "their") == _is_plural(subject)
            if agrees and _possessive_needs_subject(sentence, phrase):
                rest = sentence.span_text(phrase.start + 1, phrase.end)
                replacements.append((phrase.start, phrase.end, f"the {rest} of {subject}"))
            continue
        if first not in _DEMONSTRATIVES or phrase.end - phrase.start < 2:
            continue
        if tags[phrase.head] == "CD" or tags[phrase.head - 1] == "CD":
            continue  # "whereas those 10 mm or larger": "those" is "the ones", not an anaphor
        head = words[phrase.head]
        antecedent = _antecedent(head, previous, topic)
        if antecedent is None:
            sentence.problem = (
                f"unresolved reference {sentence.span_text(phrase.start, phrase.end)!r}"
            )
            return
        replacements.append((phrase.start, phrase.end, antecedent))
    if (
        words
        and words[0].lower() in ("they", "it")
        and len(tags) > 1
        and tags[1][:2] in ("MD", "VB", "RB")
    ):
        if subject is None or (words[0].lower() == "they") != _is_plural(subject):
            sentence.problem = f"unresolved reference {words[0]!r}"
            return
        replacements.append((0, 1, subject))
    given: list[tuple[int, int]] = []
    for start, end, new in sorted(replacements, reverse=True):
        a, b = sentence.tokens[start].start, sentence.tokens[end - 1].end
        if start == 0:
            new = _capitalize(new)
        text = text[:a] + new + text[b:]
        shift = len(new) - (b - a)
        given = [(x + shift, y + shift) for x, y in given]
        given.append((a, a + len(new)))
    if replacements:
        sentence.text = text
        sentence.given = sorted(given)
        _tag(sentence)
    sentence.problem = _dangling(sentence)


def _dangling(sentence: Sentence) -> str:
    """A pronoun left whose referent is outside the sentence, or empty if none."""
    words, tags, phrases = sentence.words, sentence.tags, sentence.phrases
    for i, word in enumerate(w.lower() for w in words):
        nxt = tags[i + 1] if i + 1 < len(tags) else "."
        earlier = any(p.end <= i and p.score > 0 for p in phrases)
        standalone = word in ("this", "these", "those") and nxt[:2] not in ("NN", "JJ", "CD")
        if standalone and not earlier:
            return f"unresolved reference {words[i]!r}"
        if word in ("they", "them", "it") and not earlier:
            return f"unresolved reference {words[i]!r}"
        if word in ("their", "its") and not earlier:
            # "Due to their location near X, management of <tumors> ...": the referent follows.
            later = [p for p in phrases if p.start > i and is_disease_head(words[p.head])]
            if not later:
                return f"unresolved reference {words[i]!r}"
    return ""


def _antecedent(head: str, previous: list[Sentence], topic: Topic) -> str | None:
    """What "these <head>" refers to: the closest earlier phrase of the same kind.

    "Children present with headache, vomiting, and ataxia. These symptoms reflect ...":
    a list just before, all of whose items are of the kind the head names, comes first.
    """
    listed = _listed(head, previous[-1]) if previous else None
    if listed is not None:
        return listed
    want_plural = _is_plural(head)
    lower = head.lower()
    disease = lower in ANAPHOR_HEADS or is_disease_head(lower)
    best: str | None = None
    for sentence in reversed(previous):
        if not sentence.usable and sentence.problem.startswith("unresolved"):
            continue
        for phrase in sentence.phrases:
            core = sentence.words[phrase.core_start : phrase.end]
            p_head = core[-1].lower()
            if len(core) < 2 or core[0].lower() in _DEMONSTRATIVES:
                continue
            identical = singular(p_head) == singular(lower)
            if not (identical or (disease and is_disease_head(p_head))):
                continue
            if phrase.score < 1.5 and not (identical and not disease):
                continue  # "these symptoms" may take "neurological symptoms", however vague
            candidate = sentence.span_text(phrase.core_start, phrase.end)
            if not disease:
                return _number(candidate, want_plural)
            if topic.named_in(candidate):
                return _number(candidate, want_plural)
            if best is None and phrase.start == 0:
                best = candidate
        if best is not None:
            return _number(best, want_plural)
    if disease and topic.entity:
        return _number(topic.entity, want_plural)
    return None


_KIND_HEADS = {
    "symptoms": "symptom",
    "signs": "symptom",
    "complications": "complication",
    "tumors": "tumor",
    "procedures": "procedure",
    "operations": "procedure",
    "therapies": "therapy",
    "studies": "imaging",
}
"""Plural heads of "these <head>" that name a kind of term (see :mod:`.kinds`)."""


def _listed(head: str, sentence: Sentence) -> str | None:
    """The list of ``sentence`` whose items are all of the kind ``head`` names, if any."""
    kind = _KIND_HEADS.get(head.lower())
    if kind is None or not sentence.usable:
        return None
    from neuroquiz.generate.makers.enumerations import find_lists

    for span in find_lists(sentence):
        items = [sentence.span_text(p.core_start, p.end) for p in span.items]
        if len(items) >= 2 and all(kind_of(item) == kind for item in items):
            text = sentence.span_text(span.start, span.end)
            return text[:1].lower() + text[1:] if text[1:2].islower() else text
    return None


def _possessive_needs_subject(sentence: Sentence, phrase: Phrase) -> bool:
    """True if "their X" has no referent inside the sentence, before or just after it."""
    words = sentence.words
    if any(p.end <= phrase.start and p.score > 0 for p in sentence.phrases):
        return False
    return not any(
        p.start > phrase.start and is_disease_head(words[p.head]) for p in sentence.phrases
    )


def _subject(sentence: Sentence) -> str | None:
    """The subject phrase of a sentence if it opens it and is specific."""
    if not sentence.phrases or not sentence.usable:
        return None
    phrase = sentence.phrases[0]
    lead = sentence.words[0].lower() in _QUANTIFIERS and phrase.start == 1
    if phrase.start != 0 and not lead:
        return None  # ("Most CSF is produced ...": "it" is CSF)
    single = sentence.words[phrase.core_start]
    if phrase.end - phrase.core_start < 2 and phrase.score < 1.5 and not is_acronym(single):
        return None
    if sentence.words[phrase.end - 1].lower() in ("it", "they"):
        return None
    text = sentence.span_text(phrase.core_start, phrase.end)
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def _is_plural(phrase: str) -> bool:
    head = phrase.split()[-1]
    return singular(head) != head


def _number(phrase: str, want_plural: bool) -> str:
    words = phrase.split()
    words[-1] = plural(words[-1]) if want_plural else singular(words[-1])
    out = " ".join(words)
    return out[:1].lower() + out[1:] if words[0][1:2].islower() else out


def _capitalize(text: str) -> str:
    return text[:1].upper() + text[1:]
