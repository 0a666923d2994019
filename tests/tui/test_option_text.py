"""Quiz options in one form: the right one must not stand out by its case or punctuation."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from neuroquiz.tui.widgets.option_text import capitalised, display_options


def test_first_letters_are_upper_cased_but_acronyms_and_mixed_case_stay() -> None:
    assert display_options(
        ["Bridging veins", "middle meningeal artery", "sigmoid sinus", "MCA"]
    ) == ["Bridging veins", "Middle meningeal artery", "Sigmoid sinus", "MCA"]
    assert display_options(["c5", "C6", "t-PA", "mRNA"]) == ["C5", "C6", "t-PA", "mRNA"]
    assert display_options(["pH 7.4", "α-synuclein", "3 to 15", "éther"]) == [
        "pH 7.4",
        "α-synuclein",  # a Greek letter is a symbol here, not a capital to make
        "3 to 15",
        "Éther",
    ]
    # Card text stays data: nothing here is markup, and a control character is left alone.
    assert display_options(["[bold]x[/]", "\x1b[31mred", "a", "b"]) == [
        "[bold]x[/]",
        "\x1b[31mred",
        "A",
        "B",
    ]


def test_spaces_and_a_lone_full_stop_do_not_give_the_answer_away() -> None:
    assert display_options(["  The artery is torn.", "veins", "a\n sinus", "e.g. dura"]) == [
        "The artery is torn",
        "Veins",
        "A sinus",
        "E.g. dura",
    ]
    # Every option ends with a full stop: nothing stands out, so they keep it.
    assert display_options(["One.", "Two.", "Three.", "Four."]) == [
        "One.",
        "Two.",
        "Three.",
        "Four.",
    ]
    # An abbreviation's full stop is part of the word.
    assert display_options(["and so on etc.", "U.S.", "x", "y"]) == [
        "And so on etc.",
        "U.S.",
        "X",
        "Y",
    ]
    # Dropping the stop would make two options the same: they stay apart.
    assert display_options(["Coma.", "coma", "x", "y"]) == ["Coma.", "Coma", "X", "Y"]


_word = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1)
_options = st.lists(
    _word, min_size=4, max_size=4, unique_by=lambda s: " ".join(s.split()).casefold()
)


def _collapse(text: str) -> str:
    return re.sub(r"[ \t\r\n]+", " ", text).strip(" ")


@settings(max_examples=150, deadline=None)
@given(_options)
def test_display_keeps_options_apart_and_changes_only_their_form(options: list[str]) -> None:
    shown = display_options(options)
    assert len(shown) == len(options)
    if len({_collapse(o).casefold() for o in options}) == len(options):
        assert len({s.casefold() for s in shown}) == len(options)  # still four options
    for raw, text in zip(options, shown, strict=True):
        if text == raw:
            continue
        core = _collapse(raw)
        # Same words: only the case of the first letter and a final full stop may differ.
        assert text in (capitalised(core), capitalised(core)[:-1]) and text.casefold() in (
            core.casefold(),
            core[:-1].casefold(),
        )


@settings(max_examples=150, deadline=None)
@given(st.lists(st.from_regex(r"[a-z][a-z ]{0,20}", fullmatch=True), min_size=4, max_size=4))
def test_plain_lowercase_options_all_start_with_a_capital(options: list[str]) -> None:
    shown = display_options(options)
    assert all(text[0].isupper() for text in shown)
