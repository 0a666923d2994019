"""``neuroquiz check``: every problem loading reports, plus cards that say the same thing."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from pathlib import Path

from neuroquiz.controls import control_characters, describe_control
from neuroquiz.decks.bounded import positioned_document
from neuroquiz.decks.dump import AnyCard
from neuroquiz.decks.fastdoc import MAPPINGS
from neuroquiz.decks.load import ParsedDeck, deck_files, load_all, locate_cards
from neuroquiz.decks.locate import key_position
from neuroquiz.decks.problems import DeckProblem
from neuroquiz.models import BasicCard, ClozeCard

DECK_TEXT_ALLOWED = {"title": "", "description": "\t\n"}
"""Deck keys checked for control characters, and the ones each may hold."""


def _normalise(text: str) -> str:
    # NFKC folds look-alike forms (full-width letters, ligatures); casefold and split/join
    # make "Glasgow  coma" and "glasgow Coma " the same.
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def card_content_key(card: AnyCard) -> str:
    """The normalised content of a card, equal for cards that ask the same thing.

    The key is the card type and its prompt-and-answer text, NFKC-normalised, casefolded
    and with runs of whitespace collapsed: ``front``/``back`` for basic cards, ``text``
    for cloze, ``question``/``answer`` for mcq (distractors are not part of the fact, so
    two mcq cards differing only in distractors are duplicates). Tags, notes and source do
    not count.

    Args:
        card: Any card.

    Returns:
        A string; two cards are duplicates when their keys are equal.
    """
    if isinstance(card, BasicCard):
        parts: tuple[str, ...] = (card.front, card.back)
    elif isinstance(card, ClozeCard):
        parts = (card.text,)
    else:
        parts = (card.question, card.answer)
    return "\x1f".join((card.type, *(_normalise(part) for part in parts)))


def study_content_keys(card: AnyCard) -> tuple[str, ...]:
    """:func:`card_content_key` of each direction a card is studied in.

    One key for most cards; a reversed basic card (``reverse: true``) also asks its back
    and answers its front, so it has a second key, equal to the key of a basic card that
    asks the back: such a card would be studied twice.

    Example:
        >>> card = BasicCard(id="a", front="CN VI?", back="Abducens", reverse=True)
        >>> study_content_keys(card)[1] == card_content_key(BasicCard(id="b", front="abducens",
        ...     back="cn vi?"))
        True
    """
    forward = card_content_key(card)
    if not (isinstance(card, BasicCard) and card.reverse):
        return (forward,)
    return forward, "\x1f".join((card.type, _normalise(card.back), _normalise(card.front)))


def control_problems(parsed: ParsedDeck) -> list[DeckProblem]:
    """Problems for control characters in the deck's title or description.

    They show nothing, and some are terminal escapes: a title holding ``\x1b]0;…\x07``
    would set the terminal's title wherever the deck name is printed (an exported TSV shown
    with ``cat``). A description may hold tabs and line breaks.
    """
    deck = parsed.deck
    if deck is None:
        return []
    problems: list[DeckProblem] = []
    document: object = parsed.document
    for key, allowed in DECK_TEXT_ALLOWED.items():
        found = control_characters(getattr(deck, key), allowed=allowed)
        if not found:
            continue
        if document is None:  # a fast read keeps no positions: parse again (rare)
            document = positioned_document(parsed.text)
        line, col = key_position(document, key) if isinstance(document, MAPPINGS) else (1, 1)
        names = ", ".join(describe_control(char) for char in found)
        noun, it = (
            ("a control character", "it") if len(found) == 1 else ("control characters", "them")
        )
        problems.append(
            DeckProblem(parsed.path, line, col, f"{key} holds {noun} ({names}); remove {it}")
        )
    return problems


def check_decks(paths: Iterable[Path]) -> list[DeckProblem]:
    """Everything :func:`load_decks` reports, plus duplicated content.

    Two cards with the same :func:`card_content_key`, in one deck or in two, give a
    problem at the later card, and so does a card that asks what a reversed card asks the
    other way round (:func:`study_content_keys`); control characters in a deck's title or
    description are problems too (see :func:`control_problems`). Empty fields, cloze text without a
    deletion, a distractor equal to the answer and the like are reported by loading (model
    validation). Each problem is one line: ``path:line:col: message``.

    Args:
        paths: Deck files and directories of deck files.

    Returns:
        Every problem, in file order; empty if the decks are clean.
    """
    files = deck_files(paths)
    accepted, problems = load_all(files, positions=True)
    first: dict[str, tuple[Path, int, str, bool]] = {}
    for parsed in accepted:
        if parsed.deck is None:
            continue
        problems.extend(control_problems(parsed))
        locate_cards(parsed)
        for card in parsed.deck.cards:
            line, col = parsed.card_positions[card.id]
            keys = study_content_keys(card)
            clash = next(((k, i) for i, k in enumerate(keys) if k in first), None)
            if clash is None:
                for index, key in enumerate(keys):
                    first.setdefault(key, (parsed.path, line, card.id, index == 1))
                continue
            other_path, other_line, other_id, other_reversed = first[clash[0]]
            same_file = other_path == parsed.path
            where = f"line {other_line}" if same_file else f"{other_path}:{other_line}"
            if other_reversed != (clash[1] == 1):
                what = f"asks what card {other_id!r} asks the other way round"
            else:
                what = f"has the same content as card {other_id!r}"
            problems.append(
                DeckProblem(parsed.path, line, col, f"card {card.id!r} {what} ({where})")
            )
    order = {path: index for index, path in enumerate(files)}
    return sorted(problems, key=lambda p: (order.get(p.path, len(order)), p.line, p.col))
