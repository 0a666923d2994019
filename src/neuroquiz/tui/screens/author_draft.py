"""The author form's logic without the UI: form values -> card model, errors per field, ids.

The rules are those of ``neuroquiz check``: the card must validate as its pydantic model, its
id must be unique across every deck, and no other card may say the same thing
(:func:`neuroquiz.decks.study_content_keys`: a reversed card asks two things). Errors are
keyed by form field so that the screen can show each one next to its field.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from pydantic import TypeAdapter, ValidationError

from neuroquiz import models
from neuroquiz.decks import study_content_keys
from neuroquiz.models import (
    CARD_ID_PATTERN,
    CLOZE_RE,
    BasicCard,
    Card,
    ClozeCard,
    Deck,
    McqCard,
)

AnyCard = BasicCard | ClozeCard | McqCard
"""Any card model."""

FIELDS: dict[str, tuple[str, ...]] = {
    "basic": ("front", "back"),
    "cloze": ("text",),
    "mcq": ("question", "answer", "distractors"),
}
"""The content fields of each card type, in form order."""
GENERAL = "general"
"""The error key of problems that belong to no single field."""
MAX_ID_LENGTH = 80
"""Longest id made automatically (the models accept 200)."""
ID_WORDS = 5
"""Words of the prompt an automatic id keeps."""
ID_RULE = "use lowercase letters, digits and single hyphens, like 'nb-gcs-range'"

_STOPWORD_TEXT = (
    "a an the of in on at to for from by with and or is are was were be what which who whom "
    "whose when where why how does do did this that these those it its"
)
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())
_WORD_RE = re.compile(r"[a-z0-9]+")
_SPLIT_RE = re.compile(r"[\s,]+")
_CARD_ADAPTER: TypeAdapter[AnyCard] = TypeAdapter(Card)


@dataclass(frozen=True)
class Draft:
    """What the form holds, as typed. Empty ``card_id`` means "make one up"."""

    type: str = "basic"
    card_id: str = ""
    front: str = ""
    back: str = ""
    reverse: bool = False
    typed: bool = False
    text: str = ""
    question: str = ""
    answer: str = ""
    distractors: str = ""
    tags: str = ""
    notes: str = ""

    def prompt(self) -> str:
        """The text the card asks (front, question, or the cloze with answers filled in)."""
        if self.type == "cloze":
            return CLOZE_RE.sub(lambda m: m.group(2), self.text)
        if self.type == "mcq":
            return self.question
        return self.front


def draft_from_card(card: AnyCard) -> Draft:
    """The form values that show ``card``."""
    draft = Draft(
        type=card.type,
        card_id=card.id,
        tags=" ".join(card.tags),
        notes=card.notes or "",
    )
    if isinstance(card, BasicCard):
        return replace(
            draft, front=card.front, back=card.back, reverse=card.reverse, typed=card.typed
        )
    if isinstance(card, ClozeCard):
        return replace(draft, text=card.text)
    return replace(
        draft, question=card.question, answer=card.answer, distractors="\n".join(card.distractors)
    )


def split_tags(text: str) -> tuple[str, ...]:
    """Tags typed as ``gcs, trauma skull-base``: split on commas and spaces, no duplicates."""
    return tuple(dict.fromkeys(tag for tag in _SPLIT_RE.split(text) if tag))


def split_lines(text: str) -> tuple[str, ...]:
    """One value per non-blank line, stripped."""
    return tuple(line.strip() for line in text.splitlines() if line.strip())


def slug_words(text: str) -> list[str]:
    """Lowercase ASCII words of ``text`` (accents dropped), e.g. for an id."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return _WORD_RE.findall(folded)


def slugify(text: str, *, max_words: int = 8, max_length: int = MAX_ID_LENGTH) -> str:
    """A valid id made of the first words of ``text`` (``""`` if it has no letter or digit)."""
    return models.slugify(text, max_length=max_length, max_words=max_words)


def new_card_id(deck_id: str, prompt: str, is_taken: Callable[[str], bool]) -> str:
    """An id for a new card: the deck id and the first words of its prompt, made unique.

    Common words (``what``, ``the``, ``of``) are left out when enough words remain.

    Args:
        deck_id: The deck the card goes to.
        prompt: What the card asks.
        is_taken: True for an id already in use (in any deck, or by a removed card).

    Example:
        >>> new_card_id("nb", "What is the range of the GCS?", lambda _: False)
        'nb-range-gcs'
    """
    words = slug_words(prompt)
    content = [word for word in words if word not in _STOPWORDS]
    chosen = (content if len(content) >= 2 else words)[:ID_WORDS] or ["card"]
    base = slugify(" ".join([deck_id, *chosen]), max_words=ID_WORDS + 8)
    candidate, number = base, 2
    while is_taken(candidate):
        suffix = f"-{number}"
        candidate = base[: MAX_ID_LENGTH - len(suffix)].rstrip("-") + suffix
        number += 1
    return candidate


def _message(error: dict[str, object], field_name: str) -> str:
    kind = str(error["type"])
    ctx = error.get("ctx")
    context: dict[str, object] = ctx if isinstance(ctx, dict) else {}
    if kind == "string_pattern_mismatch":
        return f"invalid id: {ID_RULE}"
    if kind == "string_too_long":
        return f"too long (at most {context.get('max_length')} characters)"
    if kind in ("too_short", "too_long") and field_name == "distractors":
        return f"an mcq card needs 2 to 5 distractors, found {context.get('actual_length')}"
    if kind == "string_too_short":
        return f"{field_name} is empty"
    return str(error["msg"]).removeprefix("Value error, ")


def _field_of(loc: tuple[int | str, ...], message: str) -> str:
    """The form field a pydantic error location (and message) is about."""
    parts = [str(part) for part in loc if not isinstance(part, int)]
    if parts and parts[0] in FIELDS:
        parts = parts[1:]  # the discriminated union's tag
    if parts:
        return "card_id" if parts[0] == "id" else parts[0]
    if "distractor" in message:
        return "distractors"
    return GENERAL


@dataclass
class Checked:
    """The outcome of checking a draft.

    Attributes:
        card: The valid card, or None if there are errors.
        errors: Messages per form field (``card_id``, ``front``, ..., or :data:`GENERAL`).
    """

    card: AnyCard | None
    errors: dict[str, list[str]] = field(default_factory=dict)

    def add(self, field_name: str, message: str) -> None:
        """Record one error (and drop the card: it cannot be saved)."""
        self.errors.setdefault(field_name, []).append(message)
        self.card = None


def card_data(draft: Draft, card_id: str, original: AnyCard | None) -> dict[str, object]:
    """The model fields of ``draft`` (origin and source kept from ``original``)."""
    data: dict[str, object] = {
        "id": card_id,
        "type": draft.type,
        "tags": split_tags(draft.tags),
        "notes": draft.notes if draft.notes.strip() else None,
    }
    if original is not None:
        data["origin"] = original.origin
        data["source"] = original.source
    if draft.type == "basic":
        data.update(front=draft.front, back=draft.back, reverse=draft.reverse, typed=draft.typed)
    elif draft.type == "cloze":
        data.update(text=draft.text)
    else:
        data.update(
            question=draft.question,
            answer=draft.answer,
            distractors=split_lines(draft.distractors),
        )
    return data


def check_draft(
    draft: Draft,
    *,
    deck_id: str | None,
    original: AnyCard | None,
    is_taken: Callable[[str], bool],
    content_index: dict[str, tuple[str, str]] | None = None,
) -> Checked:
    """Build the card of ``draft`` and collect every problem, field by field.

    Args:
        draft: The form values.
        deck_id: The chosen deck (None: none chosen yet, an error).
        original: The card being edited (its id is kept), or None for a new card.
        is_taken: True for an id another card uses (any deck, or a removed card).
        content_index: :func:`content_index` of every deck, for duplicate content; None
            while it is being built (the check is then skipped).

    Returns:
        The card if it can be saved, and the errors.
    """
    checked = Checked(card=None)
    if deck_id is None:
        checked.add("deck", "choose a deck (or create one)")
    if original is not None:
        card_id = original.id
    elif draft.card_id.strip():
        card_id = draft.card_id.strip()
        if re.fullmatch(CARD_ID_PATTERN, card_id) and is_taken(card_id):
            checked.add("card_id", f"id {card_id!r} is already used by another card")
    else:
        card_id = new_card_id(deck_id or "card", draft.prompt(), is_taken)
    try:
        card = _CARD_ADAPTER.validate_python(card_data(draft, card_id, original))
    except ValidationError as error:
        for item in error.errors(include_url=False):
            message = str(item["msg"]).removeprefix("Value error, ")
            name = _field_of(tuple(item["loc"]), message)
            checked.add(name, _message(dict(item), name))
        return checked
    if content_index is not None:
        clashes = (content_index.get(key) for key in study_content_keys(card))
        other = next((o for o in clashes if o is not None and o[0] != card.id), None)
        if other is not None:
            field_name = FIELDS[card.type][0]
            checked.add(field_name, f"same content as card {other[0]!r} in deck {other[1]!r}")
    if not checked.errors:
        checked.card = card
    return checked


def content_index(decks: Iterable[Deck]) -> dict[str, tuple[str, str]]:
    """For duplicate checks: what each card asks (both directions of a reversed card) ->
    ``(card id, deck id)``."""
    index: dict[str, tuple[str, str]] = {}
    for deck in decks:
        for card in deck.cards:
            for key in study_content_keys(card):
                index.setdefault(key, (card.id, deck.id))
    return index


def preview_card(draft: Draft, card_id: str = "preview") -> AnyCard:
    """A card built from ``draft`` WITHOUT validation, so a half-typed card can be shown."""
    tags = split_tags(draft.tags)
    notes = draft.notes or None
    if draft.type == "cloze":
        return ClozeCard.model_construct(id=card_id, text=draft.text, tags=tags, notes=notes)
    if draft.type == "mcq":
        return McqCard.model_construct(
            id=card_id,
            question=draft.question,
            answer=draft.answer,
            distractors=split_lines(draft.distractors),
            tags=tags,
            notes=notes,
        )
    return BasicCard.model_construct(
        id=card_id,
        front=draft.front,
        back=draft.back,
        reverse=draft.reverse,
        typed=draft.typed,
        tags=tags,
        notes=notes,
    )
