"""The command line, driven through Click's runner and, where it matters, a real subprocess."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from neuroquiz.cli import cli
from neuroquiz.paths import bundled_decks_dir

GOOD = """\
# yaml-language-server: $schema=deck.schema.json
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


@pytest.fixture
def decks(tmp_path: Path) -> Path:
    directory = tmp_path / "decks"
    directory.mkdir()
    (directory / "tiny.yaml").write_text(GOOD, encoding="utf-8")
    return directory


def invoke(tmp_path: Path, decks: Path, *args: str) -> Result:
    runner = CliRunner()
    return runner.invoke(
        cli, ["--db", str(tmp_path / "p.db"), "--decks", str(decks), *args], catch_exceptions=False
    )


def test_version() -> None:
    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert "neuroquiz" in result.output


@pytest.mark.parametrize(
    "command",
    ["check", "schema", "sync", "stats", "config", "generate", "backup", "doctor"],
)
def test_every_command_has_help_with_an_example(command: str) -> None:
    result = CliRunner().invoke(cli, [command, "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output


def test_usage_error_exits_2() -> None:
    result = CliRunner().invoke(cli, ["no-such-command"])
    assert result.exit_code == 2


def test_check_clean(tmp_path: Path, decks: Path) -> None:
    result = invoke(tmp_path, decks, "check")
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "OK: 1 decks, 2 cards, no problems."


def test_check_reports_file_line_and_exit_1(tmp_path: Path, decks: Path) -> None:
    bad = GOOD.replace("{{c1::Glasgow Coma Scale}} ranges from {{c2::3}}", "Nothing deleted")
    (decks / "bad.yaml").write_text(bad.replace("t-", "b-"), encoding="utf-8")
    result = invoke(tmp_path, decks, "check")
    assert result.exit_code == 1
    lines = [line for line in result.stdout.splitlines() if line]
    assert len(lines) == 1
    assert lines[0].startswith(f"{decks / 'bad.yaml'}:10:5:")
    assert "deletion" in lines[0]


def test_check_bundled_decks_are_clean() -> None:
    result = CliRunner().invoke(cli, ["check", str(bundled_decks_dir())])
    assert result.exit_code == 0, result.output


def test_schema_matches_committed_file(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["schema"])
    assert result.exit_code == 0
    committed = (bundled_decks_dir() / "deck.schema.json").read_text(encoding="utf-8")
    assert result.output == committed
    out = tmp_path / "s.json"
    assert CliRunner().invoke(cli, ["schema", "-o", str(out)]).exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8")) == json.loads(committed)


def test_sync_twice_changes_nothing(tmp_path: Path, decks: Path) -> None:
    first = invoke(tmp_path, decks, "sync")
    assert first.exit_code == 0, first.output
    assert "2 added" in first.output
    dump = _dump(tmp_path / "p.db")
    second = invoke(tmp_path, decks, "sync")
    assert "0 added, 0 changed, 0 retired" in second.output
    assert _dump(tmp_path / "p.db") == dump


SECOND = (
    GOOD.replace("title: Tiny", "title: Other").replace("t-one", "o-one").replace("t-two", "o-two")
)


@pytest.mark.parametrize("command", [["sync"], ["stats"]])
def test_another_decks_directory_is_a_warning_naming_the_last_one(
    tmp_path: Path, decks: Path, command: list[str]
) -> None:
    """#13 defect 12: --decks pointing elsewhere hid most decks without a word."""
    (decks / "other.yaml").write_text(SECOND, encoding="utf-8")
    assert invoke(tmp_path, decks, "sync").exit_code == 0
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "other.yaml").write_text(SECOND, encoding="utf-8")
    result = invoke(tmp_path, elsewhere, *command)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        f"warning: this database was last synced from {decks.resolve()}, not "
        f"{elsewhere.resolve()}: 1 deck not in {elsewhere.resolve()} is hidden and 2 cards "
        f"retired (progress kept; --decks {decks.resolve()} brings them back)"
    ]
    # The database follows the new directory now: said once, not at every command.
    assert invoke(tmp_path, elsewhere, *command).stderr == ""
    back = invoke(tmp_path, decks, *command)
    assert back.stderr.startswith(
        f"warning: this database was last synced from {elsewhere.resolve()}"
    )


def test_stats_json(tmp_path: Path, decks: Path) -> None:
    result = invoke(tmp_path, decks, "stats", "--json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    # One basic card and a cloze with c1 and c2: three study cards, all new.
    assert rows == [
        {
            "deck": "tiny",
            "new": 3,
            "due": 0,
            "learned": 0,
            "reviews_today": 0,
            "retention_30d": None,
        }
    ]


def test_config_sets_limits(tmp_path: Path, decks: Path) -> None:
    assert invoke(tmp_path, decks, "sync").exit_code == 0
    result = invoke(tmp_path, decks, "config", "--new-per-day", "7", "--day-start-hour", "5")
    assert result.exit_code == 0, result.output
    assert "7 new and 200 reviews a day" in result.output
    assert "starts at 5:00" in result.output
    result = invoke(tmp_path, decks, "config", "--deck", "tiny", "--reviews-per-day", "9")
    assert "deck tiny: 7 new and 9 reviews a day" in result.output
    result = invoke(tmp_path, decks, "config", "--deck", "nope", "--new-per-day", "1")
    assert result.exit_code == 1
    assert "nope" in result.output


def test_config_turns_sibling_burying_off_and_on(tmp_path: Path, decks: Path) -> None:
    assert invoke(tmp_path, decks, "sync").exit_code == 0
    shown = invoke(tmp_path, decks, "config")
    assert shown.output.splitlines()[-1] == "siblings: one a day (buried)"
    off = invoke(tmp_path, decks, "config", "--no-bury-siblings")
    assert off.output.splitlines()[-1] == "siblings: all on the same day (not buried)"
    assert invoke(tmp_path, decks, "config").output.splitlines()[-1].endswith("(not buried)")
    on = invoke(tmp_path, decks, "config", "--bury-siblings")
    assert on.output.splitlines()[-1] == "siblings: one a day (buried)"
    usage = invoke(tmp_path, decks, "config", "--deck", "tiny", "--bury-siblings")
    assert usage.exit_code == 2


def test_config_sets_the_leech_threshold(tmp_path: Path, decks: Path) -> None:
    assert invoke(tmp_path, decks, "sync").exit_code == 0
    shown = invoke(tmp_path, decks, "config")
    assert "leeches: suspended at 8 lapses (then every 4 more)" in shown.output.splitlines()
    six = invoke(tmp_path, decks, "config", "--leech-lapses", "6")
    assert six.exit_code == 0, six.output
    assert "leeches: suspended at 6 lapses (then every 3 more)" in six.output.splitlines()
    off = invoke(tmp_path, decks, "config", "--leech-lapses", "0")
    assert "leeches: off" in off.output.splitlines()
    assert "siblings: one a day (buried)" in off.output  # the other option is untouched
    assert invoke(tmp_path, decks, "config", "--leech-lapses", "-1").exit_code == 2
    assert invoke(tmp_path, decks, "config", "--deck", "tiny", "--leech-lapses", "3").exit_code == 2
    assert "leeches: off" in invoke(tmp_path, decks, "config").output
    stats = invoke(tmp_path, decks, "stats")
    assert stats.output.splitlines()[-1] == "Leeches: 0 (is:leech in Browse)"


def test_custom_raises_todays_limits(tmp_path: Path, decks: Path) -> None:
    assert invoke(tmp_path, decks, "config", "--new-per-day", "1").exit_code == 0
    result = invoke(tmp_path, decks, "custom", "--extra-new", "1")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "today, every deck: +1 new and +0 reviews; today's session holds 2 new and 0 reviews."
    ]
    again = invoke(tmp_path, decks, "custom", "--deck", "tiny", "--extra-new", "5")
    assert "today, deck tiny: +5 new" in again.output
    # Three study cards, siblings buried: the basic card and one deletion of the cloze.
    assert "holds 2 new" in again.output
    nothing = invoke(tmp_path, decks, "custom")
    assert nothing.exit_code == 2 and "give --extra-new N or --extra-reviews N" in nothing.output
    unknown = invoke(tmp_path, decks, "custom", "--deck", "nope", "--extra-new", "1")
    assert unknown.exit_code == 1 and "no deck with id 'nope'" in unknown.output
    assert "Traceback" not in unknown.output


def _dump(path: Path) -> list[str]:
    with sqlite3.connect(path) as conn:
        return list(conn.iterdump())


def _run(*args: str, env_db: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "neuroquiz", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_database_that_is_not_sqlite(tmp_path: Path, decks: Path) -> None:
    db = tmp_path / "notes.db"
    db.write_text("these are my notes, not a database\n" * 20, encoding="utf-8")
    before = db.read_bytes()
    proc = _run("--db", str(db), "--decks", str(decks), "sync")
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1
    assert str(db) in lines[0]
    assert db.read_bytes() == before


def test_database_from_newer_schema(tmp_path: Path, decks: Path) -> None:
    db = tmp_path / "future.db"
    assert _run("--db", str(db), "--decks", str(decks), "sync").returncode == 0
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA user_version = 999")
    before = db.read_bytes()
    proc = _run("--db", str(db), "--decks", str(decks), "stats")
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
    assert "newer" in proc.stderr
    assert db.read_bytes() == before


def test_unwritable_data_directory(tmp_path: Path, decks: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    proc = _run("--db", str(blocker / "sub" / "p.db"), "--decks", str(decks), "sync")
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
    assert str(blocker) in proc.stderr


def test_malformed_deck_file_gives_one_line(tmp_path: Path, decks: Path) -> None:
    (decks / "broken.yaml").write_text("title: [unclosed\ncards: -", encoding="utf-8")
    proc = _run("--db", str(tmp_path / "p.db"), "--decks", str(decks), "check")
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr + proc.stdout
    problem_lines = [line for line in proc.stdout.splitlines() if line]
    assert problem_lines
    assert all(line.startswith(str(decks / "broken.yaml") + ":") for line in problem_lines)


def test_python_dash_m_and_console_script_agree() -> None:
    proc = _run("--version")
    assert proc.returncode == 0
    script = shutil.which("neuroquiz", path=str(Path(sys.executable).parent))
    assert script is not None
    via_script = subprocess.run([script, "--version"], capture_output=True, text=True, check=True)
    assert via_script.stdout == proc.stdout
