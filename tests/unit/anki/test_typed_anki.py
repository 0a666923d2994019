"""Typed cards and Anki: exported as "Basic (type in the answer)" ({{type:Back}}), checked
with the official ``anki`` library, and imported back as ``typed: true``; Anki's own stock
type comes in as a typed card with the right front and back."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from neuroquiz.anki import CardProgress, export_apkg, import_package
from neuroquiz.models import BasicCard, Deck, ReviewState

from .conftest import STAMP, TODAY, export_from_anki, import_apkg, notes_by_guid

TYPED = BasicCard(id="cn-six", front="CN VI?", back="abducens", typed=True)
BOTH = BasicCard(id="cn-four", front="CN IV?", back="trochlear", typed=True, reverse=True)
NERVES = Deck(id="nerves", title="Nerves", cards=(TYPED, BOTH))


def test_export_and_import_without_anki_keeps_typed(tmp_path: Path) -> None:
    out = tmp_path / "n.apkg"
    report = export_apkg([NERVES], out, today=TODAY, timestamp=STAMP)
    assert (report.notes, report.cards) == (2, 3)
    assert import_package(out).decks == (NERVES,)


def test_anki_asks_to_type_the_back_and_on_card_2_the_front(
    anki_collection: Callable[[], Any], tmp_path: Path
) -> None:
    pytest.importorskip("anki")
    out = tmp_path / "n.apkg"
    export_apkg([NERVES], out, today=TODAY, timestamp=STAMP)
    col = anki_collection()
    import_apkg(col, out)
    notes = notes_by_guid(col)
    six = notes["nq:cn-six"]
    assert six.note_type()["name"] == "NeuroQuiz Basic (type in the answer)"
    (card,) = six.cards()
    assert "CN VI?" in card.question() and "[[type:Back]]" in card.question()
    four = notes["nq:cn-four"]
    assert four.note_type()["name"] == "NeuroQuiz Basic (and reversed card, type in the answer)"
    forward, backward = sorted(four.cards(), key=lambda c: c.ord)
    assert "[[type:Back]]" in forward.question()
    assert "trochlear" in backward.question() and "[[type:Front]]" in backward.question()
    assert import_package(export_from_anki(col, tmp_path / "back.apkg")).decks[0].cards == (
        NERVES.cards
    )


def test_the_reverse_card_of_a_typed_pair_keeps_its_progress(
    anki_collection: Callable[[], Any], tmp_path: Path
) -> None:
    pytest.importorskip("anki")
    today = (datetime.now().astimezone() - timedelta(hours=4)).date()
    due = today + timedelta(days=5)
    state = ReviewState(repetitions=2, interval=6, ef=250, due=due, last_review=due - timedelta(6))
    out = tmp_path / "p.apkg"
    progress = {"cn-four:reverse": CardProgress(state, reps=2)}
    export_apkg([NERVES], out, today=today, progress=progress, timestamp=STAMP)
    col = anki_collection()
    import_apkg(col, out, with_scheduling=True)
    forward, backward = sorted(notes_by_guid(col)["nq:cn-four"].cards(), key=lambda c: c.ord)
    assert (forward.ivl, backward.ivl) == (0, 6)


def test_anki_stock_type_in_the_answer_imports_as_a_typed_card(
    anki_collection: Callable[[], Any], tmp_path: Path
) -> None:
    pytest.importorskip("anki")
    col = anki_collection()
    note = col.new_note(col.models.by_name("Basic (type in the answer)"))
    note["Front"], note["Back"] = "Which nerve abducts the eye?", "abducens"
    col.add_note(note, col.decks.id("Default"))
    (card,) = import_package(export_from_anki(col, tmp_path / "x.apkg")).decks[0].cards
    assert isinstance(card, BasicCard)
    assert (card.front, card.back, card.typed, card.reverse) == (
        "Which nerve abducts the eye?",
        "abducens",
        True,
        False,
    )
