"""The fast read gives exactly what the round trip gives, or gives up; never anything else.

The rule checked for any text: :func:`read_plain` returns :data:`NOT_PLAIN`, or the round-trip
loader parses the same text without error into equal plain values. Loading through
:func:`read_deck_file` then gives the same deck and the same problems as
:func:`parse_deck_file` (the round trip alone), with the same card positions.
"""

from __future__ import annotations

import tempfile
import textwrap
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from neuroquiz.decks import check_decks, dump_deck, load_decks
from neuroquiz.decks import fastread as fastread_module
from neuroquiz.decks.fastread import NOT_PLAIN, c_parser, read_plain
from neuroquiz.decks.load import locate_cards, parse_deck_file, read_deck_file
from neuroquiz.decks.yamlio import YamlFileError, parse_yaml, to_plain
from neuroquiz.models import Deck
from tests.unit.test_decks_load import BILLION_LAUGHS
from tests.unit.test_decks_props import SAMPLE, decks, mutate

GOOD = textwrap.dedent(
    """\
    title: Neuro basics
    description: 'Quoted: text'
    cards:
      - id: gcs-range
        type: basic
        front: "What is the range of the GCS?"
        back: 3 to 15
        notes:
        tags: [gcs, trauma]
      - {id: monro, type: cloze, text: "Volume is {{c1::constant}}."}
    """
)


@pytest.fixture(scope="module")
def workdir() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


def round_trip(text: str) -> object:
    """What the round-trip loader reads (plain values), or the YamlFileError it raises."""
    try:
        return to_plain(parse_yaml(text))
    except YamlFileError as error:
        return error


def assert_same_as_round_trip(text: str) -> None:
    fast = read_plain(text)
    if fast is not NOT_PLAIN:
        assert fast == round_trip(text)


def same_load(path: Path) -> None:
    """read_deck_file and parse_deck_file agree on the deck, the problems and positions."""
    fast, slow = read_deck_file(path), parse_deck_file(path)
    assert fast.deck == slow.deck
    assert fast.problems == slow.problems
    locate_cards(fast)
    assert fast.card_positions == slow.card_positions
    assert fast.id_positions == slow.id_positions


def test_the_c_parser_is_installed_and_used() -> None:
    parser = c_parser()
    assert parser is not None and "clib" in parser.__module__
    assert read_plain(GOOD) == round_trip(GOOD)


def test_a_good_file_is_read_fast_with_the_same_deck(workdir: Path) -> None:
    path = workdir / "neuro-basics.yaml"
    path.write_text(GOOD, encoding="utf-8")
    fast = read_deck_file(path)
    assert fast.document is None and not fast.located  # the round trip did not run
    same_load(path)


@pytest.mark.parametrize(
    "text",
    [
        BILLION_LAUGHS,
        "title: T\ncards: *x\n",
        "title: !!str T\ncards: []\n",
        "title: ! T\ncards: []\n",
        "%YAML 1.1\n---\ntitle: yes\ncards: []\n",
        "title: T\ncards: []\n---\ntitle: U\n",
        "title: T\ntitle: U\ncards: []\n",
        "title: 12\ncards: []\n",
        "title: true\ncards: []\n",
        "title: 2026-01-01\ncards: []\n",
        "<<: {title: T}\ncards: []\n",
        "? [a]\n: b\n",
        "title: T\ncards: [" + "[" * 30 + "]" * 30 + "]\n",
        "title: a\x85b\ncards: []\n",
        "title: a\u2028b\ncards: []\n",
        "title: 'a\x07b'\ncards: []\n",
        "title: [unclosed\n",
    ],
    ids=[
        "anchors",
        "alias",
        "tag",
        "non-specific-tag",
        "directive",
        "two-documents",
        "duplicate-key",
        "number",
        "boolean",
        "date",
        "merge-key",
        "complex-key",
        "too-deep",
        "nel",
        "line-separator",
        "control-character",
        "syntax-error",
    ],
)
def test_what_the_fast_read_leaves_to_the_round_trip(text: str, workdir: Path) -> None:
    assert read_plain(text) is NOT_PLAIN
    path = workdir / "deck.yaml"
    path.write_text(text, encoding="utf-8")
    same_load(path)


def test_an_alias_bomb_is_given_up_before_anything_grows() -> None:
    tracemalloc.start()
    try:
        assert read_plain(BILLION_LAUGHS) is NOT_PLAIN
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 1_000_000


def test_empty_values_and_comments_read_as_the_round_trip_reads_them() -> None:
    for text in ("", "# only a comment\n", "---\n", "notes:\nx: ~\ny: null\nz: ''\n"):
        assert_same_as_round_trip(text)
    assert read_plain("notes:\nx: ~\n") == {"notes": None, "x": None}


def test_without_the_c_parser_every_file_takes_the_round_trip(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fastread_module, "c_parser", lambda: None)
    path = workdir / "neuro-basics.yaml"
    path.write_text(GOOD, encoding="utf-8")
    assert read_plain(GOOD) is NOT_PLAIN
    parsed = read_deck_file(path)
    assert parsed.located and parsed.deck is not None
    same_load(path)


def test_ids_reused_across_files_are_placed_as_before(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(
        "title: B\ncards:\n  - id: other\n    type: basic\n    front: F\n    back: B\n"
        "  - id: gcs-range\n    type: basic\n    front: F2\n    back: B2\n",
        encoding="utf-8",
    )
    result = load_decks([tmp_path])
    assert [deck.path.name for deck in result.decks] == ["a.yaml"]
    assert [str(problem) for problem in result.problems] == [
        f"{tmp_path / 'b.yaml'}:7:5: card id 'gcs-range' is already used in {tmp_path / 'a.yaml'}:4"
    ]


def test_check_places_duplicate_content_at_the_card(tmp_path: Path) -> None:
    text = GOOD + "  - id: gcs-again\n    type: basic\n    front: What is the range of the GCS?\n"
    (tmp_path / "a.yaml").write_text(text + "    back: 3 to 15\n", encoding="utf-8")
    assert [(p.line, p.col) for p in check_decks([tmp_path])] == [(11, 5)]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(deck=decks())
def test_any_dumped_deck_loads_the_same_either_way(workdir: Path, deck: Deck) -> None:
    text = dump_deck(deck)
    assert_same_as_round_trip(text)
    path = workdir / "prop.yaml"
    path.write_text(text, encoding="utf-8")
    same_load(path)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_any_damaged_file_loads_the_same_either_way(workdir: Path, data: st.DataObject) -> None:
    raw = mutate(SAMPLE.read_text(encoding="utf-8"), data)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return  # refused before either parser runs
    assert_same_as_round_trip(text.removeprefix("\ufeff"))
    path = workdir / "neuro-basics.yaml"
    path.write_bytes(raw)
    same_load(path)
