"""The fast read of a deck file: libyaml's events straight into plain dicts, lists and text.

The round-trip parser (:func:`~neuroquiz.decks.yamlio.parse_yaml`) is pure Python and keeps
every comment and position: about 1 ms per card. A deck file that is fine needs none of
that, so :func:`read_plain` first walks the event stream of ruamel.yaml.clib's C parser
(the parser of ``YAML(typ="safe")``) and builds the plain values itself: loading is some 20
to 30 times faster than with the round trip, and the walk about nine times faster than
ruamel's own safe loader, whose Python constructor and resolver cost more than the C
parsing (see ``benchmarks/bench_decks.py``).

It handles only what it can read exactly as the round-trip loader does: one document of
mappings, sequences, text and empty values. At the first thing it does not handle it gives
up with :data:`NOT_PLAIN` — before building anything from an anchor or an alias, so an
alias bomb is never expanded — and the caller parses the file with the round-trip loader,
which refuses the anchor, or places each problem at its line. It gives up on:

* an anchor or an alias, an explicit tag, a ``%YAML``/``%TAG`` directive;
* a value that YAML reads as a number, true/false, a date or a merge key (no deck field
  takes one: the round trip reports it);
* a key that is not text, or a key given twice;
* nesting deeper than any valid deck (:data:`MAX_PLAIN_DEPTH`), a second document;
* more than :data:`MAX_NODES` events;
* text the two parsers read differently (a tab, a byte-order mark; NEL, LS and PS, line
  breaks in YAML 1.1 but not in 1.2; a block scalar header run into a comment) and
  characters the round-trip reader refuses;
* any parser error; and a Python without the C parser (no fast path at all).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import Any, Final

from ruamel.yaml import YAML
from ruamel.yaml.events import (
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
    StreamStartEvent,
)
from ruamel.yaml.parser import Parser as PurePythonParser
from ruamel.yaml.reader import Reader
from ruamel.yaml.resolver import VersionedResolver

NOT_PLAIN: Final = object()
"""What :func:`read_plain` returns for text it leaves to the round-trip loader."""

MAX_PLAIN_DEPTH = 8
"""Deepest nesting read here; a valid deck has 5 levels (deck, cards, card, source,
sentences), and the round-trip loader's own limit is higher."""

MAX_NODES = 500_000
"""Most YAML values (keys, texts, lists, mappings) one deck file may hold; a real deck of
20,000 cards (4.6 MB) has about 330,000. See :mod:`.fastdoc`."""

_STR = "tag:yaml.org,2002:str"
_NULL = "tag:yaml.org,2002:null"
# YAML 1.1 (libyaml) breaks lines at NEL, LS and PS, YAML 1.2 (the round trip) does not;
# libyaml accepts a tab in places where the round-trip scanner refuses it, and skips a
# byte-order mark at the start of any document, where the round trip reads it as text.
_READ_DIFFERENTLY = ("\t", "\x85", "\u2028", "\u2029", "\ufeff")
_NON_PRINTABLE: Any = Reader.NON_PRINTABLE  # the round-trip reader's own check
# A block scalar's header run into a comment ("|#", ">-#"): libyaml reads it, the round
# trip refuses it.
HEADER_COMMENT = re.compile(r"[|>][-+0-9]*#")
_SHARED_LENGTH = 32
"""Texts up to this length are shared between equal occurrences (see ``_walk``)."""
_NO_KEY: Final = object()
"""The innermost mapping waits for a key (not a value)."""


class _NotPlainError(Exception):
    """Raised inside the walk: leave this text to the round-trip loader."""


@cache
def c_parser() -> Callable[[str], Any] | None:
    """The C parser class of ``YAML(typ="safe")``, or None without ruamel.yaml.clib."""
    parser: Any = YAML(typ="safe").Parser
    return None if parser is PurePythonParser else parser


@cache
def plain_resolvers() -> dict[str, list[tuple[str, re.Pattern[str]]]]:
    """The YAML 1.2 implicit resolvers of the round-trip loader, by first character."""
    table: dict[str, list[tuple[str, re.Pattern[str]]]] = VersionedResolver(
        version=(1, 2)
    ).versioned_resolver
    # ruamel wraps each pattern in a LazyEval, whose every attribute access costs a Python
    # call: compile them afresh, once.
    return {
        first: [(tag, re.compile(pattern.pattern, pattern.flags)) for tag, pattern in entries]
        for first, entries in table.items()
        if first is not None
    }


def _plain_scalar(value: str, resolvers: dict[str, list[tuple[str, re.Pattern[str]]]]) -> Any:
    """The value of an unquoted scalar: text, or None for ``~``/``null``/nothing."""
    for tag, pattern in resolvers.get(value[:1], ()):
        if pattern.match(value):
            if tag == _NULL:
                return None
            raise _NotPlainError  # a number, true/false, a date, '<<': the round trip reports it
    return value


def read_plain(text: str) -> Any:
    """Read deck text into plain values, or :data:`NOT_PLAIN` if the round trip must read it.

    Args:
        text: The deck file's text (already checked for size and encoding).

    Returns:
        The document as dicts, lists, str and None (None for an empty document), or
        :data:`NOT_PLAIN`.
    """
    parser_class = c_parser()
    if parser_class is None or any(ch in text for ch in _READ_DIFFERENTLY):
        return NOT_PLAIN
    if _NON_PRINTABLE.search(text) or HEADER_COMMENT.search(text):
        return NOT_PLAIN
    try:
        return _walk(parser_class(text))
    except _NotPlainError:
        return NOT_PLAIN
    except Exception:  # any parser error: the round trip will place it
        return NOT_PLAIN


def _walk(parser: Any) -> Any:
    """Build the one document of ``parser``'s event stream (see :func:`read_plain`)."""
    resolvers = plain_resolvers()
    get_event = parser.get_event
    if type(get_event()) is not StreamStartEvent:
        raise _NotPlainError
    start = get_event()
    if type(start) is StreamEndEvent:
        return None  # no document at all: only comments, or nothing
    if type(start) is not DocumentStartEvent or start.version or start.tags:
        raise _NotPlainError
    # The open containers, innermost last, and the key each mapping waits to fill; the
    # document itself is the one item of ``root``.
    root: list[Any] = []
    stack: list[Any] = [root]
    keys: list[Any] = [_NO_KEY]
    # One object per distinct short text (keys, types, tags, document names): the models
    # keep these strings, and a large collection repeats them a hundred thousand times.
    shared: dict[str, str] = {}
    nodes = 0
    while True:
        event = get_event()
        kind = type(event)
        if kind is ScalarEvent or kind is MappingStartEvent or kind is SequenceStartEvent:
            nodes += 1
            if nodes > MAX_NODES:
                raise _NotPlainError  # the positioned read reports it
        if kind is ScalarEvent:
            if event.anchor is not None or event.tag is not None:
                raise _NotPlainError
            value: Any = event.value
            if len(value) <= _SHARED_LENGTH:
                value = shared.setdefault(value, value)
            if event.implicit[0]:  # unquoted: the resolver decides
                value = _plain_scalar(value, resolvers)
            _add(stack, keys, value)
        elif kind is MappingStartEvent or kind is SequenceStartEvent:
            if event.anchor is not None or event.tag is not None or len(stack) > MAX_PLAIN_DEPTH:
                raise _NotPlainError
            container: Any = {} if kind is MappingStartEvent else []
            _add(stack, keys, container, is_container=True)
            stack.append(container)
            keys.append(_NO_KEY)
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            stack.pop()
            keys.pop()
        elif kind is DocumentEndEvent:
            break
        else:  # an alias, or an event this walk does not know
            raise _NotPlainError
    if type(get_event()) is not StreamEndEvent:
        raise _NotPlainError  # a second document
    return root[0] if root else None


def _add(stack: list[Any], keys: list[Any], value: Any, *, is_container: bool = False) -> None:
    """Put ``value`` into the innermost container: as an item, a key, or a key's value."""
    target = stack[-1]
    if type(target) is list:
        target.append(value)
        return
    key = keys[-1]
    if key is _NO_KEY:
        if is_container or not (value is None or type(value) is str) or value in target:
            raise _NotPlainError  # a complex key, or one given twice
        keys[-1] = value
        return
    target[key] = value
    keys[-1] = _NO_KEY
