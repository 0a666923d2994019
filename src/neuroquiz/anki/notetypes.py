"""Our six Anki note types, with ids fixed forever, and the genanki collection builder.

A reversed basic card (``reverse: true``) goes out as "NeuroQuiz Basic (and reversed card)":
the layout of Anki's stock "Basic (and reversed card)" (Card 1 asks the Front, Card 2 the
Back) with our Source field, under an id of ours so that a re-export updates its notes. A
typed card (``typed: true``) goes out as "NeuroQuiz Basic (type in the answer)", the layout
of Anki's stock "Basic (type in the answer)" (``{{type:Back}}``); a card both reversed and
typed as "NeuroQuiz Basic (and reversed card, type in the answer)", whose Card 2 asks
``{{type:Front}}`` (Anki has no stock type for it).

This is the only module that imports genanki (lazily, so reading these constants is cheap).
The ids must never change: Anki recognises a note type by id, and a changed id would make
every re-export create new notes instead of updating the old ones.
"""

from __future__ import annotations

import itertools
import sqlite3
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from neuroquiz.anki.notes import AnkiDeck

NoteKind = Literal["basic", "cloze", "mcq", "reversed", "typed", "typed-reversed"]

BASIC_ID = 1797105201
CLOZE_ID = 1797105202
MCQ_ID = 1797105203
REVERSED_ID = 1797105204
TYPED_ID = 1797105205
TYPED_REVERSED_ID = 1797105206
TWO_WAY_IDS = frozenset({REVERSED_ID, TYPED_REVERSED_ID})
"""Note types whose Card 2 is a reversed card's back-to-front study card."""

NOTETYPE_IDS: dict[NoteKind, int] = {
    "basic": BASIC_ID,
    "cloze": CLOZE_ID,
    "mcq": MCQ_ID,
    "reversed": REVERSED_ID,
    "typed": TYPED_ID,
    "typed-reversed": TYPED_REVERSED_ID,
}
KIND_BY_ID: dict[int, NoteKind] = {value: key for key, value in NOTETYPE_IDS.items()}
NOTETYPE_NAMES: dict[NoteKind, str] = {
    "basic": "NeuroQuiz Basic",
    "cloze": "NeuroQuiz Cloze",
    "mcq": "NeuroQuiz MCQ",
    "reversed": "NeuroQuiz Basic (and reversed card)",
    "typed": "NeuroQuiz Basic (type in the answer)",
    "typed-reversed": "NeuroQuiz Basic (and reversed card, type in the answer)",
}
FIELD_NAMES: dict[NoteKind, tuple[str, ...]] = {
    "basic": ("Front", "Back", "Source"),
    "cloze": ("Text", "Back Extra"),
    "mcq": ("Question", "Choices", "Answer", "Source"),
    "reversed": ("Front", "Back", "Source"),
    "typed": ("Front", "Back", "Source"),
    "typed-reversed": ("Front", "Back", "Source"),
}

_CSS = """.card { font-family: sans-serif; font-size: 20px; text-align: center;
  color: black; background-color: white; }
.cloze { font-weight: bold; color: blue; }
.nightMode .cloze { color: lightblue; }
.nq-source, .nq-notes { margin-top: 1em; font-size: 16px; color: #555; }
.nightMode .nq-source, .nightMode .nq-notes,
.night_mode .nq-source, .night_mode .nq-notes { color: #aaa; }
.nq-doc { font-style: italic; }
ol.nq-choices { display: inline-block; text-align: left; }
"""

_TEMPLATES: dict[NoteKind, list[dict[str, str]]] = {
    "basic": [
        {
            "name": "Card 1",
            "qfmt": "{{Front}}",
            "afmt": "{{FrontSide}}\n<hr id=answer>\n{{Back}}\n{{Source}}",
        }
    ],
    "cloze": [
        {
            "name": "Cloze",
            "qfmt": "{{cloze:Text}}",
            "afmt": "{{cloze:Text}}\n{{Back Extra}}",
        }
    ],
    "mcq": [
        {
            "name": "Card 1",
            "qfmt": "{{Question}}\n{{Choices}}",
            "afmt": "{{FrontSide}}\n<hr id=answer>\n{{Answer}}\n{{Source}}",
        }
    ],
    "reversed": [
        {
            "name": "Card 1",
            "qfmt": "{{Front}}",
            "afmt": "{{FrontSide}}\n<hr id=answer>\n{{Back}}\n{{Source}}",
        },
        {
            "name": "Card 2",
            "qfmt": "{{Back}}",
            "afmt": "{{FrontSide}}\n<hr id=answer>\n{{Front}}\n{{Source}}",
        },
    ],
    "typed": [
        {
            "name": "Card 1",
            "qfmt": "{{Front}}\n\n{{type:Back}}",
            "afmt": "{{Front}}\n\n<hr id=answer>\n\n{{type:Back}}\n{{Source}}",
        }
    ],
    "typed-reversed": [
        {
            "name": "Card 1",
            "qfmt": "{{Front}}\n\n{{type:Back}}",
            "afmt": "{{Front}}\n\n<hr id=answer>\n\n{{type:Back}}\n{{Source}}",
        },
        {
            "name": "Card 2",
            "qfmt": "{{Back}}\n\n{{type:Front}}",
            "afmt": "{{Back}}\n\n<hr id=answer>\n\n{{type:Front}}\n{{Source}}",
        },
    ],
}


def _model(kind: NoteKind) -> Any:
    import genanki

    return genanki.Model(
        NOTETYPE_IDS[kind],
        NOTETYPE_NAMES[kind],
        fields=[{"name": name} for name in FIELD_NAMES[kind]],
        # genanki writes into the template dicts: give each model its own copies.
        templates=[dict(template) for template in _TEMPLATES[kind]],
        css=_CSS,
        model_type=genanki.Model.CLOZE if kind == "cloze" else genanki.Model.FRONT_BACK,
    )


def write_collection(
    connection: sqlite3.Connection, decks: Sequence[AnkiDeck], *, timestamp: float
) -> None:
    """Write a legacy (schema 11) Anki collection with ``decks`` into an empty database.

    genanki derives note and card ids (and the modification times, which the caller then
    corrects per note) from ``timestamp``, so the same input gives the same database.
    """
    import genanki

    models = {kind: _model(kind) for kind in NOTETYPE_IDS}
    anki_decks = []
    for deck in decks:
        anki_deck = genanki.Deck(deck.anki_id, deck.name, description=deck.description)
        for note in deck.notes:
            anki_deck.add_note(
                genanki.Note(
                    model=models[note.kind],
                    fields=list(note.fields),
                    tags=list(note.tags),
                    guid=note.guid,
                )
            )
        anki_decks.append(anki_deck)
    cursor = connection.cursor()
    genanki.Package(anki_decks).write_to_db(
        cursor, timestamp, itertools.count(int(timestamp * 1000))
    )
