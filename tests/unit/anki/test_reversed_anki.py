"""Reversed cards and Anki: exported as "Basic (and reversed card)" (checked with the
official ``anki`` library: two cards per note, the second asking the back), with their
progress on the right card, and imported back as ``reverse: true``."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from neuroquiz.anki import CardProgress, export_apkg, export_tsv, import_package
from neuroquiz.anki.left_behind import exported_notes, left_behind
from neuroquiz.models import BasicCard, Deck, ReviewState

from .conftest import STAMP, TODAY, export_from_anki, import_apkg, notes_by_guid

ABDUCENS = BasicCard(id="cn-six", front="CN VI?", back="abducens", reverse=True, notes="Lateral.")
TROCHLEAR = BasicCard(id="cn-four", front="CN IV?", back="trochlear")
NERVES = Deck(id="nerves", title="Nerves", cards=(ABDUCENS, TROCHLEAR))


def test_export_and_import_without_anki_keeps_reverse(tmp_path: Path) -> None:
    out = tmp_path / "n.apkg"
    report = export_apkg([NERVES], out, today=TODAY, timestamp=STAMP)
    assert (report.notes, report.cards) == (2, 3)
    assert import_package(out).decks == (NERVES,)


def test_the_tsv_names_the_reversed_note_type(tmp_path: Path) -> None:
    out = tmp_path / "n.txt"
    report = export_tsv([NERVES], out)
    assert report.cards == 3
    rows = [line.split("\t") for line in out.read_text(encoding="utf-8").splitlines()[6:]]
    assert [row[1] for row in rows] == ["NeuroQuiz Basic (and reversed card)", "NeuroQuiz Basic"]


def test_turning_reverse_on_is_a_note_type_change_for_anki() -> None:
    before = {note.card_id: note for note in exported_notes([NERVES])}
    one_way = NERVES.model_copy(
        update={"cards": (ABDUCENS.model_copy(update={"reverse": False}), TROCHLEAR)}
    )
    found = left_behind(before, exported_notes([one_way]), ["cn-six", "cn-four"])
    assert [(old.card_id, new) for old, new in found.type_changes] == [("cn-six", "basic")]


def test_anki_makes_two_cards_the_second_asking_the_back(
    anki_collection: Callable[[], Any], tmp_path: Path
) -> None:
    pytest.importorskip("anki")
    out = tmp_path / "n.apkg"
    export_apkg([NERVES], out, today=TODAY, timestamp=STAMP)
    col = anki_collection()
    import_apkg(col, out)
    assert col.card_count() == 3
    note = notes_by_guid(col)["nq:cn-six"]
    assert note.note_type()["name"] == "NeuroQuiz Basic (and reversed card)"
    forward, backward = sorted(note.cards(), key=lambda card: card.ord)
    assert forward.question().endswith("CN VI?") and backward.question().endswith("abducens")
    assert backward.answer().split("<hr id=answer>")[1].strip().startswith("CN VI?")
    # Anki's own export of it comes back as the same reversed card.
    back = import_package(export_from_anki(col, tmp_path / "back.apkg")).decks[0]
    assert back.cards == NERVES.cards


def test_progress_of_each_direction_goes_to_its_own_anki_card(
    anki_collection: Callable[[], Any], tmp_path: Path
) -> None:
    pytest.importorskip("anki")
    today = (datetime.now().astimezone() - timedelta(hours=4)).date()
    due = today + timedelta(days=9)
    progress = {
        "cn-six:reverse": CardProgress(
            ReviewState(
                repetitions=3, interval=16, ef=236, due=due, last_review=due - timedelta(16)
            ),
            reps=3,
        ),
    }
    out = tmp_path / "p.apkg"
    export_apkg([NERVES], out, today=today, progress=progress, timestamp=STAMP)
    col = anki_collection()
    import_apkg(col, out, with_scheduling=True)
    forward, backward = sorted(notes_by_guid(col)["nq:cn-six"].cards(), key=lambda c: c.ord)
    assert forward.ivl == 0 and forward.type == 0  # new
    assert (backward.ivl, backward.factor, backward.reps) == (16, 2360, 3)
    # And back: Anki's card 2 is the reverse study card again.
    package = _anki_export_with_schedule(col, tmp_path / "s.apkg")
    imported = import_package(package, with_progress=True)
    assert imported.progress is not None
    states = {card.key: card for card in imported.progress.cards}
    assert (states["cn-six:reverse"].kind, states["cn-six:reverse"].interval) == ("review", 16)
    assert states["cn-six"].kind == "new"


def _anki_export_with_schedule(col: Any, path: Path) -> Path:
    from anki.collection import ExportAnkiPackageOptions

    options = ExportAnkiPackageOptions(with_scheduling=True, with_media=False, legacy=False)
    col.export_anki_package(out_path=str(path), options=options, limit=None)
    return path


def test_anki_stock_reversed_types_import_as_one_reversed_card(
    anki_collection: Callable[[], Any], tmp_path: Path
) -> None:
    pytest.importorskip("anki")
    col = anki_collection()
    stock = col.new_note(col.models.by_name("Basic (and reversed card)"))
    stock["Front"], stock["Back"] = "CN VI", "abducens"
    col.add_note(stock, col.decks.id("Default"))
    optional = col.new_note(col.models.by_name("Basic (optional reversed card)"))
    optional["Front"], optional["Back"], optional["Add Reverse"] = "CN III", "oculomotor", "y"
    col.add_note(optional, col.decks.id("Default"))
    assert col.card_count() == 4
    cards = import_package(export_from_anki(col, tmp_path / "x.apkg")).decks[0].cards
    assert sorted((c.front, c.back, c.reverse) for c in cards if isinstance(c, BasicCard)) == [
        ("CN III", "oculomotor", True),
        ("CN VI", "abducens", True),
    ]
    assert len(cards) == 2
