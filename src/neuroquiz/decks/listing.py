"""What the app keeps of the deck files once loaded: their info and problems, no card models.

A light module (no YAML parser, no pydantic): the app shows the home screen from it before
any deck file is read.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from neuroquiz.decks.problems import DeckProblem, LoadedDeck, LoadResult


@dataclass(frozen=True, slots=True)
class DeckFileInfo:
    """What the app keeps of a deck file once it is synced: no card models.

    Attributes:
        id: The deck id.
        title: Its title.
        description: Its description.
        path: The deck file.
        cards: How many cards it has.
    """

    id: str
    title: str
    description: str
    path: Path
    cards: int

    @classmethod
    def of(cls, loaded: LoadedDeck) -> DeckFileInfo:
        """The info of a loaded deck."""
        deck = loaded.deck
        return cls(deck.id, deck.title, deck.description, loaded.path, len(deck.cards))


@dataclass(frozen=True, slots=True)
class DeckListing:
    """The outcome of loading deck files, without the card models.

    Attributes:
        decks: The decks that loaded, in file order.
        problems: Every problem found, in file order.
    """

    decks: tuple[DeckFileInfo, ...] = ()
    problems: tuple[DeckProblem, ...] = ()

    @classmethod
    def of(cls, result: LoadResult) -> DeckListing:
        """The listing of a :class:`LoadResult`."""
        return cls(tuple(DeckFileInfo.of(d) for d in result.decks), result.problems)

    def find(self, deck_id: str) -> DeckFileInfo | None:
        """The deck ``deck_id``, if it loaded."""
        return next((info for info in self.decks if info.id == deck_id), None)
