"""``export reviews``: real databases (made through StudySession) to Parquet, row for row."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from neuroquiz.cohort import export as export_module
from neuroquiz.cohort.export import export_reviews, random_pseudonym
from neuroquiz.cohort.layout import CARD_COLUMNS, REVIEW_COLUMNS
from neuroquiz.errors import NeuroquizError
from neuroquiz.store import open_store
from tests.unit.cohort.conftest import Cohort, make_decks, random_grader, study


def _reviews(directory: Path) -> list[dict[str, object]]:
    return pq.read_table(directory / "reviews.parquet").to_pylist()


def test_files_have_the_documented_columns_and_nothing_else(cohort: Cohort) -> None:
    for result in cohort.exports:
        reviews = pq.read_schema(result.directory / "reviews.parquet")
        cards = pq.read_schema(result.directory / "cards.parquet")
        assert reviews.names == list(REVIEW_COLUMNS)
        assert cards.names == list(CARD_COLUMNS)
        assert reviews.metadata[b"neuroquiz_table"] == b"reviews"


def test_every_logged_answer_is_exported_with_its_stored_values(cohort: Cohort) -> None:
    for learner, result in zip(cohort.learners, cohort.exports, strict=True):
        with sqlite3.connect(learner.db) as conn:
            stored = conn.execute(
                "SELECT l.key, l.deck_id, l.reviewed_at, l.day, l.grade, l.was_new, "
                "l.state_before, l.state_after, l.answer_ms, c.type, c.origin "
                "FROM review_log AS l JOIN study_cards AS s ON s.key = l.key "
                "JOIN cards AS c ON c.id = s.card_id"
            ).fetchall()
            redrills = conn.execute(
                "SELECT key, reviewed_at, day, grade, state FROM redrill_log"
            ).fetchall()
        rows = _reviews(result.directory)
        first = {(_key(r), r["answered_at"]): r for r in rows if not r["redrill"]}
        assert len(first) == len(stored) == result.reviews > 0
        for key, deck, at, day, grade, was_new, before, after, ms, kind, origin in stored:
            row = first[(key, datetime.fromisoformat(at).astimezone(UTC))]
            b, a = json.loads(before), json.loads(after)
            assert row["deck_id"] == deck and row["card_type"] == kind
            assert row["origin"] == origin and row["source"] == "neuroquiz"
            assert row["day"] == date.fromisoformat(day) and row["grade"] == grade
            assert row["was_new"] is bool(was_new) and row["answer_ms"] == ms
            assert (row["interval_before"], row["interval_after"]) == (b["interval"], a["interval"])
            assert row["ef_before"] == Decimal(b["ef"]) / 100
            assert row["ef_after"] == Decimal(a["ef"]) / 100
            assert (row["lapses_before"], row["lapses_after"]) == (b["lapses"], a["lapses"])
            assert row["repetitions_before"] == b["repetitions"]
        again = sorted((_key(r), r["grade"]) for r in rows if r["redrill"])
        assert again == sorted((k, g) for k, _, _, g, _ in redrills)
        assert len(again) == result.redrills > 0


def test_card_states_are_exported_with_tags(cohort: Cohort) -> None:
    learner, result = cohort.learners[0], cohort.exports[0]
    with sqlite3.connect(learner.db) as conn:
        stored = {
            key: (interval, ef, lapses, due)
            for key, interval, ef, lapses, due in conn.execute(
                "SELECT key, interval, ef, lapses, due FROM study_cards"
            )
        }
    rows = pq.read_table(result.directory / "cards.parquet").to_pylist()
    assert len(rows) == len(stored) == result.cards
    for row in rows:
        interval, ef, lapses, due = stored[_key(row)]
        assert (row["interval_days"], row["ef"], row["lapses"]) == (
            interval,
            Decimal(ef) / 100,
            lapses,
        )
        assert row["due"] == (date.fromisoformat(due) if due else None)
    tags = {_key(row): row["tags"] for row in rows}
    assert tags["sb-jugular"] == ["foramina"] and tags["va-mca"] == []


def test_the_pseudonym_is_kept_in_the_database(tmp_path: Path) -> None:
    db = tmp_path / "p.db"
    study(db, make_decks(), days=2, grader=random_grader, seed=3)
    first = export_reviews(db, tmp_path / "out")
    second = export_reviews(db, tmp_path / "out", make_pseudonym=lambda: "anon-other")
    assert first.learner == second.learner
    assert first.learner.startswith("anon-") and not first.learner[5:].isdigit()
    assert [p.name for p in (tmp_path / "out").iterdir()] == [f"learner={first.learner}"]
    named = export_reviews(db, tmp_path / "out", learner="resident-07")
    assert named.directory == tmp_path / "out" / "learner=resident-07"


def test_random_pseudonyms_differ() -> None:
    assert len({random_pseudonym() for _ in range(50)}) == 50


def test_reexport_replaces_the_files_and_leaves_nothing_beside(tmp_path: Path) -> None:
    db = tmp_path / "p.db"
    decks = make_decks()
    study(db, decks, days=2, grader=random_grader, seed=4)
    out = tmp_path / "out"
    before = export_reviews(db, out, learner="ann")
    study(db, decks, days=3, grader=random_grader, seed=5, start=date(2026, 2, 10))
    after = export_reviews(db, out, learner="ann")
    assert after.reviews > before.reviews
    assert len(_reviews(after.directory)) == after.reviews + after.redrills
    assert sorted(p.name for p in out.iterdir()) == ["learner=ann"]


def test_a_failed_export_keeps_the_previous_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "p.db"
    study(db, make_decks(), days=2, grader=random_grader, seed=6)
    out = tmp_path / "out"
    good = export_reviews(db, out, learner="ann")
    kept = (good.directory / "reviews.parquet").read_bytes()

    def half_written(tables: object, directory: Path) -> None:
        (directory / "reviews.parquet").write_bytes(b"PAR1 half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(export_module, "_write_files", half_written)
    with pytest.raises(NeuroquizError, match="No space left on device"):
        export_reviews(db, out, learner="ann")
    assert (good.directory / "reviews.parquet").read_bytes() == kept
    assert sorted(p.name for p in out.iterdir()) == ["learner=ann"]


def test_a_leftover_of_an_interrupted_export_is_removed(tmp_path: Path) -> None:
    db = tmp_path / "p.db"
    study(db, make_decks(), days=1, grader=random_grader, seed=7)
    out = tmp_path / "out"
    (out / ".learner=ann.dead.tmp").mkdir(parents=True)
    (out / ".learner=bob.dead.tmp").mkdir()  # another learner's: not ours to remove
    export_reviews(db, out, learner="ann")
    assert sorted(p.name for p in out.iterdir()) == [".learner=bob.dead.tmp", "learner=ann"]


def test_answers_imported_from_anki_keep_their_source(tmp_path: Path) -> None:
    db = tmp_path / "p.db"
    study(db, make_decks(), days=1, grader=random_grader, seed=8)
    with sqlite3.connect(db) as conn:  # as an Anki history import marks its rows
        conn.execute("UPDATE review_log SET source = 'anki' WHERE key = 'va-mca'")
    rows = _reviews(export_reviews(db, tmp_path / "out", learner="ann").directory)
    sources = {(_key(r), r["source"]) for r in rows if not r["redrill"]}
    assert ("va-mca", "anki") in sources and ("va-acom", "neuroquiz") in sources


def test_a_database_with_no_answers_exports_empty_reviews(tmp_path: Path) -> None:
    db = tmp_path / "p.db"
    store = open_store(db)
    store.sync(make_decks())
    store.close()
    result = export_reviews(db, tmp_path / "out", learner="new")
    assert (result.reviews, result.redrills, result.cards) == (0, 0, 9)
    assert _reviews(result.directory) == []
    assert pq.read_schema(result.directory / "reviews.parquet").names == list(REVIEW_COLUMNS)


@pytest.mark.parametrize("name", ["../x", ".hidden", "a b", "x=y", "", "a" * 65])
def test_an_unusable_learner_name_is_refused(tmp_path: Path, name: str) -> None:
    db = tmp_path / "p.db"
    open_store(db).close()
    with pytest.raises(NeuroquizError, match="learner name"):
        export_reviews(db, tmp_path / "out", learner=name)
    assert not (tmp_path / "out").exists()


def test_a_missing_database_or_a_file_as_output_is_refused(tmp_path: Path) -> None:
    with pytest.raises(NeuroquizError, match="no progress database"):
        export_reviews(tmp_path / "none.db", tmp_path / "out")
    assert not (tmp_path / "none.db").exists()
    db = tmp_path / "p.db"
    open_store(db).close()
    (tmp_path / "file").write_text("x")
    with pytest.raises(NeuroquizError, match="is not a directory"):
        export_reviews(db, tmp_path / "file")


def _key(row: dict[str, object]) -> str:
    ordinal = row["ordinal"]
    return str(row["card_id"]) if ordinal == 0 else f"{row['card_id']}:c{ordinal}"
