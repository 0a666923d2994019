"""Turn an Anki package into neuroquiz decks: one deck per Anki deck, ``origin: authored``.

- Notes of our own note types (recognised by their fixed ids and fields) come back exactly:
  card id from the GUID, source, notes, MCQ choices, and the deck id from the marker in the
  deck description. Exporting the result again gives the same notes.
- Other notes: other note types give a basic card per Anki card, read through the card
  templates (see :mod:`.foreign`), cloze note types a cloze card (the first other field with
  text becomes the card's notes). Their card id
  derives from the GUID, so importing the same package twice gives the same cards.
- HTML becomes plain text. Images and sounds can't be shown in a terminal: they stay as a
  visible ``[image: name]`` / ``[sound: name]`` placeholder and a warning says so.
- With progress, each Anki card that became a study card brings its scheduling and answers
  under its study key (see :mod:`.progress_in`).
- Anki's ``leech`` tag is scheduling, not content: it is never a card's tag; with progress it
  marks the note's study cards that are leeches.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from neuroquiz.anki.foreign import EMPTY_BACK, foreign_cards, study_id
from neuroquiz.anki.html import Converted, convert
from neuroquiz.anki.notes import DECK_PREFIX, LEECH_TAG, AnyCard, card_id_from_guid
from neuroquiz.anki.notetypes import FIELD_NAMES, KIND_BY_ID, NoteKind
from neuroquiz.anki.progress_in import AnkiProgress, anki_progress
from neuroquiz.anki.reader import (
    DEFAULT_MAX_UNPACKED,
    RawCollection,
    RawNote,
    RawNotetype,
    read_package,
)
from neuroquiz.controls import strip_controls
from neuroquiz.errors import NeuroquizError
from neuroquiz.models import (
    CARD_ID_PATTERN,
    CLOZE_RE,
    REVERSE_ORDINAL,
    BasicCard,
    ClozeCard,
    Deck,
    McqCard,
    Source,
    slugify,
    study_key,
)

__all__ = ["EMPTY_BACK", "ImportResult", "import_package"]

_ID_RE = re.compile(CARD_ID_PATTERN)
_MAX_NAMES = 3


@dataclass(frozen=True)
class ImportResult:
    """The decks read from a package and what a person should know about it."""

    decks: tuple[Deck, ...]
    warnings: tuple[str, ...]
    notes: int
    """Notes in the package."""
    skipped: int
    """Notes that gave no card (other note types, empty fields)."""
    progress: AnkiProgress | None = None
    """The scheduling and answers of the study cards, when asked for."""


@dataclass
class _DeckDraft:
    anki_name: str
    description: str
    marker: str | None
    cards: list[AnyCard] = field(default_factory=list)
    media_notes: int = 0
    media: list[str] = field(default_factory=list)


def import_package(
    path: Path, *, max_unpacked: int = DEFAULT_MAX_UNPACKED, with_progress: bool = False
) -> ImportResult:
    """Read the Anki package (.apkg or .colpkg) at ``path`` into decks.

    Args:
        path: The package.
        max_unpacked: Refuse packages whose collection unpacks to more bytes than this.
        with_progress: Also read each study card's scheduling and answers (``progress``).

    Raises:
        NeuroquizError: for a damaged or hostile package, or one with no usable notes.
    """
    raw = read_package(path, max_unpacked=max_unpacked, with_schedule=with_progress)
    if not raw.notes:
        raise NeuroquizError("the package holds no notes", path=path)
    return _convert(path, raw)


def _convert(path: Path, raw: RawCollection) -> ImportResult:
    drafts: dict[int, _DeckDraft] = {}
    skipped: Counter[str] = Counter()
    skipped_notes: dict[int, str] = {}
    keys: dict[tuple[int, int], tuple[str, str]] = {}
    seen_ids: set[str] = set()
    for note in raw.notes:
        notetype = raw.notetypes.get(note.notetype_id)
        if notetype is None:
            skipped["its note type is missing from the package"] += 1
            skipped_notes[note.note_id] = "its note type is missing from the package"
            continue
        deck_key = note.deck_id if note.deck_id in raw.decks else 1
        draft = drafts.get(deck_key)
        if draft is None:
            draft = drafts[deck_key] = _draft(raw, deck_key)
        own = _own_kind(note, notetype)
        cards, media, reason = _cards(note, notetype, own, draft.marker)
        if any(card.id in seen_ids for card in cards):
            cards, reason = [], "its GUID gives a card id already used"
        if not cards:
            skipped[reason] += 1
            skipped_notes[note.note_id] = reason
            continue
        seen_ids.update(card.id for card in cards)
        keys.update(_study_keys(note, cards))
        draft.cards.extend(cards)
        if media:
            draft.media_notes += 1
            draft.media.extend(m for m in media if m not in draft.media)
    decks = _decks(drafts.values())
    warnings = _warnings(drafts.values(), skipped)
    if not decks:
        reasons = "; ".join(f"{n} because {r}" for r, n in skipped.items())
        raise NeuroquizError(f"no note neuroquiz can use ({reasons})", path=path)
    progress = None
    if raw.schedule is not None:
        leeches = {note.note_id for note in raw.notes if LEECH_TAG in _folded(note.tags)}
        progress = anki_progress(raw.schedule, keys, skipped_notes, leeches)
    return ImportResult(
        decks=tuple(decks),
        warnings=tuple(warnings),
        notes=len(raw.notes),
        skipped=sum(skipped.values()),
        progress=progress,
    )


def _study_keys(note: RawNote, cards: Sequence[AnyCard]) -> dict[tuple[int, int], tuple[str, str]]:
    """``(note id, Anki card ord)`` -> ``(study key, card id)`` for the note's study cards.

    A cloze card's study card cN is the Anki card of ord N-1 (none for an ord whose number
    the text lacks: Anki's "No cloze N found"); otherwise the card of template ``t`` is the
    card whose id :func:`~neuroquiz.anki.foreign.study_id` gives (the note's id for ``t`` 0),
    except that template 1 of a reversed card is its back-to-front study card.
    """
    keys: dict[tuple[int, int], tuple[str, str]] = {}
    for card in cards:
        if isinstance(card, ClozeCard):
            for number in card.ordinals:
                keys[(note.note_id, number - 1)] = (study_key(card.id, number), card.id)
    by_id = {card.id: card for card in cards if not isinstance(card, ClozeCard)}
    base = card_id_from_guid(note.guid) or _foreign_id(note.guid)
    first = by_id.get(base)
    for ord_ in note.card_ords or (0,):
        card_id = study_id(base, ord_)
        if ord_ == 1 and isinstance(first, BasicCard) and first.reverse:
            keys[(note.note_id, ord_)] = (study_key(base, REVERSE_ORDINAL), base)
        elif card_id in by_id:
            keys[(note.note_id, ord_)] = (card_id, card_id)
    return keys


def _folded(tags: Iterable[str]) -> set[str]:
    # Anki's tags ignore case.
    return {tag.casefold() for tag in tags}


def _draft(raw: RawCollection, deck_key: int) -> _DeckDraft:
    deck = raw.decks.get(deck_key)
    name = deck.name if deck is not None else "Default"
    html = deck.description if deck is not None else ""
    marker = convert(html).marker if name.startswith(DECK_PREFIX) else None
    if marker is not None and not _ID_RE.fullmatch(marker):
        marker = None
    # A description we wrote (it has our marker) comes back exactly; others are tidied.
    description = convert(html, exact=marker is not None).text
    return _DeckDraft(anki_name=name, description=description, marker=marker)


def _own_kind(note: RawNote, notetype: RawNotetype) -> NoteKind | None:
    kind = KIND_BY_ID.get(note.notetype_id)
    if kind is None or notetype.fields != FIELD_NAMES[kind]:
        return None
    if len(note.fields) != len(FIELD_NAMES[kind]):
        return None
    return kind


def _cards(
    note: RawNote, notetype: RawNotetype, own: NoteKind | None, deck_marker: str | None
) -> tuple[list[AnyCard], list[str], str]:
    card_id = card_id_from_guid(note.guid) or _foreign_id(note.guid)
    tags = tuple(t for t in note.tags if t != deck_marker and t.casefold() != LEECH_TAG)
    try:
        if own is not None:
            return [_own_card(own, card_id, tags, note.fields)], [], ""
        if notetype.is_cloze:
            card, media, reason = _foreign_cloze(card_id, tags, note.fields)
            return ([card] if card is not None else []), media, reason
        made = foreign_cards(note, notetype, card_id, tags)
        return list(made.cards), list(made.media), made.reason
    except ValidationError as error:
        first = error.errors()[0]
        return [], [], f"a field is not usable ({first['msg']})"


def _foreign_cloze(
    card_id: str, tags: tuple[str, ...], fields: Sequence[str]
) -> tuple[AnyCard | None, list[str], str]:
    # The cloze field is the first holding a deletion (Anki's own Cloze type: the first
    # field); the first other field with text becomes the card's notes.
    index = next((i for i, f in enumerate(fields) if CLOZE_RE.search(f)), 0)
    text = convert(fields[index])
    if "image-occlusion:" in text.text:
        return None, [], "image occlusion needs the image"
    others = [convert(f) for i, f in enumerate(fields) if i != index]
    extra = next((o for o in others if o.text), None)
    notes = extra.text if extra is not None else None
    card = ClozeCard(id=card_id, tags=tags, text=text.text, notes=notes)
    return card, text.media + (extra.media if extra is not None else []), ""


def _own_card(
    kind: NoteKind, card_id: str, tags: tuple[str, ...], fields: Sequence[str]
) -> AnyCard:
    extra = convert(fields[-1], exact=True).parts
    source = None
    if extra.get("nq-doc"):
        source = Source(document=extra["nq-doc"][0], sentences=tuple(extra.get("nq-sentence", ())))
    notes = extra["nq-notes"][0] if extra.get("nq-notes") else None
    first = convert(fields[0], exact=True).text
    if kind in ("basic", "reversed", "typed", "typed-reversed"):
        back = convert(fields[1], exact=True).text
        return BasicCard(
            id=card_id,
            tags=tags,
            front=first,
            back=back,
            reverse=kind.endswith("reversed"),
            typed=kind.startswith("typed"),
            source=source,
            notes=notes,
        )
    if kind == "cloze":
        return ClozeCard(id=card_id, tags=tags, text=first, source=source, notes=notes)
    choices = _ordered(convert(fields[1], exact=True))
    answers = convert(fields[2], exact=True).parts.get("nq-answer", [])
    answer = answers[0] if answers else ""
    return McqCard(
        id=card_id,
        tags=tags,
        question=first,
        answer=answer,
        distractors=tuple(c for c in choices if c != answer),
        source=source,
        notes=notes,
    )


def _ordered(converted: Converted) -> list[str]:
    """The MCQ choices in the order of the deck file, when the data-order marks allow."""
    choices = converted.parts.get("nq-choice", [])
    orders = converted.orders.get("nq-choice", [])
    keys = [int(o) if o is not None and o.isdigit() else None for o in orders]
    if len(keys) == len(choices) and None not in keys and len(set(keys)) == len(keys):
        return [choice for _, choice in sorted(zip(keys, choices, strict=True))]
    return choices


def _foreign_id(guid: str) -> str:
    return "anki-" + hashlib.sha256(guid.encode("utf-8")).hexdigest()[:12]


def _decks(drafts: Iterable[_DeckDraft]) -> list[Deck]:
    decks: list[Deck] = []
    used: set[str] = set()
    for draft in sorted(drafts, key=lambda d: d.anki_name):
        if not draft.cards:
            continue
        own = draft.anki_name.startswith(DECK_PREFIX)
        title = draft.anki_name[len(DECK_PREFIX) :] if own else draft.anki_name
        # A crafted package may name a deck with terminal escapes; `check` would refuse them.
        title = strip_controls(re.sub(r"[\t\n\r\v\f]", " ", title))
        base = draft.marker or slugify(title, max_length=80) or "anki-deck"
        deck_id, n = base, 1
        while deck_id in used:
            n += 1
            deck_id = f"{base}-{n}"
        used.add(deck_id)
        decks.append(
            Deck(
                id=deck_id,
                title=title.strip() or deck_id,
                description=strip_controls(draft.description, keep="\t\n"),
                cards=tuple(draft.cards),
            )
        )
    return decks


def _warnings(drafts: Iterable[_DeckDraft], skipped: Counter[str]) -> list[str]:
    warnings: list[str] = []
    for draft in sorted(drafts, key=lambda d: d.anki_name):
        if draft.media_notes:
            names = ", ".join(draft.media[:_MAX_NAMES]) + (
                ", …" if len(draft.media) > _MAX_NAMES else ""
            )
            noun = "note refers" if draft.media_notes == 1 else "notes refer"
            warnings.append(
                f"{draft.anki_name}: {draft.media_notes} {noun} to images or sounds ({names});"
                " a terminal can't show them, so they are kept as [image: …]/[sound: …]"
                " placeholders"
            )
    for reason, count in sorted(skipped.items()):
        noun = "note skipped" if count == 1 else "notes skipped"
        warnings.append(f"{count} {noun}: {reason}")
    return warnings
