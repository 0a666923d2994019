"""The rubric of CARD-QUALITY.md as an automated check over every generated deck.

Each card is turned into the study prompts a resident sees (one per cloze deletion) and
checked against the rules a machine can judge:

- the answer is a clean noun phrase, term or number, never an adverb or a bare adjective
  (judged by the generator's own tagger on the sentence the answer sits in);
- one fact, short answer: <= 4 words, or a whole list of <= 4 items of <= 4 words each;
- not guessable: the answer's head noun does not appear elsewhere in the prompt;
- self-contained: no prompt opens on a pronoun;
- not redundant: no two cards of a run share more than 80% of their words, and no
  sentence gives more than two study cards.

The checker is itself tested on hand-made bad cards, so a green run means something.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import pytest

from neuroquiz.generate.ids import normalise_sentence
from neuroquiz.generate.sentences import tokenize
from neuroquiz.generate.tagging import tag
from neuroquiz.generate.topic import singular
from neuroquiz.models import CLOZE_RE, BasicCard, ClozeCard, Deck, McqCard, Source
from tests.unit.generate.conftest import AnyCard, Run, full_text

MAX_WORDS = 4
MAX_ITEMS = 4
NEAR_DUPLICATE = 0.8
PER_SENTENCE = 2
_PRONOUN = re.compile(r"(?:it|they|them|this|these|those|their|its|he|she|that|such)\b", re.I)
_ITEM_SPLIT = re.compile(r",\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+")
_NOMINAL = ("NN", "CD")


@dataclass(frozen=True)
class Prompt:
    """One study prompt: what is shown, the hidden answer, and the answer in its sentence."""

    card: str
    shown: str
    answer: str
    statement: str
    span: tuple[int, int]


def prompts(card: AnyCard) -> list[Prompt]:
    """The study prompts of a card (one per deletion of a cloze)."""
    if isinstance(card, BasicCard):
        return [Prompt(card.id, card.front, card.back, card.back, (0, len(card.back)))]
    if isinstance(card, McqCard):
        at = card.question.index("_____")
        statement = card.question.replace("_____", card.answer, 1)
        return [Prompt(card.id, card.question, card.answer, statement, (at, at + len(card.answer)))]
    out: list[Prompt] = []
    matches = list(CLOZE_RE.finditer(card.text))
    for target in matches:
        shown, statement, cursor = "", "", 0
        span = (0, 0)
        for m in matches:
            shown += card.text[cursor : m.start()]
            statement += card.text[cursor : m.start()]
            if m is target:
                span = (len(statement), len(statement) + len(m.group(2)))
                shown += f"[{m.group(3) or '...'}]"
            else:
                shown += m.group(2)
            statement += m.group(2)
            cursor = m.end()
        shown += card.text[cursor:]
        statement += card.text[cursor:]
        out.append(Prompt(card.id, shown, target.group(2), statement, span))
    return out


def _words(text: str) -> list[str]:
    text = re.sub(r"\([^)]*\)", " ", text)  # "(MRI)" after its expansion is not a word
    return re.findall(r"[A-Za-z0-9][A-Za-z0-9'-]*", text)


def _answer_words(text: str) -> list[str]:
    """Words of an answer to recall: articles carry nothing ("rupture of a saccular aneurysm")."""
    return [w for w in _words(text) if w.lower() not in ("a", "an", "the")]


def _items(answer: str) -> list[str]:
    return [i for i in _ITEM_SPLIT.split(answer) if i.strip()]


def _body(shown: str) -> str:
    """The prompt without its context cue ("Vestibular schwannoma (treatment): ...")."""
    head, sep, rest = shown.partition(": ")
    return rest if sep and len(head.split()) <= 10 else shown


def problems_of(prompt: Prompt) -> list[str]:
    """Every rubric rule one prompt breaks, as readable lines."""
    found: list[str] = []
    tokens = tokenize(prompt.statement)
    tags = tag([t.text for t in tokens])
    inside = [
        tg
        for t, tg in zip(tokens, tags, strict=True)
        if t.start >= prompt.span[0] and t.end <= prompt.span[1] and t.text[:1].isalnum()
    ]
    if not any(tg.startswith(_NOMINAL) for tg in inside):
        found.append(f"not a noun phrase ({'/'.join(inside)}): {prompt.answer!r}")
    items = _items(prompt.answer)
    # One answer may be a phrase ("rupture of a saccular aneurysm"); each item of a list
    # must be a term, articles included ("the extent of local invasion" is a clause).
    lengths = [len(_answer_words(i) if len(items) == 1 else _words(i)) for i in items]
    if len(items) > MAX_ITEMS or any(n > MAX_WORDS for n in lengths):
        found.append(f"answer too long: {prompt.answer!r}")
    rest = prompt.statement[prompt.span[1] :]
    if len(items) > 1 and re.match(r",?\s+(?:and|or)\s|,\s+[\w -]+,", rest):
        found.append(f"list cut in the middle: {prompt.answer!r} + {rest[:30]!r}")
    # The count of a list hint ("[4 items]") is not a word of the prompt: an item "group 4"
    # is not given away by it.
    shown_text = re.sub(r"\[\d+ ", "[", prompt.shown)
    # The deck's topic before a card ("Meningioma (grading): grade 2?") is the deck itself:
    # "atypical meningiomas" is not given away by it (the modifier is the fact); the
    # heading label in brackets is part of the prompt.
    cue, sep, body = shown_text.partition(": ")
    if sep and len(cue.split()) <= 10:
        label = cue[cue.index("(") + 1 : cue.rindex(")")] if ")" in cue else ""
        shown_text = f"{label} {body}"
    shown = {singular(w.lower()) for w in _words(shown_text)}
    for item in items:
        words = _words(item)
        if words and singular(words[-1].lower()) in shown:
            found.append(f"head {words[-1]!r} is in the prompt: {prompt.shown!r}")
    if _PRONOUN.match(_body(prompt.shown)) or _PRONOUN.match(prompt.shown):
        found.append(f"opens on a pronoun: {prompt.shown!r}")
    return found


def deck_problems(decks: list[Deck]) -> list[str]:
    """Every rubric rule the cards of ``decks`` break, prompts and redundancy alike."""
    found: list[str] = []
    seen: list[tuple[str, set[str]]] = []
    for deck in decks:
        per_sentence: Counter[str] = Counter()
        for card in deck.cards:
            card_prompts = prompts(card)
            for prompt in card_prompts:
                found.extend(f"{card.id}: {p}" for p in problems_of(prompt))
            if card.source is not None:
                per_sentence[normalise_sentence(" ".join(card.source.sentences))] += len(
                    card_prompts
                )
            words = {w.lower() for w in _words(_full(card))}
            for other, other_words in seen:
                overlap = len(words & other_words) / len(words | other_words)
                if overlap > NEAR_DUPLICATE:
                    found.append(f"{card.id}: near-duplicate of {other} ({overlap:.2f})")
            seen.append((card.id, words))
        found.extend(
            f"{deck.id}: {n} study cards from one sentence: {s!r}"
            for s, n in per_sentence.items()
            if n > PER_SENTENCE
        )
    return found


def _full(card: AnyCard) -> str:
    """The card's prompt with its answers in place: what it states."""
    if isinstance(card, BasicCard):
        return f"{card.front} {card.back}"
    if isinstance(card, McqCard):
        return card.question.replace("_____", card.answer)
    return CLOZE_RE.sub(lambda m: m.group(2), card.text)


@pytest.fixture(params=["seed", "heldout", "unseen"])
def run(request: pytest.FixtureRequest) -> Run:
    return request.getfixturevalue(f"{request.param}_run")  # type: ignore[no-any-return]


def test_every_generated_card_passes_the_rubric(run: Run) -> None:
    decks = list(run.decks.values())
    assert sum(len(d.cards) for d in decks) >= 15
    problems = deck_problems(decks)
    assert problems == [], "\n".join(problems)


# Site chrome and boilerplate of the unseen documents: none of it may reach a card.
UNSEEN_NOISE = (
    "cookie",
    "riverside",
    "medical center drive",
    "all rights reserved",
    "privacy",
    "related articles",
    "request an appointment",
    "last updated",
    "neurohealth library",
    "educational resource",
    "clinical trials are published",
    "full clinical history",
    "more in brain tumors",
    "share this",
    "lakeshore",
    "was this page helpful",
    "neurosurgical review notes",
    "page 1 of",
    "correspondence",
    "milhorat",
    "springer",
    "keywords",
    "residency teaching program",
    "internal teaching use",
    "back to top",
    "title:",
)


def test_no_unseen_card_carries_site_chrome_or_boilerplate(unseen_run: Run) -> None:
    texts = [full_text(c).lower() for d in unseen_run.decks.values() for c in d.cards]
    assert len(texts) >= 60
    leaks = [(noise, t) for t in texts for noise in UNSEEN_NOISE if noise in t]
    assert leaks == []


def test_the_shared_disclaimer_is_found_across_the_run(unseen_run: Run) -> None:
    # The two articles of one site share a disclaimer paragraph: both are told so.
    warned = {
        o.source.name
        for o in unseen_run.report.outcomes
        if any("shared with other documents" in w for w in o.warnings)
    }
    assert {"pituitary_adenoma.txt", "glioblastoma.txt"} <= warned


def _cloze(card_id: str, text: str, sentence: str = "") -> ClozeCard:
    source = Source(document="doc.txt", sentences=(sentence or card_id,))
    return ClozeCard(id=card_id, text=text, origin="generated", source=source)


@pytest.mark.parametrize(
    ("text", "complaint"),
    [
        ("Malignant hemangiomas often grow {{c1::rapidly}} over months.", "not a noun phrase"),
        ("Metastasis of spinal hemangiomas is relatively {{c1::uncommon}}.", "not a noun phrase"),
        (
            "The prognosis depends on {{c1::the extent of local invasion, the presence of "
            "metastasis, the severity of neurological deficits, and the response to "
            "treatment::4 factors}}.",
            "answer too long",
        ),
        ("Spinal cord tumors compress the {{c1::spinal cord}} early.", "is in the prompt"),
        (
            "Hemangiomas destroy the {{c1::vertebrae, spinal cord::2 items}}, and nearby "
            "structures.",
            "list cut in the middle",
        ),
        ("This can lead to {{c1::significant disability}} if untreated.", "opens on a pronoun"),
        ("Spinal tumors: They compress the {{c1::nerve roots}} early.", "opens on a pronoun"),
    ],
)
def test_the_checker_catches_bad_cards(text: str, complaint: str) -> None:
    problems = [p for prompt in prompts(_cloze("bad-1", text)) for p in problems_of(prompt)]
    assert any(complaint in p for p in problems), problems


def test_the_checker_catches_redundancy() -> None:
    sentence = "Glomus tumors arise from paraganglionic cells in the jugular bulb region."
    cards = (
        _cloze(
            "d-1",
            "Glomus tumors arise from {{c1::paraganglionic cells}} in the jugular bulb region.",
            sentence,
        ),
        _cloze(
            "d-2",
            "Glomus tumors arise from paraganglionic cells in the {{c1::jugular bulb region}}.",
            sentence,
        ),
        _cloze(
            "d-3",
            "Glomus tumors arise from {{c1::paraganglionic cells}} in the "
            "{{c2::jugular bulb region}} here.",
            sentence,
        ),
    )
    problems = deck_problems([Deck(id="d", title="D", cards=cards)])
    assert any("near-duplicate" in p for p in problems), problems
    assert any("study cards from one sentence" in p for p in problems), problems


def test_a_good_card_passes_the_checker() -> None:
    card = _cloze(
        "good-1",
        "Glomus jugulare tumors originate from the {{c1::paraganglionic cells}} of the "
        "{{c2::jugular bulb}}.",
    )
    assert [p for prompt in prompts(card) for p in problems_of(prompt)] == []
