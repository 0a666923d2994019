"""Typed answers: the proposed grade at each level, the diff, the bounded edit distance;
and ``typed: true`` in the model, the deck file and the schema."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from neuroquiz.decks import dump_deck, load_deck
from neuroquiz.decks.schema import deck_json_schema
from neuroquiz.models import BasicCard, Deck
from neuroquiz.study.typed import compare_typed, diff_segments, fold, within_edits


@pytest.mark.parametrize(
    ("typed", "expected", "grade"),
    [
        ("abducens nerve", "abducens nerve", 5),
        ("  abducens   nerve ", "abducens\nnerve", 5),  # a box holds no line break
        ("Abducens Nerve", "abducens nerve", 4),
        ("abducensnerve", "abducens nerve", 4),
        ("Horner", "Hörner", 4),
        ("abducns nerve", "abducens nerve", 3),
        ("abdcuens nerve", "abducens nerve", 3),  # two letters swapped: one slip
        ("abdcns nerve", "abducens nerve", 1),  # 13 letters: one slip per 8, so two is many
        ("abdcns nerve six", "abducens nerve six", 3),  # 16 letters: two slips
        ("abdns nerve", "abducens nerve", 1),
        ("C5", "C6", 1),  # a short answer forgives nothing
        ("3 to 16", "3 to 15", 1),  # another number is wrong, not a slip
        ("levels L4-L5", "levels L4-L6", 1),
        ("trochlear nerve", "abducens nerve", 1),
        ("", "abducens", 0),
        ("   ", "abducens", 0),
    ],
)
def test_the_proposed_grade(typed: str, expected: str, grade: int) -> None:
    assert compare_typed(typed, expected).grade == grade


def test_the_diff_marks_wrong_and_missing_letters() -> None:
    result = compare_typed("abdcens", "abducens")
    assert result.segments == (("same", "abd"), ("missing", "u"), ("same", "cens"))
    assert compare_typed("", "x").segments == (("missing", "x"),)
    assert diff_segments("cat", "cut") == (("same", "c"), ("wrong", "a"), ("missing", "u"),
                                           ("same", "t"))  # fmt: skip


@given(st.text(max_size=30), st.text(max_size=30))
def test_the_diff_spells_both_texts(typed: str, expected: str) -> None:
    segments = diff_segments(typed, expected)
    assert "".join(t for kind, t in segments if kind != "missing") == typed
    assert "".join(t for kind, t in segments if kind != "wrong") == expected


def test_fold_drops_case_accents_and_spaces() -> None:
    assert fold(" Névroglie  Cells ") == "nevrogliecells"


@given(st.text("abc", max_size=10), st.integers(0, 9), st.sampled_from("abcd"))
def test_one_edit_is_within_one_and_never_within_zero(text: str, at: int, char: str) -> None:
    at = min(at, len(text))
    inserted = text[:at] + char + text[at:]
    assert within_edits(text, inserted, 1) and not within_edits(text, inserted, 0)
    assert within_edits(inserted, text, 1)
    assert within_edits(text, text, 0)


def test_within_edits_counts_changes_and_swaps() -> None:
    assert within_edits("kitten", "sitting", 3) and not within_edits("kitten", "sitting", 2)
    assert within_edits("ab", "ba", 1) and not within_edits("abc", "cab", 1)
    assert not within_edits("", "abc", 2) and within_edits("", "abc", 3)


def test_typed_is_written_only_when_true_and_reads_back(tmp_path: Path) -> None:
    typed = BasicCard(id="six", front="CN VI?", back="abducens", typed=True)
    deck = Deck(id="t", title="T", cards=(typed, BasicCard(id="four", front="Q", back="A")))
    text = dump_deck(deck)
    assert "    back: abducens\n    typed: true\n" in text and text.count("typed") == 1
    path = tmp_path / "t.yaml"
    path.write_text(text, encoding="utf-8")
    assert load_deck(path) == deck
    typed_schema = deck_json_schema()["$defs"]["BasicCard"]["properties"]["typed"]
    assert (typed_schema["type"], typed_schema["default"]) == ("boolean", False)
