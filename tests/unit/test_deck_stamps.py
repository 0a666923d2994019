"""Deck files unchanged since the last sync are not parsed again; changed ones always are."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from neuroquiz.cli import cli
from neuroquiz.decks import load

TINY = """\
title: Tiny
cards:
  - id: t-one
    type: basic
    front: What connects the lateral and third ventricles?
    back: foramen of Monro
  - id: t-two
    type: cloze
    text: The {{c1::Glasgow Coma Scale}} ranges from {{c2::3}} to 15.
"""
OTHER = """\
title: Other
cards:
  - id: o-one
    type: basic
    front: Which nerve is cranial nerve VII?
    back: the facial nerve
"""
OLD_NS = 1_600_000_000 * 10**9  # 2020: far from "now", so the stat is trusted


@pytest.fixture
def decks(tmp_path: Path) -> Path:
    directory = tmp_path / "decks"
    directory.mkdir()
    for name, text in (("tiny.yaml", TINY), ("other.yaml", OTHER)):
        path = directory / name
        path.write_text(text, encoding="utf-8")
        os.utime(path, ns=(OLD_NS, OLD_NS))
    return directory


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every deck text parsed (fast reader or round trip), as it happens."""
    seen: list[str] = []
    fast, slow = load.read_plain, load.parse_yaml

    def counting_fast(text: str) -> object:
        seen.append(text)
        return fast(text)

    def counting_slow(text: str) -> object:
        seen.append(text)
        return slow(text)

    monkeypatch.setattr(load, "read_plain", counting_fast)
    monkeypatch.setattr(load, "parse_yaml", counting_slow)
    return seen


def invoke(tmp_path: Path, decks: Path, *args: str) -> Result:
    return CliRunner().invoke(
        cli, ["--db", str(tmp_path / "p.db"), "--decks", str(decks), *args], catch_exceptions=False
    )


def backs(tmp_path: Path) -> list[str]:
    with sqlite3.connect(tmp_path / "p.db") as conn:
        rows = conn.execute(
            "SELECT json_extract(payload, '$.back') FROM cards WHERE retired = 0 AND type = 'basic'"
            " ORDER BY id"
        )
        return [row[0] for row in rows]


def test_unchanged_files_are_not_parsed_again(
    tmp_path: Path, decks: Path, parses: list[str]
) -> None:
    assert invoke(tmp_path, decks, "sync").exit_code == 0
    assert len(parses) == 2  # each file once
    parses.clear()
    second = invoke(tmp_path, decks, "sync")
    assert second.exit_code == 0
    assert "0 added, 0 changed, 0 retired, 0 restored, 3 unchanged" in second.output
    assert "Synced 2 decks" in second.output
    assert invoke(tmp_path, decks, "stats").exit_code == 0
    assert parses == []


def test_a_touched_file_is_hashed_not_parsed(
    tmp_path: Path, decks: Path, parses: list[str]
) -> None:
    invoke(tmp_path, decks, "sync")
    parses.clear()
    os.utime(decks / "tiny.yaml", ns=(OLD_NS + 10**9, OLD_NS + 10**9))
    assert "3 unchanged" in invoke(tmp_path, decks, "sync").output
    assert parses == []


def test_an_edit_keeping_size_and_mtime_is_picked_up(
    tmp_path: Path, decks: Path, parses: list[str]
) -> None:
    invoke(tmp_path, decks, "sync")
    path = decks / "tiny.yaml"
    before = path.stat()
    edited = TINY.replace("foramen of Monro", "foramen of Munro")
    assert len(edited) == len(TINY)
    path.write_text(edited, encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    parses.clear()
    result = invoke(tmp_path, decks, "sync")
    assert "1 changed" in result.output
    assert parses == [edited]  # only the edited file
    assert backs(tmp_path) == ["the facial nerve", "foramen of Munro"]


def test_a_new_file_reusing_an_unchanged_files_card_id_is_rejected(
    tmp_path: Path, decks: Path
) -> None:
    invoke(tmp_path, decks, "sync")
    (decks / "zzz.yaml").write_text(OTHER.replace("title: Other", "title: Copy"), "utf-8")
    result = invoke(tmp_path, decks, "sync")
    assert result.exit_code == 1
    assert "card id 'o-one' is already used in" in result.output
    assert "other.yaml:3" in result.output


def test_an_earlier_new_file_takes_the_id_from_an_unchanged_later_one(
    tmp_path: Path, decks: Path
) -> None:
    """Ids are checked in file order whether a file was parsed or not."""
    invoke(tmp_path, decks, "sync")
    (decks / "aaa.yaml").write_text(OTHER.replace("title: Other", "title: First"), "utf-8")
    result = invoke(tmp_path, decks, "sync")
    assert result.exit_code == 1
    assert "other.yaml:3:5: card id 'o-one' is already used in" in result.output


def test_a_deleted_file_retires_its_cards_and_a_restored_one_is_parsed(
    tmp_path: Path, decks: Path, parses: list[str]
) -> None:
    invoke(tmp_path, decks, "sync")
    (decks / "tiny.yaml").unlink()
    assert "2 retired" in invoke(tmp_path, decks, "sync").output
    (decks / "tiny.yaml").write_text(TINY, encoding="utf-8")
    parses.clear()
    assert "2 restored" in invoke(tmp_path, decks, "sync").output
    assert parses == [TINY]
