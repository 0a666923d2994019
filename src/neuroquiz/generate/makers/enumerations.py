"""Short enumerations: "such as A, B, and C" becomes one deletion with a count hint.

SuperMemo's rule "avoid sets" allows short ones: only closed lists of 2 to 4 short,
specific items are hidden, always whole. An open list ("and nearby structures"), a longer
one, or one with a vague item gives no list card.
"""

from __future__ import annotations

from dataclasses import dataclass

from neuroquiz.generate.analyze import Sentence
from neuroquiz.generate.kinds import kind_of
from neuroquiz.generate.lexicon import LAY_TERMS, VAGUE_HEADS, split_words
from neuroquiz.generate.makers.base import Candidate, Deletion, answer_words, guessable
from neuroquiz.generate.terms import Phrase
from neuroquiz.generate.topic import Topic, singular

_TRIGGERS = (
    ("such", "as"),
    ("including",),
    ("include",),
    ("includes",),
    ("like",),
    ("namely",),
    ("e.g",),
    ("are",),
    ("were",),
    ("combining",),
    ("involves",),
    ("involve",),
    ("consists", "of"),
    ("consist", "of"),
    ("composed", "of"),
    ("comprises",),
    ("triad", "of"),
)
_LINK_ADVERBS = frozenset(
    split_words("sometimes even possibly occasionally rarely also especially")
)
_MIN_ITEM_SCORE = 1.0
MAX_ITEMS = 4
"""Most items of a list answer (SuperMemo: avoid sets; CARD-QUALITY.md: <= 4 items)."""
MAX_ITEM_WORDS = 4
"""Longest list item, in words: an item is a term, not a clause."""
_MAX_WORDS = 18
"""Longest list answer in words: a longer one is a paragraph to recite, not a fact."""
_POINTERS = frozenset(split_words("other nearby various similar related additional surrounding"))


@dataclass(frozen=True)
class ListSpan:
    """A coordination of noun phrases in a sentence."""

    items: tuple[Phrase, ...]
    triggered: bool
    label: str

    @property
    def start(self) -> int:
        """First token of the first item's core."""
        return self.items[0].core_start

    @property
    def end(self) -> int:
        """One past the last item."""
        return self.items[-1].end


_LABEL_TRIGGERS = (("such", "as"), ("including",), ("like",), ("e.g",), ("include",))


_COLLECTIVES = frozenset(
    split_words("triad tetrad pentad combination group set pair series spectrum constellation")
)
"""Heads that introduce their members ("the classic triad of A, B and C"): not an item."""


def _items(sentence: Sentence) -> list[Phrase]:
    """Noun phrases, "X of/to/with Y" joined into one ("the extent of local invasion")."""
    words, phrases = sentence.words, sentence.phrases
    items: list[Phrase] = []
    for phrase in phrases:
        if (
            items
            and words[items[-1].end : phrase.start] in (["of"], ["to"], ["with"])
            and words[items[-1].head].lower() not in _COLLECTIVES
        ):
            last = items[-1]
            items[-1] = Phrase(
                last.start, last.core_start, phrase.end, max(last.score, phrase.score)
            )
        else:
            items.append(phrase)
    return items


def find_lists(sentence: Sentence) -> list[ListSpan]:
    """All coordinations of two or more noun phrases in ``sentence``."""
    words = sentence.words
    phrases = _items(sentence)
    lists: list[ListSpan] = []
    i = 0
    while i < len(phrases):
        group = [phrases[i]]
        closed = False
        j = i
        while j + 1 < len(phrases) and not closed:
            gap = [w.lower() for w in words[phrases[j].end : phrases[j + 1].start]]
            gap = [w for w in gap if w not in _LINK_ADVERBS]
            if gap == [","] and _apposition(sentence, group[0], phrases[j + 1]):
                break  # "Pituitary apoplexy, a sudden hemorrhage ...,": a definition
            if gap == [","]:
                group.append(phrases[j + 1])
            elif gap in ([",", "and"], [",", "or"], ["and"], ["or"]):
                group.append(phrases[j + 1])
                closed = True
            else:
                break
            j += 1
        if (
            closed
            and j + 1 < len(phrases)
            and words[phrases[j].end : phrases[j + 1].start] in (["and"], ["or"])
        ):
            # "involvement of critical nerves and vessels": the last item has its own pair.
            last = group[-1]
            nxt = phrases[j + 1]
            group[-1] = Phrase(last.start, last.core_start, nxt.end, max(last.score, nxt.score))
            j += 1
        if closed and len(group) >= 2:
            group[0] = _inner_first(sentence, group)
            lists.append(
                ListSpan(
                    tuple(group),
                    _follows(sentence, group[0], _TRIGGERS),
                    _label(sentence, group[0]),
                )
            )
            i = j + 1
        else:
            i += 1
    return lists


_LINKS = ("of", "to", "with")


def _inner_first(sentence: Sentence, group: list[Phrase]) -> Phrase:
    """The first item of a list coordinated inside an "of" phrase.

    In "herniation of the cerebellar vermis and the brainstem" the list is "the cerebellar
    vermis and the brainstem": the first item was joined to a process noun ("herniation
    of") that the other items lack. A procedure or therapy among the others ("resection
    of the tumor and radiotherapy") means the coordination is of the whole items.
    """
    words = sentence.words
    first = group[0]
    links = [k for k in range(first.core_start, first.end) if words[k].lower() in _LINKS]
    if not links or any(
        w.lower() in _LINKS for p in group[1:] for w in words[p.core_start : p.end]
    ):
        return first
    if not words[links[0] - 1].lower().endswith(_PROCESS_ENDINGS):
        return first
    if any(
        kind_of(sentence.span_text(p.core_start, p.end)) in ("procedure", "therapy")
        for p in group[1:]
    ):
        return first
    inner = next((p for p in sentence.phrases if p.start == links[-1] + 1), None)
    return inner if inner is not None and inner.end == first.end else first


_PROCESS_ENDINGS = ("tion", "sion", "ment", "ure", "loss", "ing", "sis")


def _apposition(sentence: Sentence, first: Phrase, second: Phrase) -> bool:
    """True if "<first>, a/an <second>" opens the sentence: an apposition, not a list."""
    words = sentence.words
    return (
        first.start == 0
        and words[second.start].lower() in ("a", "an")
        and words[first.start].lower() not in ("a", "an", "the")
    )


def _follows(sentence: Sentence, first: Phrase, triggers: tuple[tuple[str, ...], ...]) -> bool:
    words = [w.lower() for w in sentence.words[: first.start]]
    return any(tuple(words[len(words) - len(t) :]) == t for t in triggers)


def _label(sentence: Sentence, first: Phrase) -> str:
    """The class noun before "such as" / "including" ("localized symptoms such as ...")."""
    if not _follows(sentence, first, _LABEL_TRIGGERS):
        return ""
    trigger_start = first.start - (2 if sentence.words[first.start - 1].lower() == "as" else 1)
    before = [p for p in sentence.phrases if p.end <= trigger_start]
    if not before or trigger_start - before[-1].end > 1:
        return ""
    head = sentence.words[before[-1].head].lower()
    return head if head.isalpha() and singular(head) != head else ""


def is_open(sentence: Sentence, span: ListSpan) -> bool:
    """True if the list ends in a catch-all ("and nearby structures", "and other symptoms").

    An open list names examples, not the set: neither the whole list nor one of its items
    has a single right answer.
    """
    return any(sentence.words[p.start].lower() in _POINTERS for p in span.items)


def list_candidates(topic: Topic, sentence: Sentence) -> list[Candidate]:
    """One deletion candidate per good short list of a usable sentence."""
    candidates: list[Candidate] = []
    for span in find_lists(sentence):
        candidate = _candidate(sentence, span, topic)
        if candidate is not None:
            candidates.append(candidate)
    return candidates


def _candidate(sentence: Sentence, span: ListSpan, topic: Topic) -> Candidate | None:
    """A deletion of the whole list, or None if the list is open, long or vague.

    The answer is the whole list or nothing: a list that ends in a catch-all ("and nearby
    structures", "and other symptoms") is open, so no count could be right; a list of more
    than 4 items, an item of more than 4 words, or an item whose head is vague ("the
    extent of local invasion") makes a paragraph to recite, not a fact. Its specific items
    can still be hidden one at a time by the term maker.
    """
    items = list(span.items)
    words = sentence.words
    if len(items) == 2 and not span.triggered:
        return None  # "nerves and vessels": a pair inside a phrase, not a list
    first_len = items[0].end - items[0].core_start
    if len(items) == 2 and first_len == 1 and items[1].end - items[1].core_start >= 3:
        return None  # "somatosensory and motor evoked potentials" share one head
    if len(items) > MAX_ITEMS:
        return None
    floor = 0.0 if span.label else _MIN_ITEM_SCORE
    for item in items:
        if item.score < floor or is_open(sentence, span):
            return None  # a vague or catch-all item: the list is open
        if answer_words(words[item.core_start : item.end], articles=True) > MAX_ITEM_WORDS:
            return None
        if _vague_head(sentence, item):
            return None
    if sum(p.score for p in items) / len(items) < _MIN_ITEM_SCORE:
        return None
    start, end = items[0].core_start, items[-1].end
    size = sum(1 for w in sentence.words[start:end] if w[:1].isalnum())
    if size > _MAX_WORDS or guessable(sentence, start, end, topic):
        return None
    label = span.label or _kind_label(sentence, items)
    hint = f"{len(items)} {label}" if label else f"{len(items)} items"
    mean = sum(p.score for p in items) / len(items)
    score = 2.5 + min(mean, 3.0) + (0.5 if span.triggered else 0.0)
    lay = sum(sentence.span_text(p.core_start, p.end).lower() in LAY_TERMS for p in items)
    if lay * 2 >= len(items):
        score -= 1.0  # "headache, vomiting, and seizures": what any illness may cause
    answer = sentence.span_text(start, end)
    return Candidate("list", sentence, answer, score, Deletion(start, end, hint))


def _vague_head(sentence: Sentence, item: Phrase) -> bool:
    """True for "the extent of local invasion": its head ("extent") says nothing."""
    words = sentence.words
    for k in range(item.core_start + 1, item.end):
        if words[k].lower() in ("of", "to", "with"):
            return words[k - 1].lower() in VAGUE_HEADS
    return False


_KIND_LABELS = {
    "imaging": "imaging studies",
    "specialist": "specialists",
    "specialty": "specialties",
    "tumor": "tumors",
    "therapy": "therapies",
    "procedure": "procedures",
    "symptom": "symptoms",
    "complication": "complications",
    "cell": "cell types",
    "drug": "drugs",
}


def _kind_label(sentence: Sentence, items: list[Phrase]) -> str:
    """The plural of the kind all items share ("3 symptoms"), or empty."""
    kinds = {kind_of(sentence.span_text(p.core_start, p.end)) for p in items}
    (kind,) = kinds if len(kinds) == 1 else ("",)
    return _KIND_LABELS.get(kind, "")
