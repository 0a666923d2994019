"""The vocabulary of neuroquiz: cards, decks, review state and review log.

Every model is a frozen pydantic v2 model. Files and user input are validated into these
models once, at the boundary; everything above works with valid, immutable values.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    StringConstraints,
    field_validator,
    model_serializer,
    model_validator,
)

CARD_ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
"""Card and deck ids: lowercase letters, digits and single hyphens."""

CardId = Annotated[str, StringConstraints(pattern=CARD_ID_PATTERN, min_length=1, max_length=200)]
NonEmpty = Annotated[str, StringConstraints(min_length=1)]
Grade = Annotated[int, Field(ge=0, le=5)]
"""An SM-2 grade: 0 (complete blackout) to 5 (perfect response)."""

GRADE_MEANINGS: dict[int, str] = {
    0: "complete blackout",
    1: "incorrect; the answer seemed familiar once seen",
    2: "incorrect; the answer seemed easy to recall once seen",
    3: "correct, recalled with serious difficulty",
    4: "correct, after a hesitation",
    5: "perfect response",
}
"""What each grade means, in the words of the published SM-2 algorithm."""

REVERSE_ORDINAL = 32767
"""The study ordinal of a reversed basic card's back-to-front card.

Distinct from every cloze number (they stay below it), so a card that turns from cloze to
reversed basic never reuses a cloze's study card; above ordinal 0, so the front-to-back card
comes first in the queue; and the largest 16-bit ordinal, the type the review export
(Parquet) stores ordinals in."""
REVERSE_SUFFIX = ":reverse"
"""The study key of a back-to-front card is the card id and this suffix."""

_CLOZE_OPEN_RE = re.compile(r"\{\{c\d+::")
CLOZE_RE = re.compile(r"\{\{c(\d+)::(.*?)(?:::(.*?))?\}\}", re.DOTALL)
"""One Anki cloze deletion: ``{{c1::answer}}`` or ``{{c1::answer::hint}}``."""


def slugify(text: str, *, max_length: int = 60, max_words: int | None = None) -> str:
    """A valid id (``[a-z0-9-]``) from ``text``: accents folded, cut at a word boundary.

    Returns ``""`` if ``text`` has no letter or digit; a single word longer than
    ``max_length`` is truncated.

    Example:
        >>> slugify("Névroglie: the Glial Cells", max_words=2)
        'nevroglie-the'
    """
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    words = re.findall(r"[a-z0-9]+", folded)[:max_words]
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > max_length:
            break
        slug = candidate
    return slug or (words[0][:max_length] if words else "")


_INVISIBLE = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp"})
"""Unicode categories that show nothing: controls, zero-width formats, spaces."""


def _not_blank(value: str, field: str) -> str:
    if not value.strip():
        raise ValueError(f"{field} is empty")
    if not any(_visible(char) for char in value):
        raise ValueError(f"{field} shows nothing (only control or invisible characters)")
    return value


def _visible(char: str) -> bool:
    """False for control, format (zero-width) and space characters, which show nothing."""
    return unicodedata.category(char) not in _INVISIBLE


def cloze_ordinals(text: str) -> tuple[int, ...]:
    """Return the distinct cloze numbers in ``text``, ascending (``{{c2::..}}`` gives 2)."""
    return tuple(sorted({int(m.group(1)) for m in CLOZE_RE.finditer(text)}))


class Source(BaseModel):
    """Where a card came from: a document and the exact sentence(s) it was made from."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    document: NonEmpty = Field(description="The source document (file name or title).")
    sentences: tuple[str, ...] = Field(
        default=(), description="The exact sentence(s) of the document the card states."
    )


class _CardBase(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: CardId = Field(description="Stable id, unique across all decks: [a-z0-9-]+.")
    tags: tuple[str, ...] = Field(default=(), description="Free tags, e.g. 'skull-base'.")
    origin: Literal["generated", "authored"] = Field(
        default="authored", description="'generated' by neuroquiz or 'authored' by a person."
    )
    source: Source | None = Field(default=None, description="Document and sentence(s).")
    notes: str | None = Field(default=None, description="Free notes shown after the answer.")

    @field_validator("tags")
    @classmethod
    def _tags_are_words(cls, tags: tuple[str, ...]) -> tuple[str, ...]:
        for tag in tags:
            if not tag.strip():
                raise ValueError("a tag is empty")
            if any(ch.isspace() for ch in tag):
                raise ValueError(f"tag {tag!r} contains a space; use '-' instead")
        return tags

    @model_validator(mode="after")
    def _generated_has_source(self) -> _CardBase:
        if self.origin == "generated" and self.source is None:
            raise ValueError("a generated card needs a source")
        return self


class BasicCard(_CardBase):
    """A question and its answer."""

    type: Literal["basic"] = "basic"
    front: str = Field(description="The prompt.")
    back: str = Field(description="The answer.")
    reverse: bool = Field(
        default=False,
        strict=True,
        description="Also ask the other way round: a second study card shows the back and"
        " asks for the front.",
    )
    typed: bool = Field(
        default=False,
        strict=True,
        description="Ask for the answer to be typed: the study screen shows the difference"
        " from the right answer and proposes a grade.",
    )

    @field_validator("front", "back")
    @classmethod
    def _filled(cls, value: str, info: object) -> str:
        return _not_blank(value, getattr(info, "field_name", "field"))

    @model_serializer(mode="wrap")
    def _without_false_flags(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        # A card without reverse or typed dumps as it did before they existed, so the
        # stored payloads, content hashes and deck fingerprints of every existing basic
        # card stay the same (a changed hash would count as an edit and clear leech marks).
        data: dict[str, Any] = handler(self)
        for flag in ("reverse", "typed"):
            if data.get(flag) is False:
                del data[flag]
        return data


class ClozeCard(_CardBase):
    """A text with Anki cloze deletions; each distinct ``cN`` is one study card."""

    type: Literal["cloze"] = "cloze"
    text: str = Field(description="Text with deletions: {{c1::answer}} or {{c1::answer::hint}}.")

    @field_validator("text")
    @classmethod
    def _has_deletions(cls, value: str) -> str:
        _not_blank(value, "text")
        spans = list(CLOZE_RE.finditer(value))
        if not spans:
            raise ValueError("cloze text has no deletion like {{c1::answer}}")
        for match in spans:
            if not match.group(2).strip():
                raise ValueError(f"cloze deletion c{match.group(1)} is empty")
            if int(match.group(1)) < 1:
                raise ValueError("cloze numbers start at c1")
            if int(match.group(1)) >= REVERSE_ORDINAL:
                raise ValueError(f"cloze numbers go up to c{REVERSE_ORDINAL - 1}")
            if _CLOZE_OPEN_RE.search(match.group(0), 2):
                # Anki makes a card per number of a nested cloze; neuroquiz would garble them.
                raise ValueError(
                    f"cloze deletion c{match.group(1)} holds another one (nested clozes are not"
                    " supported: write them side by side)"
                )
        return value

    @property
    def ordinals(self) -> tuple[int, ...]:
        """The distinct cloze numbers of this card (one study card each)."""
        return cloze_ordinals(self.text)


class McqCard(_CardBase):
    """A multiple-choice question: the right answer and 2-5 distractors."""

    type: Literal["mcq"] = "mcq"
    question: str = Field(description="The question.")
    answer: str = Field(description="The right answer.")
    distractors: tuple[str, ...] = Field(
        min_length=2, max_length=5, description="2-5 wrong answers, distinct, none the answer."
    )

    @field_validator("question", "answer")
    @classmethod
    def _filled(cls, value: str, info: object) -> str:
        return _not_blank(value, getattr(info, "field_name", "field"))

    @model_validator(mode="after")
    def _distractors_ok(self) -> McqCard:
        seen: set[str] = set()
        answer = self.answer.strip().casefold()
        for d in self.distractors:
            key = d.strip().casefold()
            if not key:
                raise ValueError("a distractor is empty")
            if key == answer:
                raise ValueError(f"distractor {d!r} is the answer")
            if key in seen:
                raise ValueError(f"distractor {d!r} appears twice")
            seen.add(key)
        return self


Card = Annotated[BasicCard | ClozeCard | McqCard, Field(discriminator="type")]
"""Any card; the ``type`` field says which."""

CARD_TYPES = ("basic", "cloze", "mcq")


def card_ordinals(card: BasicCard | ClozeCard | McqCard) -> tuple[int, ...]:
    """Study-card ordinals of a card: ``(0,)`` for basic and mcq, the cN numbers for cloze,
    ``(0, REVERSE_ORDINAL)`` for a basic card with ``reverse: true``."""
    if isinstance(card, ClozeCard):
        return card.ordinals
    if isinstance(card, BasicCard) and card.reverse:
        return (0, REVERSE_ORDINAL)
    return (0,)


def study_key(card_id: str, ordinal: int) -> str:
    """The key of one study card: ``card-id`` for ordinal 0, ``card-id:c2`` for a cloze c2,
    ``card-id:reverse`` for the back-to-front card of a reversed basic card."""
    if ordinal == REVERSE_ORDINAL:
        return f"{card_id}{REVERSE_SUFFIX}"
    return card_id if ordinal == 0 else f"{card_id}:c{ordinal}"


def split_study_key(key: str) -> tuple[str, int]:
    """Inverse of :func:`study_key`."""
    if key.endswith(REVERSE_SUFFIX):
        return key.removesuffix(REVERSE_SUFFIX), REVERSE_ORDINAL
    card_id, sep, rest = key.partition(":c")
    return (card_id, int(rest)) if sep else (card_id, 0)


class Deck(BaseModel):
    """One deck file: metadata and cards."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: CardId = Field(description="The file name without .yaml.")
    title: NonEmpty = Field(description="Human title of the deck.")
    description: str = Field(default="", description="What the deck covers.")
    sources: tuple[str, ...] = Field(default=(), description="Documents the deck was built from.")
    rejected: tuple[str, ...] = Field(
        default=(),
        description="Ids of generated cards an instructor deleted; generation never re-adds them.",
    )
    cards: tuple[Card, ...] = Field(default=(), description="The cards of the deck.")
    generated: tuple[str, ...] = Field(
        default=(),
        description=(
            "Ids of every card neuroquiz generated into this deck; a listed id missing from "
            "cards was deleted by an instructor and is never re-added."
        ),
    )


EF_START = 250
"""Starting E-Factor in hundredths (2.5)."""
EF_MIN = 130
"""Lowest E-Factor in hundredths (1.3)."""


class ReviewState(BaseModel):
    """SM-2 state of one study card. ``ef`` is kept in exact hundredths (250 means 2.5)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    repetitions: int = Field(default=0, ge=0, description="n: successful reviews in a row.")
    interval: int = Field(default=0, ge=0, description="I: days until the next review.")
    ef: int = Field(default=EF_START, ge=EF_MIN, description="E-Factor in hundredths.")
    due: date | None = Field(default=None, description="Next review day; None for a new card.")
    lapses: int = Field(default=0, ge=0, description="Times a learned card was forgotten.")
    last_review: date | None = Field(default=None, description="Day of the last review.")

    @property
    def easiness(self) -> Decimal:
        """The E-Factor as an exact decimal (``Decimal('2.5')``)."""
        return Decimal(self.ef) / 100

    @property
    def is_new(self) -> bool:
        """True if the card was never reviewed."""
        return self.last_review is None


class ReviewLog(BaseModel):
    """One row of the append-only review log."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    key: str = Field(description="Study-card key (see study_key).")
    reviewed_at: datetime = Field(description="UTC time of the answer.")
    grade: Grade
    before: ReviewState
    after: ReviewState
    answer_ms: int = Field(default=0, ge=0, description="Time to answer in milliseconds.")
