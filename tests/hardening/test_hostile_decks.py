"""Hostile deck files (issue 12): each is one ``path:line:col`` problem, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from neuroquiz.cli import cli
from neuroquiz.decks import DeckError, load_deck

GOOD = """\
title: Tiny
cards:
  - id: t-one
    type: basic
    front: What connects the lateral and third ventricles?
    back: foramen of Monro
"""


def invoke(tmp_path: Path, decks: Path, *args: str) -> Result:
    """Run the CLI in-process; an exception escaping a command fails the test."""
    return CliRunner().invoke(
        cli, ["--db", str(tmp_path / "p.db"), "--decks", str(decks), *args], catch_exceptions=False
    )


@pytest.fixture
def decks(tmp_path: Path) -> Path:
    directory = tmp_path / "decks"
    directory.mkdir()
    (directory / "tiny.yaml").write_text(GOOD, encoding="utf-8")
    return directory


MERGE_KEYS = {
    "top level, list of maps": ("title: B\n<<: [{a: 1}]\ncards: []\n", 2, 1),
    "top level, inline map": ("title: B\n<<: {description: x}\ncards: []\n", 2, 1),
    "inside a card": (
        "title: B\ncards:\n  - id: b1\n    <<: {type: basic, front: x}\n    back: y\n",
        4,
        5,
    ),
}
MERGE_MESSAGE = "YAML merge keys (<<) are not allowed in deck files; write the keys out in full"


@pytest.mark.parametrize("name", sorted(MERGE_KEYS))
def test_a_merge_key_is_one_problem_at_its_line(tmp_path: Path, name: str) -> None:
    text, line, col = MERGE_KEYS[name]
    path = tmp_path / "merged.yaml"
    path.write_text(text, encoding="utf-8")

    with pytest.raises(DeckError) as caught:
        load_deck(path)

    assert [(p.line, p.col, p.message) for p in caught.value.problems] == [
        (line, col, MERGE_MESSAGE)
    ]


def test_a_quoted_merge_key_is_only_an_unknown_key(tmp_path: Path) -> None:
    path = tmp_path / "quoted.yaml"
    path.write_text('title: B\n"<<": x\ncards: []\n', encoding="utf-8")

    with pytest.raises(DeckError) as caught:
        load_deck(path)

    assert [p.message.split(" (")[0] for p in caught.value.problems] == ["unknown key '<<'"]


@pytest.mark.parametrize(
    "command", [["check"], ["sync"], ["stats"], ["export", "tsv", "-o", "out.txt"]]
)
def test_a_merge_key_does_not_stop_the_other_decks(
    tmp_path: Path, decks: Path, command: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    bad = decks / "merged.yaml"
    bad.write_text(textwrap.dedent(MERGE_KEYS["top level, list of maps"][0]), encoding="utf-8")

    result = invoke(tmp_path, decks, *command)

    output = result.output
    assert "Traceback" not in output
    assert f"{bad}:2:1: {MERGE_MESSAGE}" in output
    if command == ["check"]:
        assert result.exit_code == 1


# Issue 12 #8: regular files only, size bounded before reading; check answers, never hangs.


def _check_in_subprocess(tmp_path: Path, *targets: Path) -> subprocess.CompletedProcess[str]:
    # A subprocess with a timeout: a hang fails the test instead of hanging the suite.
    return subprocess.run(
        [sys.executable, "-m", "neuroquiz", "--db", str(tmp_path / "p.db"), "check"]
        + [str(t) for t in targets],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_check_on_a_fifo_answers_with_one_problem(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)

    proc = _check_in_subprocess(tmp_path, fifo)

    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert f"{fifo}:1:1: is a named pipe (FIFO), not a deck file" in proc.stdout


def test_check_on_a_symlink_loop_answers_with_one_problem(tmp_path: Path) -> None:
    loop = tmp_path / "loop.yaml"
    loop.symlink_to(loop.name)

    proc = _check_in_subprocess(tmp_path, loop)

    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert proc.stdout.startswith(f"{loop}:1:1: cannot read file:")


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_a_deck_linked_to_dev_zero_is_refused_before_reading(tmp_path: Path) -> None:
    link = tmp_path / "zero.yaml"
    link.symlink_to("/dev/zero")

    with pytest.raises(DeckError) as caught:
        load_deck(link)

    # A link out of the deck folder is refused before it is even opened (item 6); the
    # device itself, named directly, is refused before reading too.
    assert [p.message for p in caught.value.problems] == [
        "is a symbolic link to /dev/zero, outside the deck folder; it is not read "
        "(copy the file into the folder instead)"
    ]
    with pytest.raises(DeckError) as direct:
        load_deck(Path("/dev/zero"))
    assert [p.message for p in direct.value.problems] == ["is a device, not a deck file"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_non_files_named_like_decks_in_a_directory_are_reported_not_skipped(
    tmp_path: Path, decks: Path
) -> None:
    os.mkfifo(decks / "pipe.yaml")
    (decks / "loop.yaml").symlink_to("loop.yaml")

    proc = _check_in_subprocess(tmp_path, decks)

    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    lines = proc.stdout.splitlines()
    assert any(line.startswith(f"{decks / 'loop.yaml'}:1:1: cannot read") for line in lines)
    assert f"{decks / 'pipe.yaml'}:1:1: is a named pipe (FIFO), not a deck file" in lines


def test_read_regular_file_never_reads_past_the_limit(tmp_path: Path) -> None:
    from neuroquiz.fileio import FileTooLargeError, read_regular_file

    path = tmp_path / "big.yaml"
    path.write_bytes(b"x" * 101)

    with pytest.raises(FileTooLargeError) as caught:
        read_regular_file(path, 100)
    assert caught.value.size == 101
    assert read_regular_file(path, 101) == b"x" * 101
