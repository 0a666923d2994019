"""`neuroquiz export anki|tsv` and `neuroquiz import anki` through Click's runner."""

from __future__ import annotations

import hashlib
import sqlite3
import zipfile
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner, Result

from neuroquiz.cli import cli
from neuroquiz.cli.anki_cmd import COMMANDS
from neuroquiz.models import ReviewLog, ReviewState

DECK = """\
title: Tiny
cards:
  - id: t-one
    type: basic
    front: What connects the lateral and <third> ventricles?
    back: foramen of Monro & co
    tags: [csf]
  - id: t-two
    type: cloze
    text: The {{c1::Glasgow Coma Scale}} ranges from {{c2::3}} to 15.
"""


@pytest.fixture(autouse=True)
def _registered() -> None:
    # The lead registers these in cli/__init__.py; until then the tests add them.
    for command in COMMANDS:
        if command.name not in cli.commands:
            cli.add_command(command)


@pytest.fixture
def decks(tmp_path: Path) -> Path:
    directory = tmp_path / "decks"
    directory.mkdir()
    (directory / "tiny.yaml").write_text(DECK, encoding="utf-8")
    return directory


def invoke(tmp_path: Path, decks: Path, *args: str) -> Result:
    return CliRunner().invoke(
        cli, ["--db", str(tmp_path / "p.db"), "--decks", str(decks), *args], catch_exceptions=False
    )


def test_export_anki_is_reproducible_with_a_timestamp(tmp_path: Path, decks: Path) -> None:
    shas = []
    for name in ("a.apkg", "b.apkg"):
        result = invoke(tmp_path, decks, "export", "anki", "-o", str(tmp_path / name),
                        "--timestamp", "1767225600")  # fmt: skip
        assert result.exit_code == 0, result.output
        assert "1 deck, 2 notes, 3 cards" in result.output
        shas.append(hashlib.sha256((tmp_path / name).read_bytes()).hexdigest())
    assert shas[0] == shas[1]


def test_note_times_are_the_deck_file_time_without_timestamp(tmp_path: Path, decks: Path) -> None:
    out = tmp_path / "x.apkg"
    assert invoke(tmp_path, decks, "export", "anki", "-o", str(out)).exit_code == 0
    with zipfile.ZipFile(out) as archive:
        (tmp_path / "c.db").write_bytes(archive.read("collection.anki2"))
    mods = {row[0] for row in sqlite3.connect(tmp_path / "c.db").execute("SELECT mod FROM notes")}
    assert mods == {int((decks / "tiny.yaml").stat().st_mtime)}


def test_export_with_progress_reads_the_store(tmp_path: Path, decks: Path) -> None:
    from neuroquiz.decks import load_decks
    from neuroquiz.store import open_store

    store = open_store(tmp_path / "p.db")
    store.sync([loaded.deck for loaded in load_decks([decks]).decks])
    day = date.today()
    after = ReviewState(repetitions=1, interval=1, ef=260, due=day + timedelta(days=1),
                        last_review=day)  # fmt: skip
    store.record_answer(ReviewLog(key="t-two:c1", reviewed_at=datetime.now(UTC), grade=5,
                                  before=ReviewState(), after=after))  # fmt: skip
    store.set_suspended("t-one", True)
    store.close()
    out = tmp_path / "p.apkg"
    result = invoke(tmp_path, decks, "export", "anki", "--with-progress", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "1 review card, 1 suspended, 1 review of history" in result.output
    assert "Import any learning progress" in result.output
    with zipfile.ZipFile(out) as archive:
        (tmp_path / "c.db").write_bytes(archive.read("collection.anki2"))
    rows = sqlite3.connect(tmp_path / "c.db").execute(
        "SELECT n.guid, c.ord, c.type, c.queue, c.ivl, c.factor, c.reps FROM cards c"
        " JOIN notes n ON n.id = c.nid ORDER BY n.guid, c.ord").fetchall()  # fmt: skip
    assert rows == [("nq:t-one", 0, 0, -1, 0, 0, 0),
                    ("nq:t-two", 0, 2, 2, 1, 2600, 1),
                    ("nq:t-two", 1, 0, 0, 0, 0, 0)]  # fmt: skip
    revlog = sqlite3.connect(tmp_path / "c.db").execute(
        "SELECT ease, ivl, lastIvl, factor, type FROM revlog").fetchall()  # fmt: skip
    assert revlog == [(4, 1, 0, 2600, 0)]


def test_export_unknown_deck_is_a_usage_error(tmp_path: Path, decks: Path) -> None:
    result = invoke(tmp_path, decks, "export", "anki", "nope", "-o", str(tmp_path / "x.apkg"))
    assert result.exit_code == 2
    assert "no deck 'nope' (decks: tiny)" in result.output
    assert not (tmp_path / "x.apkg").exists()


def test_export_with_no_decks_is_one_line_and_exit_1(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    result = invoke(tmp_path, empty, "export", "tsv", "-o", str(tmp_path / "x.txt"))
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [f"neuroquiz: error: {empty}: no deck to export"]


def test_export_tsv(tmp_path: Path, decks: Path) -> None:
    out = tmp_path / "x.txt"
    result = invoke(tmp_path, decks, "export", "tsv", "tiny", "-o", str(out))
    assert result.exit_code == 0, result.output
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "#separator:tab" and len(lines) == 8
    assert lines[6].split("\t")[:5] == [
        "nq:t-one", "NeuroQuiz Basic", "NeuroQuiz::Tiny", "csf tiny",
        "What connects the lateral and &lt;third&gt; ventricles?",
    ]  # fmt: skip


def test_import_creates_then_changes_nothing(tmp_path: Path, decks: Path) -> None:
    package, out = tmp_path / "x.apkg", tmp_path / "imported"
    assert invoke(tmp_path, decks, "export", "anki", "-o", str(package)).exit_code == 0
    first = invoke(tmp_path, decks, "import", "anki", str(package), "--out", str(out))
    assert first.exit_code == 0, first.output
    assert f"Created {out / 'tiny.yaml'} (2 cards)" in first.output
    text, mtime = (out / "tiny.yaml").read_text(), (out / "tiny.yaml").stat().st_mtime_ns
    second = invoke(tmp_path, decks, "import", "anki", str(package), "--out", str(out))
    assert second.exit_code == 0 and "Unchanged" in second.output
    assert (out / "tiny.yaml").read_text() == text
    assert (out / "tiny.yaml").stat().st_mtime_ns == mtime
    assert "origin: authored" in text and "<third>" in text


def test_import_refuses_to_clobber_a_changed_deck_without_force(
    tmp_path: Path, decks: Path
) -> None:
    package = tmp_path / "x.apkg"
    assert invoke(tmp_path, decks, "export", "anki", "-o", str(package)).exit_code == 0
    # Importing back into the deck directory itself: same cards, but the file says nothing
    # about origin, so it is equal; edit it to make it differ.
    edited = DECK.replace("foramen of Monro & co", "foramen of Monro")
    (decks / "tiny.yaml").write_text(edited, encoding="utf-8")
    result = invoke(tmp_path, decks, "import", "anki", str(package))
    assert result.exit_code == 1
    assert "differs from the package (use --force" in result.output
    assert (decks / "tiny.yaml").read_text() == edited
    forced = invoke(tmp_path, decks, "import", "anki", str(package), "--force")
    assert forced.exit_code == 0 and "Updated" in forced.output
    assert "foramen of Monro & co" in (decks / "tiny.yaml").read_text()


def test_import_card_id_clash_with_another_deck(tmp_path: Path, decks: Path) -> None:
    package = tmp_path / "x.apkg"
    assert invoke(tmp_path, decks, "export", "anki", "-o", str(package)).exit_code == 0
    (decks / "tiny.yaml").rename(decks / "other.yaml")
    result = invoke(tmp_path, decks, "import", "anki", str(package))
    assert result.exit_code == 1
    assert "card id 't-one' is already used by deck 'other'" in result.output
    assert sorted(p.name for p in decks.iterdir()) == ["other.yaml"]


@pytest.mark.parametrize("content", [b"", b"PK\x03\x04 truncated", b"not a zip at all"])
def test_hostile_import_is_one_line_exit_1_nothing_written(
    tmp_path: Path, decks: Path, content: bytes
) -> None:
    package, out = tmp_path / "bad.apkg", tmp_path / "out"
    package.write_bytes(content)
    result = invoke(tmp_path, decks, "import", "anki", str(package), "--out", str(out))
    assert result.exit_code == 1
    assert result.output.count("\n") == 1 and result.output.startswith("neuroquiz: error: ")
    assert not out.exists()


def test_import_into_bundled_decks_needs_out(tmp_path: Path) -> None:
    from neuroquiz.paths import bundled_decks_dir

    result = invoke(tmp_path, bundled_decks_dir(), "import", "anki", str(tmp_path / "x.apkg"))
    assert result.exit_code == 2
    assert "give --out DIR" in result.output


@pytest.mark.parametrize(
    "path", [["export"], ["export", "anki"], ["export", "tsv"], ["import"], ["import", "anki"]]
)
def test_every_command_has_help_with_an_example(path: list[str]) -> None:
    result = CliRunner().invoke(cli, [*path, "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output


def test_groups_are_click_groups() -> None:
    assert all(isinstance(command, click.Group) for command in COMMANDS)


def test_defect_3_export_before_the_day_start_uses_the_study_day(
    tmp_path: Path, decks: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from neuroquiz.cli import clock
    from neuroquiz.decks import load_decks
    from neuroquiz.store import open_store

    # 02:00 on 3 March with the day starting at 6: the study day is still 2 March.
    now = datetime(2026, 3, 3, 2, 0, tzinfo=UTC)
    monkeypatch.setattr(clock, "local_now", lambda: now)
    store = open_store(tmp_path / "p.db")
    store.set_day_start_hour(6)
    store.sync([loaded.deck for loaded in load_decks([decks]).decks])
    after = ReviewState(repetitions=1, interval=1, ef=250, due=date(2026, 3, 3),
                        last_review=date(2026, 3, 2))  # fmt: skip
    store.record_answer(ReviewLog(key="t-two:c1", reviewed_at=now - timedelta(hours=3),
                                  grade=4, before=ReviewState(), after=after))  # fmt: skip
    store.close()
    out = tmp_path / "p.apkg"
    result = invoke(tmp_path, decks, "export", "anki", "--with-progress", "-o", str(out))
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(out) as archive:
        (tmp_path / "c.db").write_bytes(archive.read("collection.anki2"))
    connection = sqlite3.connect(tmp_path / "c.db")
    crt, conf = connection.execute("SELECT crt, conf FROM col").fetchone()
    (due,) = connection.execute("SELECT due FROM cards WHERE type = 2").fetchone()
    connection.close()
    # Created on the study day, the card due one day later: tomorrow, not today.
    assert crt == int(datetime(2026, 3, 2, tzinfo=UTC).timestamp())
    assert due == 1
    assert '"rollover": 6' in conf


def test_defect_4_an_edit_exported_with_the_same_timestamp_updates_anki(
    tmp_path: Path, decks: Path, anki_collection: Callable[[], Any]
) -> None:
    import os

    from .conftest import import_apkg, notes_by_guid

    stamp = "1767225600"
    first, second = tmp_path / "1.apkg", tmp_path / "2.apkg"
    deck_file = decks / "tiny.yaml"
    os.utime(deck_file, (1_700_000_000, 1_700_000_000))  # older than the timestamp
    assert invoke(tmp_path, decks, "export", "anki", "-o", str(first),
                  "--timestamp", stamp).exit_code == 0  # fmt: skip
    col = anki_collection()
    import_apkg(col, first)
    deck_file.write_text(DECK.replace("foramen of Monro & co", "interventricular foramen"))
    assert invoke(tmp_path, decks, "export", "anki", "-o", str(second),
                  "--timestamp", stamp).exit_code == 0  # fmt: skip
    log = import_apkg(col, second).log
    assert len(log.updated) >= 1
    assert notes_by_guid(col)["nq:t-one"]["Back"] == "interventricular foramen"
