"""Documents to decks through an LLM: read, chunk, ask (cached), ground, gate, merge, save.

Each document is read and structured as the rules engine reads it, cut into chunks, and
each chunk asked of the server (at most ``concurrency`` requests at once, answers taken in
chunk order so that the deck does not depend on timing). A document whose requests fail
gets one line naming the cause and no deck file is touched; the others go on. Decks are
merged and saved as rules decks are (:func:`~neuroquiz.generate.pipeline.generate_decks`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from neuroquiz.decks import DeckError, load_deck
from neuroquiz.errors import NeuroquizError
from neuroquiz.generate.gate import document_units, near_duplicate
from neuroquiz.generate.ids import card_id, deck_slug
from neuroquiz.generate.llm.cache import ResponseCache
from neuroquiz.generate.llm.chunks import chunk_document
from neuroquiz.generate.llm.client import LlmConfig, LlmError, chat
from neuroquiz.generate.llm.ground import count, ground, parse_cards
from neuroquiz.generate.llm.prompt import request_body
from neuroquiz.generate.pipeline import (
    MAX_CARDS,
    FileOutcome,
    GeneratedDeck,
    GenerateReport,
    _write,
)
from neuroquiz.generate.read import MAX_BYTES
from neuroquiz.generate.structure import read_structured
from neuroquiz.models import BasicCard, Deck, Source

ChunkProgress = Callable[[Path, int, int], None]
"""Called with (document, chunks done, chunks in all) after each chunk."""


@dataclass(frozen=True)
class LlmOutcome:
    """One document's deck (or failure) and what became of every proposed card."""

    made: GeneratedDeck | None
    error: str | None = None
    reasons: Counter[str] = field(default_factory=Counter)
    cards: tuple[tuple[str, str, str | None], ...] = ()
    """(question, answer, reason or None) of every proposal, for ``--explain``."""


def make_llm_deck(
    path: Path,
    config: LlmConfig,
    cache: ResponseCache,
    *,
    slug: str | None = None,
    existing: Deck | None = None,
    progress: ChunkProgress | None = None,
    max_bytes: int = MAX_BYTES,
) -> LlmOutcome:
    """Ask the server for the cards of one document and keep those that pass the gate.

    Nothing is written but cache entries. Failures are returned, never raised.
    """
    try:
        doc = read_structured(Path(path), max_bytes=max_bytes)
        chunks = chunk_document(doc, config.context_chars)
        responses = _ask_all(path, chunks, config, cache, progress)
        proposals = [p for content in responses for p in parse_cards(content)]
    except NeuroquizError as error:
        return LlmOutcome(None, error.message)
    except (RecursionError, MemoryError, ValueError) as error:  # never a traceback
        return LlmOutcome(None, f"cannot generate from this text ({type(error).__name__})")
    slug = slug or deck_slug(doc.title)
    units = document_units(doc)
    others = [
        (c.id, c.back, " ".join(c.source.sentences))
        for c in (existing.cards if existing else ())
        if isinstance(c, BasicCard) and c.source is not None
    ]
    reasons: Counter[str] = Counter()
    shown: list[tuple[str, str, str | None]] = []
    cards: list[BasicCard] = []
    for proposal in proposals:
        source, reason = ground(proposal, units)
        card: BasicCard | None = None
        if reason is None:
            card_key = card_id(slug, source, "basic", (proposal.answer,))
            pairs = [(a, s) for i, a, s in others if i != card_key]
            if any(c.id == card_key for c in cards) or near_duplicate(
                proposal.answer, source, pairs
            ):
                reason = "near-duplicate"
            elif len(cards) >= MAX_CARDS:
                reason = "over-card-budget"
            else:
                try:
                    card = BasicCard(
                        id=card_key,
                        origin="generated",
                        source=Source(document=doc.path.name, sentences=(source,)),
                        front=proposal.question,
                        back=proposal.answer,
                    )
                except ValidationError:
                    reason = "invalid-card"
        count(reasons, reason)
        shown.append((proposal.question, proposal.answer, reason))
        if card is not None:
            cards.append(card)
            others.append((card.id, card.back, source))
    if not cards:
        return LlmOutcome(None, "no card passed the checks", reasons, tuple(shown))
    deck = Deck(
        id=slug,
        title=doc.title.rstrip(" :"),
        description=f"Generated from {doc.path.name} by {config.model}.",
        sources=(doc.path.name,),
        cards=tuple(cards),
    )
    made = GeneratedDeck(doc.path, deck, doc.warnings, frozenset(units))
    return LlmOutcome(made, None, reasons, tuple(shown))


def generate_llm_decks(
    paths: Sequence[Path],
    out_dir: Path,
    config: LlmConfig,
    cache_dir: Path,
    *,
    progress: ChunkProgress | None = None,
    write: bool = True,
    max_bytes: int = MAX_BYTES,
) -> tuple[GenerateReport, list[LlmOutcome]]:
    """Generate (or regenerate) one deck per document into ``out_dir`` with the LLM engine.

    Args:
        paths: Documents.
        out_dir: Deck directory (created if missing); decks there are merged with.
        config: The server.
        cache_dir: The response cache.
        progress: Called after each chunk of each document.
        write: False to write no deck (``--explain``).
        max_bytes: Largest document accepted.

    Returns:
        The outcome of every document in input order, and what became of its cards.
    """
    cache = ResponseCache(cache_dir)
    outcomes: list[FileOutcome] = []
    details: list[LlmOutcome] = []
    slugs: set[str] = set()
    for path in map(Path, paths):
        slug, existing = _slug_and_deck(path, out_dir, slugs, max_bytes)
        result = make_llm_deck(
            path,
            config,
            cache,
            slug=slug,
            existing=existing,
            progress=progress,
            max_bytes=max_bytes,
        )
        details.append(result)
        if result.made is None:
            outcomes.append(FileOutcome(path, error=result.error))
        elif write:
            outcomes.append(_write(result.made, out_dir))
        else:
            made = result.made
            outcomes.append(FileOutcome(path, None, len(made.deck.cards), 0, made.warnings))
    return GenerateReport(tuple(outcomes)), details


def _slug_and_deck(
    path: Path, out_dir: Path, slugs: set[str], max_bytes: int
) -> tuple[str | None, Deck | None]:
    """The deck id of a document, unique within the run, and its deck on disk if any."""
    try:
        title = read_structured(path, max_bytes=max_bytes).title
    except NeuroquizError:
        return None, None
    slug = base = deck_slug(title)
    n = 2
    while slug in slugs:
        slug, n = f"{base}-{n}", n + 1
    slugs.add(slug)
    deck_path = out_dir / f"{slug}.yaml"
    try:
        return slug, load_deck(deck_path) if deck_path.exists() else None
    except DeckError:
        return slug, None


def _ask_all(
    path: Path,
    chunks: list[str],
    config: LlmConfig,
    cache: ResponseCache,
    progress: ChunkProgress | None,
) -> list[str]:
    """Every chunk's response, in chunk order (cached ones without a request)."""
    done = 0

    def ask(chunk: str) -> str:
        nonlocal done
        key = cache.key(chunk, config.model)
        content = cache.get(key)
        if content is None:
            content = chat(config, request_body(config.model, chunk, config.max_tokens))
            parse_cards(content)  # an invalid answer is never cached
            cache.put(key, content)
        done += 1
        if progress is not None:
            progress(path, done, len(chunks))
        return content

    if not chunks:
        raise LlmError("no text to send")
    with ThreadPoolExecutor(max_workers=max(1, config.concurrency)) as pool:
        return list(pool.map(ask, chunks))
