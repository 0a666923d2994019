"""Reading and writing deck YAML safely: size, encoding, aliases, depth, atomic writes.

Every deck file goes through :func:`read_deck_text`, and every file that is not read fast
(see :mod:`.fastread`) or that is edited through :func:`parse_yaml`, which turn each way a
file can be broken into a :class:`YamlFileError` with a 1-based line and column. The
parser is ruamel.yaml in round-trip mode, so a parsed document keeps its comments and the
positions (``.lc``) that validation errors are mapped back to.
"""

from __future__ import annotations

import io
import math
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.composer import Composer
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent
from ruamel.yaml.nodes import MappingNode, ScalarNode
from ruamel.yaml.reader import Reader, ReaderError
from ruamel.yaml.scalarbool import ScalarBoolean
from ruamel.yaml.tokens import ScalarToken

from neuroquiz.errors import NeuroquizError
from neuroquiz.fileio import (
    FileTooLargeError,
    NotRegularFileError,
    read_regular_file,
    write_text_atomic,
)

MAX_FILE_BYTES = 5 * 1024 * 1024
"""Deck files above this size are refused before parsing (5 MB)."""

MAX_DEPTH = 24
"""Deepest nesting a deck file may have; a real deck needs 6 levels."""

SCHEMA_COMMENT = "# yaml-language-server: $schema=deck.schema.json"
"""First line of every deck file written by neuroquiz: editors validate against the schema."""

_NON_PRINTABLE: Any = Reader.NON_PRINTABLE  # the round-trip reader's own check
_CORE = "tag:yaml.org,2002:"
_MERGE_TAG = _CORE + "merge"
ALLOWED_TAGS = frozenset(
    {None, "!"} | {_CORE + name for name in ("str", "int", "float", "bool", "null", "seq", "map")}
)


class YamlFileError(Exception):
    """A deck file that cannot be read or parsed, at a 1-based line and column."""

    def __init__(self, line: int, col: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.col = col
        self.message = message


def _mark_position(mark: Any) -> tuple[int, int]:
    return int(mark.line) + 1, int(mark.column) + 1


MERGE_MESSAGE = "YAML merge keys (<<) are not allowed in deck files; write the keys out in full"
"""The problem of a merge key."""


def alias_message(anchor: str) -> str:
    """The problem of an alias ``*anchor``."""
    return f"YAML aliases (*{anchor}) are not allowed in deck files; write the value out in full"


def anchor_message(anchor: str) -> str:
    """The problem of an anchor ``&anchor``."""
    return f"YAML anchors (&{anchor}) are not allowed in deck files; write the value out in full"


def tag_message(tag: Any) -> str:
    """The problem of a tag other than the core ones."""
    return f"YAML tag {tag!r} is not allowed in deck files"


class RoundTripBudgetError(Exception):
    """The round-trip parse passed its node budget (see :func:`parse_yaml`)."""


class _DeckComposer(Composer):
    """A composer that refuses anchors, aliases, merge keys and exotic tags at the first one.

    Refusing the first anchor keeps a billion-laughs file from ever growing: nothing is
    expanded, and the check costs nothing on ordinary files. A merge key (``<<:``) is refused
    too: its keys have no position of their own to report a problem at, and a deck file
    has no use for one. With a node budget (``loader.node_budget``), it stops at the node
    past it with :class:`RoundTripBudgetError`.
    """

    nodes = 0

    def compose_document(self) -> Any:
        self.nodes = 0
        return super().compose_document()

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.parser.peek_event()
        line, col = _mark_position(event.start_mark)
        budget = getattr(self.loader, "node_budget", None)
        self.nodes += 1
        if budget is not None and self.nodes > budget:
            raise RoundTripBudgetError
        if isinstance(event, AliasEvent):
            raise YamlFileError(line, col, alias_message(event.anchor))
        if event.anchor is not None:
            raise YamlFileError(line, col, anchor_message(event.anchor))
        if event.tag not in ALLOWED_TAGS:
            raise YamlFileError(line, col, tag_message(event.tag))
        node = super().compose_node(parent, index)
        if (
            index is None
            and isinstance(parent, MappingNode)
            and isinstance(node, ScalarNode)
            and _tag_name(node.tag) == _MERGE_TAG
        ):
            raise YamlFileError(line, col, MERGE_MESSAGE)
        return node


def _tag_name(tag: Any) -> str:
    # ruamel.yaml 0.18 wraps tags in a Tag object; older versions use plain strings.
    return str(getattr(tag, "value", tag))


def make_yaml(*, mapping: int = 2, sequence: int = 4, offset: int = 2) -> YAML:
    """Return a round-trip YAML instance configured for deck files.

    Args:
        mapping: Indentation of nested mappings.
        sequence: Indentation of sequence items (the text after ``- ``).
        offset: Indentation of the ``-`` itself.
    """
    yaml = YAML(typ="rt", pure=True)
    yaml.Composer = _DeckComposer
    yaml.max_depth = MAX_DEPTH
    yaml.preserve_quotes = True
    # Never fold long text over several lines: an instructor edits one line per field.
    yaml.width = 4096
    yaml.allow_unicode = True
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    return yaml


def _too_large(size: int) -> YamlFileError:
    megabytes = math.ceil(size / (1024 * 1024) * 10) / 10
    limit = MAX_FILE_BYTES // (1024 * 1024)
    return YamlFileError(1, 1, f"file is too large ({megabytes:.1f} MB; limit {limit} MB)")


def read_deck_text(path: Path) -> str:
    """Read a deck file as text, refusing what must never reach the parser.

    Raises:
        YamlFileError: the file is missing, unreadable, not a regular file (a directory,
            a FIFO, a device), over :data:`MAX_FILE_BYTES`, or not UTF-8. Nothing but a
            regular file is ever read, and never more than the limit.
    """
    try:
        data = read_regular_file(path, MAX_FILE_BYTES)
    except FileNotFoundError:
        raise YamlFileError(1, 1, "file not found") from None
    except NotRegularFileError as error:
        raise YamlFileError(1, 1, f"is {error.kind}, not a deck file") from None
    except FileTooLargeError as error:
        raise _too_large(error.size) from None
    except OSError as error:
        raise YamlFileError(1, 1, f"cannot read file: {error.strerror or error}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        line_start = data.rfind(b"\n", 0, error.start) + 1
        col = len(data[line_start : error.start].decode("utf-8", errors="replace")) + 1
        raise YamlFileError(
            line, col, f"file is not valid UTF-8 (byte 0x{data[error.start]:02x}); save it as UTF-8"
        ) from None
    return text.removeprefix("\ufeff")


def _position_in(text: str, index: int) -> tuple[int, int]:
    index = max(0, min(index, len(text)))
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


def _syntax_message(error: MarkedYAMLError) -> str:
    problem = str(error.problem or "").strip()
    if problem.startswith("found duplicate key"):
        # ruamel appends the values and a paragraph of advice; the key is what matters.
        return (
            "duplicate key "
            + problem.removeprefix("found duplicate key").split(" with value")[0].strip()
        )
    context = str(error.context or "").strip()
    if context == "expected a single document in the stream":
        return "a deck file holds one YAML document, but a second one starts here"
    text = " ".join(part for part in (problem, f"({context})" if context else "") if part)
    if problem == "mapping values are not allowed here":
        # The classic: an unquoted "Note: ..." inside a card's text.
        text += "; if ': ' is part of the text, put the whole value in quotes"
    return f"invalid YAML: {text or 'syntax error'}"


_OPENERS = {"flow sequence": ("[", "]"), "flow mapping": ("{", "}")}
"""Flow collections by ruamel's context name: their opening and closing brackets."""


def _unclosed(error: MarkedYAMLError, text: str, *, rescan: bool) -> YamlFileError | None:
    """The opening of a quote or bracket that ``error`` is really about, if any.

    A quote or bracket left open is found by the parser only where it gives up: the end of
    the file, or the line where a later quote closes the value by accident. Either way the
    line to fix is where the value opened, so that is where the problem is reported.
    """
    context = str(error.context or "")
    mark = error.context_mark
    if context == "while scanning a quoted scalar" and mark is not None:
        line, col = _mark_position(mark)
        quote = text[mark.index] if 0 <= mark.index < len(text) else '"'
        return YamlFileError(
            line,
            col,
            f"invalid YAML: the quoted value that starts here is never closed with {quote}",
        )
    problem = str(error.problem or "")
    for name, (opener, closer) in _OPENERS.items():
        if context == f"while parsing a {name}" and "<stream end>" in problem and mark:
            line, col = _mark_position(mark)
            return YamlFileError(
                line,
                col,
                f"invalid YAML: the {opener!r} that opens here is never closed with {closer!r}",
            )
    if error.problem_mark is not None and rescan:
        return _runaway_quote(text, int(error.problem_mark.index))
    return None


def _runaway_quote(text: str, index: int) -> YamlFileError | None:
    """A quoted value spanning lines just before ``index``: a quote closed by a later one."""
    previous: Any = None
    try:
        for token in make_yaml().scan(text):
            if token.start_mark.index >= index:
                break
            previous = token
    except YAMLError:
        pass
    if not isinstance(previous, ScalarToken) or previous.style not in ("'", '"'):
        return None
    start, end = previous.start_mark, previous.end_mark
    if end.line == start.line:
        return None
    line, col = _mark_position(start)
    return YamlFileError(
        line,
        col,
        f"invalid YAML: the quoted value that starts here runs to line {end.line + 1}; "
        f"is its closing {previous.style} missing?",
    )


def parse_yaml(text: str, yaml: YAML | None = None, *, node_budget: int | None = None) -> Any:
    """Parse deck text into a ruamel round-trip document.

    Args:
        text: The deck text.
        yaml: The YAML instance to use (default: :func:`make_yaml`).
        node_budget: Stop after this many YAML values (None: no limit).

    Returns:
        The document (``None`` for an empty file or one with only comments).

    Raises:
        YamlFileError: a syntax error, an anchor, alias or exotic tag, too deep a nesting.
        RoundTripBudgetError: the text holds more values than ``node_budget``.
    """
    yaml = yaml or make_yaml()
    yaml.node_budget = node_budget  # type: ignore[attr-defined]  # read by _DeckComposer
    try:
        return yaml.load(text)
    except (YamlFileError, RoundTripBudgetError):
        raise
    except ReaderError as error:
        line, col = _position_in(text, int(error.position))
        raise YamlFileError(line, col, _non_printable_message(chr(error.character))) from None
    except MarkedYAMLError as error:
        raise marked_error_problem(error, text) from None
    except YAMLError as error:
        raise YamlFileError(1, 1, f"invalid YAML: {error}") from None
    except (RecursionError, ValueError, TypeError, AttributeError, IndexError, KeyError) as error:
        # ruamel.yaml occasionally fails with a plain exception on malformed input; it is
        # still the file's fault, so it is reported like any other syntax error.
        raise YamlFileError(1, 1, f"invalid YAML: {type(error).__name__}: {error}") from None


def _non_printable_message(char: str) -> str:
    return (
        f"character {char!r} is not allowed in YAML text; "
        "write it as an escape inside double quotes"
    )


def non_printable_problem(text: str) -> YamlFileError | None:
    """The first character of ``text`` that the YAML reader refuses, if any."""
    found = _NON_PRINTABLE.search(text)
    if found is None:
        return None
    return YamlFileError(*_position_in(text, found.start()), _non_printable_message(found.group()))


def marked_error_problem(
    error: MarkedYAMLError, text: str, *, rescan: bool = True
) -> YamlFileError:
    """The problem a parser error stands for, at the line to fix.

    Args:
        error: The error of either parser (the round trip's, or libyaml's).
        text: The text parsed.
        rescan: Whether a quote closed by a later one may be looked for by scanning the
            text again with the pure-Python scanner (too slow for a large file).
    """
    mark = error.problem_mark or error.context_mark
    line, col = _mark_position(mark) if mark is not None else (1, 1)
    if "maximum depth" in str(error.problem):
        return YamlFileError(line, col, f"nesting is too deep (limit {MAX_DEPTH})")
    unclosed = _unclosed(error, text, rescan=rescan)
    if unclosed is not None:
        return unclosed
    return YamlFileError(line, col, _syntax_message(error))


def to_plain(node: Any) -> Any:
    """Convert a ruamel document into plain dicts, lists, str, int, float and bool.

    Validation works on plain values so that the models never hold ruamel's string
    subclasses (which carry quoting style) and compare equal however a value was written.
    """
    if isinstance(node, dict):
        return {to_plain(key): to_plain(value) for key, value in node.items()}
    if isinstance(node, list):
        return [to_plain(item) for item in node]
    if isinstance(node, bool | ScalarBoolean):
        return bool(node)
    if isinstance(node, str):
        return str(node)
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    return node


def dump_yaml(document: Any, yaml: YAML | None = None) -> str:
    """Serialise a ruamel document to text."""
    stream = io.StringIO()
    (yaml or make_yaml()).dump(document, stream)
    return stream.getvalue()


def write_atomic(path: Path, text: str, *, root: Path | None = None) -> None:
    """Write ``text`` to ``path`` atomically (see :func:`neuroquiz.fileio.write_text_atomic`).

    A deck file that is a symbolic link stays one: the file it leads to is written, if it
    is inside the deck folder ``root`` (default: the link's own folder). A link that leads
    elsewhere, or nowhere, is refused (an atomic write would replace the link by a copy).

    Args:
        path: The deck file.
        text: Its new content.
        root: The deck folder a link's target must be in.

    Raises:
        NeuroquizError: the file could not be written; the original is left untouched.
    """
    target = _write_target(Path(path), root)
    try:
        write_text_atomic(target, text)
    except OSError as error:
        raise NeuroquizError(f"cannot write: {error.strerror or error}", path=path) from None


def _write_target(path: Path, root: Path | None) -> Path:
    """The file to write for ``path``: itself, or the deck file a link to it leads to."""
    if not path.is_symlink():
        return path
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):  # dangling, or a loop (RuntimeError before 3.13)
        raise NeuroquizError(
            "is a link that leads to no file: not saved (put the deck file itself here)",
            path=path,
        ) from None
    folder = Path(root if root is not None else path.parent).resolve()
    if not target.is_relative_to(folder):
        raise NeuroquizError(
            f"is a link to {target}, outside the deck folder {folder}: not saved (edit "
            "that file, or put a copy of it here in place of the link)",
            path=path,
        )
    if not target.is_file():
        raise NeuroquizError(f"is a link to {target}, not to a file: not saved", path=path)
    return target
