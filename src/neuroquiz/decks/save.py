"""Deck models -> deck files, editing an existing file in place so its comments survive.

An instructor's file is theirs: saving a deck changes only what changed. A card whose model
is unchanged keeps its node untouched (comments, quoting, layout); a changed card keeps its
comments and key order with the new values; removed cards go, new cards are appended; the
comment lines between cards stay with the card below them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    PlainScalarString,
    ScalarString,
    SingleQuotedScalarString,
)

from neuroquiz.decks.comments import (
    put_between,
    put_between_keys,
    put_trailing,
    set_before_first_item,
    take_after,
    take_between,
    take_trailing,
)
from neuroquiz.decks.dump import (
    CARD_KEY_ORDER,
    DECK_KEY_ORDER,
    AnyCard,
    card_fields,
    card_node,
    deck_fields,
    dump_deck,
    flow_item,
    yaml_value,
)
from neuroquiz.decks.load import ParsedDeck, deck_id_for, is_valid_id, parse_deck_file
from neuroquiz.decks.locate import bad_file_name_message
from neuroquiz.decks.problems import DeckError, DeckProblem
from neuroquiz.decks.yamlio import (
    YamlFileError,
    dump_yaml,
    make_yaml,
    parse_yaml,
    to_plain,
    write_atomic,
)
from neuroquiz.errors import NeuroquizError
from neuroquiz.models import Card, Deck, Source

_SOURCE_KEY_ORDER = ("document", "sentences")


@cache
def _card_adapter() -> TypeAdapter[AnyCard]:
    return TypeAdapter(Card)


def _same(old: Any, key: str, new: Any) -> bool:
    return bool(to_plain(old) == to_plain(yaml_value(key, new)))


def _restyled(old: Any, new: Any) -> Any:
    """Give a new scalar the quoting of the one it replaces, when that is still right."""
    if not isinstance(new, str) or isinstance(new, ScalarString):
        return new  # a literal block or an escaped string: its style is required
    if isinstance(old, SingleQuotedScalarString | DoubleQuotedScalarString):
        return type(old)(new)
    # Without this, ruamel would turn a one-line value into a block like its predecessor.
    return PlainScalarString(new) if isinstance(old, ScalarString) else new


def _update_sequence(sequence: CommentedSeq, key: str, values: Iterable[Any]) -> None:
    flow = sequence.fa.flow_style()

    def item(value: Any) -> Any:
        node = yaml_value(key, value)
        return flow_item(node) if flow else node

    new = list(values)
    for index, value in enumerate(new[: len(sequence)]):
        if not _same(sequence[index], key, value):
            sequence[index] = _restyled(sequence[index], item(value))
    while len(sequence) > len(new):
        region = take_trailing(sequence)
        del sequence[len(sequence) - 1]
        put_trailing(sequence, region)
    for value in new[len(sequence) :]:
        region = take_trailing(sequence)
        sequence.append(item(value))
        put_trailing(sequence, region)


def _set_value(node: CommentedMap, key: str, value: Any) -> None:
    old = node[key]
    if isinstance(old, CommentedMap) and isinstance(value, dict):
        _update_mapping(node[key], Source, value, _SOURCE_KEY_ORDER)
        return
    if isinstance(old, CommentedSeq) and old and isinstance(value, tuple | list) and value:
        _update_sequence(old, key, value)
        return
    region = take_after(node, key)
    new = yaml_value(key, value)
    if isinstance(old, CommentedSeq) and isinstance(new, CommentedSeq):
        if old.fa.flow_style():
            new.fa.set_flow_style()
        else:
            new.fa.set_block_style()
    # dict.__setitem__: CommentedMap's own would re-impose the old scalar's style.
    dict.__setitem__(node, key, _restyled(old, new))
    put_between_keys(node, key, region)


def _insert_index(node: CommentedMap, key: str, order: tuple[str, ...]) -> int:
    rank = order.index(key)
    index = 0
    for position, existing in enumerate(node):
        if existing in order and order.index(existing) < rank:
            index = position + 1
    return index


def _insert_key(node: CommentedMap, key: str, value: Any, order: tuple[str, ...]) -> None:
    index = _insert_index(node, key, order)
    keys = list(node)
    # Comment lines after the previous value sit above the next key: keep them there.
    region = take_after(node, keys[index - 1]) if 0 < index < len(keys) else ""
    node.insert(index, key, yaml_value(key, value))
    put_between_keys(node, key, region)


def _delete_key(node: CommentedMap, key: Any) -> None:
    keys = list(node)
    position = keys.index(key)
    # Comment lines after this value sit above the next key: keep them there. The lines
    # above the deleted key go with it, as they do for a deleted card.
    region = take_after(node, key) if position < len(keys) - 1 else ""
    del node[key]
    node.ca.items.pop(key, None)
    if position > 0:
        take_after(node, keys[position - 1])
        put_between_keys(node, keys[position - 1], region)


def _is_default(model: type[BaseModel], key: str, value: Any) -> bool:
    field = model.model_fields.get(key)
    return field is not None and not field.is_required() and field.get_default() == value


def _update_mapping(
    node: CommentedMap,
    model: type[BaseModel],
    fields: dict[str, Any],
    order: tuple[str, ...],
    keep: frozenset[str] = frozenset(),
) -> None:
    """Make ``node`` hold exactly ``fields`` (plus ``keep``), touching only what differs.

    A key the node lacks is not added when the value is the model's default (an
    instructor who never wrote ``origin: authored`` does not get it).
    """
    region = take_trailing(node)
    for key in [k for k in node if k not in fields and k not in keep]:
        _delete_key(node, key)
    for key, value in fields.items():
        if key not in node:
            if not _is_default(model, key, value):
                _insert_key(node, key, value, order)
        elif not _same(node[key], key, value):
            _set_value(node, key, value)
    put_trailing(node, region)


def _unchanged(node: Any, card: AnyCard) -> bool:
    try:
        return bool(_card_adapter().validate_python(to_plain(node)) == card)
    except ValidationError:
        return False


def _card_id(node: Any) -> str | None:
    card_id = node.get("id") if isinstance(node, CommentedMap) else None
    return card_id if isinstance(card_id, str) else None


def _separator(text: str, cards: CommentedSeq) -> str:
    """The region new cards get after them: a blank line if the file separates cards so."""
    lines = text.splitlines()
    if len(cards) < 2:
        return "\n"
    above = [int(cards.lc.item(i)[0]) - 1 for i in range(1, len(cards))]
    return "\n" if any(0 <= n < len(lines) and not lines[n].strip() for n in above) else ""


def _delete_card(document: CommentedMap, cards: CommentedSeq, index: int, holder: Any) -> None:
    region = take_between(cards, index, holder)  # the lines above the next card, or the end
    if index > 0:
        take_between(cards, index - 1, holder)  # the lines above the deleted card go with it
        del cards[index]
        put_between(cards, index - 1, region, holder)
    else:
        del cards[index]
        set_before_first_item(document, "cards", region if cards else "")


def _reorder(cards: CommentedSeq, order: list[str]) -> None:
    by_id = {_card_id(node): (node, cards.ca.items.get(i)) for i, node in enumerate(cards)}
    cards.ca.items.clear()
    for index, card_id in enumerate(order):
        node, comment = by_id[card_id]
        list.__setitem__(cards, index, node)
        if comment is not None:
            cards.ca.items[index] = comment


def _update_cards(document: CommentedMap, text: str, cards: tuple[AnyCard, ...]) -> None:
    sequence = document.get("cards")
    if not isinstance(sequence, CommentedSeq) or not sequence:
        nodes = CommentedSeq()
        for card in cards:
            if nodes:
                put_trailing(nodes[-1], "\n")
            nodes.append(card_node(card))
        if "cards" in document:
            dict.__setitem__(document, "cards", nodes)
        else:
            document["cards"] = nodes
        return
    separator = _separator(text, sequence)
    # Comment lines after the last card belong to the document if "cards" is its last key.
    holder = document if next(reversed(document)) == "cards" else sequence
    wanted = {card.id for card in cards}
    ids = [_card_id(node) for node in sequence]
    for index in reversed(range(len(sequence))):
        # An id used twice in a broken file: the first occurrence is the one kept.
        if ids[index] not in wanted or ids.index(ids[index]) != index:
            _delete_card(document, sequence, index, holder)
    order = [card.id for card in cards if card.id in set(ids)]
    if [_card_id(node) for node in sequence] != order:
        _reorder(sequence, order)
    for index, card in enumerate(cards):
        if index < len(sequence) and _card_id(sequence[index]) == card.id:
            if not _unchanged(sequence[index], card):
                region = take_between(sequence, index, holder)
                _update_mapping(sequence[index], type(card), card_fields(card), CARD_KEY_ORDER)
                put_between(sequence, index, region, holder)
            continue
        if index > 0:
            region = take_between(sequence, index - 1, holder)
            put_between(sequence, index - 1, separator, holder)
            sequence.insert(index, card_node(card))
            put_between(sequence, index, region, holder)
        else:
            sequence.insert(0, card_node(card))
            put_between(sequence, 0, separator, holder)


def _indentation(document: CommentedMap, text: str) -> dict[str, int]:
    """Guess the file's indentation so that re-emitting it does not re-indent every line."""
    indent = {"mapping": 2, "sequence": 4, "offset": 2}
    cards = document.get("cards")
    if not isinstance(cards, CommentedSeq) or not cards or cards.fa.flow_style():
        return indent
    key_col = int(document.lc.key("cards")[1])
    item_line, item_col = (int(n) for n in cards.lc.item(0))
    lines = text.splitlines()
    if item_line < len(lines):
        dash = lines[item_line].rfind("-", 0, item_col)
        if dash >= key_col and item_col - dash >= 2:
            indent["offset"] = dash - key_col
            indent["sequence"] = item_col - key_col
    for card in cards:
        source = card.get("source") if isinstance(card, CommentedMap) else None
        if isinstance(source, CommentedMap) and source and not source.fa.flow_style():
            step = int(source.lc.col) - int(card.lc.key("source")[1])
            if step > 0:
                indent["mapping"] = step
            break
    return indent


def _render_in_place(parsed: ParsedDeck, deck: Deck) -> str | None:
    """The new text of an existing deck file, or ``None`` if it needs no change.

    ``parsed.document`` is edited in place (it is used once).

    Raises:
        DeckError: the existing file cannot be parsed; it is not overwritten.
    """
    if parsed.deck is not None and parsed.deck == deck.model_copy(update={"id": parsed.deck.id}):
        return None
    document = parsed.document
    if not parsed.parsed or (document is not None and not isinstance(document, CommentedMap)):
        raise DeckError(parsed.problems)
    if document is None:
        return dump_deck(deck)  # an empty file (or only comments): nothing to keep
    yaml = make_yaml(**_indentation(document, parsed.text))  # before new nodes, which lack .lc
    _update_cards(document, parsed.text, deck.cards)
    present = set(document)
    _update_mapping(document, Deck, deck_fields(deck), DECK_KEY_ORDER, keep=frozenset({"cards"}))
    _separate_new_keys(document, present)
    text = dump_yaml(document, yaml)
    return text if _reads_back_as(text, deck) else dump_deck(deck)


def _separate_new_keys(document: CommentedMap, present: set[Any]) -> None:
    """Give a key newly added after the cards (``rejected``, ``generated``) a blank line above.

    That is how :func:`dump_deck` lays them out; keys the file already had keep their layout.
    """
    keys = list(document)
    for index in range(1, len(keys)):
        if keys[index] in present or "cards" not in keys[:index]:
            continue
        region = take_after(document, keys[index - 1])
        put_between_keys(document, keys[index - 1], region or "\n")


def _reads_back_as(text: str, deck: Deck) -> bool:
    """Check the edited document before it replaces the file.

    The in-place edit works with ruamel's comment model, which has many corners; if it ever
    produced text that does not read back as ``deck``, the caller writes a fresh file
    instead: a save may lose formatting, never content.
    """
    try:
        data = to_plain(parse_yaml(text))
        if not isinstance(data, dict):
            return False
        return Deck.model_validate({**data, "id": deck.id}) == deck
    except (YamlFileError, ValidationError):
        return False


def save_deck(path: Path, deck: Deck, *, root: Path | None = None) -> None:
    """Write ``deck`` to ``path``, atomically.

    A new file gets :func:`dump_deck`. An existing file is edited in place: untouched cards
    keep their exact text, changed cards keep their comments and key order, removed cards
    go, new cards are appended, and the metadata is updated likewise. A file that would not
    change is not written. The deck id is not stored: it is the file name.

    Args:
        path: The deck file.
        deck: The deck to save.
        root: The deck folder: a deck file that is a link is written through to its
            target only inside it (default: the link's folder); see ``write_atomic``.

    Raises:
        DeckError: the file name is not a valid deck id (the file could never load), or
            the existing file cannot be parsed (it is left as it is, since it may hold
            unsaved work of the instructor).
        NeuroquizError: the file could not be written; the original is intact.
    """
    if not is_valid_id(deck_id_for(path)):
        raise DeckError([DeckProblem(path, 1, 1, bad_file_name_message(path))])
    text = _render_in_place(parse_deck_file(path), deck) if path.exists() else dump_deck(deck)
    if text is not None:
        write_atomic(path, text, root=root)


def _edit(path: Path, change: Callable[[Deck], Deck], root: Path | None) -> Deck:
    """Load a deck file, change the deck, and save it, parsing the file only once."""
    parsed = parse_deck_file(path)
    if parsed.deck is None:
        raise DeckError(parsed.problems)
    new = change(parsed.deck)
    text = _render_in_place(parsed, new)
    if text is not None:
        write_atomic(path, text, root=root)
    return new


def upsert_card(path: Path, card: AnyCard, *, root: Path | None = None) -> Deck:
    """Replace the card with ``card.id`` in a deck file, or append ``card`` to it.

    Args:
        path: An existing deck file.
        card: The new or edited card.
        root: The deck folder (see :func:`save_deck`).

    Returns:
        The deck as saved.

    Raises:
        DeckError: the file does not load.
        NeuroquizError: the file could not be written.
    """

    def change(deck: Deck) -> Deck:
        ids = [existing.id for existing in deck.cards]
        cards = list(deck.cards)
        if card.id in ids:
            cards[ids.index(card.id)] = card
        else:
            cards.append(card)
        return deck.model_copy(update={"cards": tuple(cards)})

    return _edit(path, change, root)


def delete_card(
    path: Path, card_id: str, *, remember_rejected: bool = True, root: Path | None = None
) -> Deck:
    """Remove a card from a deck file.

    A generated card's id is added to the deck's ``rejected`` list (unless
    ``remember_rejected`` is false), so that generation never proposes it again.

    Args:
        path: An existing deck file.
        card_id: The id of the card to remove.
        remember_rejected: Remember a deleted generated card in ``rejected``.
        root: The deck folder (see :func:`save_deck`).

    Returns:
        The deck as saved.

    Raises:
        DeckError: the file does not load.
        NeuroquizError: there is no such card, or the file could not be written.
    """

    def change(deck: Deck) -> Deck:
        removed = [card for card in deck.cards if card.id == card_id]
        if not removed:
            raise NeuroquizError(f"no card with id {card_id!r}", path=path)
        update: dict[str, Any] = {"cards": tuple(c for c in deck.cards if c.id != card_id)}
        generated = removed[0].origin == "generated"
        if remember_rejected and generated and card_id not in deck.rejected:
            update["rejected"] = (*deck.rejected, card_id)
        return deck.model_copy(update=update)

    return _edit(path, change, root)
