"""Loading deck files: good decks load, every problem is reported at its exact line."""

from __future__ import annotations

import textwrap
import tracemalloc
from pathlib import Path

import pytest

from neuroquiz.decks import (
    MAX_FILE_BYTES,
    DeckError,
    DeckProblem,
    check_decks,
    deck_files,
    load_deck,
    load_decks,
    yamlio,
)
from neuroquiz.errors import NeuroquizError
from neuroquiz.models import CLOZE_RE, BasicCard, ClozeCard, McqCard

SAMPLE = Path(__file__).resolve().parents[2] / "decks" / "neuro-basics.yaml"


def write(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def problems_of(path: Path) -> list[tuple[int, int, str]]:
    with pytest.raises(DeckError) as caught:
        load_deck(path)
    return [(p.line, p.col, p.message) for p in caught.value.problems]


GOOD = """
    # yaml-language-server: $schema=deck.schema.json
    title: Good deck
    cards:
      - id: g-one
        type: basic
        front: Q
        back: A
"""


# --- the sample deck -------------------------------------------------------------------


def test_sample_deck_loads_cleanly_and_mixes_every_card_kind() -> None:
    deck = load_deck(SAMPLE)

    assert deck.id == "neuro-basics"
    assert 10 <= len(deck.cards) <= 16
    assert check_decks([SAMPLE]) == []
    assert SAMPLE.read_text(encoding="utf-8").splitlines()[0] == (
        "# yaml-language-server: $schema=deck.schema.json"
    )
    clozes = [c for c in deck.cards if isinstance(c, ClozeCard)]
    mcqs = [c for c in deck.cards if isinstance(c, McqCard)]
    assert any(isinstance(c, BasicCard) for c in deck.cards)
    assert any(c.ordinals == (1, 2) for c in clozes)
    assert any(match.group(3) for c in clozes for match in CLOZE_RE.finditer(c.text))
    assert mcqs and all(len(c.distractors) == 3 for c in mcqs)
    assert all(c.origin == "authored" and c.tags for c in deck.cards)
    assert all(c.id.startswith("nb-") for c in deck.cards)
    assert deck.description


def test_sample_deck_states_the_facts_named_in_the_brief() -> None:
    cards = {c.id: c for c in load_deck(SAMPLE).cards}
    gcs = cards["nb-gcs-range"]
    assert isinstance(gcs, BasicCard) and gcs.back == "3 to 15"
    edh = cards["nb-edh-artery"]
    assert isinstance(edh, ClozeCard) and "{{c1::middle meningeal artery::" in edh.text
    gbm = cards["nb-gbm-who-grade"]
    assert isinstance(gbm, McqCard) and gbm.answer == "Grade 4"
    monro = cards["nb-foramen-monro"]
    assert isinstance(monro, ClozeCard)
    assert "{{c1::lateral ventricle}}" in monro.text and "{{c2::third ventricle}}" in monro.text


# --- one good file ----------------------------------------------------------------------


def test_load_good_deck_takes_its_id_from_the_file_name(tmp_path: Path) -> None:
    deck = load_deck(write(tmp_path, "my-deck.yaml", GOOD))

    assert deck.id == "my-deck"
    assert deck.title == "Good deck"
    assert deck.cards == (BasicCard(id="g-one", front="Q", back="A"),)


def test_yml_suffix_and_utf8_bom_are_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.yml"
    path.write_bytes(b"\xef\xbb\xbftitle: T\ncards: []\n")

    assert load_deck(path).id == "bom"


# --- each problem at its line -----------------------------------------------------------

CARD = "  - id: c-one\n    type: basic\n    front: Q\n    back: A\n"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(
            "title: T\ntitel: x\ncards: []\n",
            [
                (
                    2,
                    1,
                    "unknown key 'titel' "
                    "(expected title, description, sources, cards, rejected, generated)",
                )
            ],
            id="unknown-top-level-key",
        ),
        pytest.param(
            "title: T\ncards:\n" + CARD + "    frnt: x\n",
            [
                (
                    7,
                    5,
                    "card 'c-one': unknown key 'frnt' "
                    "(expected id, type, front, back, reverse, typed, tags, origin, source, notes)",
                )
            ],
            id="unknown-card-key",
        ),
        pytest.param(
            "title: T\ncards:\n  - id: c-one\n    front: Q\n    type: foo\n",
            [(5, 5, "card 'c-one': unknown card type 'foo' (expected basic, cloze or mcq)")],
            id="unknown-card-type",
        ),
        pytest.param(
            "title: T\ncards:\n" + CARD + "  - id: c-two\n    front: Q\n",
            [(7, 5, "card 'c-two': card has no 'type' (expected basic, cloze or mcq)")],
            id="missing-type",
        ),
        pytest.param(
            "title: T\ncards:\n" + CARD + "  - id: c-two\n    type: basic\n    front: Q\n",
            [(7, 5, "card 'c-two': basic card needs 'back'")],
            id="missing-field",
        ),
        pytest.param(
            "title: T\ncards:\n  - id: c-one\n    type: basic\n    front: Q\n    back:\n",
            [(6, 5, "card 'c-one': back is empty")],
            id="null-field",
        ),
        pytest.param(
            "title: T\ncards:\n  - id: c-one\n    type: basic\n    front: '  '\n    back: A\n",
            [(5, 5, "card 'c-one': front is empty")],
            id="blank-field",
        ),
        pytest.param(
            "title: T\ncards:\n  - id: c-one\n    type: basic\n    front: Q\n    back: 15\n",
            [(6, 5, "card 'c-one': back must be text, not a number; put it in quotes")],
            id="number-instead-of-text",
        ),
        pytest.param(
            "title: T\ncards:\n  - id: c-one\n    type: cloze\n    text: no deletion here\n",
            [(5, 5, "card 'c-one': cloze text has no deletion like {{c1::answer}}")],
            id="cloze-without-deletion",
        ),
        pytest.param(
            "title: T\ncards:\n  - id: c-one\n    type: cloze\n    text: 'x {{c1:: }} y'\n",
            [(5, 5, "card 'c-one': cloze deletion c1 is empty")],
            id="cloze-empty-deletion",
        ),
        pytest.param(
            "title: T\ncards:\n  - id: c-one\n    type: mcq\n    question: Q\n    answer: Yes\n"
            "    distractors:\n      - No\n      - ' yes '\n",
            [(9, 9, "card 'c-one': distractor ' yes ' is the answer")],
            id="distractor-equal-to-answer",
        ),
        pytest.param(
            "title: T\ncards:\n  - id: c-one\n    type: mcq\n    question: Q\n    answer: A\n"
            "    distractors: [B]\n",
            [(7, 5, "card 'c-one': an mcq card needs 2 to 5 distractors, found 1")],
            id="too-few-distractors",
        ),
        pytest.param(
            "title: T\ncards:\n" + CARD + "    tags: [ok, two words]\n",
            [(7, 16, "card 'c-one': tag 'two words' contains a space; use '-' instead")],
            id="tag-with-space",
        ),
        pytest.param(
            "title: T\ncards:\n" + CARD + "    origin: generated\n",
            [(7, 5, "card 'c-one': a generated card needs a source")],
            id="generated-without-source",
        ),
        pytest.param(
            "title: T\ncards:\n" + CARD + "    origin: robot\n",
            [(7, 5, "card 'c-one': origin must be 'generated' or 'authored', not 'robot'")],
            id="bad-origin",
        ),
        pytest.param(
            "title: T\ncards:\n  - id: Bad_Id\n    type: basic\n    front: Q\n    back: A\n",
            [
                (
                    3,
                    5,
                    "invalid id 'Bad_Id': use lowercase letters, digits and single hyphens, "
                    "like 'nb-gcs-range'",
                )
            ],
            id="bad-card-id",
        ),
        pytest.param(
            "title: T\ncards:\n" + CARD + CARD,
            [(7, 5, "duplicate card id 'c-one' (first at line 3)")],
            id="duplicate-id-in-file",
        ),
        pytest.param(
            "title: T\ncards:\n" + CARD + "  - just text\n",
            [(7, 5, "a card must be a mapping with 'id' and 'type', not text")],
            id="card-not-a-mapping",
        ),
        pytest.param(
            "title: T\ncards:\n" + CARD + "    source:\n      doc: x.pdf\n",
            [
                (7, 5, "card 'c-one': source needs 'document'"),
                (8, 7, "card 'c-one': unknown key 'doc' (expected document, sentences)"),
            ],
            id="bad-source",
        ),
        pytest.param(
            "title: T\ncards: none\n",
            [(2, 1, "cards must be a list, not text")],
            id="cards-not-a-list",
        ),
        pytest.param(
            "id: my-id\ntitle: T\ncards: []\n",
            [(1, 1, "unknown key 'id' (a deck's id is its file name)")],
            id="deck-id-in-file",
        ),
        pytest.param(
            "cards: []\n",
            [(1, 1, "missing key 'title'")],
            id="missing-title",
        ),
        pytest.param(
            "title: T\ncards:\n  - id: c-one\n    type: basic\n    front: [unclosed\n",
            [
                (
                    5,
                    12,
                    "invalid YAML: the '[' that opens here is never closed with ']'",
                )
            ],
            id="yaml-syntax-error",
        ),
        pytest.param(  # #13 defect 10: the opening quote, not the end of the file
            'title: T\ncards:\n  - id: c-one\n    type: basic\n    front: "What is open\n'
            "    back: x\n  - id: c-two\n    type: basic\n",
            [(5, 12, "invalid YAML: the quoted value that starts here is never closed with \"")],
            id="quote-never-closed",
        ),
        pytest.param(
            "title: T\ncards:\n  - id: c-one\n    front: 'What is open\n    back: x\n"
            "  - id: c-two\n    front: it's\n    back: y\n",
            [
                (
                    4,
                    12,
                    "invalid YAML: the quoted value that starts here runs to line 7; "
                    "is its closing ' missing?",
                )
            ],
            id="quote-closed-by-a-later-one",
        ),
        pytest.param(
            'title: T\ncards:\n  - id: c-one\n    front: "two\n      lines"\n'
            "    back: a: b\n",
            [
                (
                    6,
                    12,
                    "invalid YAML: mapping values are not allowed here; "
                    "if ': ' is part of the text, put the whole value in quotes",
                )
            ],
            id="sound-multiline-quote-then-error",
        ),
        pytest.param(
            "title: T\ncards:\n  - id: c-one\n    type: basic\n    front: Note: this\n",
            [
                (
                    5,
                    16,
                    "invalid YAML: mapping values are not allowed here; "
                    "if ': ' is part of the text, put the whole value in quotes",
                )
            ],
            id="colon-in-plain-text",
        ),
        pytest.param(
            "title: T\ncards:\n  - id: c-one\n    type: basic\n    front: Q\n    front: R\n",
            [(6, 5, 'duplicate key "front"')],
            id="duplicate-key",
        ),
        pytest.param(
            "title: T\ncards:\n  - id: c-one\n    front: 'a\x01b'\n",
            [
                (
                    4,
                    14,
                    "character '\\x01' is not allowed in YAML text; "
                    "write it as an escape inside double quotes",
                )
            ],
            id="control-character",
        ),
        pytest.param(
            "# a comment\n- title\n- T\n",
            [(2, 1, "the top level must be a mapping with 'title' and 'cards', not a list")],
            id="top-level-list",
        ),
        pytest.param(
            "# a comment\n\njust a sentence\n",
            [(3, 1, "the top level must be a mapping with 'title' and 'cards', not text")],
            id="top-level-scalar",
        ),
        pytest.param("", [(1, 1, "file is empty (expected 'title' and 'cards')")], id="empty"),
        pytest.param(
            "# only\n# comments\n\n",
            [(1, 1, "file is empty (expected 'title' and 'cards')")],
            id="only-comments",
        ),
        pytest.param(
            "title: T\ncards: []\n---\ntitle: U\n",
            [(3, 1, "a deck file holds one YAML document, but a second one starts here")],
            id="two-documents",
        ),
        pytest.param(
            "title: !!binary aGVsbG8=\ncards: []\n",
            [(1, 8, "YAML tag 'tag:yaml.org,2002:binary' is not allowed in deck files")],
            id="exotic-tag",
        ),
        pytest.param(
            "title: T\ncards: " + "[" * 40 + "]" * 40 + "\n",
            [(2, 31, "nesting is too deep (limit 24)")],
            id="too-deep",
        ),
    ],
)
def test_each_problem_is_reported_at_its_line(
    tmp_path: Path, body: str, expected: list[tuple[int, int, str]]
) -> None:
    path = tmp_path / "deck.yaml"
    path.write_text(body, encoding="utf-8")

    assert problems_of(path) == expected


def test_all_problems_of_a_file_are_listed_in_line_order(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "many.yaml",
        """
        title: T
        cards:
          - id: a-one
            type: basic
            front: Q
            back:
          - id: a-two
            type: cloze
            text: nothing to hide
          - id: a-three
            type: mcq
            question: Q
            answer: A
            distractors: [A, B]
        """,
    )

    assert [(line, message) for line, _col, message in problems_of(path)] == [
        (6, "card 'a-one': back is empty"),
        (9, "card 'a-two': cloze text has no deletion like {{c1::answer}}"),
        (14, "card 'a-three': distractor 'A' is the answer"),
    ]


def test_a_bad_file_name_is_a_problem(tmp_path: Path) -> None:
    path = write(tmp_path, "Neuro Basics.yaml", "title: T\ncards: []\n")

    assert problems_of(path) == [
        (
            1,
            1,
            "file name 'Neuro Basics.yaml' is not a valid deck id: use lowercase letters, "
            "digits and single hyphens, like 'neuro-basics.yaml'",
        )
    ]


def test_missing_file_and_directory_are_problems(tmp_path: Path) -> None:
    assert problems_of(tmp_path / "nope.yaml") == [(1, 1, "file not found")]
    assert problems_of(tmp_path) == [(1, 1, "is a directory, not a deck file")]


# --- safety -----------------------------------------------------------------------------

BILLION_LAUGHS = """\
title: lol
cards:
  - &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
  - &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
  - &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
  - &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
  - &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
  - &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
  - &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
  - &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
  - &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


def test_alias_bomb_is_refused_at_the_first_anchor_with_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "bomb.yaml"
    path.write_text(BILLION_LAUGHS, encoding="utf-8")

    tracemalloc.start()
    try:
        found = problems_of(path)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert found == [
        (3, 5, "YAML anchors (&a) are not allowed in deck files; write the value out in full")
    ]
    # Expanded, the bomb would be 9**9 strings; refused, it costs what parsing a line costs.
    assert peak < 20_000_000


def test_an_alias_alone_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "alias.yaml", "title: T\ncards: *x\n")

    assert problems_of(path) == [
        (2, 8, "YAML aliases (*x) are not allowed in deck files; write the value out in full")
    ]


def test_oversize_file_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1024 * 1024)  # sparse: no 6 MB actually written

    assert problems_of(path) == [(1, 1, "file is too large (6.0 MB; limit 5 MB)")]


def test_the_size_limit_is_inclusive(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A small limit keeps the test fast: parsing 5 MB of YAML takes over a second.
    text = "title: T\ncards: []\n"
    monkeypatch.setattr(yamlio, "MAX_FILE_BYTES", len(text))
    at_limit = write(tmp_path, "at.yaml", text)
    over = write(tmp_path, "over.yaml", text + "\n")

    assert load_deck(at_limit).title == "T"
    [(line, col, message)] = problems_of(over)
    assert (line, col) == (1, 1) and message.startswith("file is too large")


def test_non_utf8_bytes_are_refused_with_their_position(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("title: T\ncards:\n  - id: café".encode("latin-1"))

    assert problems_of(path) == [(3, 12, "file is not valid UTF-8 (byte 0xe9); save it as UTF-8")]


def test_utf16_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "wide.yaml"
    path.write_text("title: T\n", encoding="utf-16")

    [(line, col, message)] = problems_of(path)
    assert (line, col) == (1, 1)
    assert message.startswith("file is not valid UTF-8 (byte 0xff)")


# --- the error ----------------------------------------------------------------------------


def test_deck_error_is_one_line_naming_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, "two.yaml", "title: T\nx: 1\ny: 2\ncards: []\n")

    with pytest.raises(NeuroquizError) as caught:
        load_deck(path)

    error = caught.value
    assert isinstance(error, DeckError)
    assert str(error) == (
        f"{path}:2:1: unknown key 'x' "
        "(expected title, description, sources, cards, rejected, generated) (and 1 more problem)"
    )
    assert error.path == str(path)
    assert len(error.problems) == 2


def test_problem_str_is_path_line_col_message_on_one_line() -> None:
    problem = DeckProblem(Path("d/x.yaml"), 3, 7, "bad\nvalue\x1b")

    assert str(problem) == "d/x.yaml:3:7: bad\\nvalue\\x1b"


# --- many files ---------------------------------------------------------------------------


def test_a_bad_file_never_blocks_the_good_ones_and_is_never_half_loaded(tmp_path: Path) -> None:
    write(tmp_path, "a-good.yaml", GOOD)
    write(
        tmp_path,
        "b-bad.yaml",
        """
        title: Half good
        cards:
          - id: b-fine
            type: basic
            front: Q2
            back: A2
          - id: b-broken
            type: basic
            front: Q3
        """,
    )
    write(tmp_path, "c-good.yaml", GOOD.replace("g-one", "c-one"))

    result = load_decks([tmp_path])

    assert [loaded.deck.id for loaded in result.decks] == ["a-good", "c-good"]
    assert [str(p) for p in result.problems] == [
        f"{tmp_path / 'b-bad.yaml'}:7:5: card 'b-broken': basic card needs 'back'"
    ]


def test_duplicate_card_id_across_files_rejects_the_later_file(tmp_path: Path) -> None:
    first = write(tmp_path, "a.yaml", GOOD)
    write(
        tmp_path,
        "b.yaml",
        """
        title: B
        cards:
          - id: b-one
            type: basic
            front: Q
            back: A
          - id: g-one
            type: basic
            front: Other
            back: Thing
        """,
    )

    result = load_decks([tmp_path])

    assert [loaded.deck.id for loaded in result.decks] == ["a"]
    assert [(p.path.name, p.line, p.col, p.message) for p in result.problems] == [
        ("b.yaml", 7, 5, f"card id 'g-one' is already used in {first}:4")
    ]


def test_duplicate_deck_id_rejects_the_later_file(tmp_path: Path) -> None:
    write(tmp_path, "same.yaml", GOOD)
    write(tmp_path, "same.yml", "title: Other\ncards: []\n")

    result = load_decks([tmp_path])

    assert [loaded.path.name for loaded in result.decks] == ["same.yaml"]
    assert [p.message for p in result.problems] == [
        f"duplicate deck id 'same' (also {tmp_path / 'same.yaml'})"
    ]


def test_deck_files_lists_a_directory_and_passes_files_through(tmp_path: Path) -> None:
    for name in ("b.yaml", "a.yml", ".hidden.yaml", "notes.txt", "deck.schema.json"):
        (tmp_path / name).write_text("x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.yaml").write_text("x")
    missing = tmp_path / "missing.yaml"

    files = deck_files([tmp_path, missing, tmp_path / "b.yaml"])

    assert files == [tmp_path / "a.yml", tmp_path / "b.yaml", missing]


def test_load_decks_reports_a_missing_path(tmp_path: Path) -> None:
    result = load_decks(iter([tmp_path / "gone.yaml"]))

    assert result.decks == ()
    assert [str(p) for p in result.problems] == [f"{tmp_path / 'gone.yaml'}:1:1: file not found"]
