"""Deck files -> Deck models, every problem reported at its line; bad files never half-load."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from neuroquiz.decks.bounded import (
    MAX_PROBLEMS,
    positioned_document,
    problem_document,
    validate_deck,
)
from neuroquiz.decks.fastdoc import MAPPINGS, SEQUENCES
from neuroquiz.decks.fastread import NOT_PLAIN, read_plain
from neuroquiz.decks.locate import (
    bad_file_name_message,
    describe,
    item_position,
    key_position,
    node_position,
    validation_problems,
)
from neuroquiz.decks.problems import DeckError, DeckProblem, LoadedDeck, LoadResult
from neuroquiz.decks.yamlio import YamlFileError, parse_yaml, read_deck_text, to_plain
from neuroquiz.fileio import stays_inside
from neuroquiz.models import CARD_ID_PATTERN, Deck

DECK_SUFFIXES = (".yaml", ".yml")
"""File name endings of deck files."""

MAX_ID_LENGTH = 200
"""Longest id the models accept."""

Position = tuple[int, int]


@dataclass
class ParsedDeck:
    """Everything known about one deck file after reading it (internal to the package).

    Attributes:
        path: The file.
        text: Its text ("" if it could not be read).
        parsed: True if the text was read and parsed as YAML (it may still be invalid).
        document: The ruamel round-trip document, if it parsed (None after a fast read).
        deck: The validated deck, if the file has no problem at all.
        problems: Every problem found.
        card_positions: Per card id, the position of its item in ``cards``.
        id_positions: Per card id, the position of its ``id`` key.
        located: False after a fast read, which knows no positions: call
            :func:`locate_cards` before reading the two position maps.
    """

    path: Path
    text: str = ""
    parsed: bool = False
    document: Any = None
    deck: Deck | None = None
    problems: list[DeckProblem] = field(default_factory=list)
    card_positions: dict[str, Position] = field(default_factory=dict)
    id_positions: dict[str, Position] = field(default_factory=dict)
    located: bool = True


def is_valid_id(text: str) -> bool:
    """True if ``text`` is a valid card or deck id (see ``models.CARD_ID_PATTERN``)."""
    return len(text) <= MAX_ID_LENGTH and re.fullmatch(CARD_ID_PATTERN, text) is not None


def deck_id_for(path: Path) -> str:
    """The deck id a file name gives: the name without ``.yaml`` (or ``.yml``)."""
    return path.stem if path.suffix in DECK_SUFFIXES else path.name


def deck_files(paths: Iterable[Path]) -> list[Path]:
    """Expand paths into deck files.

    A directory gives its ``*.yaml`` and ``*.yml`` entries that are not directories (not
    recursive, sorted by name, hidden files skipped), so that a FIFO, a device or a broken
    link named like a deck is reported when it is read rather than silently skipped; any
    other path is kept as it is, so that loading a missing file reports it as a
    problem. A file named twice is listed once.

    Args:
        paths: Files and directories.

    Returns:
        The deck files, in order.
    """
    files: list[Path] = []
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            try:
                found = sorted(
                    child
                    for child in path.iterdir()
                    if child.suffix in DECK_SUFFIXES
                    and not child.name.startswith(".")
                    and not child.is_dir()
                )
            except OSError:
                found = [path]
        else:
            found = [path]
        for file in found:
            # Not Path.resolve(): on Python 3.11 it raises on a symlink loop, which is the
            # file's problem to report when it is read.
            key = Path(os.path.realpath(file))
            if key not in seen:
                seen.add(key)
                files.append(file)
    return files


def _card_index(parsed: ParsedDeck, document: Any) -> None:
    """Record where each card id is and report ids used twice in the file."""
    cards = document.get("cards")
    if not isinstance(cards, SEQUENCES):
        return
    for index, card in enumerate(cards):
        if not isinstance(card, MAPPINGS):
            continue
        card_id = card.get("id")
        if not isinstance(card_id, str) or not is_valid_id(card_id):
            continue
        id_at = key_position(card, "id")
        if card_id in parsed.id_positions:
            first = parsed.id_positions[card_id][0]
            parsed.problems.append(
                DeckProblem(
                    parsed.path, *id_at, f"duplicate card id {card_id!r} (first at line {first})"
                )
            )
            continue
        parsed.id_positions[card_id] = id_at
        parsed.card_positions[card_id] = item_position(cards, index)


def _validate(parsed: ParsedDeck, document: Any) -> None:
    path = parsed.path
    if not isinstance(document, MAPPINGS):
        line, col = node_position(document) or _first_content_position(parsed.text)
        parsed.problems.append(
            DeckProblem(
                path,
                line,
                col,
                "the top level must be a mapping with 'title' and 'cards', "
                f"not {describe(to_plain(document))}",
            )
        )
        return
    data = to_plain(document)
    if "id" in data:
        parsed.problems.append(
            DeckProblem(
                path,
                *key_position(document, "id"),
                "unknown key 'id' (a deck's id is its file name)",
            )
        )
        del data["id"]
    _card_index(parsed, document)
    deck_id = deck_id_for(path)
    # A bad file name is reported once, by parse_deck_file; validation gets a stand-in id.
    deck = validate_deck({"id": deck_id if is_valid_id(deck_id) else "x", **data})
    if not isinstance(deck, Deck):
        parsed.problems.extend(validation_problems(path, document, deck))
        return
    if not parsed.problems:
        parsed.deck = deck


def _first_content_position(text: str) -> Position:
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.lstrip()
        if stripped and not stripped.startswith("#"):
            return number, len(line) - len(stripped) + 1
    return 1, 1


def leaves_its_folder(path: Path) -> bool:
    """True if deck file ``path`` is a symbolic link leading out of the folder it is in.

    A shared deck repository must not make neuroquiz read (or show) a file elsewhere on
    the machine; a link to another file of the same folder (or below it) is fine.
    """
    return os.path.islink(path) and not stays_inside(path, path.parent)


def escape_message(path: Path) -> str:
    """The problem of a deck file that is a link out of its folder."""
    return (
        f"is a symbolic link to {os.path.realpath(path)}, outside the deck folder; "
        "it is not read (copy the file into the folder instead)"
    )


def _read_text(path: Path) -> ParsedDeck:
    """A ParsedDeck holding the file's text, or the one problem that stopped reading it."""
    parsed = ParsedDeck(path=path)
    if leaves_its_folder(path):
        parsed.problems.append(DeckProblem(path, 1, 1, escape_message(path)))
        return parsed
    try:
        parsed.text = read_deck_text(path)
    except YamlFileError as problem:
        parsed.problems.append(DeckProblem(path, problem.line, problem.col, problem.message))
    return parsed


def parse_deck_file(path: Path) -> ParsedDeck:
    """Read, parse and validate one deck file, collecting every problem (never raises).

    The file is parsed with the round-trip loader, so ``document`` can be edited and saved
    back (see :mod:`.save`); :func:`read_deck_file` is the faster read for loading.

    Args:
        path: The deck file.
    """
    parsed = _read_text(path)
    return parsed if parsed.problems else _parse_text(parsed, bounded=False)


def read_deck_file(path: Path, *, positions: bool = False) -> ParsedDeck:
    """Like :func:`parse_deck_file`, but a file without problems skips the round trip.

    The text is first read by :func:`~neuroquiz.decks.fastread.read_plain` and validated;
    only if that gives up or validation fails is it parsed again, which places every
    problem at its line (see :func:`~neuroquiz.decks.bounded.problem_document`: the work
    is bounded). The result is the same either way, except that a fast read has no
    ``document`` and no positions (see :func:`locate_cards`).

    Args:
        path: The deck file.
        positions: Read the file with positions straight away (the positioned fast read),
            for a caller that needs every card's line.
    """
    parsed = _read_text(path)
    if parsed.problems:
        return parsed
    if positions:
        return _parse_text(parsed, bounded=True, fast_first=True)
    deck = _fast_deck(path, parsed.text)
    if deck is None:
        return _parse_text(parsed, bounded=True)
    parsed.parsed, parsed.deck, parsed.located = True, deck, False
    return parsed


def _fast_deck(path: Path, text: str) -> Deck | None:
    """The deck in ``text`` if it is read fast and has no problem at all, else None."""
    deck_id = deck_id_for(path)
    if not is_valid_id(deck_id):
        return None
    data = read_plain(text)
    if data is NOT_PLAIN or type(data) is not dict or "id" in data:
        return None
    try:
        deck = Deck.model_validate({"id": deck_id, **data})
    except ValidationError:
        return None
    ids = {card.id for card in deck.cards}
    return deck if len(ids) == len(deck.cards) else None  # a card id twice: the round trip


def locate_cards(parsed: ParsedDeck) -> None:
    """Fill ``card_positions`` and ``id_positions`` of a fast-read deck (round-trip parse).

    Does nothing if they are known. Only a deck without problems is read fast, so this
    finds no new problem.
    """
    if parsed.located:
        return
    scratch = ParsedDeck(path=parsed.path, text=parsed.text)
    document = positioned_document(parsed.text)
    if isinstance(document, MAPPINGS):
        _card_index(scratch, document)
    parsed.card_positions, parsed.id_positions = scratch.card_positions, scratch.id_positions
    parsed.located = True


def _parse_text(parsed: ParsedDeck, *, bounded: bool, fast_first: bool = False) -> ParsedDeck:
    """Parse and validate ``parsed.text``, placing every problem at its line.

    Args:
        parsed: The file, read.
        bounded: Whether the work is bounded (see :mod:`.bounded`), for loading; else the
            round-trip loader reads it all, whatever it costs, for a document to edit.
        fast_first: Try the positioned fast read first (see ``problem_document``).
    """
    path = parsed.path
    if not is_valid_id(deck_id_for(path)):
        parsed.problems.append(DeckProblem(path, 1, 1, bad_file_name_message(path)))
    try:
        parsed.document = (
            problem_document(parsed.text, fast_first=fast_first)
            if bounded
            else parse_yaml(parsed.text)
        )
    except YamlFileError as problem:
        parsed.problems.append(DeckProblem(path, problem.line, problem.col, problem.message))
    else:
        parsed.parsed = True
        if parsed.document is None:
            parsed.problems.append(
                DeckProblem(path, 1, 1, "file is empty (expected 'title' and 'cards')")
            )
        else:
            _validate(parsed, parsed.document)
    parsed.problems.sort(key=lambda p: (p.line, p.col))
    if len(parsed.problems) > MAX_PROBLEMS:
        rest = parsed.problems[MAX_PROBLEMS]
        parsed.problems[MAX_PROBLEMS:] = [
            DeckProblem(
                path,
                rest.line,
                rest.col,
                f"more problems from here on; only the first {MAX_PROBLEMS} of a file are "
                "listed (fix these and check again)",
            )
        ]
    return parsed


def load_deck(path: Path) -> Deck:
    """Load one deck file.

    Args:
        path: The deck file; its name without ``.yaml`` is the deck id.

    Returns:
        The validated deck.

    Raises:
        DeckError: the file has problems; ``error.problems`` lists every one.
    """
    parsed = read_deck_file(path)
    if parsed.deck is None:
        raise DeckError(parsed.problems)
    return parsed.deck


def load_all(
    paths: Iterable[Path], *, positions: bool = False
) -> tuple[list[ParsedDeck], list[DeckProblem]]:
    """Load deck files and check ids across them (internal; see :func:`load_decks`).

    Args:
        paths: Deck files and directories of deck files.
        positions: Read every file with positions (see :func:`read_deck_file`).

    Returns:
        The decks accepted, in file order, and every problem found.
    """
    accepted: list[ParsedDeck] = []
    problems: list[DeckProblem] = []
    for parsed in iter_parsed(paths, positions=positions):
        problems.extend(parsed.problems)
        if parsed.deck is not None and not parsed.problems:
            accepted.append(parsed)
    return accepted, problems


def iter_parsed(paths: Iterable[Path], *, positions: bool = False) -> Iterator[ParsedDeck]:
    """Read deck files one at a time, checking ids against the files read before.

    Each file is yielded with all its problems; it is accepted if it has a deck and no
    problem. Only the ids of accepted files are kept between files (not their models), so
    memory stays at one file's worth; a reused card id is placed in the earlier file by
    reading that file again, which happens only when there is such a problem.

    Args:
        paths: Deck files and directories of deck files (see :func:`deck_files`).
        positions: Read every file with positions (see :func:`read_deck_file`).

    Yields:
        Each deck file as read and checked, in order.
    """
    deck_owner: dict[str, Path] = {}
    card_owner: dict[str, Path] = {}
    for path in deck_files(paths):
        parsed = read_deck_file(path, positions=positions)
        if parsed.deck is not None:
            _check_against_earlier(parsed, deck_owner, card_owner)
        if parsed.deck is not None and not parsed.problems:
            deck_owner[parsed.deck.id] = path
            for card in parsed.deck.cards:
                card_owner[card.id] = path
        yield parsed


def _check_against_earlier(
    parsed: ParsedDeck, deck_owner: dict[str, Path], card_owner: dict[str, Path]
) -> None:
    """Reject a deck whose id or card ids an earlier file already uses: ids are global."""
    assert parsed.deck is not None
    owner = deck_owner.get(parsed.deck.id)
    if owner is not None:
        parsed.problems.append(
            DeckProblem(parsed.path, 1, 1, f"duplicate deck id {parsed.deck.id!r} (also {owner})")
        )
    earlier: dict[Path, ParsedDeck] = {}
    for card in parsed.deck.cards:
        other_path = card_owner.get(card.id)
        if other_path is None:
            continue
        # Positions are looked up only now: a fast read does not know them.
        locate_cards(parsed)
        if other_path not in earlier:
            earlier[other_path] = other = read_deck_file(other_path)
            locate_cards(other)
        # The earlier file may have changed since it was read: then its first line.
        line = earlier[other_path].id_positions.get(card.id, (1, 1))[0]
        parsed.problems.append(
            DeckProblem(
                parsed.path,
                *parsed.id_positions[card.id],
                f"card id {card.id!r} is already used in {other_path}:{line}",
            )
        )


def iter_decks(paths: Iterable[Path]) -> Iterator[LoadedDeck | DeckProblem]:
    """Load deck files one at a time, as :func:`load_decks` does, without keeping them.

    Yields each file's problems, then its deck if it was accepted, in file order; only one
    file's models are alive at a time (plus the ids seen so far).

    Args:
        paths: Deck files and directories of deck files (see :func:`deck_files`).

    Yields:
        Problems and the decks that loaded.
    """
    for parsed in iter_parsed(paths):
        yield from parsed.problems
        if parsed.deck is not None and not parsed.problems:
            yield LoadedDeck(path=parsed.path, deck=parsed.deck)


def load_decks(paths: Iterable[Path]) -> LoadResult:
    """Load every deck file under ``paths``; bad files are reported, never raised.

    A file with any problem is rejected whole. Card ids are unique across all decks: a
    later file that reuses an id of an earlier one is rejected, with a problem at the
    line of the reused id.

    Args:
        paths: Deck files and directories of deck files (see :func:`deck_files`).

    Returns:
        The decks that loaded and every problem found, in file order.
    """
    accepted, problems = load_all(paths)
    return LoadResult(
        decks=tuple(LoadedDeck(path=p.path, deck=p.deck) for p in accepted if p.deck is not None),
        problems=tuple(problems),
    )
