"""``neuroquiz export reviews`` and ``neuroquiz cohort`` through Click's runner."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from neuroquiz.cli import cli
from tests.unit.cohort.conftest import make_decks, random_grader, study


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.mark.parametrize("command", [["export", "reviews"]])
def test_help_has_an_example(command: list[str]) -> None:
    result = run(*command, "--help")
    assert result.exit_code == 0 and "Example:" in result.output


def test_export_reviews_says_what_it_wrote(tmp_path: Path) -> None:
    db = tmp_path / "p.db"
    study(db, make_decks(), days=3, grader=random_grader, seed=11)
    out = tmp_path / "out"
    result = run("--db", str(db), "export", "reviews", "--out", str(out), "--learner", "ann")
    assert result.exit_code == 0, result.output
    line = result.output.strip()
    assert line.startswith(f"Wrote {out / 'learner=ann'}: ") and " reviews, " in line
    assert line.endswith(", 9 study cards.")
    assert sorted(p.name for p in (out / "learner=ann").iterdir()) == [
        "cards.parquet",
        "reviews.parquet",
    ]


def test_export_reviews_without_a_database_is_one_line_and_exit_1(tmp_path: Path) -> None:
    db = tmp_path / "none.db"
    result = run("--db", str(db), "export", "reviews", "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"neuroquiz: error: {db}: no progress database here (study first, or give --db)"
    ]
    assert not db.exists() and not (tmp_path / "out").exists()
