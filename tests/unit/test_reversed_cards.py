"""Reversed basic cards (``reverse: true``): two study cards, front->back and back->front,
through the model, the deck file, the JSON Schema, ``check``, sync and the study queue.
Real store in memory, injected clock, seeded rng."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from pydantic import ValidationError

from neuroquiz.cohort.cards_text import prompt_and_answer
from neuroquiz.decks import check_decks, dump_deck, load_deck, save_deck
from neuroquiz.decks.schema import deck_json_schema
from neuroquiz.models import (
    REVERSE_ORDINAL,
    BasicCard,
    ClozeCard,
    Deck,
    card_ordinals,
    split_study_key,
    study_key,
)
from neuroquiz.store import StudyOptions
from neuroquiz.store.rows import card_from_payload, card_payload
from neuroquiz.store.sync_prepare import deck_fingerprint
from tests.unit.day_study import DAY1, Clock, memory_store, study_day

GCS = BasicCard(id="gcs", front="Range of the GCS?", back="3 to 15", reverse=True)
SAH = BasicCard(id="sah", front="Thunderclap headache?", back="SAH")


def test_a_reversed_card_has_two_study_keys_that_split_back() -> None:
    assert card_ordinals(GCS) == (0, REVERSE_ORDINAL)
    assert card_ordinals(SAH) == (0,)
    assert [study_key("gcs", o) for o in card_ordinals(GCS)] == ["gcs", "gcs:reverse"]
    assert split_study_key("gcs:reverse") == ("gcs", REVERSE_ORDINAL)
    assert split_study_key("monro:c2") == ("monro", 2)


def test_cloze_numbers_stay_below_the_reverse_ordinal() -> None:
    ClozeCard(id="ok", text=f"{{{{c{REVERSE_ORDINAL - 1}::a}}}}")
    with pytest.raises(ValidationError, match="cloze numbers go up to"):
        ClozeCard(id="big", text=f"{{{{c{REVERSE_ORDINAL}::a}}}}")


def test_reverse_is_written_only_when_true_and_reads_back(tmp_path: Path) -> None:
    deck = Deck(id="pair", title="Pair", cards=(GCS, SAH))
    text = dump_deck(deck)
    assert text.count("reverse: true") == 1 and "reverse: false" not in text
    path = tmp_path / "pair.yaml"
    path.write_text(text, encoding="utf-8")
    assert load_deck(path) == deck


def test_save_in_place_turns_reverse_on_and_off(tmp_path: Path) -> None:
    path = tmp_path / "pair.yaml"
    save_deck(path, Deck(id="pair", title="Pair", cards=(SAH,)))
    on = Deck(id="pair", title="Pair", cards=(SAH.model_copy(update={"reverse": True}),))
    save_deck(path, on)
    assert "    back: SAH\n    reverse: true\n" in path.read_text(encoding="utf-8")
    assert load_deck(path) == on
    save_deck(path, Deck(id="pair", title="Pair", cards=(SAH,)))
    assert "reverse" not in path.read_text(encoding="utf-8")
    assert load_deck(path).cards == (SAH,)


def test_schema_allows_reverse_on_basic_cards_only() -> None:
    schema = deck_json_schema()
    reverse = schema["$defs"]["BasicCard"]["properties"]["reverse"]
    assert (reverse["type"], reverse["default"]) == ("boolean", False)
    assert "reverse" not in schema["$defs"]["ClozeCard"]["properties"]
    assert schema["$defs"]["ClozeCard"]["additionalProperties"] is False
    jsonschema = pytest.importorskip("jsonschema")
    basic = {"id": "a", "type": "basic", "front": "F", "back": "B", "reverse": True}
    jsonschema.validate({"title": "T", "cards": [basic]}, schema)
    cloze = {"id": "b", "type": "cloze", "text": "{{c1::x}}", "reverse": True}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"title": "T", "cards": [cloze]}, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"title": "T", "cards": [{**basic, "reverse": "yes"}]}, schema)


def test_check_names_the_line_of_a_bad_reverse_or_typed(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text(
        textwrap.dedent(
            """\
            title: Bad
            cards:
              - id: a
                type: basic
                front: F
                back: B
                reverse: maybe
              - id: c
                type: basic
                front: F2
                back: B2
                typed: 1
              - id: b
                type: cloze
                text: "{{c1::x}}"
                reverse: true
            """
        ),
        encoding="utf-8",
    )
    lines = [str(problem) for problem in check_decks([tmp_path])]
    assert len(lines) == 3, lines
    assert lines[0].startswith(f"{tmp_path / 'bad.yaml'}:7:") and "reverse" in lines[0]
    assert lines[1].startswith(f"{tmp_path / 'bad.yaml'}:12:") and "typed" in lines[1]
    assert lines[2].startswith(f"{tmp_path / 'bad.yaml'}:16:") and "reverse" in lines[2]


def test_sync_adds_and_retires_the_reverse_study_card_keeping_its_progress() -> None:
    store = memory_store(GCS)
    assert store.study_keys("gcs") == ["gcs", "gcs:reverse"]
    store.set_study_options(StudyOptions(bury_siblings=False))
    assert study_day(store, Clock(DAY1)) == ["gcs", "gcs:reverse"]
    reviewed = store.queue_entries(["gcs:reverse"])["gcs:reverse"].state
    one_way = GCS.model_copy(update={"reverse": False})
    store.sync([Deck(id="basics", title="Basics", cards=(one_way,))])
    assert store.study_keys("gcs") == ["gcs"]
    assert store.study_keys("gcs", include_retired=True) == ["gcs", "gcs:reverse"]
    store.sync([Deck(id="basics", title="Basics", cards=(GCS,))])
    assert store.study_keys("gcs") == ["gcs", "gcs:reverse"]
    assert store.queue_entries(["gcs:reverse"])["gcs:reverse"].state == reviewed


def test_a_cloze_that_becomes_a_reversed_card_gets_a_fresh_reverse_card() -> None:
    store = memory_store(ClozeCard(id="gcs", text="GCS {{c1::3}} to {{c2::15}}"))
    store.sync([Deck(id="basics", title="Basics", cards=(GCS,))])
    assert store.study_keys("gcs") == ["gcs", "gcs:reverse"]
    assert store.study_keys("gcs", include_retired=True) == [
        "gcs", "gcs:c1", "gcs:c2", "gcs:reverse"
    ]  # fmt: skip


def test_the_two_directions_are_siblings_forward_first() -> None:
    store = memory_store(GCS, SAH)
    clock = Clock(DAY1)
    assert study_day(store, clock) == ["gcs", "sah"]
    clock.next_day()
    assert study_day(store, clock) == ["gcs", "sah"]  # reviews due; the reverse waits
    clock.next_day()
    assert study_day(store, clock) == ["gcs:reverse"]


def test_burying_off_shows_both_directions_the_firststudy_day() -> None:
    store = memory_store(GCS, SAH)
    store.set_study_options(StudyOptions(bury_siblings=False))
    assert study_day(store, Clock(DAY1)) == ["gcs", "gcs:reverse", "sah"]


def test_the_reverse_card_asks_the_back() -> None:
    assert prompt_and_answer(GCS, 0) == ("Range of the GCS?", "3 to 15")
    assert prompt_and_answer(GCS, REVERSE_ORDINAL) == ("3 to 15", "Range of the GCS?")


def test_check_reports_a_card_that_a_reversed_card_already_asks(tmp_path: Path) -> None:
    (tmp_path / "twice.yaml").write_text(
        textwrap.dedent(
            """\
            title: Twice
            cards:
              - id: six
                type: basic
                front: CN VI?
                back: Abducens
                reverse: true
              - id: abducens
                type: basic
                front: abducens
                back: cn vi?
              - id: other
                type: basic
                front: Abducens
                back: Something else
            """
        ),
        encoding="utf-8",
    )
    lines = [str(problem) for problem in check_decks([tmp_path])]
    assert lines == [
        f"{tmp_path / 'twice.yaml'}:8:5: card 'abducens' asks what card 'six' asks the other"
        " way round (line 3)"
    ]


def test_a_plain_basic_card_stores_as_it_did_before_reverse_and_typed() -> None:
    """Payloads, content hashes and deck fingerprints of existing cards must not move: a
    changed hash counts as an edit (leech marks go) and every deck would sync again."""
    card = BasicCard(id="a", front="F", back="B")
    assert card_payload(card) == (
        '{"back":"B","front":"F","id":"a","notes":null,"origin":"authored",'
        '"source":null,"tags":[],"type":"basic"}'
    )  # the payload of neuroquiz before #13
    deck = Deck(id="d", title="T", cards=(card,))
    assert deck_fingerprint(deck) == "ca4921677e27d056d4cb9c8ad4bb2f712fc70fd2"
    assert '"reverse":true' in card_payload(card.model_copy(update={"reverse": True}))
    assert card_from_payload(card_payload(GCS)) == GCS
