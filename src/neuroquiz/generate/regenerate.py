"""Merge a freshly generated deck into the deck already on disk, respecting instructors.

Rules, in order, for each card of the existing deck:

1. An ``authored`` card is kept as it is.
2. A ``generated`` card that generation produces again (same id) is kept; if its content
   differs from the fresh card, an instructor edited it, and their version is kept.
3. A ``generated`` card that generation no longer produces is kept while its source
   sentence is still in the document (the fact is still true; ranking merely preferred
   other cards this time). If its source sentence is gone, the card is dropped — unless
   an instructor edited it, which shows as an answer no longer found in its source.

Then every fresh card whose id is new is appended, except ids listed in ``rejected`` (cards
an instructor deleted) and cards whose content another card already has. The fresh card
with the same id is the reference for "edited".

A card an instructor deletes by hand from the YAML (rather than through neuroquiz, which
records it in ``rejected``) is recognised too: the deck's ``generated`` list holds the id of
every card generation ever wrote into it, so a listed id missing from the cards was deleted.
Such ids are added to ``rejected`` and never come back. ``generated`` then lists every
generated card of the merged deck; a card this merge itself drops (its source sentence is
gone) leaves the list, so that it is never mistaken for an instructor's deletion.
"""

from __future__ import annotations

from neuroquiz.generate.ids import normalise_sentence
from neuroquiz.models import BasicCard, ClozeCard, Deck, McqCard, cloze_ordinals

AnyCard = BasicCard | ClozeCard | McqCard


def merge(existing: Deck | None, fresh: Deck, sentences: set[str]) -> tuple[Deck, int]:
    """Merge ``fresh`` into ``existing``.

    Args:
        existing: The deck on disk, or None for a new deck.
        fresh: The deck generation just produced.
        sentences: Normalised sentences (see :func:`normalise_sentence`) of the current
            document, to tell whether a card's source is still there.

    Returns:
        The merged deck and the number of fresh cards added.
    """
    if existing is None:
        return fresh.model_copy(update={"generated": _generated_ids(fresh.cards)}), len(fresh.cards)
    fresh_by_id = {card.id: card for card in fresh.cards}
    present = {card.id for card in existing.cards}
    deleted = [i for i in existing.generated if i not in present and i not in existing.rejected]
    rejected = (*existing.rejected, *dict.fromkeys(deleted))
    kept: list[AnyCard] = []
    dropped: set[str] = set()
    for card in existing.cards:
        if (
            card.origin == "authored"
            or card.id in fresh_by_id
            or _source_present(card, sentences)
            or _edited(card)
        ):
            kept.append(card)
        else:
            dropped.add(card.id)
    known = {card.id for card in kept} | present
    contents = {_content(card) for card in kept}
    added = 0
    for card in fresh.cards:
        if card.id in known or card.id in rejected or _content(card) in contents:
            continue
        kept.append(card)
        contents.add(_content(card))
        added += 1
    sources = tuple(dict.fromkeys((*existing.sources, *fresh.sources)))
    remembered = [i for i in existing.generated if i not in dropped]
    generated = tuple(dict.fromkeys((*remembered, *_generated_ids(kept))))
    merged = existing.model_copy(
        update={
            "cards": tuple(kept),
            "sources": sources,
            "rejected": rejected,
            "generated": generated,
        }
    )
    return merged, added


def _generated_ids(cards: tuple[AnyCard, ...] | list[AnyCard]) -> tuple[str, ...]:
    """Ids of the cards of ``cards`` that generation made."""
    return tuple(card.id for card in cards if card.origin == "generated")


def _source_present(card: AnyCard, sentences: set[str]) -> bool:
    if card.source is None:
        return False
    return any(normalise_sentence(s) in sentences for s in card.source.sentences)


def _answers(card: AnyCard) -> list[str]:
    if isinstance(card, BasicCard):
        return [card.back]
    if isinstance(card, McqCard):
        return [card.answer]
    from neuroquiz.models import CLOZE_RE

    return [m.group(2) for m in CLOZE_RE.finditer(card.text)] if cloze_ordinals(card.text) else []


def _edited(card: AnyCard) -> bool:
    """True if a generated card's answer is no longer in its source: a person changed it."""
    if card.source is None or not card.source.sentences:
        return True
    source = normalise_sentence(" ".join(card.source.sentences))
    return not all(normalise_sentence(a) in source for a in _answers(card))


def _content(card: AnyCard) -> tuple[str, ...]:
    if isinstance(card, BasicCard):
        return ("basic", normalise_sentence(card.front), normalise_sentence(card.back))
    if isinstance(card, ClozeCard):
        return ("cloze", " ".join(card.text.casefold().split()))
    return ("mcq", normalise_sentence(card.question), normalise_sentence(card.answer))
