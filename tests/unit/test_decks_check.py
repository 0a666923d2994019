"""``check_decks``: load problems plus duplicated content, one line per problem."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

from neuroquiz.decks import card_content_key, check_decks, load_decks
from neuroquiz.models import BasicCard, ClozeCard, McqCard

SAMPLE = Path(__file__).resolve().parents[2] / "decks" / "neuro-basics.yaml"


def write(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def test_card_content_key_ignores_case_spacing_and_look_alike_forms() -> None:
    one = BasicCard(id="a", front="What is  the GCS range?", back="3 to 15")
    two = BasicCard(id="b", front=" what is the gcs\trange? ", back="3 TO 15", tags=("x",))
    full_width = BasicCard(id="c", front="What is the ＧＣＳ range?", back="3 to 15")

    assert card_content_key(one) == card_content_key(two) == card_content_key(full_width)


def test_card_content_key_tells_apart_types_and_answers() -> None:
    basic = BasicCard(id="a", front="Q", back="A")
    other_answer = BasicCard(id="b", front="Q", back="B")
    swapped = BasicCard(id="c", front="A", back="Q")
    cloze = ClozeCard(id="d", text="Q {{c1::A}}")
    mcq = McqCard(id="e", question="Q", answer="A", distractors=("B", "C"))

    keys = {card_content_key(c) for c in (basic, other_answer, swapped, cloze, mcq)}

    assert len(keys) == 5


def test_mcq_cards_differing_only_in_distractors_are_the_same_content() -> None:
    one = McqCard(id="a", question="Q", answer="A", distractors=("B", "C"))
    two = McqCard(id="b", question="q", answer="a", distractors=("D", "E", "F"))

    assert card_content_key(one) == card_content_key(two)


def test_duplicate_content_within_a_deck_is_reported_at_the_later_card(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "dup.yaml",
        """
        title: T
        cards:
          - id: a-one
            type: basic
            front: What connects the lateral and third ventricles?
            back: Foramen of Monro
          - id: a-two
            type: basic
            front: What connects the LATERAL and third  ventricles?
            back: foramen of monro
        """,
    )

    assert [str(p) for p in check_decks([path])] == [
        f"{path}:7:5: card 'a-two' has the same content as card 'a-one' (line 3)"
    ]
    assert load_decks([path]).problems == ()  # duplicated content is a check, not a load error


def test_duplicate_content_across_decks_names_the_other_file(tmp_path: Path) -> None:
    write(
        tmp_path,
        "a.yaml",
        "title: A\ncards:\n  - id: a-one\n    type: cloze\n    text: GCS is {{c1::3-15}}\n",
    )
    write(
        tmp_path,
        "b.yaml",
        "title: B\ncards:\n  - id: b-one\n    type: cloze\n    text: gcs is {{c1::3-15}}\n",
    )

    assert [str(p) for p in check_decks([tmp_path])] == [
        f"{tmp_path / 'b.yaml'}:3:5: card 'b-one' has the same content as card 'a-one' "
        f"({tmp_path / 'a.yaml'}:3)"
    ]


def test_check_reports_load_problems_and_duplicate_ids_in_file_order(tmp_path: Path) -> None:
    write(
        tmp_path,
        "a.yaml",
        "title: A\ncards:\n  - id: x-one\n    type: basic\n    front: Q\n    back: A\n",
    )
    write(
        tmp_path,
        "b.yaml",
        "title: B\ncards:\n  - id: x-one\n    type: basic\n    front: Q2\n    back: A2\n",
    )
    write(
        tmp_path,
        "c.yaml",
        """
        title: C
        cards:
          - id: c-one
            type: mcq
            question: Q
            answer: A
            distractors: [B, b]
          - id: c-two
            type: cloze
            text: "{{c1::}} is empty"
          - id: c-three
            type: basic
            front: "   "
            back: A
        """,
    )

    found = [(p.path.name, p.line, p.message) for p in check_decks([tmp_path])]

    assert found == [
        ("b.yaml", 3, f"card id 'x-one' is already used in {tmp_path / 'a.yaml'}:3"),
        ("c.yaml", 7, "card 'c-one': distractor 'b' appears twice"),
        ("c.yaml", 10, "card 'c-two': cloze deletion c1 is empty"),
        ("c.yaml", 13, "card 'c-three': front is empty"),
    ]


def test_every_problem_is_a_single_line(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", 'title: "multi\\nline"\nx: "a\\nb"\ncards: "\\n"\n')
    write(tmp_path, "b.yaml", 'title: T\ncards:\n  - id: a\n    type: "x\\ny"\n')
    (tmp_path / "c.yaml").write_bytes(b"title: \xff\xfe\n")
    write(tmp_path, "d.yaml", "title: [\n")

    problems = check_decks([tmp_path])

    assert len(problems) >= 4
    for problem in problems:
        line = str(problem)
        assert "\n" not in line and line.isprintable()
        assert re.match(rf"^{re.escape(str(tmp_path))}/[a-d]\.yaml:\d+:\d+: \S", line)


def test_the_sample_deck_has_no_duplicate_content() -> None:
    assert check_decks([SAMPLE]) == []
