"""Leftovers after kills (issue 12 item 11): stale ones go on the next start, live ones stay."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from click.testing import CliRunner

from neuroquiz.cli import cli
from neuroquiz.leftovers import STALE_AFTER_SECONDS, clean_leftovers

HOUR_AGO = time.time() - STALE_AFTER_SECONDS - 60


def _aged(path: Path, when: float = HOUR_AGO) -> Path:
    os.utime(path, (when, when), follow_symlinks=False)
    return path


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_stale_leftovers_go_and_everything_else_stays(tmp_path: Path) -> None:
    deck_tmp = tmp_path / ".neuro.yaml.0a1b2c3d.tmp"
    deck_tmp.write_text("half a deck")
    _aged(deck_tmp)
    dead = _dead_pid()
    copy = tmp_path / f".progress.db.{dead}.tmp"
    copy.write_bytes(b"x" * 1000)
    copy_wal = tmp_path / f".progress.db.{dead}.tmp-wal"
    copy_wal.write_bytes(b"w")
    for path in (copy, copy_wal):
        _aged(path)
    # Not ours, or not stale, or still being written:
    fresh = tmp_path / ".other.yaml.deadbeef.tmp"
    fresh.write_text("being written now")
    live = tmp_path / f".progress.db.{os.getpid()}.tmp"
    live.write_bytes(b"a live backup")
    _aged(live)
    foreign = tmp_path / ".notes.tmp"
    foreign.write_text("someone else's")
    _aged(foreign)
    deck = tmp_path / "neuro.yaml"
    deck.write_text("title: T\n")
    _aged(deck)

    removed = clean_leftovers([tmp_path], now=time.time())

    assert sorted(removed) == sorted([deck_tmp, copy, copy_wal])
    assert not deck_tmp.exists() and not copy.exists() and not copy_wal.exists()
    assert fresh.exists() and live.exists() and foreign.exists() and deck.exists()


def test_a_stale_import_folder_goes_but_not_one_in_use(tmp_path: Path) -> None:
    old = tmp_path / "neuroquiz-anki-abc123"
    old.mkdir()
    (old / "collection.db").write_bytes(b"x" * 100)
    _aged(old / "collection.db")
    _aged(old)
    busy = tmp_path / "neuroquiz-anki-def456"
    busy.mkdir()
    (busy / "collection.db").write_bytes(b"growing")  # written now, folder old
    _aged(busy)

    removed = clean_leftovers([], now=time.time(), temp_dir=tmp_path)

    assert removed == [old]
    assert not old.exists() and busy.exists()


def test_a_link_named_like_a_leftover_is_never_followed(tmp_path: Path) -> None:
    target = tmp_path / "precious.db"
    target.write_text("keep")
    link = tmp_path / ".precious.db.0a1b2c3d.tmp"
    link.symlink_to(target)
    _aged(link)

    assert clean_leftovers([tmp_path], now=time.time()) == []
    assert target.read_text() == "keep" and link.is_symlink()


def test_the_next_command_cleans_the_database_backups_and_deck_folders(tmp_path: Path) -> None:
    decks = tmp_path / "decks"
    backups = tmp_path / "backups"
    decks.mkdir()
    backups.mkdir()
    left = [
        decks / ".neuro.yaml.0a1b2c3d.tmp",
        backups / f".p-20260101-000000.db.{_dead_pid()}.tmp",
        tmp_path / ".p.db.backup-v6.1234abcd.tmp",
    ]
    for path in left:
        path.write_text("half")
        _aged(path)

    result = CliRunner().invoke(
        cli, ["--db", str(tmp_path / "p.db"), "--decks", str(decks), "check"]
    )

    assert "Traceback" not in result.output
    assert [p for p in left if p.exists()] == []
