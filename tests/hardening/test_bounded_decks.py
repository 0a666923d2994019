"""Slow hostile deck files (issue 12 item 9): the work per file is bounded.

Figures (seconds per file) are printed by ``benchmarks/bench_hostile_decks.py``; these tests
check the bounds themselves: a value cap, a problem cap, no round-trip parse of a large
file, and the same problems whichever parser places them.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from neuroquiz.decks import bounded, check_decks
from neuroquiz.decks import load as load_module
from neuroquiz.decks.bounded import MAX_PROBLEMS
from neuroquiz.decks.fastread import MAX_NODES, c_parser
from neuroquiz.decks.load import read_deck_file

needs_c = pytest.mark.skipif(c_parser() is None, reason="ruamel.yaml.clib is not installed")


@needs_c
def test_a_file_of_a_million_numbers_is_one_problem_quickly(tmp_path: Path) -> None:
    # The file: 2 MB of 'cards: [1,1,...]' took 167 s and 1.6 GB to check.
    path = tmp_path / "ones.yaml"
    path.write_text("title: T\ncards: [" + ",".join(["1"] * 1_000_000) + "]\n", encoding="utf-8")

    proc = subprocess.run(
        [sys.executable, "-m", "neuroquiz", "--db", str(tmp_path / "p.db"), "check", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    (line,) = [x for x in proc.stdout.splitlines() if x.startswith(str(path))]
    assert f"holds more than {MAX_NODES:,} YAML values" in line
    assert line.startswith(f"{path}:2:")


def test_a_file_lists_at_most_the_first_problems(tmp_path: Path) -> None:
    path = tmp_path / "many.yaml"
    cards = "".join(f"  - id: c{i}\n    type: basic\n    front: q{i}\n" for i in range(300))
    path.write_text("title: T\ncards:\n" + cards, encoding="utf-8")

    problems = read_deck_file(path).problems

    assert len(problems) == MAX_PROBLEMS + 1
    assert all("needs 'back'" in p.message for p in problems[:MAX_PROBLEMS])
    assert problems[-1].message.startswith("more problems from here on; only the first 100")
    assert problems[-1].line > problems[MAX_PROBLEMS - 1].line


@needs_c
def test_check_of_a_large_valid_deck_never_takes_the_round_trip(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The round trip costs about 1 ms a card: a 4.9 MB deck took 75 s to check.
    path = tmp_path / "big.yaml"
    cards = "".join(
        f"  - id: c{i}\n    type: basic\n    front: question {i}\n    back: answer {i}\n"
        for i in range(3_000)
    )
    path.write_text("title: T\ncards:\n" + cards, encoding="utf-8")

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("round-trip parse of a large file")

    monkeypatch.setattr(load_module, "parse_yaml", refuse)
    monkeypatch.setattr(bounded, "parse_yaml", refuse)

    assert check_decks([path]) == []


BROKEN = {
    "number front": "title: T\ncards:\n  - id: a\n    type: basic\n    front: 12\n    back: b\n",
    "missing back": "title: T\ncards:\n  - {id: a, type: basic, front: x}\n",
    "unknown key": "title: T\nfoo: 1\ncards:\n  - {id: a, type: basic, front: x, back: y}\n",
    "bad type": "title: T\ncards:\n  - id: a\n    type: essay\n    front: x\n",
    "card a number": "title: T\ncards: [1, 2]\n",
    "duplicate key": "title: T\ntitle: U\ncards: []\n",
    "duplicate id": (
        "title: T\ncards:\n  - {id: a, type: basic, front: x, back: y}\n"
        "  - {id: a, type: basic, front: z, back: w}\n"
    ),
    "anchor": "title: &t T\ncards: []\n",
    "alias": "title: T\ncards:\n  - *x\n",
    "merge key": "title: B\n<<: {a: 1}\ncards: []\n",
    "tag": "title: !foo T\ncards: []\n",
    "too few distractors": (
        "title: T\ncards:\n  - id: m\n    type: mcq\n    question: q\n    answer: a\n"
        "    distractors: [b]\n"
    ),
    "bad id": "title: T\ncards:\n  - {id: A_B, type: basic, front: x, back: y}\n",
    "top level list": "- a\n- b\n",
    "deep": "title: T\ncards: " + "[" * 30 + "]" * 30 + "\n",
    "true title": "title: true\ncards: []\n",
    "date note": (
        "title: T\ncards:\n  - {id: a, type: basic, front: x, back: y, notes: 2020-01-02}\n"
    ),
}


@needs_c
@pytest.mark.parametrize("name", sorted(BROKEN))
def test_the_fast_positioned_read_places_problems_as_the_round_trip_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    path = tmp_path / "deck.yaml"
    path.write_text(BROKEN[name], encoding="utf-8")
    by_round_trip = [(p.line, p.col, p.message) for p in read_deck_file(path).problems]

    monkeypatch.setattr(bounded, "ROUND_TRIP_MAX_BYTES", 0)  # every file is "large"
    by_fast_read = [(p.line, p.col, p.message) for p in read_deck_file(path).problems]
    by_check = [(p.line, p.col, p.message) for p in check_decks([path])]

    assert by_round_trip
    assert by_fast_read == by_round_trip
    assert by_check == by_round_trip
