"""Cards from notes of note types made in Anki, read through their card templates.

Anki shows a card of template ``t`` with the fields its question format names on the front
and the fields only its answer format adds on the back. So do we: a note type whose question
is its second field or a 5-field type come out as Anki shows them, one neuroquiz card per
Anki card of the note (the note's cards are the templates Anki generated a card for). A note
whose two cards ask one field and then the other, and answer with the other one (Anki's
"Basic (and reversed card)", and "Basic (optional reversed card)" when it made both cards),
is one reversed card (``reverse: true``). A field the question asks to type
(``{{type:Back}}``, Anki's "Basic (type in the answer)") is the answer, and the card is
typed (``typed: true``). Fields neither template names are kept as the card's notes.

Without templates (a damaged note type), the first two fields are front and back.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from neuroquiz.anki.html import convert
from neuroquiz.anki.reader import RawNote, RawNotetype, RawTemplate
from neuroquiz.models import BasicCard

EMPTY_BACK = "(empty in Anki)"
"""The answer of an imported Basic note whose Back field is empty (Anki shows such cards)."""
SPECIAL_FIELDS = frozenset(
    {"FrontSide", "Tags", "Type", "Deck", "Subdeck", "Card", "CardFlag", "CardID"}
)
"""Names a template can use that are not fields of the note."""
_REFERENCE = re.compile(r"\{\{\s*([^#^/!{}][^{}]*?)\s*\}\}")
_INVISIBLE = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp"})


@dataclass(frozen=True)
class ForeignCards:
    """The cards of one foreign note, the media its fields refer to, or why it gave none."""

    cards: tuple[BasicCard, ...]
    media: tuple[str, ...] = ()
    reason: str = ""


def template_fields(fmt: str, fields: Sequence[str]) -> list[str]:
    """The note fields a template format shows, in order of first appearance.

    ``{{Front}}``, ``{{text:Front}}`` and ``{{type:Front}}`` show ``Front``; conditionals
    (``{{#Front}}``, ``{{^Front}}``, ``{{/Front}}``) and special names (``{{FrontSide}}``,
    ``{{Tags}}``) show no field.

    Example:
        >>> template_fields("{{#Hint}}{{hint:Hint}}{{/Hint}} {{Q}}", ["A", "Q", "Hint"])
        ['Hint', 'Q']
    """
    names: list[str] = []
    for match in _REFERENCE.finditer(fmt):
        name = match.group(1).split(":")[-1].strip()
        if name in fields and name not in SPECIAL_FIELDS and name not in names:
            names.append(name)
    return names


def typed_fields(fmt: str, fields: Sequence[str]) -> list[str]:
    """The note fields a template format asks to type in (``{{type:Back}}``).

    Example:
        >>> typed_fields("{{Front}} {{type:Back}} {{type:nc:Extra}}", ["Front", "Back", "Extra"])
        ['Back', 'Extra']
    """
    names: list[str] = []
    for match in _REFERENCE.finditer(fmt):
        parts = [part.strip() for part in match.group(1).split(":")]
        name = parts[-1]
        if len(parts) > 1 and parts[0] == "type" and name in fields and name not in names:
            names.append(name)
    return names


def shows(text: str) -> bool:
    """True if ``text`` has a character that is not a control, format or space character."""
    return any(unicodedata.category(char) not in _INVISIBLE for char in text)


def study_id(card_id: str, template_ord: int) -> str:
    """The id of the card of template ``template_ord``: the note's id for the first one."""
    return card_id if template_ord == 0 else f"{card_id}-card{template_ord + 1}"


def foreign_cards(
    note: RawNote, notetype: RawNotetype, card_id: str, tags: tuple[str, ...]
) -> ForeignCards:
    """The basic cards of a note of a non-cloze note type made in Anki.

    Raises:
        pydantic.ValidationError: if a card cannot be made from the fields.
    """
    if len(note.fields) < 2:
        return ForeignCards((), reason=f"note type {notetype.name!r} has fewer than two fields")
    names = list(notetype.fields)
    if len(names) != len(note.fields):
        names = [f"Field {i + 1}" for i in range(len(note.fields))]
    values = dict(zip(names, (convert(f) for f in note.fields), strict=True))
    layouts = _layouts(note, notetype, names)
    if not layouts:
        return ForeignCards((), reason=f"note type {notetype.name!r} has fewer than two fields")
    shown = {name for _, front, back, _typed in layouts for name in (*front, *back)}
    rest = [name for name in names if name not in shown and shows(values[name].text)]
    notes = "\n".join(f"{name}: {values[name].text}" for name in rest) or None
    cards: list[BasicCard] = []
    pair = _reversed_pair(layouts)
    if pair is not None and all(shows(values[name].text) for name in pair):
        front, back = (values[name].text for name in pair)
        typed = all(layout[3] for layout in layouts)
        card = BasicCard(
            id=card_id, tags=tags, front=front, back=back, reverse=True, typed=typed, notes=notes
        )
        cards.append(card)
        layouts = []
    for ord_, front_names, back_names, typed in layouts:
        front = _join(values[n].text for n in front_names)
        if not shows(front):
            continue
        back = _join(values[n].text for n in back_names)
        answer = back if shows(back) else EMPTY_BACK
        cards.append(
            BasicCard(
                id=study_id(card_id, ord_),
                tags=tags,
                front=front,
                back=answer,
                typed=typed and shows(back),
                notes=notes,
            )
        )
    if not cards:
        return ForeignCards((), reason="the fields its templates ask are empty")
    media: list[str] = []
    for name in names:
        if name in shown or name in rest:
            media.extend(m for m in values[name].media if m not in media)
    return ForeignCards(tuple(cards), tuple(media))


_Layout = tuple[int, list[str], list[str], bool]
"""A template's ordinal, the fields on its front, the fields its back adds, and whether the
question asks to type the answer in."""


def _reversed_pair(layouts: Sequence[_Layout]) -> tuple[str, str] | None:
    """The front and back fields if ``layouts`` are templates 0 and 1 of a reversed pair:
    the first asks field A and answers B, the second asks B and answers A."""
    if len(layouts) != 2:
        return None
    (ord1, front1, back1, _), (ord2, front2, back2, _) = layouts
    if (ord1, ord2) != (0, 1) or len(front1) != 1 or len(back1) != 1:
        return None
    if (front2, back2) != (back1, front1):
        return None
    return front1[0], back1[0]


def _layouts(note: RawNote, notetype: RawNotetype, names: Sequence[str]) -> list[_Layout]:
    usable = [t for t in notetype.templates if template_fields(t.qfmt, names)]
    if note.card_ords:
        # The templates Anki generated a card for (others show an empty front).
        usable = [t for t in usable if t.ord in note.card_ords] or usable
    if not usable:
        # No template names a field (or none was read): Anki's Basic layout.
        return [(0, [names[0]], [names[1]], False)] if len(names) >= 2 else []
    return [_layout(template, names) for template in usable]


def _layout(template: RawTemplate, names: Sequence[str]) -> _Layout:
    # A field typed in on the question is the answer, not part of the prompt.
    typed = typed_fields(template.qfmt, names)
    front = [name for name in template_fields(template.qfmt, names) if name not in typed]
    if not front:  # only a box to type in: keep Anki's prompt, the field itself
        front, typed = typed, []
    answers = [*typed, *template_fields(template.afmt, names)]
    back = [name for name in dict.fromkeys(answers) if name not in front]
    return template.ord, front, back, bool(typed)


def _join(texts: Iterable[str]) -> str:
    return "\n".join(text for text in texts if shows(text))
