"""Read the deck files for the app's background load: one file at a time, unchanged files
not parsed, each deck prepared for a sync, in any thread (the loading worker).

The deck reader and the sync (YAML, pydantic) are imported on first use, so the app's first
frame does not pay for them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

from neuroquiz.decks.listing import DeckFileInfo, DeckListing
from neuroquiz.decks.problems import DeckProblem
from neuroquiz.errors import NeuroquizError

if TYPE_CHECKING:
    from neuroquiz.decks.problems import LoadedDeck
    from neuroquiz.decks.stamps import CardIds, KnownFile, StampedDeck, UnchangedDeck
    from neuroquiz.store.sync import PreparedDeck

__all__ = ["DeckRead", "Known", "LoadCancelledError", "iter_deck_files", "read_deck_files"]

Known: TypeAlias = "tuple[dict[str, str], dict[str, KnownFile]]"
"""The store's deck fingerprints and deck-file stamps, read on the UI thread."""


@dataclass(frozen=True)
class DeckRead:
    """Deck files read and prepared for a sync by the loading worker."""

    listing: DeckListing
    prepared: list[PreparedDeck]
    error: NeuroquizError | None = None
    """Why the decks cannot be synced (an id given twice), if so."""


class LoadCancelledError(Exception):
    """The deck load was given up (the app is quitting, or a newer load replaced it)."""


def _never() -> bool:
    return False


def iter_deck_files(
    paths: Iterable[Path], known: Mapping[str, KnownFile], card_ids: CardIds
) -> Iterator[StampedDeck | UnchangedDeck | DeckProblem]:
    """:func:`neuroquiz.decks.stamps.iter_deck_files`, whose module (the deck reader: YAML
    and pydantic) is imported on first use, in the loading worker."""
    from neuroquiz.decks.stamps import iter_deck_files as iterate

    return iterate(paths, known, card_ids)


def read_deck_files(
    decks_dir: Path,
    known: Known,
    card_ids: CardIds,
    cancelled: Callable[[], bool] = _never,
) -> DeckRead:
    """Read the deck files one at a time and prepare them for a sync (any thread).

    Files unchanged since the last sync are not parsed (``neuroquiz.decks.stamps``).

    Args:
        decks_dir: The deck directory.
        known: The store's deck fingerprints and file stamps.
        card_ids: ``ProgressStore.deck_card_ids``, callable from this thread.
        cancelled: Asked before each file; True gives up the load.

    Raises:
        LoadCancelledError: ``cancelled()`` said so; nothing was written.
    """
    # The deck reader and the sync (YAML, pydantic) load here, off the first frame's path.
    from neuroquiz.decks.stamps import UnchangedDeck
    from neuroquiz.store.sync import prepare_files

    infos: list[DeckFileInfo] = []
    problems: list[DeckProblem] = []

    def decks() -> Iterable[LoadedDeck | UnchangedDeck]:
        for item in iter_deck_files([decks_dir], known[1], card_ids):
            if cancelled():
                raise LoadCancelledError
            if isinstance(item, DeckProblem):
                problems.append(item)
                continue
            if isinstance(item, UnchangedDeck):
                same = item.known
                info = DeckFileInfo(
                    same.deck_id, same.title, same.description, item.path, same.card_count
                )
            else:
                info = DeckFileInfo.of(item)
            infos.append(info)
            yield item

    try:
        prepared = prepare_files(decks(), known[0])
    except NeuroquizError as error:
        return DeckRead(DeckListing(tuple(infos), tuple(problems)), [], error)
    return DeckRead(DeckListing(tuple(infos), tuple(problems)), prepared)
