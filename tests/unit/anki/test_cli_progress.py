"""`neuroquiz import anki --with-progress` through Click's runner, and what Anki cannot hold."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from neuroquiz.anki import export_apkg
from neuroquiz.cli import cli
from neuroquiz.cli.anki_cmd import COMMANDS
from neuroquiz.decks import load_decks
from neuroquiz.models import BasicCard, Deck, ReviewLog, ReviewState
from neuroquiz.store import open_store

from .conftest import STAMP, TODAY, crafted, ms

DECK = """\
title: Tiny
sources: [csdh.txt]
generated: [t-gen]
cards:
  - id: t-gen
    type: basic
    front: What is a CSDH?
    back: A chronic subdural haematoma
    origin: generated
    source: {document: csdh.txt, sentences: [A CSDH is a chronic subdural haematoma.]}
    tags: [csdh]
  - id: t-two
    type: cloze
    text: The {{c1::Glasgow Coma Scale}} ranges from {{c2::3}} to 15.
"""
ANSWERED = datetime(2026, 3, 1, 10, 0, tzinfo=UTC)
"""When the Anki answers of these tests were given."""


@pytest.fixture(autouse=True)
def _registered() -> None:
    for command in COMMANDS:
        if command.name not in cli.commands:
            cli.add_command(command)


@pytest.fixture
def decks(tmp_path: Path) -> Path:
    directory = tmp_path / "decks"
    directory.mkdir()
    (directory / "tiny.yaml").write_text(DECK, encoding="utf-8")
    return directory


def tiny(decks: Path) -> Deck:
    (loaded,) = load_decks([decks / "tiny.yaml"]).decks
    return loaded.deck


def invoke(tmp_path: Path, decks: Path, *args: str) -> Result:
    return CliRunner().invoke(
        cli, ["--db", str(tmp_path / "p.db"), "--decks", str(decks), *args], catch_exceptions=False
    )


def studied_in_anki(tmp_path: Path, deck: Deck) -> Path:
    """A package as Anki exports it after one review of t-gen and a suspension of t-two c2."""
    return crafted(
        tmp_path,
        [deck],
        cards={
            ("nq:t-gen", 0): {"type": 2, "queue": 2, "due": 12, "ivl": 12, "factor": 2650,
                              "reps": 2, "lapses": 0},
            ("nq:t-two", 1): {"queue": -1},
        },
        revlog=[
            ("nq:t-gen", 0, {"id": ms(ANSWERED - timedelta(days=3)), "ease": 3, "ivl": 3,
                             "type": 0, "time": 5000}),
            ("nq:t-gen", 0, {"id": ms(ANSWERED), "ease": 4, "ivl": 12, "factor": 2650}),
        ],
    )  # fmt: skip


def test_progress_comes_in_once(tmp_path: Path, decks: Path) -> None:
    package = studied_in_anki(tmp_path, tiny(decks))
    before = (decks / "tiny.yaml").read_bytes()
    first = invoke(tmp_path, decks, "import", "anki", str(package), "--with-progress")
    assert first.exit_code == 0, first.output
    assert first.output.splitlines() == [
        f"Unchanged {decks / 'tiny.yaml'} (2 cards)",
        f"Progress from {package}: 1 card updated from Anki, 2 reviews added, 0 skipped"
        " (2 unchanged, 0 of Anki's reviews already here).",
    ]
    # The deck file is as it was: origin, source and the deck's lists are neuroquiz's.
    assert (decks / "tiny.yaml").read_bytes() == before
    store = open_store(tmp_path / "p.db")
    state = store.state("t-gen")
    assert (state.interval, state.ef, state.due, state.repetitions) == (
        12, 265, TODAY + timedelta(days=12), 2)  # fmt: skip
    assert [(log.grade, log.after.interval) for log in store.review_logs("t-gen")] == [
        (4, 3), (5, 12)]  # fmt: skip
    sources = store.db.execute("SELECT DISTINCT source FROM review_log").fetchall()
    assert [tuple(row) for row in sources] == [("anki",)]
    # c2 alone is suspended in Anki: neuroquiz suspends whole cards, and c1 is not.
    assert not store.is_suspended("t-two")
    store.close()
    second = invoke(tmp_path, decks, "import", "anki", str(package), "--with-progress")
    assert second.exit_code == 0, second.output
    assert second.output.splitlines()[-1] == (
        f"Progress from {package}: 0 cards updated from Anki, 0 reviews added, 0 skipped"
        " (3 unchanged, 2 of Anki's reviews already here)."
    )


def test_newer_progress_in_neuroquiz_is_kept_and_said(tmp_path: Path, decks: Path) -> None:
    store = open_store(tmp_path / "p.db")
    store.sync([tiny(decks)])
    later = ReviewState(repetitions=1, interval=1, ef=260, due=date(2026, 3, 4),
                        last_review=date(2026, 3, 3))  # fmt: skip
    store.record_answer(ReviewLog(key="t-gen", reviewed_at=ANSWERED + timedelta(days=2),
                                  grade=5, before=ReviewState(), after=later))  # fmt: skip
    store.close()
    package = studied_in_anki(tmp_path, tiny(decks))
    result = invoke(tmp_path, decks, "import", "anki", str(package), "--with-progress")
    assert result.exit_code == 0, result.output
    assert "0 cards updated from Anki, 2 reviews added, 1 skipped" in result.output
    assert "  skipped 1 card: neuroquiz's last review is newer" in result.output
    store = open_store(tmp_path / "p.db")
    assert store.state("t-gen") == later
    assert len(store.review_logs("t-gen")) == 3
    store.close()


def test_a_deck_new_to_neuroquiz_is_written_synced_and_merged(
    tmp_path: Path, decks: Path, skull: Deck
) -> None:
    package = crafted(
        tmp_path, [tiny(decks), skull],
        cards={("nq:sb-jugular", 0): {"type": 2, "queue": 2, "due": 3, "ivl": 3,
                                      "factor": 2500}},
        revlog=[("nq:sb-jugular", 0, {"id": ms(ANSWERED), "ivl": 3})],
    )  # fmt: skip
    result = invoke(tmp_path, decks, "import", "anki", str(package), "--with-progress")
    assert result.exit_code == 0, result.output
    assert f"Created {decks / 'skull-base.yaml'} (3 cards)" in result.output
    assert "1 card updated from Anki, 1 review added" in result.output
    store = open_store(tmp_path / "p.db")
    assert store.state("sb-jugular").due == TODAY + timedelta(days=3)
    store.close()


def test_with_progress_the_deck_files_go_to_the_deck_directory(tmp_path: Path, decks: Path) -> None:
    package = studied_in_anki(tmp_path, tiny(decks))
    result = invoke(tmp_path, decks, "import", "anki", str(package), "--with-progress",
                    "--out", str(tmp_path / "elsewhere"))  # fmt: skip
    assert result.exit_code == 2
    assert "--with-progress imports into the deck directory" in result.output
    assert not (tmp_path / "elsewhere").exists() and not (tmp_path / "p.db").exists()
    same = invoke(tmp_path, decks, "import", "anki", str(package), "--with-progress",
                  "--out", str(decks))  # fmt: skip
    assert same.exit_code == 0, same.output


def test_a_malformed_schedule_is_one_line_and_nothing_is_written(
    tmp_path: Path, skull: Deck
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    package = crafted(tmp_path, [skull], cards={("nq:sb-jugular", 0): {"ivl": "x"}})
    result = invoke(tmp_path, empty, "import", "anki", str(package), "--with-progress")
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"neuroquiz: error: {package}: member collection.anki2 has malformed cards or review"
        " history"
    ]
    assert list(empty.iterdir()) == [] and not (tmp_path / "p.db").exists()


def test_a_clash_with_progress_writes_nothing(tmp_path: Path, decks: Path) -> None:
    store = open_store(tmp_path / "p.db")
    store.sync([tiny(decks)])
    store.close()
    edited = tiny(decks).model_copy(update={"title": "Renamed in Anki"})
    package = crafted(tmp_path, [edited], revlog=[("nq:t-gen", 0, {"id": ms(ANSWERED)})])
    result = invoke(tmp_path, decks, "import", "anki", str(package), "--with-progress")
    assert result.exit_code == 1
    assert "differs from the package (use --force" in result.output
    store = open_store(tmp_path / "p.db")
    assert store.review_logs() == []
    store.close()


def test_the_bundled_decks_take_progress_but_no_new_notes(tmp_path: Path) -> None:
    from neuroquiz.paths import bundled_decks_dir

    bundled = bundled_decks_dir()
    deck = load_decks([bundled]).decks[0].deck
    card_id = deck.cards[0].id
    package = crafted(tmp_path, [deck], revlog=[(f"nq:{card_id}", 0, {"id": ms(ANSWERED)})])
    result = invoke(tmp_path, bundled, "import", "anki", str(package), "--with-progress")
    assert result.exit_code == 0, result.output
    assert "1 review added" in result.output
    extra = BasicCard(id="made-in-anki", front="Q?", back="A")
    grown = deck.model_copy(update={"cards": (*deck.cards, extra)})
    package = crafted(tmp_path, [grown], name="grown.apkg")
    result = invoke(tmp_path, bundled, "import", "anki", str(package), "--with-progress",
                    "--force")  # fmt: skip
    assert result.exit_code == 2
    assert "the bundled decks are read-only" in result.output


def test_a_deck_back_from_anki_is_unchanged_and_force_keeps_what_anki_drops(
    tmp_path: Path, decks: Path
) -> None:
    deck = tiny(decks)
    package = tmp_path / "x.apkg"
    export_apkg([deck], package, today=TODAY, timestamp=STAMP)
    before = (decks / "tiny.yaml").read_bytes()
    # Anki loses the origin and the deck's lists; the file is still the same deck.
    result = invoke(tmp_path, decks, "import", "anki", str(package))
    assert result.exit_code == 0 and "Unchanged" in result.output
    assert (decks / "tiny.yaml").read_bytes() == before
    # A note edited in Anki: --force takes the edit and keeps the rest as it was.
    cloze = deck.cards[1].model_copy(update={"text": "The {{c1::GCS}} ranges from {{c2::3}}."})
    edited = deck.model_copy(update={"cards": (deck.cards[0], cloze)})
    export_apkg([edited], package, today=TODAY, timestamp=STAMP)
    assert invoke(tmp_path, decks, "import", "anki", str(package)).exit_code == 1
    forced = invoke(tmp_path, decks, "import", "anki", str(package), "--force")
    assert forced.exit_code == 0 and "Updated" in forced.output
    assert tiny(decks) == edited
