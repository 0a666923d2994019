"""The .apkg writer, checked by reading the package back with zipfile and sqlite3."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import zipfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from neuroquiz.anki import CardProgress, export_apkg
from neuroquiz.anki.notetypes import BASIC_ID, CLOZE_ID, MCQ_ID
from neuroquiz.anki.progress import crt_seconds
from neuroquiz.errors import NeuroquizError
from neuroquiz.models import BasicCard, Deck, ReviewState

from .conftest import STAMP, TODAY


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def open_collection(package: Path, tmp_path: Path) -> sqlite3.Connection:
    with zipfile.ZipFile(package) as archive:
        assert sorted(archive.namelist()) == ["collection.anki2", "media"]
        assert archive.read("media") == b"{}"
        target = tmp_path / "col.db"
        target.write_bytes(archive.read("collection.anki2"))
    return sqlite3.connect(target)


def test_same_input_gives_byte_identical_files(skull: Deck, vascular: Deck, tmp_path: Path) -> None:
    progress = {
        "sb-jugular": CardProgress(
            ReviewState(
                repetitions=2,
                interval=6,
                ef=250,
                due=TODAY + timedelta(days=3),
                last_review=TODAY - timedelta(days=3),
            ),
            reps=2,
        )
    }
    first, second, third = tmp_path / "1.apkg", tmp_path / "2.apkg", tmp_path / "3.apkg"
    for out in (first, second):
        export_apkg([skull, vascular], out, today=TODAY, timestamp=STAMP, progress=progress)
    export_apkg([skull, vascular], third, today=TODAY, timestamp=STAMP + 1, progress=progress)
    assert sha(first) == sha(second)
    assert sha(first) != sha(third)


def test_zip_dates_come_from_the_timestamp(skull: Deck, tmp_path: Path) -> None:
    out = tmp_path / "x.apkg"
    export_apkg([skull], out, today=TODAY, timestamp=STAMP)
    with zipfile.ZipFile(out) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2026, 1, 1, 0, 0, 0)}


def test_notes_cards_decks_and_note_types(skull: Deck, vascular: Deck, tmp_path: Path) -> None:
    out = tmp_path / "x.apkg"
    report = export_apkg([skull, vascular], out, today=TODAY, timestamp=STAMP)
    assert (report.decks, report.notes, report.cards) == (2, 5, 7)
    db = open_collection(out, tmp_path)
    guids = dict(db.execute("SELECT guid, mid FROM notes").fetchall())
    assert guids == {
        "nq:sb-jugular": BASIC_ID,
        "nq:sb-ica": CLOZE_ID,
        "nq:sb-ovale": MCQ_ID,
        "nq:va-acom": BASIC_ID,
        "nq:va-pica": CLOZE_ID,
    }
    ords = db.execute(
        "SELECT c.ord FROM cards c JOIN notes n ON n.id = c.nid WHERE n.guid = 'nq:sb-ica'"
        " ORDER BY c.ord"
    ).fetchall()
    assert ords == [(0,), (1,)]
    decks = json.loads(db.execute("SELECT decks FROM col").fetchone()[0])
    names = sorted(d["name"] for d in decks.values())
    assert names == ["Default", "NeuroQuiz::Skull base", "NeuroQuiz::Vascular"]
    models = json.loads(db.execute("SELECT models FROM col").fetchone()[0])
    fields = {m["name"]: [f["name"] for f in m["flds"]] for m in models.values()}
    assert fields["NeuroQuiz Basic"] == ["Front", "Back", "Source"]
    assert fields["NeuroQuiz Cloze"] == ["Text", "Back Extra"]
    assert fields["NeuroQuiz MCQ"] == ["Question", "Choices", "Answer", "Source"]


def test_note_mod_is_the_content_change_time(skull: Deck, tmp_path: Path) -> None:
    out = tmp_path / "x.apkg"
    export_apkg(
        [skull], out, today=TODAY, timestamp=STAMP, content_times={"sb-jugular": 1_700_000_000.7}
    )
    db = open_collection(out, tmp_path)
    mods = dict(db.execute("SELECT guid, mod FROM notes").fetchall())
    assert mods == {
        "nq:sb-jugular": 1_700_000_000,
        "nq:sb-ica": int(STAMP),
        "nq:sb-ovale": int(STAMP),
    }


def _card_rows(db: sqlite3.Connection) -> dict[tuple[str, int], tuple[Any, ...]]:
    rows = db.execute(
        "SELECT n.guid, c.ord, c.type, c.queue, c.due, c.ivl, c.factor, c.reps, c.lapses"
        " FROM cards c JOIN notes n ON n.id = c.nid"
    ).fetchall()
    return {(row[0], row[1]): tuple(row[2:]) for row in rows}


def test_progress_becomes_review_and_suspended_rows(skull: Deck, tmp_path: Path) -> None:
    due = TODAY + timedelta(days=5)
    progress = {
        "sb-jugular": CardProgress(
            ReviewState(
                repetitions=3,
                interval=15,
                ef=236,
                due=due,
                lapses=1,
                last_review=due - timedelta(days=15),
            ),
            reps=7,
            modified=datetime(2026, 2, 15, 8, 0),
        ),
        "sb-ica:c2": CardProgress(
            ReviewState(
                repetitions=1,
                interval=1,
                ef=250,
                due=TODAY - timedelta(days=4),
                last_review=TODAY - timedelta(days=5),
            ),
            suspended=True,
            reps=1,
        ),
        "sb-ovale": CardProgress(ReviewState(), suspended=True),
        "sb-ica:c1": CardProgress(ReviewState()),
    }
    out = tmp_path / "x.apkg"
    report = export_apkg([skull], out, today=TODAY, timestamp=STAMP, progress=progress)
    assert (report.review_cards, report.suspended_cards) == (2, 2)
    db = open_collection(out, tmp_path)
    # The overdue card moves the collection's creation day back to its due day.
    created = TODAY - timedelta(days=4)
    (crt, conf) = db.execute("SELECT crt, conf FROM col").fetchone()
    assert crt == crt_seconds(created)
    assert json.loads(conf)["creationOffset"] == 0
    rows = _card_rows(db)
    assert rows[("nq:sb-jugular", 0)] == (2, 2, (due - created).days, 15, 2360, 7, 1)
    assert rows[("nq:sb-ica", 1)] == (2, -1, 0, 1, 2500, 1, 0)
    assert rows[("nq:sb-ica", 0)] == (0, 0, 0, 0, 0, 0, 0)
    assert rows[("nq:sb-ovale", 0)][:2] == (0, -1)
    mod = db.execute(
        "SELECT c.mod FROM cards c JOIN notes n ON n.id = c.nid WHERE n.guid = 'nq:sb-jugular'"
    ).fetchone()[0]
    # The review log's naive times are UTC.
    assert mod == int(datetime(2026, 2, 15, 8, 0, tzinfo=UTC).timestamp())


def test_without_progress_every_card_is_new(skull: Deck, tmp_path: Path) -> None:
    out = tmp_path / "x.apkg"
    export_apkg([skull], out, today=TODAY, timestamp=STAMP)
    db = open_collection(out, tmp_path)
    assert {row[:2] for row in _card_rows(db).values()} == {(0, 0)}
    assert db.execute("SELECT crt FROM col").fetchone()[0] == crt_seconds(TODAY)


def test_default_timestamp_is_noon_of_today(skull: Deck, tmp_path: Path) -> None:
    a, b = tmp_path / "a.apkg", tmp_path / "b.apkg"
    export_apkg([skull], a, today=TODAY)
    export_apkg([skull], b, today=TODAY, timestamp=1_772_452_800.0)  # 2026-03-02 12:00 UTC
    assert sha(a) == sha(b)


def test_a_card_id_in_two_decks_is_refused(skull: Deck, tmp_path: Path) -> None:
    other = Deck(id="other", title="Other", cards=(BasicCard(id="sb-ica", front="f", back="b"),))
    out = tmp_path / "x.apkg"
    with pytest.raises(NeuroquizError, match="sb-ica"):
        export_apkg([skull, other], out, today=TODAY, timestamp=STAMP)
    assert not out.exists()


def test_unwritable_target_is_one_clear_error(skull: Deck, tmp_path: Path) -> None:
    out = tmp_path / "missing-dir" / "x.apkg"
    with pytest.raises(NeuroquizError, match="cannot write"):
        export_apkg([skull], out, today=date(2026, 1, 1))


@pytest.mark.parametrize("front", ["\x01", "\u200b", " \u200b\x01 ", "\u00a0\ufeff"])
def test_defect_2_check_refuses_a_front_that_shows_nothing(tmp_path: Path, front: str) -> None:
    from neuroquiz.decks import check_decks

    deck = tmp_path / "d.yaml"
    escaped = front.encode("unicode_escape").decode()
    deck.write_text(
        f'title: D\ncards:\n  - id: d-one\n    type: basic\n    front: "{escaped}"\n    back: A\n'
    )
    found = [p.message for p in check_decks([deck])]
    assert found == ["card 'd-one': front shows nothing (only control or invisible characters)"]


def test_defect_2_text_with_a_visible_character_still_exports(tmp_path: Path) -> None:
    deck = Deck(id="d", title="D", cards=(BasicCard(id="d-one", front="\x01Q\u200b", back="A"),))
    out = tmp_path / "d.apkg"
    export_apkg([deck], out, today=TODAY, timestamp=STAMP)
    assert out.stat().st_size > 0


@pytest.mark.parametrize(
    "text",
    ["{{c1::the {{c2::medulla}} and pons}}", "{{c1::a::hint {{c2::b}}}} c", "x {{c3::{{c1::y}}}}"],
)
def test_defect_7_check_refuses_nested_clozes(tmp_path: Path, text: str) -> None:
    from neuroquiz.decks import check_decks

    deck = tmp_path / "d.yaml"
    deck.write_text(f"title: D\ncards:\n  - id: d-one\n    type: cloze\n    text: '{text}'\n")
    (problem,) = check_decks([deck])
    assert "holds another one (nested clozes are not supported" in problem.message


def test_defect_7_side_by_side_clozes_are_fine() -> None:
    from neuroquiz.models import ClozeCard

    assert ClozeCard(id="c", text="{{c1::a}} {{c2::b::hint}} {{c1::c}}").ordinals == (1, 2)
