"""The whole trip with the official ``anki`` library: neuroquiz -> Anki (study there) -> back.

neuroquiz decks, studied in neuroquiz, go to Anki with ``export anki --with-progress``; a real
collection imports them with "Import any learning progress", is studied with
``col.sched.answer_card`` (the answers Anki's own scheduler offers for each queued card), and
exports them with scheduling; ``import anki --with-progress`` brings them back. No review is
lost, every card keeps its id, text, tags, origin and source, and the SM-2 state continues
from Anki's.

Anki schedules by the real clock (its day starts at 4 am local time, as neuroquiz's), so the
neuroquiz answers here lie a few days in the past and Anki's are given now.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from neuroquiz.cli import cli
from neuroquiz.cli.anki_cmd import COMMANDS
from neuroquiz.decks import load_decks
from neuroquiz.models import ReviewLog, card_ordinals, study_key
from neuroquiz.sm2 import review
from neuroquiz.store import ProgressStore, open_store
from neuroquiz.study import study_day

from .conftest import import_apkg, notes_by_guid

pytest.importorskip("anki")

DECK = """\
title: Skull base
description: Foramina and canals
sources: [rhoton.txt]
generated: [sb-jugular]
cards:
  - id: sb-jugular
    type: basic
    front: What passes through the jugular foramen?
    back: CN IX, X and XI, and the internal jugular vein
    origin: generated
    source:
      document: rhoton.txt
      sentences: [The jugular foramen transmits CN IX, X and XI.]
    tags: [foramina, cranial-nerves]
  - id: sb-ica
    type: cloze
    text: The {{c1::ICA}} enters the skull via the {{c2::carotid canal}}.
    notes: Petrous segment first.
    source: {document: rhoton.txt}
    tags: [vascular]
  - id: sb-ovale
    type: mcq
    question: Which nerve exits the foramen ovale?
    answer: V3
    distractors: [V1, V2, VII]
    tags: [foramina]
  - id: sb-rotundum
    type: basic
    front: Which nerve exits the foramen rotundum?
    back: V2
"""
DAY_START = 4


@pytest.fixture(autouse=True)
def _registered() -> None:
    for command in COMMANDS:
        if command.name not in cli.commands:
            cli.add_command(command)


def invoke(db: Path, decks: Path, *args: str) -> Result:
    result = CliRunner().invoke(
        cli, ["--db", str(db), "--decks", str(decks), *args], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    return result


def local_day(moment: datetime) -> Any:
    return study_day(moment.astimezone(), DAY_START)


def answer_in_neuroquiz(store: ProgressStore, key: str, at: datetime, grade: int) -> None:
    before = store.state(key)
    after = review(before, grade, today=local_day(at))
    store.record_answer(ReviewLog(key=key, reviewed_at=at.astimezone(UTC), grade=grade,
                                  before=before, after=after, answer_ms=4000))  # fmt: skip


def study_in_anki(col: Any, plan: dict[str, list[int]]) -> list[int]:
    """Answer the cards Anki's queue offers as Anki's reviewer does, with the ratings
    ``plan`` gives each (by note GUID and card ord, ``"nq:x/0"``) in turn, until none is
    left; return the revlog ids of the answers."""
    from anki.scheduler_pb2 import CardAnswer

    left = {name: list(ratings) for name, ratings in plan.items()}
    ids: list[int] = []
    while any(left.values()):
        queued = col.sched.get_queued_cards(fetch_limit=50).cards
        item = next((q for q in queued if left.get(card_name(col, q.card.id))), None)
        assert item is not None, f"Anki does not offer {left}"
        rating = left[card_name(col, item.card.id)].pop(0)
        states = item.states
        by_rating = {
            CardAnswer.AGAIN: states.again,
            CardAnswer.HARD: states.hard,
            CardAnswer.GOOD: states.good,
            CardAnswer.EASY: states.easy,
        }
        at = int(datetime.now(UTC).timestamp() * 1000) + len(ids)
        answer = CardAnswer(
            card_id=item.card.id,
            current_state=states.current,
            new_state=by_rating[rating],
            rating=rating,
            answered_at_millis=at,
            milliseconds_taken=3500,
        )
        col.sched.answer_card(answer)
        ids.append(at)
    return ids


def card_name(col: Any, card_id: int) -> str:
    """``"<note guid>/<ord>"`` of an Anki card."""
    card = col.get_card(card_id)
    return f"{card.note().guid}/{card.ord}"


def export_from_anki(col: Any, out: Path, kind: str) -> None:
    from anki.collection import ExportAnkiPackageOptions

    if kind == "colpkg":
        col.export_collection_package(str(out), include_media=False, legacy=False)
        return
    options = ExportAnkiPackageOptions(
        with_scheduling=True, with_media=False, legacy=kind == "legacy"
    )
    col.export_anki_package(out_path=str(out), options=options, limit=None)


def log_rows(store: ProgressStore) -> list[tuple[Any, ...]]:
    return [
        tuple(row)
        for row in store.db.execute(
            "SELECT key, reviewed_at, grade, source, anki_id FROM review_log ORDER BY id"
        ).fetchall()
    ]


@pytest.mark.parametrize("kind", ["apkg", "legacy", "colpkg"])
def test_neuroquiz_to_anki_and_back_loses_nothing(
    anki_collection: Any, tmp_path: Path, kind: str
) -> None:
    from anki.scheduler_pb2 import CardAnswer

    decks, db = tmp_path / "decks", tmp_path / "progress.db"
    decks.mkdir()
    (decks / "skull-base.yaml").write_text(DECK, encoding="utf-8")
    deck_bytes = (decks / "skull-base.yaml").read_bytes()
    (deck,) = [item.deck for item in load_decks([decks]).decks]
    # 1. Study in neuroquiz: every study card but sb-rotundum has a history.
    now = datetime.now().astimezone()
    store = open_store(db)
    store.sync([deck])
    answer_in_neuroquiz(store, "sb-jugular", now - timedelta(days=8), 4)
    answer_in_neuroquiz(store, "sb-jugular", now - timedelta(days=7), 5)
    answer_in_neuroquiz(store, "sb-ica:c1", now - timedelta(days=2), 3)
    answer_in_neuroquiz(store, "sb-ica:c2", now - timedelta(days=1), 2)
    answer_in_neuroquiz(store, "sb-ovale", now - timedelta(days=1), 5)
    ours = log_rows(store)
    store.close()
    # 2. To Anki, with progress, and study there.
    out = tmp_path / "neuroquiz.apkg"
    invoke(db, decks, "export", "anki", "--with-progress", "-o", str(out))
    col = anki_collection()
    import_apkg(col, out, with_scheduling=True)
    assert col.db.scalar("SELECT count() FROM revlog") == len(ours)
    col.decks.select(col.decks.id("NeuroQuiz::Skull base"))
    ovale = notes_by_guid(col)["nq:sb-ovale"].cards()[0]
    col.sched.suspend_cards([ovale.id])  # suspended in Anki, never answered there
    # Good for sb-jugular, Again for the overdue sb-ica c1 (a lapse: it is relearning), Again
    # then Good for the new sb-rotundum (still in its learning steps), Good for sb-ica c2.
    plan = {
        "nq:sb-jugular/0": [CardAnswer.GOOD],
        "nq:sb-ica/0": [CardAnswer.AGAIN],
        "nq:sb-rotundum/0": [CardAnswer.AGAIN, CardAnswer.GOOD],
        "nq:sb-ica/1": [CardAnswer.GOOD],
    }
    given = study_in_anki(col, plan)
    assert len(given) == 5
    anki_cards = {
        study_key(note.guid[3:], card.ord + 1 if "{{c" in note.fields[0] else 0): card
        for note in notes_by_guid(col).values()
        for card in note.cards()
    }
    anki_today = col.sched.today
    # 3. Meanwhile neuroquiz answers sb-jugular again, after Anki did: the newer wins.
    store = open_store(db)
    answer_in_neuroquiz(store, "sb-jugular", datetime.now().astimezone() + timedelta(minutes=1), 3)
    jugular_here, ovale_here = store.state("sb-jugular"), store.state("sb-ovale")
    ours = log_rows(store)
    store.close()
    # 4. Back from Anki, with scheduling.
    back = tmp_path / f"from-anki.{kind}"
    export_from_anki(col, back, kind)
    result = invoke(db, decks, "import", "anki", str(back), "--with-progress")
    assert f"{len(given)} reviews added" in result.output
    store = open_store(db)
    rows = log_rows(store)
    # No review is lost: neuroquiz's own, untouched, and one row per Anki answer.
    assert rows[: len(ours)] == ours
    imported = rows[len(ours) :]
    assert sorted(row[4] for row in imported) == given
    assert {row[3] for row in imported} == {"anki"}
    # Every card keeps its id, text, tags, origin and source: the deck file did not change.
    assert (decks / "skull-base.yaml").read_bytes() == deck_bytes
    for card in deck.cards:
        assert store.card(card.id) == card
    assert store.card("sb-jugular").origin == "generated"  # type: ignore[union-attr]
    # The state continues from Anki's, except where neuroquiz answered later.
    today = local_day(datetime.now())
    seen = set()
    for card in deck.cards:
        for ordinal in card_ordinals(card):
            key = study_key(card.id, ordinal)
            state, anki = store.state(key), anki_cards[key]
            if key in ("sb-jugular", "sb-ovale"):
                continue
            assert state.lapses == anki.lapses
            assert state.ef == (max(130, anki.factor // 10) if anki.factor else 250)
            if anki.queue == 1:  # in its learning steps: due at a time today
                seen.add("learning")
                assert state.due == local_day(datetime.fromtimestamp(anki.due, UTC))
                assert state.interval == 0
            else:
                seen.add("review")
                assert state.due == today + timedelta(days=anki.due - anki_today)
                assert state.interval == anki.ivl
    assert seen == {"learning", "review"}
    # SM-2's n counts the answers in a row without a failure, Anki's and neuroquiz's:
    # c1 3 then Again, c2 2 then Good, sb-rotundum Again then Good.
    repetitions = {k: store.state(k).repetitions for k in ("sb-ica:c1", "sb-ica:c2", "sb-rotundum")}
    assert repetitions == {"sb-ica:c1": 0, "sb-ica:c2": 1, "sb-rotundum": 1}
    # So the next good review of c2 is SM-2's second step, due 6 days after it.
    c2 = store.state("sb-ica:c2")
    assert review(c2, 4, today=c2.due).interval == 6
    assert state_of(anki_cards["sb-rotundum"]) == (1, 1)  # new before, learning now
    assert store.state("sb-jugular") == jugular_here  # answered later here than in Anki
    # Suspended in Anki with no answer there since neuroquiz's: suspended here too, and
    # its schedule is neuroquiz's.
    assert store.is_suspended("sb-ovale") and store.state("sb-ovale") == ovale_here
    store.close()
    # A second import adds nothing and changes nothing.
    again = invoke(db, decks, "import", "anki", str(back), "--with-progress")
    assert "0 cards updated from Anki, 0 reviews added" in again.output
    store = open_store(db)
    assert log_rows(store) == rows
    store.close()


def state_of(card: Any) -> tuple[int, int]:
    """An Anki card's type and queue."""
    return int(card.type), int(card.queue)
