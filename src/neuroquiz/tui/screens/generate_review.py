"""Generate-and-review without the UI: propose cards from a document, write the decisions.

Generation runs :func:`neuroquiz.generate.generate_deck`, which writes nothing, so nothing
in the deck directory changes until the instructor has reviewed the candidates; the decks
already loaded lend their terms to multiple-choice distractors, as in ``neuroquiz
generate``. Candidates that an existing deck already holds, that its ``rejected`` list
names, or that say what another card says are not proposed again.
With a server configured (:class:`LlmServer`), :func:`generate_llm_candidates` asks it
instead (:func:`neuroquiz.generate.llm.engine.make_llm_deck`: the same gate, nothing written
but its response cache), and its cards are proposed the same way.
Writing adds the accepted cards to the chosen deck (editing its file in place) and remembers
the ids of the rejected ones in the deck's ``rejected``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from neuroquiz.decks import card_content_key, load_deck, save_deck, study_content_keys
from neuroquiz.errors import NeuroquizError
from neuroquiz.generate import generate_deck
from neuroquiz.models import BasicCard, ClozeCard, Deck, McqCard

if TYPE_CHECKING:
    from neuroquiz.generate.llm import LlmConfig

AnyCard = BasicCard | ClozeCard | McqCard
"""Any card model."""


@dataclass(frozen=True)
class Generation:
    """The cards proposed from one document.

    Attributes:
        document: The document.
        fresh: The deck the generator made (id from the document's title, all its cards).
        candidates: The cards to review: ``fresh.cards`` minus those already known.
        skipped: Generated cards not proposed (already in a deck, rejected, or duplicates).
        warnings: The generator's notes on the document.
    """

    document: Path
    fresh: Deck
    candidates: tuple[AnyCard, ...]
    skipped: int
    warnings: tuple[str, ...] = ()


def propose(fresh: Deck, existing: Iterable[Deck]) -> tuple[list[AnyCard], int]:
    """The cards of ``fresh`` worth reviewing, and how many were left out.

    A card is left out if a deck has its id, if a deck lists it as rejected (its ids are
    global, and a review may have been written to any deck), or if a deck (or an earlier
    candidate) has the same content.

    Args:
        fresh: A freshly generated deck.
        existing: The decks in the deck directory.
    """
    ids: set[str] = set()
    contents: set[str] = set()
    for deck in existing:
        ids.update(card.id for card in deck.cards)
        # Both directions of a reversed card: the back-to-front one is asked too.
        contents.update(key for card in deck.cards for key in study_content_keys(card))
        ids.update(deck.rejected)
    kept: list[AnyCard] = []
    for card in fresh.cards:
        key = card_content_key(card)
        if card.id in ids or key in contents:
            continue
        ids.add(card.id)
        contents.add(key)
        kept.append(card)
    return kept, len(fresh.cards) - len(kept)


def generate_candidates(document: Path, existing: Sequence[Deck]) -> Generation:
    """Run the generator on ``document`` without touching the deck directory.

    Args:
        document: A .txt, .md, .html or .pdf file.
        existing: The decks already loaded (to leave out what they hold; their answers
            serve as distractors).

    Raises:
        NeuroquizError: the document cannot be read or gives no card (one line).
    """
    made = generate_deck(document, existing=existing)
    candidates, skipped = propose(made.deck, existing)
    return Generation(document, made.deck, tuple(candidates), skipped, made.warnings)


@dataclass(frozen=True)
class LlmServer:
    """The LLM server the Generate screen may ask, as configured when the app started.

    Attributes:
        config: How to reach it (URL, model, key).
        cache_dir: Where its responses are kept (re-running asks nothing again).
    """

    config: LlmConfig
    cache_dir: Path

    @property
    def label(self) -> str:
        """How the engine choice names it: ``LLM: <model> at <url>``."""
        return f"LLM: {self.config.model} at {self.config.url}"


def generate_llm_candidates(
    document: Path,
    existing: Sequence[Deck],
    server: LlmServer,
    progress: Callable[[int, int], None] | None = None,
) -> Generation:
    """Ask the LLM server for the cards of ``document``; propose those that pass the gate.

    Nothing is written but the server's response cache. The cards of the existing decks
    count for the gate's near-duplicate check, as a deck file does for ``neuroquiz
    generate``.

    Args:
        document: A .txt, .md, .html or .pdf file (its text is sent to the server).
        existing: The decks already loaded.
        server: The server and its cache.
        progress: Called with (chunks done, chunks in all) after each chunk, from a
            request thread.

    Raises:
        NeuroquizError: the document cannot be read, the server failed (down, HTTP error,
            invalid JSON, a refusal...) or no card passed the gate (one line).
    """
    from neuroquiz.generate.llm.cache import ResponseCache
    from neuroquiz.generate.llm.engine import make_llm_deck

    known = tuple(card for deck in existing for card in deck.cards)
    others = Deck(id="loaded-decks", title="The loaded decks", cards=known) if known else None
    outcome = make_llm_deck(
        document,
        server.config,
        ResponseCache(server.cache_dir),
        existing=others,
        progress=None if progress is None else lambda _path, done, total: progress(done, total),
    )
    if outcome.made is None:
        error = outcome.error or "no card"
        dropped = dropped_summary(outcome.reasons)
        raise NeuroquizError(f"{error} ({dropped})" if dropped else error, path=document.name)
    candidates, skipped = propose(outcome.made.deck, existing)
    fresh = outcome.made.deck
    return Generation(document, fresh, tuple(candidates), skipped, outcome.made.warnings)


def dropped_summary(reasons: Counter[str]) -> str:
    """The count of each reason a card was dropped, e.g. ``dropped: 2 answer-not-in-source``;
    empty if none was."""
    dropped = ", ".join(f"{n} {r}" for r, n in sorted(reasons.items()) if r != "kept")
    return f"dropped: {dropped}" if dropped else ""


def write_review(
    path: Path,
    fresh: Deck,
    accepted: Sequence[AnyCard],
    rejected: Sequence[str],
) -> Deck:
    """Write the accepted cards to the deck file ``path`` and remember the rejected ids.

    An existing file is re-read and edited in place (comments and formatting kept): the
    accepted cards are appended, the rejected ids added to ``rejected``, the accepted
    generated ids to ``generated``, and the document added to ``sources``. A missing file
    becomes a new deck titled after ``fresh``.

    Args:
        path: The target deck file.
        fresh: The generated deck (its title, description and sources name a new deck).
        accepted: The cards to add, in order.
        rejected: Ids of the generated cards the instructor rejected.

    Returns:
        The deck as saved.

    Raises:
        NeuroquizError: the target file has problems or cannot be written.
    """
    if path.exists():
        deck = load_deck(path)
    else:
        deck = Deck(
            id=path.stem,
            title=fresh.title,
            description=fresh.description,
            sources=(),
        )
    known = {card.id for card in deck.cards}
    cards = [*deck.cards, *(card for card in accepted if card.id not in known)]
    remembered = tuple(dict.fromkeys((*deck.rejected, *rejected)))
    sources = tuple(dict.fromkeys((*deck.sources, *fresh.sources)))
    # Like `neuroquiz generate`, name every generated card written, so a card later deleted
    # by hand from the YAML file is known as deleted and never re-added by a regeneration.
    written = (card.id for card in accepted if card.origin == "generated")
    generated = tuple(dict.fromkeys((*deck.generated, *written)))
    new = deck.model_copy(
        update={
            "cards": tuple(cards),
            "rejected": remembered,
            "sources": sources,
            "generated": generated,
        }
    )
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        save_deck(path, new)
    except OSError as error:
        raise NeuroquizError(f"cannot write the deck: {error.strerror}", path=path) from error
    return new
