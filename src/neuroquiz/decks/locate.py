"""Turn pydantic validation errors into deck problems at the line of the offending node.

A pydantic error carries a ``loc`` path such as ``('cards', 3, 'mcq', 'distractors', 1)``.
It is walked through the document (ruamel's round trip, or the positioned fast read of
:mod:`.fastdoc`), whose mappings and sequences remember where each key and item started
(``.lc.key(k)``, ``.lc.item(i)``); the message is rewritten for a person editing the file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from neuroquiz.decks.dump import CARD_KEY_ORDER, DECK_KEY_ORDER
from neuroquiz.decks.fastdoc import MAPPINGS, SEQUENCES
from neuroquiz.decks.problems import DeckProblem
from neuroquiz.models import (
    CARD_ID_PATTERN,
    CARD_TYPES,
    BasicCard,
    ClozeCard,
    Deck,
    McqCard,
    Source,
)

CARD_MODELS: dict[str, type[BaseModel]] = {"basic": BasicCard, "cloze": ClozeCard, "mcq": McqCard}
_EXPECTED_TYPES = "basic, cloze or mcq"
_ID_RULE = "use lowercase letters, digits and single hyphens"


def model_keys(model: type[BaseModel]) -> tuple[str, ...]:
    """The keys a deck file may use for ``model``, in file order (never the deck id)."""
    names = [name for name in model.model_fields if not (model is Deck and name == "id")]
    order = CARD_KEY_ORDER + DECK_KEY_ORDER
    return tuple(sorted(names, key=lambda name: order.index(name) if name in order else 99))


def describe(value: Any) -> str:
    """Name the kind of a YAML value the way an instructor would ("a number", "a list")."""
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, date):
        return "a date"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, str):
        return "text"
    return type(value).__name__


def node_position(node: Any) -> tuple[int, int] | None:
    """The 1-based start of a ruamel mapping or sequence, if it knows it."""
    lc = getattr(node, "lc", None)
    if lc is None or lc.line is None:
        return None
    return int(lc.line) + 1, int(lc.col) + 1


def key_position(mapping: Any, key: Any) -> tuple[int, int]:
    """The 1-based position of ``key`` in a ruamel mapping."""
    line, col = mapping.lc.key(key)
    return int(line) + 1, int(col) + 1


def item_position(sequence: Any, index: int) -> tuple[int, int]:
    """The 1-based position of item ``index`` of a ruamel sequence."""
    line, col = sequence.lc.item(index)
    return int(line) + 1, int(col) + 1


@dataclass
class _Where:
    """Where a ``loc`` path ends in the document, and what it passed through."""

    position: tuple[int, int]
    node: Any = None
    found: bool = True
    card: Any = None
    card_type: str | None = None
    labels: tuple[str, ...] = ()


def _walk(root: Any, loc: tuple[int | str, ...]) -> _Where:
    where = _Where(position=node_position(root) or (1, 1), node=root)
    node: Any = root
    in_cards = False
    for part in loc:
        if isinstance(node, MAPPINGS):
            if where.card is node and part in CARD_TYPES:
                where.card_type = str(part)  # the union's tag: no node of its own
                continue
            try:
                present = part in node
            except TypeError:
                present = False
            if not present:
                where.found = False
                where.labels += (str(part),)
                break
            where.position = key_position(node, part)
            in_cards = node is root and part == "cards"
            node = node[part]
            where.labels += (str(part),)
        elif isinstance(node, SEQUENCES) and isinstance(part, int) and 0 <= part < len(node):
            where.position = item_position(node, part)
            node = node[part]
            if in_cards:
                where.card = node if isinstance(node, MAPPINGS) else None
                where.labels = ()
            else:
                where.labels += (f"item {part + 1}",)
            in_cards = False
        else:
            where.found = False
            break
    where.node = node
    return where


def _label(labels: tuple[str, ...]) -> str:
    if not labels:
        return "value"
    if len(labels) >= 2 and labels[-1].startswith("item "):
        return f"{labels[-1]} of {'.'.join(labels[:-1])}"
    return ".".join(labels)


def _item_matching(node: Any, message: str) -> int | None:
    """Index of the sequence item a value-error message is about, if one can be told."""
    if not isinstance(node, SEQUENCES):
        return None
    for index, item in enumerate(node):
        if isinstance(item, str) and repr(str(item)) in message:
            return index
    if "empty" in message:
        for index, item in enumerate(node):
            if not isinstance(item, str) or not item.strip():
                return index
    return None


def _value_error(where: _Where, message: str) -> tuple[str, tuple[int, int]]:
    position = where.position
    card = where.card
    if card is not None and where.node is card:
        if message.startswith(("distractor", "a distractor")):
            distractors = card.get("distractors")
            index = _item_matching(distractors, message)
            if index is not None:
                position = item_position(distractors, index)
        elif "needs a source" in message and "origin" in card:
            position = key_position(card, "origin")
        return message, position
    index = _item_matching(where.node, message)
    if index is not None:
        position = item_position(where.node, index)
    return message, position


def _type_message(kind: str, label: str, value: Any) -> str:
    what = describe(value)
    if what == "empty":
        return f"{label} is empty"
    hint = "; put it in quotes" if what in ("a number", "true/false", "a date") else ""
    return f"{label} must be {kind}, not {what}{hint}"


def _allowed_keys(where: _Where, labels: tuple[str, ...]) -> str:
    if where.card is None:
        model: type[BaseModel] = Deck
    elif labels[:1] == ("source",):
        model = Source
    else:
        model = CARD_MODELS.get(where.card_type or "", BasicCard)
    return ", ".join(model_keys(model))


def _describe_error(where: _Where, error: dict[str, Any]) -> tuple[str, tuple[int, int]]:
    kind = str(error["type"])
    ctx: dict[str, Any] = error.get("ctx") or {}
    value = error.get("input")
    label = _label(where.labels)
    position = where.position
    if kind == "extra_forbidden":
        key = where.labels[-1] if where.labels else "?"
        allowed = _allowed_keys(where, where.labels[:-1])
        return f"unknown key {key!r} (expected {allowed})", position
    if kind == "missing":
        if where.card is not None and not where.labels[:-1]:
            return f"{where.card_type or 'this'} card needs {label!r}", position
        if len(where.labels) >= 2:
            return f"{'.'.join(where.labels[:-1])} needs {where.labels[-1]!r}", position
        return f"missing key {label!r}", position
    if kind == "union_tag_invalid":
        if where.card is not None and "type" in where.card:
            position = key_position(where.card, "type")
        return f"unknown card type {ctx.get('tag')!r} (expected {_EXPECTED_TYPES})", position
    if kind == "union_tag_not_found":
        return f"card has no 'type' (expected {_EXPECTED_TYPES})", position
    if kind in ("model_attributes_type", "model_type", "dict_type"):
        if where.card is None and where.labels == () and where.node is not None:
            return f"a card must be a mapping with 'id' and 'type', not {describe(value)}", position
        return f"{label} must be a mapping, not {describe(value)}", position
    if kind == "string_type":
        return _type_message("text", label, value), position
    if kind in ("tuple_type", "list_type"):
        return _type_message("a list", label, value), position
    if kind == "string_too_short":
        return f"{label} is empty", position
    if kind == "string_too_long":
        return f"{label} is too long (at most {ctx.get('max_length')} characters)", position
    if kind == "string_pattern_mismatch":
        return f"invalid {label} {value!r}: {_ID_RULE}, like 'nb-gcs-range'", position
    if kind in ("too_short", "too_long"):
        count = ctx.get("actual_length")
        if where.labels[-1:] == ("distractors",):
            return f"an mcq card needs 2 to 5 distractors, found {count}", position
        bound = ctx.get("min_length") if kind == "too_short" else ctx.get("max_length")
        side = "at least" if kind == "too_short" else "at most"
        return f"{label} has {count} items; it needs {side} {bound}", position
    if kind == "literal_error":
        return f"{label} must be {ctx.get('expected')}, not {value!r}", position
    if kind == "value_error":
        message = str(error["msg"]).removeprefix("Value error, ")
        return _value_error(where, message)
    return f"{label}: {error['msg']}", position


def validation_problems(
    path: Path, root: Any, errors: ValidationError | Iterable[dict[str, Any]]
) -> list[DeckProblem]:
    """Map every error of a failed ``Deck`` validation to a problem in ``path``.

    Args:
        path: The deck file (its name is the deck id).
        root: The ruamel document that was validated (after ``to_plain``).
        errors: The validation error, or its error dictionaries.
    """
    items: Iterable[Any] = (
        errors.errors(include_url=False) if isinstance(errors, ValidationError) else errors
    )
    problems: list[DeckProblem] = []
    for item in items:
        loc = tuple(item["loc"])
        where = _walk(root, loc)
        message, (line, col) = _describe_error(where, dict(item))
        card_id = where.card.get("id") if where.card is not None else None
        named = isinstance(card_id, str) and re.fullmatch(CARD_ID_PATTERN, card_id) is not None
        if named and loc[-1:] != ("id",):
            message = f"card {card_id!r}: {message}"
        problems.append(DeckProblem(path, line, col, message))
    return problems


def bad_file_name_message(path: Path) -> str:
    """The message for a deck file whose name is not a valid deck id."""
    return f"file name {path.name!r} is not a valid deck id: {_ID_RULE}, like 'neuro-basics.yaml'"
