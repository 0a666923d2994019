"""Documents in, deck files out: read, clean, understand, make, rank, merge, save.

One bad document never stops the others: each file gets an outcome (its deck or a one-line
error). Decks are written atomically, so nothing is ever half-written.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from neuroquiz.decks import DeckError, load_deck, load_decks, save_deck
from neuroquiz.errors import NeuroquizError
from neuroquiz.generate.analyze import Sentence, document_topic, iter_sentences
from neuroquiz.generate.boilerplate import remove_boilerplate
from neuroquiz.generate.cards import AnyCard, build_card
from neuroquiz.generate.clean import CleanDocument, clean_document
from neuroquiz.generate.ids import deck_slug, normalise_sentence
from neuroquiz.generate.makers.base import Candidate
from neuroquiz.generate.makers.cloze import term_candidates
from neuroquiz.generate.makers.definitions import definition_candidates
from neuroquiz.generate.makers.enumerations import list_candidates
from neuroquiz.generate.makers.headings import heading_candidates
from neuroquiz.generate.makers.identities import identity_candidates
from neuroquiz.generate.makers.mcq import TermPool
from neuroquiz.generate.rank import Plan, budget_for, plan_sentence, select
from neuroquiz.generate.read import MAX_BYTES, read_document
from neuroquiz.generate.regenerate import merge
from neuroquiz.generate.topic import Topic
from neuroquiz.models import BasicCard, ClozeCard, Deck, McqCard

MAX_CARDS = 400
"""Most study cards one deck gets, however long the document."""
_PRUNE_FACTOR = 4
"""Plans kept per allowed card on long documents (room for ranking to skip duplicates)."""


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


@dataclass
class _Doc:
    path: Path
    clean: CleanDocument | None = None
    topic: Topic | None = None
    plans: list[Plan] = field(default_factory=list)
    sentences: set[str] = field(default_factory=set)
    error: str | None = None
    warnings: tuple[str, ...] = ()


Progress = Callable[[Path], None]


def sentence_candidates(topic: Topic, sentence: Sentence) -> list[Candidate]:
    """Every candidate card the makers find in one usable sentence.

    Text that resolved a reference ("these symptoms") is context, never an answer: the
    fact it names was stated, and carded, in its own sentence.
    """
    found = [
        *identity_candidates(topic, sentence),
        *definition_candidates(topic, sentence),
        *list_candidates(topic, sentence),
        *heading_candidates(topic, sentence),
        *term_candidates(topic, sentence),
    ]
    if not sentence.given:
        return found
    return [c for c in found if not _in_given(sentence, c)]


def _in_given(sentence: Sentence, candidate: Candidate) -> bool:
    if candidate.deletion is not None:
        a = sentence.tokens[candidate.deletion.start].start
        b = sentence.tokens[candidate.deletion.end - 1].end
    else:
        a = sentence.text.find(candidate.answer)
        b = a + len(candidate.answer)
        if a < 0:
            return False
    return any(a < y and x < b for x, y in sentence.given)


def plan_document(
    clean: CleanDocument, pool: TermPool, max_cards: int = MAX_CARDS
) -> tuple[Topic, list[Plan], set[str]]:
    """Stream a document's sentences into card plans (and its terms into ``pool``).

    Returns:
        The topic, the plans (pruned to the best few times ``max_cards`` on long
        documents, so memory stays flat), and the normalised sentences of the document.
    """
    topic = document_topic(clean)
    plans: list[Plan] = []
    sentences: set[str] = set()
    keep = _PRUNE_FACTOR * max_cards
    for sentence in iter_sentences(clean, topic):
        sentences.add(normalise_sentence(sentence.source))
        if not sentence.usable:
            continue
        pool.add_sentence(sentence)
        plans.extend(plan_sentence(sentence, sentence_candidates(topic, sentence)))
        if len(plans) > 2 * keep:
            plans = _best(plans, keep)
    return topic, _best(plans, keep) if len(plans) > keep else plans, sentences


def _best(plans: list[Plan], keep: int) -> list[Plan]:
    """The ``keep`` best plans, one per set of answers (a long text repeats its facts)."""
    ranked: dict[tuple[str, ...], Plan] = {}
    for plan in sorted(plans, key=lambda p: (-p.score, p.sentence.position)):
        key = tuple(normalise_sentence(a) for a in plan.answers)
        if key not in ranked:
            ranked[key] = plan
            if len(ranked) == keep:
                break
    return sorted(ranked.values(), key=lambda p: p.sentence.position)


def generate_cards(
    clean: CleanDocument,
    topic: Topic,
    plans: list[Plan],
    slug: str,
    pool: TermPool,
    max_cards: int = MAX_CARDS,
) -> tuple[list[AnyCard], bool]:
    """The selected cards of one planned document.

    Returns:
        The cards in document order, and whether the budget was capped by ``max_cards``.
    """
    budget = budget_for(clean.word_count)
    capped = budget > max_cards
    cards: list[AnyCard] = []
    seen: set[str] = set()
    for plan in select(plans, min(budget, max_cards)):
        card = build_card(plan, topic, slug, clean.path.name, pool)
        if card.id not in seen:
            seen.add(card.id)
            cards.append(card)
    return cards, capped


def generate_decks(
    paths: Sequence[Path],
    out_dir: Path,
    *,
    progress: Progress | None = None,
    max_bytes: int = MAX_BYTES,
) -> GenerateReport:
    """Generate (or regenerate) one deck per document into ``out_dir``.

    Args:
        paths: Documents (.txt, .md, .html, .pdf).
        out_dir: Deck directory; created if missing. Existing decks there are merged with
            (see :mod:`.regenerate`) and lend their terms to multiple-choice distractors.
        progress: Called with each document's path once it is done.
        max_bytes: Largest document accepted.

    Returns:
        One outcome per document, in input order.
    """
    docs = [_read(Path(p), max_bytes) for p in paths]
    good = [d for d in docs if d.clean is not None]
    cleaned, removed = remove_boilerplate([d.clean for d in good if d.clean is not None])
    pool = TermPool()
    for doc, clean, lost in zip(good, cleaned, removed, strict=True):
        if lost:
            doc.warnings += (
                f"skipped {lost} sentence(s) shared with other documents (boilerplate)",
            )
        if not clean.paragraphs:
            doc.clean, doc.error = None, "no usable text after removing noise"
            continue
        doc.clean = clean
        doc.topic, doc.plans, doc.sentences = plan_document(clean, pool)
    existing = load_decks([out_dir]) if out_dir.is_dir() else None
    if existing is not None:
        pool.add_deck_terms(_answers(d.deck for d in existing.decks))
    outcomes: list[FileOutcome] = []
    slugs: set[str] = set()
    for doc in docs:
        if doc.clean is None or doc.topic is None:
            outcomes.append(FileOutcome(doc.path, warnings=doc.warnings, error=doc.error))
        else:
            outcomes.append(_write(doc, doc.clean, doc.topic, out_dir, pool, slugs))
            doc.plans = []
        if progress is not None:
            progress(doc.path)
    return GenerateReport(tuple(outcomes))


def _read(path: Path, max_bytes: int) -> _Doc:
    try:
        raw = read_document(path, max_bytes=max_bytes)
    except NeuroquizError as error:
        return _Doc(path, error=error.message)
    return _Doc(path, clean=clean_document(raw), warnings=raw.warnings)


def _write(
    doc: _Doc, clean: CleanDocument, topic: Topic, out_dir: Path, pool: TermPool, slugs: set[str]
) -> FileOutcome:
    slug = deck_slug(clean.title)
    base, n = slug, 2
    while slug in slugs:
        slug, n = f"{base}-{n}", n + 1
    slugs.add(slug)
    cards, capped = generate_cards(clean, topic, doc.plans, slug, pool)
    warnings = doc.warnings
    if capped:
        warnings += (f"long document: kept the best {MAX_CARDS} study cards",)
    if not cards:
        return FileOutcome(
            doc.path, warnings=warnings, error="no card could be made from this text"
        )
    fresh = Deck(
        id=slug,
        title=_deck_title(clean.title),
        description=f"Generated from {doc.path.name}.",
        sources=(doc.path.name,),
        cards=tuple(cards),
    )
    deck_path = out_dir / f"{slug}.yaml"
    try:
        previous = load_deck(deck_path) if deck_path.exists() else None
    except DeckError as error:
        first = error.problems[0] if error.problems else None
        detail = f" ({first})" if first else ""
        return FileOutcome(
            doc.path,
            warnings=warnings,
            error=f"cannot merge into {deck_path}: the deck has problems{detail}",
        )
    merged, added = merge(previous, fresh, doc.sentences)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        save_deck(deck_path, merged)
    except NeuroquizError as error:
        return FileOutcome(doc.path, warnings=warnings, error=error.message)
    except OSError as error:
        return FileOutcome(
            doc.path, warnings=warnings, error=f"cannot write {deck_path}: {error.strerror}"
        )
    return FileOutcome(doc.path, deck_path, len(merged.cards), added, warnings)


def _deck_title(title: str) -> str:
    return title.rstrip(" :")


def _answers(decks: object) -> list[str]:
    terms: list[str] = []
    for deck in decks:  # type: ignore[attr-defined]
        assert isinstance(deck, Deck)
        for card in deck.cards:
            if isinstance(card, McqCard):
                terms.extend((card.answer, *card.distractors))
            elif isinstance(card, BasicCard):
                terms.append(card.back)
            elif isinstance(card, ClozeCard):
                from neuroquiz.models import CLOZE_RE

                terms.extend(
                    m.group(2) for m in CLOZE_RE.finditer(card.text) if "," not in m.group(2)
                )
    return terms
