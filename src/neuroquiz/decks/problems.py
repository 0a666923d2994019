"""What loading a deck file reports: problems with a position, and the decks that loaded."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from neuroquiz.errors import NeuroquizError

if TYPE_CHECKING:
    from neuroquiz.models import Deck


def one_line(text: str) -> str:
    """Return ``text`` with every non-printable character escaped, so it fits on one line.

    Messages quote user text (card fields, file names); a newline or a control character in
    them must never break the ``path:line:col: message`` format that ``neuroquiz check``
    prints one per line.
    """
    if text.isprintable():
        return text
    return "".join(
        ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in text
    )


@dataclass(frozen=True)
class DeckProblem:
    """One problem in a deck file, at a 1-based line and column.

    Attributes:
        path: The deck file.
        line: 1-based line of the offending card, key or character.
        col: 1-based column.
        message: What is wrong, in one line.
    """

    path: Path
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        return one_line(f"{self.path}:{self.line}:{self.col}: {self.message}")


@dataclass(frozen=True)
class LoadedDeck:
    """A deck that loaded cleanly, with the file it came from."""

    path: Path
    deck: Deck


@dataclass(frozen=True)
class LoadResult:
    """The outcome of loading many deck files: the good decks and every problem found.

    A file with any problem is not in ``decks``: a deck is never half-loaded.
    """

    decks: tuple[LoadedDeck, ...]
    problems: tuple[DeckProblem, ...]


class DeckError(NeuroquizError):
    """A deck file could not be loaded or saved; ``problems`` lists every reason.

    ``str(error)`` is the first problem in ``path:line:col: message`` form, followed by how
    many more there are, so the CLI and the TUI can show it on one line.

    Attributes:
        problems: Every problem found, in file order (never empty).
    """

    def __init__(self, problems: Sequence[DeckProblem]) -> None:
        if not problems:
            raise ValueError("DeckError needs at least one problem")
        self.problems: tuple[DeckProblem, ...] = tuple(problems)
        more = len(self.problems) - 1
        suffix = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
        super().__init__(f"{self.problems[0]}{suffix}")
        self.path = str(self.problems[0].path)
