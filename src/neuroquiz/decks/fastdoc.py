"""The positioned fast read: libyaml's events into a round-trip-shaped document, bounded.

The round-trip parser costs some 60 µs per YAML value in pure Python: a 5 MB file of
``cards: [1,1,…]`` (a million values) took minutes and gigabytes before it reported a single
problem. :func:`read_positioned` builds the same document the round trip builds for problem
reporting — :class:`~ruamel.yaml.comments.CommentedMap` and
:class:`~ruamel.yaml.comments.CommentedSeq` that remember the line and column of every key
and item, scalars resolved as YAML 1.2 resolves them — from the event stream of
ruamel.yaml.clib's C parser, at a few µs per value, and stops at the first of these:

* more than :data:`MAX_NODES` values in the file (a real deck of 20,000 cards has about
  330,000), so the work per file is bounded whatever its shape;
* nesting deeper than :data:`~neuroquiz.decks.yamlio.MAX_DEPTH`;
* an anchor, an alias, an explicit tag, a merge key, a key given twice;
* a syntax error (reported as libyaml words it) or a character the round trip refuses.

Each is one :class:`~neuroquiz.decks.yamlio.YamlFileError`, worded as the round trip words
it. It is used for files the round trip would take too long over (see
:mod:`neuroquiz.decks.load`) and to find the cards of a file read fast.
"""

from __future__ import annotations

from functools import cache
from typing import Any, Final

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.events import (
    AliasEvent,
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from ruamel.yaml.nodes import ScalarNode

from neuroquiz.decks.fastread import MAX_NODES, c_parser, plain_resolvers
from neuroquiz.decks.yamlio import (
    ALLOWED_TAGS,
    MAX_DEPTH,
    MERGE_MESSAGE,
    YamlFileError,
    alias_message,
    anchor_message,
    make_yaml,
    marked_error_problem,
    non_printable_problem,
    tag_message,
)

_INT: Final = "tag:yaml.org,2002:int"
_NULL: Final = "tag:yaml.org,2002:null"
_MERGE: Final = "tag:yaml.org,2002:merge"
_BOOL: Final = "tag:yaml.org,2002:bool"
# Line breaks in YAML 1.1 (libyaml) but not in YAML 1.2 (the round trip), and a byte-order
# mark inside the text: libyaml would read text that holds them differently.
_LINE_BREAKS_11 = {"\x85": "NEL", "\u2028": "LINE SEPARATOR", "\u2029": "PARAGRAPH SEPARATOR"}
_BOM = "\ufeff"
_SHORT = 32
"""Unquoted texts up to this length are resolved once per file (``1``, ``true``, ``x``)."""


class Positions:
    """Where a collection and its keys or items start (0-based), as ruamel's ``.lc`` says."""

    __slots__ = ("col", "data", "line")

    def __init__(self, line: int, col: int) -> None:
        self.line = line
        self.col = col
        self.data: dict[Any, tuple[int, int]] = {}

    def key(self, key: Any) -> tuple[int, int]:
        """The start of ``key`` in a mapping."""
        return self.data[key]

    def item(self, index: int) -> tuple[int, int]:
        """The start of item ``index`` of a sequence."""
        return self.data[index]


class PositionedMap(dict[Any, Any]):
    """A mapping that knows where it, and each of its keys, starts (``.lc``)."""

    __slots__ = ("lc",)

    def __init__(self, line: int, col: int) -> None:
        super().__init__()
        self.lc = Positions(line, col)


class PositionedSeq(list[Any]):
    """A sequence that knows where it, and each of its items, starts (``.lc``)."""

    __slots__ = ("lc",)

    def __init__(self, line: int, col: int) -> None:
        super().__init__()
        self.lc = Positions(line, col)


MAPPINGS = (CommentedMap, PositionedMap)
"""The mappings of a document with positions, from either parser."""

SEQUENCES = (CommentedSeq, PositionedSeq)
"""The sequences of a document with positions, from either parser."""


class NoFastParserError(Exception):
    """ruamel.yaml.clib is not installed: only the round trip can read the file."""


def _position(mark: Any) -> tuple[int, int]:
    return int(mark.line) + 1, int(mark.column) + 1


def _too_many(mark: Any) -> YamlFileError:
    return YamlFileError(
        *_position(mark),
        f"the file holds more than {MAX_NODES:,} YAML values (keys, texts, lists); "
        "a deck file that large is refused: split it into several deck files",
    )


@cache
def _constructor() -> Any:
    return make_yaml().constructor


def _resolve(value: str, mark: Any) -> Any:
    """The value of an unquoted scalar, as the round trip constructs it (before to_plain)."""
    for tag, pattern in plain_resolvers().get(value[:1], ()):
        if not pattern.match(value):
            continue
        if tag == _NULL:
            return None
        if tag == _MERGE:
            raise YamlFileError(*_position(mark), MERGE_MESSAGE)
        if tag == _INT and value.isascii() and value.isdigit():
            return int(value)  # the common case, without the constructor's cost
        if tag == _BOOL:
            return value.lower() == "true"
        return _construct(tag, value, mark)
    return value


def _construct(tag: str, value: str, mark: Any) -> Any:
    """A scalar of ``tag`` as the round-trip constructor makes it (rare in a deck)."""
    try:
        return _constructor().construct_object(ScalarNode(tag, value, start_mark=mark))
    except Exception:  # a value the constructor refuses is text to the models
        return value


def _index_position(text: str, index: int) -> tuple[int, int]:
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


def _check_text(text: str) -> None:
    """Refuse characters that libyaml would read differently from the round trip."""
    problem = non_printable_problem(text)
    if problem is not None:
        raise problem
    for char, name in (*_LINE_BREAKS_11.items(), (_BOM, "BYTE ORDER MARK")):
        index = text.find(char)
        if index >= 0:
            raise YamlFileError(
                *_index_position(text, index),
                f"character U+{ord(char):04X} ({name}) is not allowed in a file this large; "
                f'write it as "\\u{ord(char):04x}" inside double quotes',
            )


def read_positioned(text: str) -> Any:
    """Read deck text into a round-trip-shaped document with positions, bounded in work.

    Args:
        text: The deck file's text (already checked for size and encoding).

    Returns:
        The document: CommentedMap/CommentedSeq with ``.lc`` positions, str, int, float,
        bool, date or None (None for an empty document).

    Raises:
        YamlFileError: the first problem that stops reading (see the module docstring).
        NoFastParserError: no C parser is installed.
    """
    parser_class = c_parser()
    if parser_class is None:
        raise NoFastParserError
    _check_text(text)
    parser = parser_class(text)
    try:
        return _build(parser)
    except MarkedYAMLError as error:
        raise marked_error_problem(error, text, rescan=False) from None


def _build(parser: Any) -> Any:
    get_event = parser.get_event
    get_event()  # StreamStartEvent
    start = get_event()
    if type(start) is StreamEndEvent:
        return None
    if type(start) is not DocumentStartEvent:  # pragma: no cover - libyaml's order
        raise YamlFileError(*_position(start.start_mark), "invalid YAML: no document")
    root: list[Any] = []
    stack: list[Any] = [root]
    pending: list[Any] = [None]  # per open mapping: the key waiting for its value
    resolved: dict[str, Any] = {}  # short unquoted texts already resolved
    nodes = 0
    while True:
        event = get_event()
        kind = type(event)
        if kind is MappingEndEvent or kind is SequenceEndEvent:
            stack.pop()
            pending.pop()
            continue
        if kind is DocumentEndEvent:
            break
        mark = event.start_mark
        if kind is AliasEvent:
            raise YamlFileError(*_position(mark), alias_message(event.anchor))
        nodes += 1
        if nodes > MAX_NODES:
            raise _too_many(mark)
        if event.anchor is not None:
            raise YamlFileError(*_position(mark), anchor_message(event.anchor))
        tag = event.tag
        if tag not in ALLOWED_TAGS:
            raise YamlFileError(*_position(mark), tag_message(tag))
        if len(stack) > MAX_DEPTH:
            raise YamlFileError(*_position(mark), f"nesting is too deep (limit {MAX_DEPTH})")
        if kind is ScalarEvent:
            value: Any = event.value
            if tag is None and event.implicit[0]:
                if len(value) > _SHORT:
                    value = _resolve(value, mark)
                elif value in resolved:
                    value = resolved[value]
                else:
                    text = value
                    value = resolved[text] = _resolve(text, mark)
            elif tag is not None and tag != "!":  # an explicit core tag: !!str, !!int, ...
                value = _construct(tag, value, mark)
        elif kind is MappingStartEvent:
            value = PositionedMap(mark.line, mark.column)
        elif kind is SequenceStartEvent:
            value = PositionedSeq(mark.line, mark.column)
        else:  # pragma: no cover - no other event inside a document
            raise YamlFileError(*_position(mark), "invalid YAML: unexpected event")
        # Put the value into the innermost container, recording where it starts.
        target = stack[-1]
        container_kind = type(target)
        if container_kind is PositionedSeq:
            target.lc.data[len(target)] = (mark.line, mark.column)
            target.append(value)
        elif container_kind is list:  # the document root
            target.append(value)
        elif pending[-1] is None:
            _check_key(target, value, mark)
            pending[-1] = value
            target.lc.data[value] = (mark.line, mark.column)
        else:
            target[pending[-1]] = value
            pending[-1] = None
        if kind is not ScalarEvent:
            stack.append(value)
            pending.append(None)
    second = get_event()
    if type(second) is not StreamEndEvent:
        raise YamlFileError(
            *_position(second.start_mark),
            "a deck file holds one YAML document, but a second one starts here",
        )
    return root[0] if root else None


def _check_key(mapping: PositionedMap, key: Any, mark: Any) -> None:
    """Refuse a key that is a collection, or one the mapping already has."""
    if type(key) is PositionedMap or type(key) is PositionedSeq:
        raise YamlFileError(
            *_position(mark), "invalid YAML: a key must be text, not a mapping or a list"
        )
    if key in mapping:
        raise YamlFileError(*_position(mark), f'duplicate key "{key}"')
