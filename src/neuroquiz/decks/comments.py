"""Move the comment lines that sit between two cards when the cards around them change.

ruamel.yaml stores the full-line comments (and blank lines) that follow a value in one of
three places: on the last scalar before them (the usual case: the lines above card B
belong, in the document, to the last key of card A); when that value is a flow or empty
collection like ``tags: [x]``, as a "pre" comment of the next item; and after the last
item, at the ``end`` of the enclosing collection or document. Deleting A, or appending a key
after A's last one, would lose those lines or move them inside a card. These helpers take
such a *region* off one place and put it in another, so an instructor's comments stay
where they were written.
"""

from __future__ import annotations

from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark
from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString
from ruamel.yaml.tokens import CommentToken

_Slot = tuple[Any, Any, int]
"""(container, key or index, place in the comment entry) of a scalar's trailing comment."""


def _is_block_collection(value: Any) -> bool:
    return (
        isinstance(value, CommentedMap | CommentedSeq)
        and len(value) > 0
        and not value.fa.flow_style()
    )


def _value_slot(container: Any, key: Any) -> _Slot | None:
    """Where ruamel keeps the comment after ``container[key]``, if it is on a scalar."""
    while _is_block_collection(container[key]):
        container = container[key]
        is_map = isinstance(container, CommentedMap)
        key = next(reversed(container)) if is_map else len(container) - 1
    if isinstance(container[key], CommentedMap | CommentedSeq):
        return None  # a flow or empty collection: the comment lives elsewhere
    # A mapping keeps a key's trailing comment at place 2, a sequence an item's at place 0.
    return container, key, 2 if isinstance(container, CommentedMap) else 0


def _last_slot(node: Any) -> _Slot | None:
    if not _is_block_collection(node):
        return None
    last = next(reversed(node)) if isinstance(node, CommentedMap) else len(node) - 1
    return _value_slot(node, last)


def _is_block_scalar(container: Any, key: Any) -> bool:
    # A block scalar (| or >) consumes its own line end, so its comment token holds only
    # full comment lines; any other value's token starts with the rest of its own line.
    return isinstance(container[key], LiteralScalarString | FoldedScalarString)


def _token(region: str) -> CommentToken:
    return CommentToken(region, CommentMark(0))


def _take(slot: _Slot | None) -> str:
    if slot is None:
        return ""
    container, key, place = slot
    entry = container.ca.items.get(key)
    if not entry or len(entry) <= place or entry[place] is None:
        return ""
    token = entry[place]
    value = str(token.value)
    if _is_block_scalar(container, key):
        entry[place] = None
        return " " * int(token.column or 0) + value if value.startswith("#") else value
    eol, _, region = value.partition("\n")
    if eol.strip():
        token.value = eol + "\n"
    else:
        entry[place] = None
    return region


def _put(slot: _Slot | None, region: str) -> bool:
    if slot is None:
        return False
    container, key, place = slot
    entry = container.ca.items.setdefault(key, [None, None, None, None])
    token = entry[place]
    if _is_block_scalar(container, key):
        entry[place] = _token(region) if region else None
        return True
    eol = str(token.value).partition("\n")[0] if token is not None else ""
    if not eol.strip() and not region:
        entry[place] = None
    elif token is not None:
        token.value = f"{eol}\n{region}"
    else:
        entry[place] = _token(f"\n{region}")
    return True


def _lines_of(tokens: list[Any] | None) -> str:
    text = ""
    for token in tokens or ():
        value = str(token.value)
        text += " " * int(token.column or 0) + value if value.startswith("#") else value
    return text


def take_trailing(node: Any) -> str:
    """Remove and return the full comment lines that follow ``node``'s last scalar.

    An end-of-line comment on that scalar stays where it is.
    """
    return _take(_last_slot(node))


def put_trailing(node: Any, region: str) -> bool:
    """Set the full comment lines after ``node``'s last scalar to ``region``.

    Returns:
        False if ``node`` ends with a flow or empty collection, which cannot hold them.
    """
    return _put(_last_slot(node), region)


def take_after(container: Any, key: Any) -> str:
    """Like :func:`take_trailing`, for the value at ``container[key]``."""
    return _take(_value_slot(container, key))


def put_after(container: Any, key: Any, region: str) -> bool:
    """Like :func:`put_trailing`, for the value at ``container[key]``."""
    return _put(_value_slot(container, key), region)


def put_between_keys(mapping: CommentedMap, key: Any, region: str) -> None:
    """Put ``region`` right after ``mapping[key]``, above the key that follows it.

    When the value cannot hold it (a flow or empty collection), the lines become a comment
    before the next key, which is where ruamel itself keeps them in that case.
    """
    if not region or put_after(mapping, key, region):
        return
    keys = list(mapping)
    position = keys.index(key)
    if position + 1 < len(keys):
        entry = mapping.ca.items.setdefault(keys[position + 1], [None, None, None, None])
        entry[1] = [_token(region)]


def take_between(sequence: CommentedSeq, index: int, end_holder: Any) -> str:
    """Remove and return the comment lines between item ``index`` and the next one.

    Args:
        sequence: A block sequence (the deck's cards).
        index: The item.
        end_holder: The node whose ``end`` comments follow the last item: the document
            when the sequence is its last value, else the sequence.
    """
    region = take_trailing(sequence[index])
    if index + 1 < len(sequence):
        entry = sequence.ca.items.get(index + 1)
        if entry and entry[1]:
            region += _lines_of(entry[1])
            entry[1] = None
    elif end_holder.ca.end:
        region += _lines_of(end_holder.ca.end)
        end_holder.ca.end = []
    return region


def put_between(sequence: CommentedSeq, index: int, region: str, end_holder: Any) -> None:
    """Put ``region`` between item ``index`` and the next one (see :func:`take_between`)."""
    if put_trailing(sequence[index], region) or not region:
        return
    if index + 1 < len(sequence):
        sequence.ca.items.setdefault(index + 1, [None, None, None, None])[1] = [_token(region)]
    else:
        end_holder.ca.end = [_token(region)]


def set_before_first_item(parent: CommentedMap, key: str, region: str) -> None:
    """Set the comment lines between ``parent[key]:`` and the first item of that sequence."""
    tokens = [_token(region)] if region.strip() else None
    sequence = parent[key]
    if isinstance(sequence, CommentedSeq):
        if sequence.ca.comment is None:
            sequence.ca.comment = [None, tokens]
        else:
            sequence.ca.comment[1] = tokens
        entry = sequence.ca.items.get(0)
        if entry:
            entry[1] = None
    parent.ca.items.setdefault(key, [None, None, None, None])[3] = tokens
