"""The JSON Schema of a deck file, for editors (``decks/deck.schema.json``)."""

from __future__ import annotations

import json
from typing import Any

from neuroquiz.models import Deck

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def deck_json_schema() -> dict[str, Any]:
    """The JSON Schema of a deck file: the Deck model's schema without ``id``.

    The deck id is the file name, so it is neither a property nor required. Each card's
    ``type`` is required, as loading requires it to tell the card kinds apart.

    Returns:
        The schema, as a JSON-serialisable dict.
    """
    schema = Deck.model_json_schema()
    schema["properties"].pop("id", None)
    schema["required"] = [name for name in schema.get("required", []) if name != "id"]
    for definition in schema.get("$defs", {}).values():
        properties = definition.get("properties", {})
        if "type" in properties and "const" in properties["type"]:
            required = definition.setdefault("required", [])
            if "type" not in required:
                required.insert(0, "type")
    schema["description"] = (
        "A neuroquiz deck file. The deck id is the file name without .yaml; "
        "card ids are unique across all decks."
    )
    return {"$schema": SCHEMA_DIALECT, **schema}


def schema_text() -> str:
    """The exact text of ``decks/deck.schema.json``.

    Regenerate the file with
    ``python -c "from neuroquiz.decks.schema import schema_text as t; print(t(), end='')"``.
    """
    return json.dumps(deck_json_schema(), indent=2) + "\n"
