"""Deck slugs and stable card ids.

A card id is ``<deck slug>-<8 hex>``: a hash of the normalised source sentence, the card
kind and its answers. The same document gives the same ids on every run, and editing one
sentence changes only the ids of the cards made from that sentence.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

from neuroquiz import models

_LEADING = re.compile(
    r"^(?:(?:what|which|how|why|when|where|who)\s+(?:is|are|was|were|do|does|can|should)\s+)?"
    r"(?:the|a|an)\s+",
    re.IGNORECASE,
)
MAX_SLUG = 60


def slugify(text: str, *, max_length: int = MAX_SLUG) -> str:
    """Lower-case ``[a-z0-9-]`` slug of ``text``, cut at a word boundary."""
    return models.slugify(text, max_length=max_length)


def deck_slug(title: str) -> str:
    """Deck id and file name of a document titled ``title``.

    Leading articles and question words are dropped: "The Recurrent Glomus Jugulare Tumor"
    gives ``recurrent-glomus-jugulare-tumor``.
    """
    stripped = _LEADING.sub("", title.strip())
    stripped = re.sub(
        r"^(?:what|which|how|why|when|where|who)\s+(?:is|are)\s+", "", stripped, flags=re.I
    )
    return slugify(stripped) or slugify(title) or "deck"


def normalise_sentence(sentence: str) -> str:
    """The sentence as compared for ids: lower case, words only, single spaces."""
    return " ".join(re.findall(r"[a-z0-9]+", sentence.lower()))


def card_id(slug: str, sentence: str, kind: str, answers: Iterable[str]) -> str:
    """Stable id of a card made from ``sentence`` with ``answers``."""
    answer_key = "|".join(sorted(normalise_sentence(a) for a in answers))
    digest = hashlib.sha1(
        f"{normalise_sentence(sentence)}\n{kind}\n{answer_key}".encode(), usedforsecurity=False
    ).hexdigest()
    prefix = slugify(slug, max_length=40)
    return f"{prefix}-{digest[:8]}"
