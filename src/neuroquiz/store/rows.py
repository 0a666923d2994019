"""Rows <-> models: the one place where SQLite values become neuroquiz models and back.

Dates are ISO ``YYYY-MM-DD`` text, times are UTC ISO text with a fixed width (so that text
order is time order), the E-Factor stays an integer count of hundredths, and a card is kept
as the canonical JSON of its model.

The card models (and so pydantic) are imported on first use, not with this module: the
queries behind the home screen's counts use only the text and date helpers.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from types import ModuleType

    from pydantic import TypeAdapter

    from neuroquiz.models import Card, ReviewLog, ReviewState

STATE_COLUMNS = "repetitions, interval, ef, due, lapses, last_review"
"""The review-state columns of ``study_cards``, in the order :func:`state_from_row` reads."""

LOG_COLUMNS = "id, key, reviewed_at, grade, state_before, state_after, answer_ms"
"""The ``review_log`` columns, in the order :func:`log_from_row` reads (after the id)."""

SHORT_ANSWER_WORDS = 6
"""A basic back of at most this many words can be a quiz option (and a quiz question)."""


@functools.cache
def _models() -> ModuleType:
    """``neuroquiz.models``, imported on first use (a cached call costs far less than an
    import statement in a function that runs once a row)."""
    import neuroquiz.models

    return neuroquiz.models


@functools.cache
def _card_adapter() -> TypeAdapter[Card]:
    from pydantic import TypeAdapter

    from neuroquiz.models import Card

    return TypeAdapter(Card)


def iso_date(value: date | None) -> str | None:
    """A date as ISO text, ``None`` kept."""
    return value.isoformat() if value is not None else None


def parse_date(value: str | None) -> date | None:
    """ISO text as a date, ``None`` kept."""
    return date.fromisoformat(value) if value is not None else None


def utc_text(moment: datetime) -> str:
    """An aware datetime as fixed-width UTC ISO text (``2026-01-05T09:30:00.000000+00:00``).

    Raises:
        ValueError: if ``moment`` is naive: a time without a zone cannot be put in UTC.
    """
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"expected an aware datetime, got naive {moment!r}")
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def parse_utc(text: str) -> datetime:
    """Inverse of :func:`utc_text`: an aware UTC datetime."""
    return datetime.fromisoformat(text).astimezone(UTC)


def state_from_row(row: Sequence[Any]) -> ReviewState:
    """Build a :class:`ReviewState` from the :data:`STATE_COLUMNS` values of one row."""
    repetitions, interval, ef, due, lapses, last_review = row
    state: ReviewState = _models().ReviewState(
        repetitions=repetitions,
        interval=interval,
        ef=ef,
        due=parse_date(due),
        lapses=lapses,
        last_review=parse_date(last_review),
    )
    return state


def state_params(state: ReviewState) -> tuple[int, int, int, str | None, int, str | None]:
    """The :data:`STATE_COLUMNS` values of ``state``, in order."""
    return (
        state.repetitions,
        state.interval,
        state.ef,
        iso_date(state.due),
        state.lapses,
        iso_date(state.last_review),
    )


def state_json(state: ReviewState) -> str:
    """A review state as compact JSON (the log's before/after columns)."""
    return state.model_dump_json()


def log_from_row(row: Sequence[Any]) -> tuple[int, ReviewLog]:
    """Build ``(log id, ReviewLog)`` from the :data:`LOG_COLUMNS` values of one row."""
    models = _models()
    log_id, key, reviewed_at, grade, before, after, answer_ms = row
    log: ReviewLog = models.ReviewLog(
        key=key,
        reviewed_at=parse_utc(reviewed_at),
        grade=grade,
        before=models.ReviewState.model_validate_json(before),
        after=models.ReviewState.model_validate_json(after),
        answer_ms=answer_ms,
    )
    return int(log_id), log


def card_payload(card: Card) -> str:
    """The canonical JSON of a card: sorted keys, no spaces, so equal cards give equal text."""
    return json.dumps(
        card.model_dump(mode="json"), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )


def content_hash(payload: str) -> str:
    """SHA-256 of a card payload: what sync compares to see that a card's content changed."""
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def card_from_payload(payload: str) -> Card:
    """Inverse of :func:`card_payload`."""
    return _card_adapter().validate_json(payload)


SEARCH_TEXT_FIELDS = ("front", "back", "text", "question", "answer", "distractors", "tags", "notes")
"""The card fields free-text search looks in (after the id, before the source document)."""


def search_text(fields: Mapping[str, Any]) -> str:
    """The text that free-text search finds a card by: its id, content fields, tags, notes
    and source document, one value a line.

    It reads the card's JSON fields (``json.loads`` of :func:`card_payload`), not the model,
    so that a migration can index stored cards without validating them again. The
    ``card_text`` search index holds this text; a change here needs a migration that
    rebuilds the index.

    Args:
        fields: A card as JSON fields.

    Returns:
        The values joined with newlines, so that a term without a line break never matches
        across two values. NUL characters become spaces: SQLite's text functions (FTS5,
        ``LIKE``) stop at a NUL, which would hide the rest of the text.
    """
    parts: list[str] = [fields.get("id") or ""]
    for name in SEARCH_TEXT_FIELDS:
        value = fields.get(name)
        if not value:
            continue
        if type(value) is str:
            parts.append(value)
        else:  # distractors, tags: JSON arrays of strings
            parts.extend(value)
    source = fields.get("source")
    if source and source.get("document"):
        parts.append(source["document"])
    return "\n".join(parts).replace("\x00", " ")


def quiz_answer(card: Card) -> str | None:
    """The text a quiz can offer as an option for this card, or None.

    The answer of an mcq card, or the back of a basic card with at most
    :data:`SHORT_ANSWER_WORDS` words; cloze cards and long backs give None.
    """
    # By the discriminator, which narrows the union as isinstance does (no model import).
    if card.type == "mcq":
        return card.answer
    if card.type == "basic" and len(card.back.split()) <= SHORT_ANSWER_WORDS:
        return card.back
    return None
