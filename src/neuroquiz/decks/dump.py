"""Deck models -> readable YAML: fixed key order, block style, literal blocks for multi-line.

The same value conversions are used by :func:`dump_deck` for new files and by ``save`` for
the cards it rewrites inside an existing file.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString

from neuroquiz.decks.comments import put_trailing
from neuroquiz.decks.yamlio import SCHEMA_COMMENT, dump_yaml
from neuroquiz.models import BasicCard, ClozeCard, Deck, McqCard, Source

AnyCard = BasicCard | ClozeCard | McqCard

CARD_KEY_ORDER: tuple[str, ...] = (
    "id",
    "type",
    "front",
    "back",
    "reverse",
    "typed",
    "text",
    "question",
    "answer",
    "distractors",
    "tags",
    "origin",
    "source",
    "notes",
)
"""Order of a card's keys in a file: what it asks first, bookkeeping last."""

DECK_KEY_ORDER: tuple[str, ...] = (
    "title",
    "description",
    "sources",
    "cards",
    "rejected",
    "generated",
)
"""Order of a deck file's top-level keys: generation's bookkeeping lists come after the cards."""

FLOW_KEYS = frozenset({"tags"})
"""Short lists written on one line, like ``tags: [trauma, gcs]``."""

_LINE_BREAKS = frozenset("\n\r\x85\u2028\u2029")


def _fits_literal_block(text: str) -> bool:
    """True if ``text`` reads back exactly from a literal block (``|``)."""
    # One trailing newline at most: with more, YAML's keep-chomping (|+) would swallow the
    # blank line that separates cards. And only characters YAML lets a block carry raw:
    # no control characters, no line breaks other than "\n" (they would be normalised).
    body = text.removesuffix("\n")
    return "\n" in body and not body.endswith("\n") and all(map(_block_safe, text))


def _block_safe(ch: str) -> bool:
    code = ord(ch)
    if ch in "\u2028\u2029":
        return False
    return (
        ch in "\t\n"
        or 0x20 <= code <= 0x7E
        or 0xA0 <= code <= 0xD7FF
        or (0xE000 <= code <= 0xFFFD and code != 0xFEFF)
        or 0x10000 <= code <= 0x10FFFF
    )


def scalar(text: str) -> str:
    """Return ``text`` styled for a deck file.

    Multi-line text becomes a literal block (``|``) so it reads as written. Multi-line text
    a block cannot carry exactly (control characters, carriage returns, several trailing
    newlines) is double-quoted, with escapes. Anything else is left to the emitter, which
    quotes only when it must.
    """
    styled: str = text
    if _fits_literal_block(text):
        styled = LiteralScalarString(text)
    elif any(ch in _LINE_BREAKS for ch in text):
        styled = DoubleQuotedScalarString(text)
    return styled


def flow_item(item: Any) -> Any:
    """Quote a scalar that would not read back from inside ``[...]``."""
    # The emitter writes "?x" plain inside [...], where the parser then reads "?" as a key
    # indicator; ":" and "-" are as fragile there. Quoting them keeps the value exact.
    if isinstance(item, str) and item[:1] in ("?", ":", "-"):
        return DoubleQuotedScalarString(item)
    return item


def yaml_value(key: str, value: Any) -> Any:
    """Convert a model field value to the ruamel node written for ``key``."""
    if isinstance(value, str):
        return scalar(value)
    if isinstance(value, tuple | list):
        if key not in FLOW_KEYS:
            return CommentedSeq(yaml_value(key, item) for item in value)
        sequence = CommentedSeq(flow_item(yaml_value(key, item)) for item in value)
        sequence.fa.set_flow_style()
        return sequence
    if isinstance(value, dict):
        return CommentedMap((k, yaml_value(k, v)) for k, v in value.items())
    return value


def _omit(model: type[BaseModel], key: str, value: Any) -> bool:
    """True if ``value`` is its field's empty default: no ``tags: []``, no ``notes: null``,
    no ``reverse: false``."""
    field = model.model_fields.get(key)
    if field is None or field.is_required():
        return False
    default = field.get_default(call_default_factory=True)
    empty = default is False or (not isinstance(default, bool) and default in (None, (), ""))
    return empty and value == default


def card_fields(card: AnyCard) -> dict[str, Any]:
    """The keys a card writes, in :data:`CARD_KEY_ORDER`, without empty defaults."""
    data = card.model_dump(mode="python")
    fields: dict[str, Any] = {}
    for key in CARD_KEY_ORDER:
        if key not in data:
            continue
        value = data[key]
        if isinstance(value, dict):  # the source: no "sentences: []" either
            value = {k: v for k, v in value.items() if not _omit(Source, k, v)}
        if key == "origin" or not _omit(type(card), key, value):
            fields[key] = value
    return fields


def card_node(card: AnyCard) -> CommentedMap:
    """A new ruamel mapping for ``card``."""
    return CommentedMap((key, yaml_value(key, value)) for key, value in card_fields(card).items())


def deck_fields(deck: Deck) -> dict[str, Any]:
    """The top-level keys a deck file writes besides ``cards``, without empty defaults."""
    data = deck.model_dump(
        mode="python", include={"title", "description", "sources", "rejected", "generated"}
    )
    return {
        key: data[key] for key in DECK_KEY_ORDER if key in data and not _omit(Deck, key, data[key])
    }


def dump_deck(deck: Deck) -> str:
    """Return the YAML text of a new deck file for ``deck``.

    The first line is the schema comment; keys come in a fixed friendly order; cards are
    separated by a blank line; empty defaults (no tags, no notes, no source) are left out.
    The deck id is not written: it is the file name.

    Args:
        deck: The deck to write.

    Returns:
        The file's text, ending with a newline.
    """
    document = CommentedMap()
    fields = deck_fields(deck)
    after = DECK_KEY_ORDER[DECK_KEY_ORDER.index("cards") + 1 :]
    for key, value in fields.items():
        if key not in after:
            document[key] = yaml_value(key, value)
    cards = CommentedSeq()
    for card in deck.cards:
        if cards:
            put_trailing(cards[-1], "\n")
        cards.append(card_node(card))
    put_trailing(document, "\n")
    document["cards"] = cards
    for key in after:
        if key in fields:
            put_trailing(document, "\n")  # a blank line after the cards, and between lists
            document[key] = yaml_value(key, fields[key])
    return f"{SCHEMA_COMMENT}\n{dump_yaml(document)}"
