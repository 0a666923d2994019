"""Plain result records the store returns (immutable dataclasses, no database handles)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from neuroquiz.models import ReviewState


@dataclass(frozen=True)
class SyncReport:
    """What :meth:`ProgressStore.sync` did, counted in cards (notes), not study cards.

    Attributes:
        added: Cards seen for the first time.
        changed: Cards whose content or deck changed under the same id (progress kept).
        retired: Cards gone from their deck file (kept with their history, hidden).
        unchanged: Cards already stored exactly as given.
        restored: Retired cards that came back (their progress is back too).
        retired_decks: Decks missing from a full sync, now hidden (their cards retired).
        moved_from: The deck directory the database was last synced from, when this full
            sync was given another one (None if it is the same, or was never recorded).
    """

    added: int = 0
    changed: int = 0
    retired: int = 0
    unchanged: int = 0
    restored: int = 0
    retired_decks: int = 0
    moved_from: str | None = None

    @property
    def touched(self) -> bool:
        """True if the sync changed anything."""
        return bool(
            self.added or self.changed or self.retired or self.restored or self.retired_decks
        )


@dataclass(frozen=True)
class DeckInfo:
    """A deck as stored: id, title and description."""

    id: str
    title: str
    description: str


@dataclass(frozen=True)
class DeckSummary:
    """Counts of one deck, in study cards, retired ones excluded.

    Attributes:
        deck_id: The deck id.
        title: The deck title.
        new: Never-reviewed study cards that are not suspended.
        due: Reviewed study cards due on or before the day asked, not suspended.
        learned: Study cards reviewed at least once (suspended included).
        total: All study cards (suspended included).
        last_studied: UTC time of the deck's latest answer, None if never studied.
        suspended: Suspended study cards.
    """

    deck_id: str
    title: str
    new: int
    due: int
    learned: int
    total: int
    last_studied: datetime | None
    suspended: int = 0


@dataclass(frozen=True)
class QueueEntry:
    """One study card as the queue needs it: where it comes from and its state."""

    key: str
    card_id: str
    ordinal: int
    deck_id: str
    position: int
    state: ReviewState


@dataclass(frozen=True, slots=True)
class QueuePick:
    """A study card the queue may take, without its state (cheap to read by the hundred).

    Attributes:
        key: Study-card key.
        card_id: The card (note) id; siblings share it.
        ordinal: 0 for basic/mcq, N for cloze cN.
        deck_id: The card's deck.
        position: The card's place in its deck file.
        due: The day it is due (None for a new card).
        is_new: True if it was never reviewed (its state's ``is_new``).
    """

    key: str
    card_id: str
    ordinal: int
    deck_id: str
    position: int
    due: date | None
    is_new: bool = False


@dataclass(frozen=True)
class DayCounts:
    """First answers of one deck on one study day.

    Attributes:
        new: Answers that introduced a new study card.
        reviews: Answers to study cards that had been reviewed before.
    """

    new: int = 0
    reviews: int = 0


@dataclass(frozen=True)
class QuizCandidate:
    """A card a quiz may ask: an active, unsuspended mcq card or basic card with a short back.

    Attributes:
        card_id: The card id.
        deck_id: Its deck.
        type: ``"basic"`` or ``"mcq"``.
    """

    card_id: str
    deck_id: str
    type: str
