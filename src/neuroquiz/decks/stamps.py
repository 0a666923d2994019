"""Deck files that have not changed since the last sync are not parsed again.

Each deck file synced is recorded with a :class:`FileStamp`: its size, ``mtime_ns``,
``ctime_ns`` and inode, and a hash of its bytes. At the next load a file whose stat is the
same is taken as unchanged without being read; one whose stat moved (``touch``, a copy, an
edit that kept the size and reset the mtime: the ctime still moves) is read and hashed, and
parsed only if the hash differs. A file stamped within :data:`RACY_NS` of its last change
is recorded without a usable stat (as git does with "racily clean" entries), so an edit in
the same clock tick is still caught by the hash at the next load.

Ids stay unique across files: when some file must be parsed, the card ids of the unchanged
decks are asked for (from the store) and checked like those of parsed files; an unchanged
file that now clashes with an earlier one is parsed, so its problem is reported at its line.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from neuroquiz import __version__
from neuroquiz.decks.load import (
    _check_against_earlier,
    deck_files,
    deck_id_for,
    leaves_its_folder,
    read_deck_file,
)
from neuroquiz.decks.problems import DeckProblem, LoadedDeck
from neuroquiz.decks.yamlio import MAX_FILE_BYTES
from neuroquiz.fileio import read_regular_file

READER = f"neuroquiz-{__version__}-deck-reader-2"
"""What read the files: a stamp recorded by another reader (another neuroquiz version, whose
validation rules may differ) never lets a file skip parsing."""

RACY_NS = 2_000_000_000
"""A file changed less than this long before it was stamped may change again unseen within
the same timestamp tick: its stat is not trusted at the next load (the hash still is)."""

UNTRUSTED = -1
"""``mtime_ns`` of a stamp whose stat must not be trusted (see :data:`RACY_NS`)."""

CardIds = Callable[[Sequence[str]], Mapping[str, Sequence[str]]]
"""Given deck ids, the ids of the active cards the store holds for each."""


@dataclass(frozen=True, slots=True)
class FileStamp:
    """What a deck file was when it was read.

    Attributes:
        path: Its real path.
        size: Its size in bytes.
        mtime_ns: Its modification time, or :data:`UNTRUSTED`.
        ctime_ns: Its inode change time (moves on every write, even one that resets mtime).
        inode: Its inode number.
        content_hash: BLAKE2b of its bytes.
    """

    path: str
    size: int
    mtime_ns: int
    ctime_ns: int
    inode: int
    content_hash: str

    def same_stat(self, other: FileStamp) -> bool:
        """True if both stats are equal and trusted (the file was not written since)."""
        return self.mtime_ns != UNTRUSTED and (
            self.path,
            self.size,
            self.mtime_ns,
            self.ctime_ns,
            self.inode,
        ) == (other.path, other.size, other.mtime_ns, other.ctime_ns, other.inode)


@dataclass(frozen=True, slots=True)
class KnownFile:
    """A deck file as the store recorded it, with the deck its rows hold.

    Attributes:
        stamp: The file when it was last synced.
        reader: :data:`READER` of the neuroquiz that read it.
        deck_id: The deck id.
        title: The deck's title.
        description: The deck's description.
        fingerprint: The deck's fingerprint (``neuroquiz.store.sync_prepare``).
        card_count: How many cards the deck has.
    """

    stamp: FileStamp
    reader: str
    deck_id: str
    title: str
    description: str
    fingerprint: str
    card_count: int


@dataclass(frozen=True, slots=True)
class UnchangedDeck:
    """A deck file that was not parsed: it is as the store recorded it.

    Attributes:
        path: The deck file.
        known: What the store recorded.
        stamp: The file now (its stat may have moved, its content has not).
    """

    path: Path
    known: KnownFile
    stamp: FileStamp


@dataclass(frozen=True)
class StampedDeck(LoadedDeck):
    """A deck file that was parsed, with its stamp for the store to record.

    ``mtime_ns`` is the file's modification time as read, even when too recent for the stamp
    to trust it: when the cards the store finds changed were last written (see migration
    0011). None: unknown.
    """

    stamp: FileStamp | None = None
    mtime_ns: int | None = None


def content_hash(data: bytes) -> str:
    """The hash of a deck file's bytes kept in its stamp."""
    return hashlib.blake2b(data, digest_size=20).hexdigest()


def _stamp(real: str, st: os.stat_result, digest: str, now_ns: int) -> FileStamp:
    racy = max(st.st_mtime_ns, st.st_ctime_ns) >= now_ns - RACY_NS
    mtime = UNTRUSTED if racy else st.st_mtime_ns
    return FileStamp(real, st.st_size, mtime, st.st_ctime_ns, st.st_ino, digest)


def _look(
    path: Path, known: KnownFile | None, now_ns: int
) -> tuple[os.stat_result | None, UnchangedDeck | None]:
    """Stat ``path``; if it is unchanged since ``known``, the :class:`UnchangedDeck`.

    A link out of the deck folder is never unchanged: it is "parsed", which refuses it.
    """
    if leaves_its_folder(path):
        return None, None
    try:
        real = os.path.realpath(path)
        st = os.stat(real)
    except (OSError, ValueError):
        return None, None
    if known is None or known.reader != READER or known.deck_id != deck_id_for(path):
        return st, None
    stamp = FileStamp(real, st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, "")
    if known.stamp.same_stat(stamp):
        return st, UnchangedDeck(path, known, known.stamp)
    try:
        digest = content_hash(read_regular_file(Path(real), MAX_FILE_BYTES))
    except (OSError, ValueError):
        return st, None  # parsed, which reports why it cannot be read
    if digest != known.stamp.content_hash:
        return st, None
    return st, UnchangedDeck(path, known, _stamp(real, st, digest, now_ns))


def iter_deck_files(
    paths: Iterable[Path],
    known: Mapping[str, KnownFile],
    card_ids: CardIds,
    *,
    clock: Callable[[], int] = time.time_ns,
) -> Iterator[StampedDeck | UnchangedDeck | DeckProblem]:
    """Like :func:`~neuroquiz.decks.load.iter_decks`, without parsing unchanged files.

    Args:
        paths: Deck files and directories of deck files.
        known: What the store recorded, per deck id.
        card_ids: Called at most once, only if some file is parsed, with the ids of the
            unchanged decks.
        clock: Nanoseconds since the epoch, the clock of the file system (for the racy check).

    Yields:
        Per file, in order: its problems then its deck if it was parsed and accepted, or
        an :class:`UnchangedDeck`.
    """
    now_ns = clock()
    looks = [
        (path, *_look(path, known.get(deck_id_for(path)), now_ns)) for path in deck_files(paths)
    ]
    unchanged_ids = [same.known.deck_id for _, _, same in looks if same is not None]
    ids_of = card_ids(unchanged_ids) if unchanged_ids and len(unchanged_ids) < len(looks) else {}
    deck_owner: dict[str, Path] = {}
    card_owner: dict[str, Path] = {}
    for path, st, same in looks:
        if same is not None:
            ids = ids_of.get(same.known.deck_id, ())
            if same.known.deck_id not in deck_owner and not any(i in card_owner for i in ids):
                deck_owner[same.known.deck_id] = path
                card_owner.update(dict.fromkeys(ids, path))
                yield same
                continue
        parsed = read_deck_file(path)
        if parsed.deck is not None:
            _check_against_earlier(parsed, deck_owner, card_owner)
        yield from parsed.problems
        if parsed.deck is None or parsed.problems:
            continue
        deck_owner[parsed.deck.id] = path
        card_owner.update(dict.fromkeys((card.id for card in parsed.deck.cards), path))
        stamp = None
        if st is not None:
            digest = content_hash(parsed.text.encode("utf-8"))
            stamp = _stamp(os.path.realpath(path), st, digest, now_ns)
        mtime_ns = st.st_mtime_ns if st is not None else None
        yield StampedDeck(path=path, deck=parsed.deck, stamp=stamp, mtime_ns=mtime_ns)
