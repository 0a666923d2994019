"""Bounded work per deck file: which parser reads a file with problems, and capped validation.

A file that the fast read (:mod:`.fastread`) accepts costs a few µs per value. One it gives
up on is parsed again to place each problem at its line: by the round-trip parser if the
file is small (at most :data:`ROUND_TRIP_MAX_BYTES` and :data:`ROUND_TRIP_MAX_NODES`
values, about a second of pure Python at worst), else by the positioned fast read
(:mod:`.fastdoc`), which builds the same document from libyaml's events. Validation looks
at the first items of long lists first (:func:`validate_deck`), and a file lists at most
:data:`MAX_PROBLEMS` problems, so a file of half a million bad cards costs what its first
thousand cost.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from neuroquiz.decks.fastdoc import NoFastParserError, read_positioned
from neuroquiz.decks.fastread import HEADER_COMMENT
from neuroquiz.decks.yamlio import RoundTripBudgetError, YamlFileError, parse_yaml
from neuroquiz.models import Deck

ROUND_TRIP_MAX_BYTES = 256 * 1024
"""Largest text (in characters) the round-trip parser reads to place problems."""

ROUND_TRIP_MAX_NODES = 20_000
"""Most YAML values the round-trip parser reads to place problems (about 1,000 cards)."""

MAX_PROBLEMS = 100
"""Most problems listed for one file; a line at the end says more follow."""

CLIP_SIZES = (1_000, 10)
"""Lengths lists are cut to, in turn, to find a file's first validation errors cheaply."""

_CHEAP_ERRORS = 10_000
"""Most pydantic errors turned into dictionaries at once (a few µs each)."""


def problem_document(text: str, *, fast_first: bool = False) -> Any:
    """Parse deck text with positions, in bounded time.

    A small file is read by the round-trip parser (with a node budget), a large one (or
    one past the budget) by the positioned fast read. With ``fast_first``, the positioned
    fast read is tried first, and the round trip reads only what it refuses (for the round
    trip's wording) or a file holding a tab or a block scalar header run into a comment
    (which libyaml reads where the round trip does not), if it is small. In a large file,
    libyaml's reading of those decides.

    Args:
        text: The deck file's text.
        fast_first: Try the positioned fast read first (``check``: it needs every card's line).

    Returns:
        A document with positions (ruamel's, or :mod:`.fastdoc`'s).

    Raises:
        YamlFileError: the problem that stops parsing.
    """
    fast_error: YamlFileError | None = None
    small = len(text) <= ROUND_TRIP_MAX_BYTES
    if fast_first and not (small and _read_differently(text)):
        try:
            return read_positioned(text)
        except NoFastParserError:
            return parse_yaml(text)
        except YamlFileError as error:
            fast_error = error
    if small:
        try:
            return parse_yaml(text, node_budget=ROUND_TRIP_MAX_NODES)
        except RoundTripBudgetError:
            pass
    if fast_error is not None:
        raise fast_error
    try:
        return read_positioned(text)
    except NoFastParserError:  # no C parser: only the round trip, unbounded
        return parse_yaml(text)


def _read_differently(text: str) -> bool:
    return "\t" in text or HEADER_COMMENT.search(text) is not None


def positioned_document(text: str) -> Any:
    """The document of a file the fast read accepted, with positions (for its card lines).

    The positioned fast read reads everything the fast read does; the round trip is only
    the fallback without a C parser.
    """
    try:
        return read_positioned(text)
    except (NoFastParserError, YamlFileError):
        return parse_yaml(text)


def validate_deck(data: dict[str, Any]) -> Deck | list[dict[str, Any]]:
    """Validate a deck's plain data; a deck with many problems costs what its first ones do.

    pydantic reports every error of a list, and turning a million of them into dictionaries
    takes seconds. So the data is first validated with every list cut to its first
    :data:`CLIP_SIZES` items (a shorter cut if that still gives too many errors): each error
    found is an error of the whole deck, at the same location. Only if the cut data is
    valid is the whole deck validated.

    Args:
        data: The deck's keys, with its id.

    Returns:
        The deck, or pydantic's error dictionaries (``loc`` from the deck's root).
    """
    for size in CLIP_SIZES:
        clipped, was_clipped = _clip(data, size)
        if not was_clipped:
            break
        try:
            Deck.model_validate(clipped)
        except ValidationError as error:
            if error.error_count() <= _CHEAP_ERRORS or size == CLIP_SIZES[-1]:
                return _errors(error)
            continue
        break  # the first items are valid: only the whole deck can tell
    try:
        return Deck.model_validate(data)
    except ValidationError as error:
        return _errors(error)


def _errors(error: ValidationError) -> list[dict[str, Any]]:
    return [dict(item) for item in error.errors(include_url=False)]


def _clip(value: Any, size: int) -> tuple[Any, bool]:
    """``value`` with every list cut to ``size`` items, and whether any was cut."""
    if isinstance(value, dict):
        cut = False
        out: dict[Any, Any] = {}
        for key, item in value.items():
            out[key], item_cut = _clip(item, size)
            cut = cut or item_cut
        return out, cut
    if isinstance(value, list):
        items = [_clip(item, size) for item in value[:size]]
        return [item for item, _ in items], len(value) > size or any(c for _, c in items)
    return value, False
