"""Export decks to an Anki package (.apkg) that Anki itself imports.

genanki builds the collection; we then fix what genanki cannot express and pack it into a
zip whose bytes depend only on the input (same decks, progress and timestamp -> same file):

- each note's ``mod`` is when the card's content last changed, so Anki, which updates an
  existing note only "if newer", takes our edits and keeps a note nobody touched;
- the collection says it uses the v2 day counting (``schedVer`` 2, rollover at the configured
  day start, creation offset UTC) so that due days of carried-over progress mean the same day
  in any time zone;
- with progress, card rows become review or suspended cards (see :mod:`.progress`), the
  review history becomes revlog rows (see :mod:`.revlog`) and leeches' notes are tagged
  ``leech``, as Anki tags them;
- zip entries carry a date from the timestamp instead of the clock.
"""

from __future__ import annotations

import io
import json
import sqlite3
import zipfile
from collections.abc import Collection, Mapping, Sequence
from datetime import UTC, date, datetime, time
from pathlib import Path

from neuroquiz.anki.notes import AnkiDeck, ExportReport, tag_leeches, to_anki
from neuroquiz.anki.notetypes import CLOZE_ID, TWO_WAY_IDS, write_collection
from neuroquiz.anki.progress import (
    CardProgress,
    ProgressCounts,
    apply_progress,
    collection_day,
    crt_seconds,
)
from neuroquiz.anki.revlog import write_revlog
from neuroquiz.errors import NeuroquizError
from neuroquiz.fileio import write_bytes_atomic
from neuroquiz.models import REVERSE_ORDINAL, Deck, ReviewLog, study_key

COLLECTION_MEMBER = "collection.anki2"
_ZIP_EPOCH = 315_532_800  # 1980-01-01, the earliest date a zip entry can hold


def export_apkg(
    decks: Sequence[Deck],
    out: Path,
    *,
    today: date,
    progress: Mapping[str, CardProgress] | None = None,
    timestamp: float | None = None,
    content_times: Mapping[str, float] | None = None,
    rollover: int = 4,
    history: Mapping[str, Sequence[ReviewLog]] | None = None,
    leeches: Collection[str] = (),
) -> ExportReport:
    """Write ``decks`` to the Anki package ``out`` (atomically).

    Args:
        decks: The decks to export; each becomes ``NeuroQuiz::<title>``.
        out: The .apkg file to write.
        today: The export day; the collection's creation day unless progress is overdue.
        progress: Study key -> progress. When given, reviewed cards arrive as review cards
            with our interval, ease, due day, reps and lapses, and suspended ones suspended.
        timestamp: Epoch seconds genanki derives note and card ids from, and the default note
            modification time. Default: noon UTC of ``today``. Fixing it (and the other
            inputs) makes the file byte-for-byte reproducible.
        content_times: Card id -> epoch seconds when its content last changed; the note's
            modification time. Cards missing here get ``timestamp``.
        rollover: The hour (0-23) a study day starts, written as the collection's
            ``rollover``; ``today`` must be the study day (not the calendar date) at that hour.
        history: Study key -> its review log; written as Anki revlog rows (see
            :mod:`.revlog`), so Anki's card info and statistics show the reviews.
        leeches: Ids of the cards with a study card marked as a leech: their notes get the
            tag ``leech``.

    Returns:
        Counts of what was written.

    Raises:
        NeuroquizError: if a card id appears in two decks, or ``out`` cannot be written.
    """
    stamp = timestamp if timestamp is not None else _noon(today)
    anki_decks = tag_leeches(to_anki(decks), leeches) if leeches else to_anki(decks)
    _check_unique(anki_decks)
    connection = sqlite3.connect(":memory:")
    try:
        write_collection(connection, anki_decks, timestamp=stamp)
        _set_note_mods(connection, anki_decks, content_times or {}, stamp)
        created = collection_day(progress or {}, today)
        _set_collection(connection, created, stamp, rollover)
        counts = ProgressCounts()
        reviews = 0
        if progress or history:
            keys = _card_keys(connection, anki_decks)
            if progress:
                counts = apply_progress(
                    connection, keys, progress, created=created, default_mod=int(stamp)
                )
            if history:
                reviews = write_revlog(connection, keys, history)
        cards = _check_cards(connection, anki_decks)
        connection.commit()
        database = connection.serialize()
    finally:
        connection.close()
    data = _zip([(COLLECTION_MEMBER, database), ("media", b"{}")], stamp)
    try:
        write_bytes_atomic(out, data)
    except OSError as error:
        raise NeuroquizError(f"cannot write: {error.strerror or error}", path=out) from error
    return ExportReport(
        path=out,
        decks=len(anki_decks),
        notes=sum(len(deck.notes) for deck in anki_decks),
        cards=cards,
        review_cards=counts.review,
        suspended_cards=counts.suspended,
        reviews=reviews,
    )


def _noon(day: date) -> float:
    return datetime.combine(day, time(12), tzinfo=UTC).timestamp()


def _check_unique(decks: Sequence[AnkiDeck]) -> None:
    # Two notes with one GUID would overwrite each other in Anki.
    seen: dict[str, str] = {}
    for deck in decks:
        for note in deck.notes:
            if note.card_id in seen:
                raise NeuroquizError(
                    f"card id {note.card_id!r} appears twice (decks {seen[note.card_id]!r}"
                    f" and {deck.deck_id!r})"
                )
            seen[note.card_id] = deck.deck_id


def _set_note_mods(
    connection: sqlite3.Connection,
    decks: Sequence[AnkiDeck],
    content_times: Mapping[str, float],
    stamp: float,
) -> None:
    mods = {
        note.guid: int(content_times.get(note.card_id, stamp))
        for deck in decks
        for note in deck.notes
    }
    rows = connection.execute("SELECT id, guid FROM notes").fetchall()
    connection.executemany(
        "UPDATE notes SET mod = ? WHERE id = ?", [(mods[guid], nid) for nid, guid in rows]
    )


def _set_collection(
    connection: sqlite3.Connection, created: date, stamp: float, rollover: int
) -> None:
    (conf_json,) = connection.execute("SELECT conf FROM col").fetchone()
    conf = json.loads(conf_json)
    # v2 day counting with an explicit creation offset: Anki then counts calendar days
    # since ``created`` in the importing user's own time zone (see progress.py).
    conf.update({"schedVer": 2, "rollover": rollover, "creationOffset": 0})
    connection.execute(
        "UPDATE col SET crt = ?, mod = ?, conf = ?",
        (crt_seconds(created), int(stamp * 1000), json.dumps(conf, sort_keys=True)),
    )


def _card_keys(connection: sqlite3.Connection, decks: Sequence[AnkiDeck]) -> dict[int, str]:
    card_ids = {note.guid: note.card_id for deck in decks for note in deck.notes}
    rows = connection.execute(
        "SELECT cards.id, notes.guid, notes.mid, cards.ord FROM cards JOIN notes"
        " ON notes.id = cards.nid"
    ).fetchall()
    return {
        card_row: study_key(card_ids[guid], _study_ordinal(mid, ord_))
        for card_row, guid, mid, ord_ in rows
    }


def _study_ordinal(notetype_id: int, anki_ord: int) -> int:
    """The study ordinal of the Anki card of template (or cloze) ``anki_ord``."""
    if notetype_id == CLOZE_ID:
        return anki_ord + 1
    if notetype_id in TWO_WAY_IDS and anki_ord == 1:
        return REVERSE_ORDINAL
    return 0


def _check_cards(connection: sqlite3.Connection, decks: Sequence[AnkiDeck]) -> int:
    # Anki drops notes without cards; every card of ours must have produced one.
    (cards,) = connection.execute("SELECT count(*) FROM cards").fetchone()
    expected = sum(len(note.ordinals) for deck in decks for note in deck.notes)
    if cards != expected:
        raise RuntimeError(f"genanki made {cards} cards, expected {expected}")
    return int(cards)


def _zip(members: Sequence[tuple[str, bytes]], stamp: float) -> bytes:
    moment = datetime.fromtimestamp(max(stamp, _ZIP_EPOCH), UTC)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=moment.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return buffer.getvalue()
