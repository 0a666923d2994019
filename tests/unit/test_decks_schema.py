"""``decks/deck.schema.json`` is the Deck model's schema without the id, and matches the code."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from neuroquiz.decks import deck_json_schema, load_deck
from neuroquiz.decks.schema import schema_text
from neuroquiz.decks.yamlio import parse_yaml, to_plain

DECKS = Path(__file__).resolve().parents[2] / "decks"


def test_committed_schema_file_is_up_to_date() -> None:
    committed = (DECKS / "deck.schema.json").read_text(encoding="utf-8")

    # If this fails after a model change, regenerate the file:
    #   python -c "from neuroquiz.decks.schema import schema_text as t; print(t(), end='')" \
    #       > decks/deck.schema.json
    assert committed == json.dumps(deck_json_schema(), indent=2) + "\n"
    assert committed == schema_text()


def test_schema_has_no_deck_id_and_requires_card_types() -> None:
    schema = deck_json_schema()

    assert "id" not in schema["properties"]
    assert "id" not in schema.get("required", [])
    assert schema["required"] == ["title"]
    assert schema["additionalProperties"] is False
    for name in ("BasicCard", "ClozeCard", "McqCard"):
        card = schema["$defs"][name]
        assert "type" in card["required"] and "id" in card["required"]
        assert card["additionalProperties"] is False


def test_sample_deck_keys_are_all_in_the_schema() -> None:
    schema = deck_json_schema()
    data = to_plain(parse_yaml((DECKS / "neuro-basics.yaml").read_text(encoding="utf-8")))
    definitions = {"basic": "BasicCard", "cloze": "ClozeCard", "mcq": "McqCard"}

    assert set(data) <= set(schema["properties"])
    for card in data["cards"]:
        definition = schema["$defs"][definitions[card["type"]]]
        assert set(definition["required"]) <= set(card) <= set(definition["properties"])


def test_sample_deck_validates_against_the_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    data = to_plain(parse_yaml((DECKS / "neuro-basics.yaml").read_text(encoding="utf-8")))

    jsonschema.validate(data, deck_json_schema())
    assert load_deck(DECKS / "neuro-basics.yaml").title == data["title"]
