"""Neuroquiz cards as Anki notes: GUIDs, deck names, tags and the HTML of every field.

Pure functions over the models; both the .apkg and the TSV exporter use them, so the two
files hold exactly the same notes. The import compares a package's deck with a deck file
through them too (:func:`holds_same`).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from neuroquiz.anki.html import MARKER_PREFIX, tagged, to_html
from neuroquiz.anki.notetypes import NoteKind
from neuroquiz.controls import strip_controls
from neuroquiz.models import BasicCard, ClozeCard, Deck, McqCard, Source, card_ordinals

GUID_PREFIX = "nq:"
"""A note's GUID is this prefix and the card id: stable, so re-imports update the note."""
DECK_PREFIX = "NeuroQuiz::"
"""Every exported deck lives under this parent deck in Anki."""
LETTERS = "ABCDEF"

AnyCard = BasicCard | ClozeCard | McqCard

LEECH_TAG = "leech"
"""The tag Anki gives a note when one of its cards becomes a leech (Anki's tags ignore case)."""


@dataclass(frozen=True)
class AnkiNote:
    """One note as it goes into Anki: GUID, note type, field HTML and tags."""

    guid: str
    card_id: str
    kind: NoteKind
    fields: tuple[str, ...]
    tags: tuple[str, ...]
    ordinals: tuple[int, ...]
    """Study ordinals of its cards (0 for basic and mcq, the cN numbers for a cloze, 0 and
    :data:`~neuroquiz.models.REVERSE_ORDINAL` for a reversed basic card)."""


@dataclass(frozen=True)
class AnkiDeck:
    """One deck as it goes into Anki."""

    deck_id: str
    anki_id: int
    name: str
    description: str
    notes: tuple[AnkiNote, ...]


@dataclass(frozen=True)
class ExportReport:
    """What an export wrote."""

    path: Path
    decks: int
    notes: int
    cards: int
    review_cards: int = 0
    suspended_cards: int = 0
    reviews: int = 0
    """Review history rows (Anki revlog) written."""


def guid_for(card_id: str) -> str:
    """The GUID of the note made from card ``card_id``."""
    return f"{GUID_PREFIX}{card_id}"


def card_id_from_guid(guid: str) -> str | None:
    """The card id inside one of our GUIDs, or None for a note made elsewhere."""
    if guid.startswith(GUID_PREFIX) and re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", guid[3:]):
        return guid[len(GUID_PREFIX) :]
    return None


def deck_name(title: str) -> str:
    """``NeuroQuiz::<title>``, where a ``::`` in the title is Anki's deck hierarchy.

    A deck imported from Anki's ``Neuro::Anatomy::Brainstem`` has that title and goes back as
    ``NeuroQuiz::Neuro::Anatomy::Brainstem``: a sub-deck of a sub-deck, as in Anki. Each level
    is tidied (runs of spaces collapse) and empty levels go, as Anki does. Control characters
    never reach the name (a title with ``\\x1b]0;…\\x07`` would set the terminal's title
    when the TSV is shown): tabs and line breaks become spaces, the others are dropped.
    """
    title = strip_controls(re.sub(r"[\t\n\r\v\f]", " ", title))
    levels = [" ".join(level.split()) for level in title.split("::")]
    clean = "::".join(level for level in levels if level)
    return f"{DECK_PREFIX}{clean or ' '.join(title.replace(':', ' ').split())}"


def anki_deck_id(deck_id: str) -> int:
    """A stable Anki deck id for our deck id, in the range genanki recommends."""
    digest = hashlib.sha256(f"neuroquiz-deck:{deck_id}".encode()).digest()
    return (1 << 30) + int.from_bytes(digest[:4], "big") % (1 << 30)


def note_tags(card: AnyCard, deck_id: str) -> tuple[str, ...]:
    """The card's tags and the deck id, without spaces (Anki forbids them) or control
    characters, sorted."""
    tags = {strip_controls(re.sub(r"\s+", "_", tag)) for tag in (*card.tags, deck_id)}
    return tuple(sorted(tag for tag in tags if tag))


def extra_html(source: Source | None, notes: str | None) -> str:
    """The Source / Back Extra field: document, source sentences and free notes."""
    parts: list[str] = []
    if source is not None:
        sentences = "".join("<br>" + tagged("q", "nq-sentence", s) for s in source.sentences)
        parts.append(
            f'<div class="nq-source">{tagged("span", "nq-doc", source.document)}{sentences}</div>'
        )
    if notes is not None:
        parts.append(tagged("div", "nq-notes", notes))
    return "".join(parts)


def choice_order(card: McqCard) -> list[str]:
    """The answer and distractors in a stable shuffled order.

    The order depends only on the card id and the set of choices, never on the order of the
    distractors in the file, so an exported, re-imported and re-exported card is identical.
    """
    choices = [card.answer, *card.distractors]
    return sorted(choices, key=lambda c: hashlib.sha256(f"{card.id}\n{c}".encode()).hexdigest())


def card_fields(card: AnyCard) -> tuple[str, ...]:
    """The HTML of each field of the note made from ``card``, in note-type order."""
    extra = extra_html(card.source, card.notes)
    if isinstance(card, BasicCard):
        return (to_html(card.front), to_html(card.back), extra)
    if isinstance(card, ClozeCard):
        return (to_html(card.text), extra)
    choices = choice_order(card)
    # data-order keeps the file's order (0 = the answer), so an import restores it exactly.
    original = [card.answer, *card.distractors]
    items = "".join(
        tagged("li", "nq-choice", choice, order=original.index(choice)) for choice in choices
    )
    letter = LETTERS[choices.index(card.answer)]
    answer = f'<span class="nq-letter">{letter}.</span> ' + tagged("span", "nq-answer", card.answer)
    return (to_html(card.question), f'<ol class="nq-choices" type="A">{items}</ol>', answer, extra)


def note_kind(card: AnyCard) -> NoteKind:
    """The note type of ``card``: its card type, or ``reversed``, ``typed`` or
    ``typed-reversed`` for a basic card studied so."""
    if not isinstance(card, BasicCard):
        return card.type
    if card.typed:
        return "typed-reversed" if card.reverse else "typed"
    return "reversed" if card.reverse else "basic"


def to_note(card: AnyCard, deck_id: str) -> AnkiNote:
    """The Anki note of one card of deck ``deck_id``."""
    return AnkiNote(
        guid=guid_for(card.id),
        card_id=card.id,
        kind=note_kind(card),
        fields=card_fields(card),
        tags=note_tags(card, deck_id),
        ordinals=card_ordinals(card),
    )


def deck_description(deck: Deck) -> str:
    """The Anki deck description: our description, and our deck id in an HTML comment."""
    return f"{to_html(deck.description)}<!--{MARKER_PREFIX}{deck.id}-->"


def to_anki(decks: Sequence[Deck]) -> list[AnkiDeck]:
    """All decks as Anki decks, in the given order."""
    return [
        AnkiDeck(
            deck_id=deck.id,
            anki_id=anki_deck_id(deck.id),
            name=deck_name(deck.title),
            description=deck_description(deck),
            notes=tuple(to_note(card, deck.id) for card in deck.cards),
        )
        for deck in decks
    ]


def tag_leeches(decks: Sequence[AnkiDeck], card_ids: Collection[str]) -> list[AnkiDeck]:
    """``decks`` with the tag ``leech`` added to the notes of ``card_ids``, as Anki tags a
    note one of whose cards is a leech."""
    return [
        replace(
            deck,
            notes=tuple(
                replace(note, tags=tuple(sorted({*note.tags, LEECH_TAG})))
                if note.card_id in card_ids
                else note
                for note in deck.notes
            ),
        )
        for deck in decks
    ]


def holds_same(existing: Deck, imported: Deck) -> bool:
    """True if the package deck ``imported`` holds nothing that exporting ``existing`` would
    not write: the same deck name, description and notes (in any order).

    What Anki cannot hold (a card's origin, the deck's sources and generated lists, the order
    of tags) does not count, so a deck file taken to Anki and back is still the same; nor
    does the tag ``leech``, which the import reads as scheduling, never as a card's tag.
    """
    if existing.id != imported.id:
        return False
    (old,), (new,) = to_anki([existing]), to_anki([imported])
    return (old.name, old.description, sorted(map(_comparable, old.notes), key=_guid)) == (
        new.name,
        new.description,
        sorted(map(_comparable, new.notes), key=_guid),
    )


def keep_what_anki_drops(existing: Deck, imported: Deck) -> Deck:
    """``imported`` (a package's version of deck ``existing``) with what Anki cannot hold
    taken from ``existing``: each card whose note is unchanged stays exactly as it was (its
    origin included), and the deck keeps its sources and its rejected and generated lists."""
    old = {card.id: card for card in existing.cards}
    cards = tuple(
        old[card.id]
        if card.id in old
        and _comparable(to_note(old[card.id], existing.id))
        == _comparable(to_note(card, existing.id))
        else card
        for card in imported.cards
    )
    return imported.model_copy(
        update={
            "cards": cards,
            "sources": existing.sources,
            "rejected": existing.rejected,
            "generated": existing.generated,
        }
    )


def _guid(note: AnkiNote) -> str:
    return note.guid


def _comparable(note: AnkiNote) -> AnkiNote:
    return replace(note, tags=tuple(tag for tag in note.tags if tag.casefold() != LEECH_TAG))
