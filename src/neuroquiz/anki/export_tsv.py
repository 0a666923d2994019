"""Export decks to Anki's text-import format (tab-separated, with header lines).

The file holds the same notes as the .apkg (same GUIDs, note types, fields, decks and tags),
one per line. Anki needs the note types to exist already: import the .apkg once (it brings
them), after which the TSV can add or update notes.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

from neuroquiz.anki.notes import ExportReport, to_anki
from neuroquiz.anki.notetypes import NOTETYPE_NAMES
from neuroquiz.controls import strip_controls
from neuroquiz.errors import NeuroquizError
from neuroquiz.fileio import write_text_atomic
from neuroquiz.models import Deck

HEADER = (
    "#separator:tab",
    "#html:true",
    "#guid column:1",
    "#notetype column:2",
    "#deck column:3",
    "#tags column:4",
)


def tsv_text(decks: Sequence[Deck]) -> tuple[str, ExportReport]:
    """The TSV text for ``decks`` and what it holds (with an empty path)."""
    buffer = io.StringIO()
    for line in HEADER:
        buffer.write(line + "\n")
    writer = csv.writer(buffer, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    notes = cards = 0
    anki_decks = to_anki(decks)
    for deck in anki_decks:
        for note in deck.notes:
            row = [note.guid, NOTETYPE_NAMES[note.kind], deck.name, " ".join(note.tags)]
            # Fields and names are already clean; this makes sure no terminal escape is ever
            # written, whatever a future field holds (`cat` on the file must stay harmless).
            writer.writerow([strip_controls(cell, keep="\t") for cell in (*row, *note.fields)])
            notes += 1
            cards += len(note.ordinals)
    report = ExportReport(path=Path(), decks=len(anki_decks), notes=notes, cards=cards)
    return buffer.getvalue(), report


def export_tsv(decks: Sequence[Deck], out: Path) -> ExportReport:
    """Write ``decks`` to ``out`` in Anki's text format (atomically).

    Raises:
        NeuroquizError: if ``out`` cannot be written.
    """
    text, report = tsv_text(decks)
    try:
        write_text_atomic(out, text)
    except OSError as error:
        raise NeuroquizError(f"cannot write: {error.strerror or error}", path=out) from error
    return ExportReport(path=out, decks=report.decks, notes=report.notes, cards=report.cards)
