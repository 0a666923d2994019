"""Property tests: any valid deck survives dump and save; any damaged file gives problems.

Hostile text: brackets that look like Rich markup, backslashes, quotes, colons, '#',
leading and trailing spaces, tabs, every kind of line break, control characters (NUL,
ESC, DEL, C1), RTL marks, emoji, a BOM, and strings YAML would read as other types
("yes", "null", "1e3"). Every Unicode code point a Python string can hold is allowed
except lone surrogates, which pydantic refuses (and UTF-8 cannot encode), so they can
never be in a Deck. Control characters cannot appear raw in YAML: dump and save write
them as double-quoted escapes, and that is what these tests check.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from neuroquiz.decks import (
    SCHEMA_COMMENT,
    DeckError,
    DeckProblem,
    dump_deck,
    load_deck,
    save_deck,
)
from neuroquiz.decks import save as save_module
from neuroquiz.models import BasicCard, ClozeCard, Deck, McqCard, Source

SAMPLE = Path(__file__).resolve().parents[2] / "decks" / "neuro-basics.yaml"

AnyCard = BasicCard | ClozeCard | McqCard

HOSTILE = [
    "[bold]", "[/]", "[red]x[/red]", "\\", "\\n", "'", '"', ": ", ":", "#", " #", " ", "  ",
    "\n", "\n\n", "\t", "\r", "\r\n", "\x85", "\u2028", "\u2029", "\x00", "\x1b[31m", "\x7f",
    "\x0b", "\ufeff", "\u200f", "\u202e", "שלום", "مرحبا", "🧠", "👩‍⚕️", "é", "e\u0301",
    "{{", "}}", "::", "- ", "? ", "---", "...", "&a", "*a", "!x", "!!str", "%", "@", "`",
    "|", ">", "~", "yes", "no", "null", "true", "1e3", "0x1f", "0o7", "012", ".inf",
]  # fmt: skip

pieces = st.one_of(
    st.sampled_from(HOSTILE), st.text(st.characters(exclude_categories=["Cs"]), max_size=5)
)
texts = st.lists(pieces, max_size=5).map("".join)
filled = st.lists(pieces, min_size=1, max_size=5).map("".join).filter(lambda s: bool(s.strip()))
tags = filled.map(lambda s: "".join(ch for ch in s if not ch.isspace())).filter(bool)
ids = st.from_regex(r"[a-z0-9]{1,5}(-[a-z0-9]{1,5}){0,2}", fullmatch=True)
sources = st.builds(Source, document=filled, sentences=st.lists(texts, max_size=2).map(tuple))


@st.composite
def cards(draw: st.DrawFn, card_id: str | None = None) -> AnyCard:
    common = {
        "id": card_id or draw(ids),
        "tags": tuple(draw(st.lists(tags, max_size=3))),
        "notes": draw(st.none() | texts),
        "origin": draw(st.sampled_from(["authored", "generated"])),
        "source": draw(st.none() | sources),
    }
    if common["origin"] == "generated" and common["source"] is None:
        common["source"] = Source(document="doc.pdf")
    kind = draw(st.sampled_from(["basic", "cloze", "mcq"]))
    try:
        if kind == "basic":
            reverse, typed = draw(st.booleans()), draw(st.booleans())
            front, back = draw(filled), draw(filled)
            return BasicCard(front=front, back=back, reverse=reverse, typed=typed, **common)
        if kind == "cloze":
            hint = draw(st.none() | filled)
            number, answer = draw(st.integers(1, 3)), draw(filled)
            deletion = f"{{{{c{number}::{answer}{f'::{hint}' if hint else ''}}}}}"
            return ClozeCard(text=draw(texts) + deletion + draw(texts), **common)
        return McqCard(
            question=draw(filled),
            answer=draw(filled),
            distractors=tuple(draw(st.lists(filled, min_size=2, max_size=5))),
            **common,
        )
    except ValidationError:
        assume(False)
        raise  # unreachable: assume(False) stops the example


@st.composite
def decks(draw: st.DrawFn) -> Deck:
    card_list = draw(st.lists(cards(), max_size=4, unique_by=lambda card: card.id))
    return Deck(
        id="prop",
        title=draw(st.text(st.characters(exclude_categories=["Cs"]), min_size=1) | filled),
        description=draw(texts),
        sources=tuple(draw(st.lists(texts, max_size=2))),
        rejected=tuple(draw(st.lists(ids, max_size=2))),
        generated=tuple(draw(st.lists(ids, max_size=2))),
        cards=tuple(card_list),
    )


@pytest.fixture(scope="module")
def workdir() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


def card_block(card: AnyCard) -> str:
    """The text dump_deck writes for one card (from '  - id:' to its last line)."""
    text = dump_deck(Deck(id="one", title="x", cards=(card,)))
    return text.split("\ncards:\n", 1)[1]


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(deck=decks())
def test_dump_then_load_gives_the_same_deck(workdir: Path, deck: Deck) -> None:
    path = workdir / "prop.yaml"
    text = dump_deck(deck)
    path.write_text(text, encoding="utf-8")

    assert text.split("\n", 1)[0] == SCHEMA_COMMENT
    assert load_deck(path) == deck


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), before=decks())
def test_save_deck_edits_in_place_and_reads_back(
    workdir: Path, data: st.DataObject, before: Deck
) -> None:
    path = workdir / "prop.yaml"
    path.unlink(missing_ok=True)
    save_deck(path, before)
    old_text = path.read_text(encoding="utf-8")

    edited: list[AnyCard] = []
    kept: list[AnyCard] = []
    for card in before.cards:
        action = data.draw(st.sampled_from(["keep", "keep", "drop", "change"]))
        if action == "keep":
            edited.append(card)
            kept.append(card)
        elif action == "change":
            edited.append(data.draw(cards(card_id=card.id)))
    taken = {card.id for card in before.cards}
    edited += data.draw(
        st.lists(cards().filter(lambda c: c.id not in taken), max_size=2, unique_by=lambda c: c.id)
    )
    if data.draw(st.booleans()):
        edited = data.draw(st.permutations(edited))
    after = before.model_copy(
        update={
            "cards": tuple(edited),
            "title": data.draw(st.just(before.title) | filled),
            "sources": tuple(data.draw(st.just(before.sources) | st.lists(texts, max_size=2))),
            "rejected": tuple(data.draw(st.just(before.rejected) | st.lists(ids, max_size=2))),
            "generated": tuple(data.draw(st.just(before.generated) | st.lists(ids, max_size=2))),
        }
    )

    def no_fallback(deck: Deck) -> str:
        raise AssertionError("save_deck fell back to a fresh dump instead of editing in place")

    with mock.patch.object(save_module, "dump_deck", no_fallback):
        save_deck(path, after)

    assert load_deck(path) == after
    new_text = path.read_text(encoding="utf-8")
    for card in kept:
        block = card_block(card).rstrip("\n")
        if block in old_text:  # untouched cards keep their exact text
            assert block in new_text


def mutate(text: str, data: st.DataObject) -> bytes:
    snippets = st.sampled_from(
        [*HOSTILE, "type: foo", "cards:", "  - ", "id: x", "&a [1]", "*a", "\t- x", "{a: [b"]
    )
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(text)))
        operation = data.draw(st.sampled_from(["insert", "delete", "duplicate", "swap"]))
        if operation == "insert":
            text = text[:at] + data.draw(snippets | texts) + text[at:]
        elif operation == "delete":
            text = text[:at] + text[at + data.draw(st.integers(1, 40)) :]
        else:
            lines = text.split("\n")
            i, j = (data.draw(st.integers(0, len(lines) - 1)) for _ in range(2))
            if operation == "duplicate":
                lines.insert(j, lines[i])
            else:
                lines[i], lines[j] = lines[j], lines[i]
            text = "\n".join(lines)
    raw = text.encode("utf-8", errors="surrogatepass")
    if data.draw(st.integers(0, 9)) == 0:
        at = data.draw(st.integers(0, len(raw)))
        raw = raw[:at] + data.draw(st.sampled_from([b"\xff", b"\xc3", b"\xed\xa0\x80"])) + raw[at:]
    return raw


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_damaged_sample_gives_only_deck_problems(workdir: Path, data: st.DataObject) -> None:
    path = workdir / "neuro-basics.yaml"
    path.write_bytes(mutate(SAMPLE.read_text(encoding="utf-8"), data))
    line_count = path.read_bytes().count(b"\n") + 1

    try:
        deck = load_deck(path)
    except DeckError as error:
        assert error.problems
        for problem in error.problems:
            assert isinstance(problem, DeckProblem)
            assert problem.path == path
            assert 1 <= problem.line <= line_count + 1 and problem.col >= 1
            assert "\n" not in str(problem) and str(problem).isprintable()
    else:
        assert deck.id == "neuro-basics"
