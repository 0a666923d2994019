"""What an export leaves behind in Anki, compared with the last export (issue #11 defect 6).

Importing a package only adds and updates notes: Anki never deletes or moves anything. So,
measured with the official ``anki`` library, a later export leaves these in the user's
collection:

- a **removed cloze number**: the note is updated, but Anki keeps the card of the number
  (its front says "No cloze 2 found"); Anki's *Tools > Empty Cards* deletes it;
- a **deleted card**: its note stays in Anki as it was;
- a **type change** (basic to cloze, say): Anki counts the note as *conflicting* and keeps
  the old one unchanged; the new one arrives only once the old note is deleted in Anki;
- a **renamed deck**: Anki makes the new deck, empty, and keeps the cards in the old one;
- a **card moved to another deck**: Anki keeps it in the old deck.

The progress store remembers, per card, what the last export wrote (:class:`ExportedNote`),
and :func:`left_behind` compares it with the export being written. Only the exported decks
are compared: a card moved to a deck that is not exported now is not "deleted".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from neuroquiz.anki.notes import to_anki
from neuroquiz.controls import strip_controls
from neuroquiz.models import BasicCard, ClozeCard, Deck, McqCard

_LABEL = 40
_NAMES = 3


@dataclass(frozen=True)
class ExportedNote:
    """What one export wrote of a card: its deck, note type and Anki card ordinals."""

    card_id: str
    deck_id: str
    deck_name: str
    kind: str
    ordinals: tuple[int, ...]
    """The cloze numbers of a cloze note, ``(0,)`` otherwise."""
    label: str
    """The start of the card's question, to find it in Anki's browser."""


@dataclass(frozen=True)
class LeftBehind:
    """What the export leaves in Anki that neuroquiz no longer has."""

    removed_clozes: tuple[tuple[ExportedNote, tuple[int, ...]], ...] = ()
    deleted: tuple[ExportedNote, ...] = ()
    type_changes: tuple[tuple[ExportedNote, str], ...] = ()
    renamed_decks: tuple[tuple[str, str], ...] = ()
    """(old Anki deck name, new one)."""
    moved: tuple[tuple[ExportedNote, str], ...] = ()
    """(the card as exported before, its new Anki deck name)."""

    def __bool__(self) -> bool:
        return bool(
            self.removed_clozes or self.deleted or self.type_changes or self.renamed_decks
            or self.moved
        )  # fmt: skip


def exported_notes(decks: Sequence[Deck]) -> list[ExportedNote]:
    """What exporting ``decks`` writes, card by card."""
    labels = {card.id: _label(card) for deck in decks for card in deck.cards}
    return [
        ExportedNote(
            card_id=note.card_id,
            deck_id=anki_deck.deck_id,
            deck_name=anki_deck.name,
            kind=note.kind,
            ordinals=note.ordinals,
            label=labels[note.card_id],
        )
        for anki_deck in to_anki(decks)
        for note in anki_deck.notes
    ]


def left_behind(
    before: Mapping[str, ExportedNote], now: Sequence[ExportedNote], known: Iterable[str]
) -> LeftBehind:
    """Compare the last export (``before``, by card id) with this one (``now``).

    Args:
        before: What the last export wrote, by card id.
        now: What this export writes.
        known: The ids of every card in the deck directory (exported now or not).
    """
    exported_decks = {note.deck_id for note in now}
    current = {note.card_id: note for note in now}
    known_ids = set(known)
    removed, changed, moved = [], [], []
    for card_id, new in current.items():
        old = before.get(card_id)
        if old is None:
            continue
        if old.kind != new.kind:
            changed.append((old, new.kind))
            continue
        gone = tuple(n for n in old.ordinals if n not in new.ordinals)
        if gone:
            removed.append((old, gone))
        if old.deck_id != new.deck_id and old.deck_name != new.deck_name:
            moved.append((old, new.deck_name))
    deleted = [
        old
        for old in before.values()
        if old.deck_id in exported_decks and old.card_id not in known_ids
    ]
    titles = {note.deck_id: note.deck_name for note in now}
    renamed = sorted(
        {
            (old.deck_name, titles[old.deck_id])
            for old in before.values()
            if old.deck_id in titles and old.deck_name != titles[old.deck_id]
        }
    )
    return LeftBehind(
        removed_clozes=tuple(removed),
        deleted=tuple(sorted(deleted, key=lambda n: n.card_id)),
        type_changes=tuple(changed),
        renamed_decks=tuple(renamed),
        moved=tuple(moved),
    )


def advice(found: LeftBehind) -> list[str]:
    """One line per kind of leftover: how many, which, and what to do in Anki."""
    lines: list[str] = []
    if found.removed_clozes:
        count = sum(len(numbers) for _, numbers in found.removed_clozes)
        which = _names(f"{n.card_id} c{c}" for n, numbers in found.removed_clozes for c in numbers)
        lines.append(
            f"{_plural(count, 'card')} of a removed cloze number ({which}): Anki keeps"
            ' it, its front says "No cloze N found"; in Anki, Tools > Empty Cards deletes it'
        )
    if found.deleted:
        which = _names(f'{n.card_id} "{n.label}" in {n.deck_name}' for n in found.deleted)
        lines.append(
            f"{_plural(len(found.deleted), 'deleted card')} ({which}): Anki keeps"
            " them; find them in Anki's browser by their text and delete them"
        )
    if found.type_changes:
        which = _names(f"{n.card_id} {n.kind} -> {kind}" for n, kind in found.type_changes)
        lines.append(
            f"{_plural(len(found.type_changes), 'card')} of another type now ({which}): Anki"
            " counts them as conflicting and keeps the old note; delete it in Anki's browser,"
            " then import this file again"
        )
    for old, new in found.renamed_decks:
        lines.append(
            f'deck "{old}" is now "{new}": Anki keeps the cards in the old deck; before'
            f' importing, rename it in Anki to "{new}" (or afterwards, move its cards with'
            " Browse > Change Deck)"
        )
    if found.moved:
        which = _names(f"{n.card_id} to {name}" for n, name in found.moved)
        lines.append(
            f"{_plural(len(found.moved), 'card')} moved to another deck ({which}): Anki keeps"
            " them in the old deck; move them with Browse > Change Deck"
        )
    return lines


def _label(card: BasicCard | ClozeCard | McqCard) -> str:
    if isinstance(card, BasicCard):
        text = card.front
    elif isinstance(card, ClozeCard):
        text = card.text
    else:
        text = card.question
    # Printed to a terminal: no control character (an escape could take it over).
    words = strip_controls(" ".join(text.split()))
    return words if len(words) <= _LABEL else words[: _LABEL - 1].rstrip() + "…"


def _names(items: Iterable[str]) -> str:
    names = list(items)
    shown = ", ".join(names[:_NAMES])
    return shown + (f" and {len(names) - _NAMES} more" if len(names) > _NAMES else "")


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"
