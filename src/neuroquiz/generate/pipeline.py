"""Documents in, deck files out: read, clean, understand, make, rank, merge, save.

:func:`generate_deck` makes the deck of one document without writing anything (the generate
screen reviews its cards first); :func:`generate_decks` makes the decks of many documents
the same way, then merges each into its file. One bad document never stops the others:
each file gets an outcome (its deck or a one-line error). Decks are written atomically, so
nothing is ever half-written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
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
from neuroquiz.models import CLOZE_RE, BasicCard, ClozeCard, Deck, McqCard

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
    existing = [item.deck for item in load_decks([out_dir]).decks] if out_dir.is_dir() else []
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

    The documents are read and planned first (boilerplate is what several of them share;
    every document's terms go into one pool for distractors), then each deck is made and
    yielded in turn, its plans released once it is made.
    """
    docs = [_read(p, max_bytes) for p in paths]
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
    pool.add_deck_terms(_answers(existing))
    slugs: set[str] = set()
    for doc in docs:
        if doc.clean is None or doc.topic is None:
            made: GeneratedDeck | _Failure = _Failure(
                doc.path, doc.error or "no usable text", doc.warnings
            )
        else:
            made = _make_deck(doc, doc.clean, doc.topic, pool, slugs)
            doc.plans = []
        if progress is not None:
            progress(doc.path)
        yield made


def _read(path: Path, max_bytes: int) -> _Doc:
    try:
        raw = read_document(path, max_bytes=max_bytes)
    except NeuroquizError as error:
        return _Doc(path, error=error.message)
    return _Doc(path, clean=clean_document(raw), warnings=raw.warnings)


def _make_deck(
    doc: _Doc, clean: CleanDocument, topic: Topic, pool: TermPool, slugs: set[str]
) -> GeneratedDeck | _Failure:
    """The fresh deck of one planned document; its id is unique within the run."""
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
        return _Failure(doc.path, "no card could be made from this text", warnings)
    fresh = Deck(
        id=slug,
        title=_deck_title(clean.title),
        description=f"Generated from {doc.path.name}.",
        sources=(doc.path.name,),
        cards=tuple(cards),
    )
    return GeneratedDeck(doc.path, fresh, warnings, frozenset(doc.sentences))


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


def _answers(decks: Iterable[Deck]) -> list[str]:
    """The answers of existing decks' cards: terms for multiple-choice distractors."""
    terms: list[str] = []
    for deck in decks:
        for card in deck.cards:
            if isinstance(card, McqCard):
                terms.extend((card.answer, *card.distractors))
            elif isinstance(card, BasicCard):
                terms.append(card.back)
            elif isinstance(card, ClozeCard):
                terms.extend(
                    m.group(2) for m in CLOZE_RE.finditer(card.text) if "," not in m.group(2)
                )
    return terms
