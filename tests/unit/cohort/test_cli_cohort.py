"""``neuroquiz export reviews`` and ``neuroquiz cohort`` through Click's runner."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner, Result

from neuroquiz.cli import cli
from tests.unit.cohort.conftest import Cohort, make_decks, random_grader, study


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.mark.parametrize("command", [["export", "reviews"], ["cohort"]])
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


# -- neuroquiz cohort ---------------------------------------------------------------------


def cohort_cmd(*args: str) -> Result:
    return run("cohort", *args, "--as-of", "2026-03-03")


def test_cohort_json_is_the_report(cohort: Cohort) -> None:
    result = cohort_cmd(str(cohort.out), "--decks", str(cohort.decks_dir), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["learners"] == 3 and data["leech_lapses"] == 8
    assert [p["learner"] for p in data["per_learner"]] == ["anon-ann", "anon-ben", "anon-cat"]
    assert len(data["cards"]) == 9 and data["cards"][0]["key"] == "sb-ica:c1"
    top = data["hardest"][0]
    assert top["key"] in {"va-acom", "sb-ica:c2"} and top["leech_learners"] == 1
    assert top["prompt"] and top["answer"]
    assert data["as_of"] == "2026-03-03" and data["since"] is None


def test_cohort_since_counts_later_answers_only(cohort: Cohort) -> None:
    every = json.loads(cohort_cmd(str(cohort.out), "--json").stdout)
    later = json.loads(cohort_cmd(str(cohort.out), "--json", "--since", "2026-02-25").stdout)
    assert later["since"] == "2026-02-25" and later["first_day"] == "2026-02-25"
    assert 0 < later["reviews"] < every["reviews"]


def test_cohort_table_is_readable(cohort: Cohort) -> None:
    result = cohort_cmd(str(cohort.out), "--decks", str(cohort.decks_dir), "--top", "9")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Cohort: 3 learners, ")
    start = lines.index("Hardest cards (9 of 9; leech = 8+ lapses; every card: --json)")
    assert lines[start + 1].split()[:3] == ["#", "card", "deck"]
    assert lines[start + 2].split()[0] == "1" and lines[start + 11] == ""
    assert any("What passes through the [bold]jugular[/] foramen? → CN IX" in x for x in lines)
    for title in ("Decks (", "Learners", "Generated vs authored cards"):
        assert any(line.startswith(title) for line in lines)
    assert any(line.split()[:3] == ["vascular", "Vascular", "4"] for line in lines)
    assert any(line.startswith("anon-ann ") for line in lines)


def test_cohort_accepts_one_partition_and_several_datasets(cohort: Cohort, tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    shutil.copytree(cohort.out / "learner=anon-ann", a / "learner=anon-ann")
    shutil.copytree(cohort.out / "learner=anon-ben", b / "learner=anon-ben")
    result = cohort_cmd(str(a), str(b / "learner=anon-ben"), "--json")
    assert result.exit_code == 0, result.output
    assert [p["learner"] for p in json.loads(result.stdout)["per_learner"]] == [
        "anon-ann",
        "anon-ben",
    ]


def _one_error_line(result: Result) -> str:
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("neuroquiz: error: ")
    return lines[0].removeprefix("neuroquiz: error: ")


def test_a_directory_with_no_data_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "empty" / "notes").mkdir(parents=True)
    (tmp_path / "empty" / "x.parquet").write_bytes(b"PAR1")
    message = _one_error_line(cohort_cmd(str(tmp_path / "empty")))
    assert message.startswith(f"{tmp_path / 'empty'}: no learner data here")
    missing = _one_error_line(cohort_cmd(str(tmp_path / "missing")))
    assert missing == f"{tmp_path / 'missing'}: no such directory"


def test_a_directory_that_cannot_be_listed_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As root a chmod 000 directory is still readable: the refusal is simulated.
    locked = tmp_path / "locked"
    locked.mkdir()
    real_iterdir = Path.iterdir

    def iterdir(self: Path) -> Any:
        if self == locked:
            raise PermissionError(13, "Permission denied", str(self))
        return real_iterdir(self)

    monkeypatch.setattr(Path, "iterdir", iterdir)
    message = _one_error_line(cohort_cmd(str(locked)))
    assert message == f"{locked}: cannot read it (Permission denied)"


def test_one_empty_directory_among_good_ones_is_refused(cohort: Cohort, tmp_path: Path) -> None:
    message = _one_error_line(cohort_cmd(str(cohort.out), str(tmp_path)))
    assert message.startswith(f"{tmp_path}: no learner data here")


def test_two_learners_with_the_same_id_is_one_line(cohort: Cohort, tmp_path: Path) -> None:
    shutil.copytree(cohort.out / "learner=anon-ben", tmp_path / "learner=anon-ben")
    message = _one_error_line(cohort_cmd(str(cohort.out), str(tmp_path)))
    assert message == (
        f"{tmp_path / 'learner=anon-ben'}: learner 'anon-ben' is also in "
        f"{cohort.out / 'learner=anon-ben'}: give each learner's export once"
    )


def _copy_with(cohort: Cohort, tmp_path: Path, name: str, table: pa.Table | bytes) -> Path:
    root = tmp_path / "ds"
    shutil.copytree(cohort.out / "learner=anon-ann", root / "learner=anon-ann")
    target = root / "learner=anon-ann" / name
    if isinstance(table, bytes):
        target.write_bytes(table)
    else:
        pq.write_table(table, target)
    return target


def test_a_parquet_file_of_another_shape_is_one_line(cohort: Cohort, tmp_path: Path) -> None:
    other = pa.table({"card_id": ["x"], "score": [1]})
    target = _copy_with(cohort, tmp_path, "reviews.parquet", other)
    message = _one_error_line(cohort_cmd(str(tmp_path / "ds")))
    assert message == f"{target}: not a neuroquiz reviews file (no column 'ordinal')"


def test_a_column_holding_the_wrong_kind_is_one_line(cohort: Cohort, tmp_path: Path) -> None:
    cards = pq.read_table(cohort.out / "learner=anon-ann" / "cards.parquet")
    index = cards.schema.get_field_index("lapses")
    broken = cards.set_column(index, "lapses", pa.array(["many"] * cards.num_rows))
    target = _copy_with(cohort, tmp_path, "cards.parquet", broken)
    message = _one_error_line(cohort_cmd(str(tmp_path / "ds")))
    assert message == (
        f"{target}: not a neuroquiz cards file (column 'lapses' holds string, expected int)"
    )


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"card_id,grade\nx,3\n", "not a Parquet file"),
        (b"PAR1" + b"\x00" * 40 + b"PAR1", "damaged"),
        (b"", "not a Parquet file"),
    ],
)
def test_a_file_that_is_not_parquet_is_one_line(
    cohort: Cohort, tmp_path: Path, data: bytes, problem: str
) -> None:
    target = _copy_with(cohort, tmp_path, "reviews.parquet", data)
    message = _one_error_line(cohort_cmd(str(tmp_path / "ds")))
    assert message.startswith(f"{target}: not a neuroquiz reviews file ({problem}")


def test_a_partition_without_its_cards_is_one_line(cohort: Cohort, tmp_path: Path) -> None:
    target = _copy_with(cohort, tmp_path, "cards.parquet", b"")
    target.unlink()
    message = _one_error_line(cohort_cmd(str(tmp_path / "ds")))
    assert message == f"{target.parent}: cards.parquet is missing"


def test_a_missing_deck_directory_is_one_line(cohort: Cohort, tmp_path: Path) -> None:
    message = _one_error_line(cohort_cmd(str(cohort.out), "--decks", str(tmp_path / "no")))
    assert message == f"{tmp_path / 'no'}: no such deck directory"


def test_a_bad_date_is_a_usage_error(cohort: Cohort) -> None:
    result = run("cohort", str(cohort.out), "--since", "March")
    assert result.exit_code == 2
