"""Documents in, deck files out: read, clean, understand, make, rank, merge, save.

:func:`generate_deck` makes the deck of one document without writing anything (the generate
screen reviews its cards first); :func:`generate_decks` makes the decks of many documents
the same way, then merges each into its file. One bad document never stops the others:
each file gets an outcome (its deck or a one-line error). Decks are written atomically, so
nothing is ever half-written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from neuroquiz.decks import DeckError, load_deck, save_deck
from neuroquiz.errors import NeuroquizError
from neuroquiz.generate.blocks import StructuredDocument
from neuroquiz.generate.compose import Plan, Trace, plan_document, select
from neuroquiz.generate.ids import card_id, deck_slug
from neuroquiz.generate.read import MAX_BYTES
from neuroquiz.generate.regenerate import merge
from neuroquiz.generate.structure import read_structured
from neuroquiz.models import BasicCard, ClozeCard, Deck, McqCard, Source

AnyCard = BasicCard | ClozeCard | McqCard
MAX_CARDS = 400
"""Most study cards one deck gets, however long the document."""


@dataclass(frozen=True)
class FileOutcome:
    """What happened to one input document.

    Attributes:
        source: The document.
        deck_path: The deck file written (None if the document failed).
        cards: Cards in the saved deck.
        added: Cards this run added to it.
        warnings: One-line notes (fallback decoding, boilerplate skipped, budget capped).
        error: One-line reason the document failed, or None.
    """

    source: Path
    deck_path: Path | None = None
    cards: int = 0
    added: int = 0
    warnings: tuple[str, ...] = ()
    error: str | None = None


@dataclass(frozen=True)
class GenerateReport:
    """Outcomes of one run, in input order."""

    outcomes: tuple[FileOutcome, ...]

    @property
    def failed(self) -> bool:
        """True if any document failed."""
        return any(o.error for o in self.outcomes)


Progress = Callable[[Path], None]


def build_card(plan: Plan, slug: str, document: str) -> AnyCard:
    """The card a plan describes, with its stable id and its source sentence."""
    source = Source(document=document, sentences=(plan.source,))
    if plan.kind == "basic":
        return BasicCard(
            id=card_id(slug, plan.source, "basic", plan.answers),
            origin="generated",
            source=source,
            front=plan.text,
            back=plan.back,
        )
    return ClozeCard(
        id=card_id(slug, plan.source, "cloze", plan.answers),
        origin="generated",
        source=source,
        text=plan.text,
    )


def explain_document(path: Path, *, max_bytes: int = MAX_BYTES) -> list[Trace]:
    """For each unit of a document (sentence, list, table row): which rules fired and why a
    card was or was not made.

    Raises:
        NeuroquizError: the document cannot be read.
    """
    doc = read_structured(Path(path), max_bytes=max_bytes)
    plans, traces, _ = plan_document(doc)
    chosen = {id(p) for p in select(plans, doc.word_count)}
    for trace in traces:
        if trace.plan is not None and id(trace.plan) not in chosen:
            trace.verdicts.append("not selected: over the deck's card budget or a duplicate")
            trace.plan = None
    return traces


@dataclass(frozen=True)
class GeneratedDeck:
    """A deck generated from one document and not written anywhere.

    Attributes:
        source: The document.
        deck: The fresh deck: its id from the document's title, every selected card, the
            document in ``sources`` (not yet merged with any deck on disk).
        warnings: One-line notes (fallback decoding, boilerplate skipped, budget capped).
        sentences: The document's normalised sentences (see
            :func:`~neuroquiz.generate.ids.normalise_sentence`), which
            :func:`~neuroquiz.generate.regenerate.merge` needs to tell whether the source of
            an older card is still in the document.
    """

    source: Path
    deck: Deck
    warnings: tuple[str, ...] = ()
    sentences: frozenset[str] = frozenset()


@dataclass(frozen=True)
class _Failure:
    """A document that gave no deck: why, and the notes gathered before."""

    source: Path
    error: str
    warnings: tuple[str, ...] = ()


def generate_deck(
    path: Path,
    *,
    existing: Sequence[Deck] = (),
    progress: Progress | None = None,
    max_bytes: int = MAX_BYTES,
) -> GeneratedDeck:
    """Generate a deck from one document without writing anything.

    Example:
        >>> made = generate_deck(Path("notes.txt"), existing=decks)  # doctest: +SKIP
        >>> len(made.deck.cards), made.warnings                      # doctest: +SKIP

    Args:
        path: A document (.txt, .md, .html, .pdf).
        existing: Decks already made; their answers lend terms to multiple-choice
            distractors, as the decks of the output directory do in :func:`generate_decks`.
            Cards they hold are not left out here (see the generate screen's review).
        progress: Called with ``path`` once the deck is made.
        max_bytes: Largest document accepted.

    Returns:
        The deck and the notes on the document.

    Raises:
        NeuroquizError: the document cannot be read or gives no card (one line, naming it).
    """
    (made,) = _generate([Path(path)], existing, progress, max_bytes)
    if isinstance(made, _Failure):
        raise NeuroquizError(made.error, path=made.source)
    return made


def generate_decks(
    paths: Sequence[Path],
    out_dir: Path,
    *,
    progress: Progress | None = None,
    max_bytes: int = MAX_BYTES,
) -> GenerateReport:
    """Generate (or regenerate) one deck per document into ``out_dir``.

    The decks are made as :func:`generate_deck` makes them (over all the documents at once,
    so text shared between them is skipped as boilerplate and their terms serve each
    other's distractors), then merged into the deck file of the same id, if any, and saved.

    Args:
        paths: Documents (.txt, .md, .html, .pdf).
        out_dir: Deck directory; created if missing. Existing decks there are merged with
            (see :mod:`.regenerate`) and lend their terms to multiple-choice distractors.
        progress: Called with each document's path once it is done.
        max_bytes: Largest document accepted.

    Returns:
        One outcome per document, in input order.
    """
    existing: list[Deck] = []
    outcomes: list[FileOutcome] = []
    for made in _generate([Path(p) for p in paths], existing, None, max_bytes):
        if isinstance(made, _Failure):
            outcomes.append(FileOutcome(made.source, warnings=made.warnings, error=made.error))
        else:
            outcomes.append(_write(made, out_dir))
        if progress is not None:
            progress(made.source)
    return GenerateReport(tuple(outcomes))


def _generate(
    paths: Sequence[Path],
    existing: Sequence[Deck],
    progress: Progress | None,
    max_bytes: int,
) -> Iterator[GeneratedDeck | _Failure]:
    """Make one deck per document, in order, without writing (the heart of both APIs).

    Each document is made on its own: its deck is the same whether it is generated alone
    or with thousands of others (``existing`` is accepted for API compatibility).
    """
    del existing
    slugs: set[str] = set()
    for path in paths:
        try:
            made: GeneratedDeck | _Failure = _make_deck(
                read_structured(path, max_bytes=max_bytes), slugs
            )
        except NeuroquizError as error:
            made = _Failure(path, error.message)
        except (RecursionError, MemoryError, ValueError) as error:  # never a traceback
            made = _Failure(path, f"cannot generate from this text ({type(error).__name__})")
        if progress is not None:
            progress(path)
        yield made


def _make_deck(doc: StructuredDocument, slugs: set[str]) -> GeneratedDeck | _Failure:
    """The fresh deck of one document; its id is unique within the run."""
    slug = deck_slug(doc.title)
    base, n = slug, 2
    while slug in slugs:
        slug, n = f"{base}-{n}", n + 1
    slugs.add(slug)
    plans, _traces, sentences = plan_document(doc)
    warnings = doc.warnings
    chosen = select(plans, doc.word_count)
    if len(chosen) > MAX_CARDS:
        chosen = sorted(
            sorted(chosen, key=lambda p: -p.score)[:MAX_CARDS], key=lambda p: p.position
        )
        warnings += (f"long document: kept the best {MAX_CARDS} cards",)
    cards: list[AnyCard] = []
    seen: set[str] = set()
    for plan in chosen:
        card = build_card(plan, slug, doc.path.name)
        if card.id not in seen:
            seen.add(card.id)
            cards.append(card)
    if not cards:
        return _Failure(doc.path, "no card could be made from this text", warnings)
    fresh = Deck(
        id=slug,
        title=_deck_title(doc.title),
        description=f"Generated from {doc.path.name}.",
        sources=(doc.path.name,),
        cards=tuple(cards),
    )
    return GeneratedDeck(doc.path, fresh, warnings, frozenset(sentences))


def _write(made: GeneratedDeck, out_dir: Path) -> FileOutcome:
    """Merge a fresh deck into its file in ``out_dir`` (if any) and save it."""
    fresh, warnings = made.deck, made.warnings
    deck_path = out_dir / f"{fresh.id}.yaml"
    try:
        previous = load_deck(deck_path) if deck_path.exists() else None
    except DeckError as error:
        first = error.problems[0] if error.problems else None
        detail = f" ({first})" if first else ""
        return FileOutcome(
            made.source,
            warnings=warnings,
            error=f"cannot merge into {deck_path}: the deck has problems{detail}",
        )
    merged, added = merge(previous, fresh, set(made.sentences))
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        save_deck(deck_path, merged)
    except NeuroquizError as error:
        return FileOutcome(made.source, warnings=warnings, error=error.message)
    except OSError as error:
        return FileOutcome(
            made.source, warnings=warnings, error=f"cannot write {deck_path}: {error.strerror}"
        )
    return FileOutcome(made.source, deck_path, len(merged.cards), added, warnings)


def _deck_title(title: str) -> str:
    return title.rstrip(" :")
