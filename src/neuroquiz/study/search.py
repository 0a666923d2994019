"""Card search for the browser: a small query language, parsed purely, answered by SQLite.

A query is a list of terms separated by spaces; every term must hold (AND):

- ``deck:ID`` — the card's deck, by id or title (``deck:"Neuro basics"``);
- ``tag:NAME`` — a tag of the card;
- ``type:basic``, ``type:cloze``, ``type:mcq``;
- ``is:due`` (a study card due today or earlier, not suspended), ``is:new`` (a study card
  never reviewed), ``is:suspended``, ``is:leech`` (a study card marked as a leech, see
  :mod:`neuroquiz.study.leeches`), ``is:generated``, ``is:authored``, ``is:reversed`` (a
  basic card studied both ways, ``reverse: true``), ``is:typed`` (``typed: true``);
- anything else is free text, found anywhere (as a substring) in the card's id, fields,
  tags, notes and source document, ignoring case; ``"two words"`` is one phrase.

A comma gives alternatives (``type:basic,mcq``, ``tag:gcs,trauma``), ``*`` is a wildcard
in deck and tag names (``deck:neuro*``), and a leading ``-`` negates a term (``-is:new``).
Deck and tag names ignore the case of ASCII letters (SQLite's ``LIKE``).

Free text keeps substring semantics, which serve a resident best: part of a word
(``aneurys``, ``subarach``), an id prefix (``gcs-``) or a symbol (``100%``) finds what it
should. A term of three or more characters is looked up in a trigram full-text index
(FTS5, see migration ``0005_search_index``), which ignores case in every script (``É`` finds
``é``); a shorter term is scanned for with ``LIKE`` in the same text, which ignores the case
of ASCII letters only. On a SQLite without FTS5's trigram tokenizer every term is scanned.

The query is parsed into a :class:`SearchQuery` without touching the store; a term that
cannot mean anything (``type:foo``) is dropped and reported in ``problems``.

Speed: :func:`search_cards` is one SQL statement. It walks the active decks in order and
each deck's cards in file order through covering indexes; every filter that needs another
table (tags, text, due, new) is a subquery that SQLite evaluates once into a lookup set,
except a tag on more than a third of the cards, which is cheaper to test card by card.
Over 100,000 cards every kind of term answers in under 100 ms with the first page
(``benchmarks/bench_scale.py``). Only the matching rowids are read at once (the count is
their number); rows are read a page at a time, so a browser over 100,000 cards stays light.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from neuroquiz.models import CARD_TYPES, REVERSE_ORDINAL
from neuroquiz.store import ProgressStore

TermKind = Literal["deck", "tag", "type", "is", "text"]
"""What a search term filters on."""

FILTER_KEYS: tuple[TermKind, ...] = ("deck", "tag", "type", "is")
"""Keys written as ``key:value``."""
IS_FLAGS: tuple[str, ...] = (
    "due",
    "new",
    "suspended",
    "leech",
    "generated",
    "authored",
    "reversed",
    "typed",
)
"""Values of ``is:``."""

_LIKE_ESCAPE = "\\"
TRIGRAM = 3
"""Free-text terms at least this long use the trigram index; shorter ones a scan."""


@dataclass(frozen=True)
class Term:
    """One term of a query.

    Attributes:
        kind: What it filters on.
        values: Alternatives (any may match); a text term has exactly one.
        negated: True for ``-term``: the card must NOT match.
    """

    kind: TermKind
    values: tuple[str, ...]
    negated: bool = False


@dataclass(frozen=True)
class SearchQuery:
    """A parsed query: the terms that all must hold, and what could not be understood.

    Attributes:
        terms: The valid terms, in the order written.
        problems: One line per term that was dropped, e.g. ``unknown type 'x' (...)``.
    """

    terms: tuple[Term, ...] = ()
    problems: tuple[str, ...] = ()


def _tokens(text: str) -> list[str]:
    """Split on whitespace, keeping ``"quoted phrases"`` (quotes removed) in one token.

    An unclosed quote runs to the end of the text. ``tag:"a b"`` gives ``tag:a b``.
    """
    tokens: list[str] = []
    current: list[str] = []
    quoted = False
    started = False
    for ch in text:
        if ch == '"':
            quoted = not quoted
            started = True
        elif ch.isspace() and not quoted:
            if started:
                tokens.append("".join(current))
            current, started = [], False
        else:
            current.append(ch)
            started = True
    if started:
        tokens.append("".join(current))
    return tokens


def _filter_term(key: TermKind, raw: str, negated: bool) -> Term | str:
    """A filter term, or the problem that makes ``key:raw`` meaningless."""
    values = tuple(v.strip() for v in raw.split(",") if v.strip())
    if not values:
        return f"{key}: needs a value, e.g. {_EXAMPLES[key]}"
    if key == "type":
        values = tuple(v.casefold() for v in values)
        bad = [v for v in values if v not in CARD_TYPES]
        if bad:
            return f"unknown type {bad[0]!r} (expected basic, cloze or mcq)"
    if key == "is":
        values = tuple(v.casefold() for v in values)
        bad = [v for v in values if v not in IS_FLAGS]
        if bad:
            return f"unknown is:{bad[0]} (expected {', '.join(IS_FLAGS)})"
    return Term(key, values, negated)


_EXAMPLES: dict[TermKind, str] = {
    "deck": "deck:neuro-basics",
    "tag": "tag:gcs",
    "type": "type:cloze",
    "is": "is:due",
    "text": "coma",
}


def parse_query(text: str) -> SearchQuery:
    """Parse a search query (see the module docstring); never raises.

    Args:
        text: What the user typed.

    Returns:
        The terms, and a problem line for each term that was dropped.

    Example:
        >>> parse_query('tag:gcs -is:new "coma scale"').terms[2]
        Term(kind='text', values=('coma scale',), negated=False)
    """
    terms: list[Term] = []
    problems: list[str] = []
    for token in _tokens(text):
        negated = token.startswith("-") and len(token) > 1
        body = token[1:] if negated else token
        key, sep, value = body.partition(":")
        kind = key.casefold()
        if sep and kind in FILTER_KEYS:
            parsed = _filter_term(kind, value, negated)
            if isinstance(parsed, Term):
                terms.append(parsed)
            else:
                problems.append(parsed)
        elif body:
            terms.append(Term("text", (body,), negated))
    return SearchQuery(tuple(terms), tuple(problems))


def like_pattern(value: str, *, wildcard: bool, substring: bool = False) -> str:
    """A ``LIKE ... ESCAPE '\\'`` pattern matching ``value`` literally.

    Args:
        value: The text to match.
        wildcard: Turn ``*`` into "any characters".
        substring: Match ``value`` anywhere (``%value%``).
    """
    escaped = "".join(_LIKE_ESCAPE + ch if ch in ("%", "_", _LIKE_ESCAPE) else ch for ch in value)
    if wildcard:
        escaped = escaped.replace("*", "%")
    return f"%{escaped}%" if substring else escaped


_LIKE = f"LIKE ? ESCAPE '{_LIKE_ESCAPE}'"


def _any(clauses: list[str]) -> str:
    return clauses[0] if len(clauses) == 1 else "(" + " OR ".join(clauses) + ")"


def fts_phrase(value: str) -> str:
    """An FTS5 query matching ``value`` as one phrase: quoted, inner quotes doubled.

    With the trigram tokenizer the phrase matches wherever ``value`` occurs as a substring.
    """
    return '"' + value.replace('"', '""') + '"'


def _tag_match(values: tuple[str, ...]) -> tuple[str, list[object]]:
    """The condition on ``card_tags AS t`` that one of ``values`` matches, and its parameters."""
    sql = " OR ".join(f"t.tag {_LIKE}" for _ in values)
    return (f"({sql})" if len(values) > 1 else sql), [
        like_pattern(v, wildcard=True) for v in values
    ]


def _term_sql(
    term: Term, today: date, fts: bool, common_tags: Collection[Term]
) -> tuple[str, list[object]]:
    values = term.values
    if term.kind == "deck":
        # On d, not c.deck_id: tested once per deck, not once per card.
        clauses = [f"(d.id {_LIKE} OR d.title {_LIKE})" for _ in values]
        params: list[object] = []
        for value in values:
            pattern = like_pattern(value, wildcard=True)
            params += [pattern, pattern]
        return _any(clauses), params
    if term.kind == "tag":
        match, params = _tag_match(values)
        if term in common_tags:
            # One index probe per card: cheaper than a set of most of the card ids.
            return (
                f"EXISTS (SELECT 1 FROM card_tags AS t WHERE t.card_id = c.id AND {match})",
                params,
            )
        return f"c.id IN (SELECT t.card_id FROM card_tags AS t WHERE {match})", params
    if term.kind == "type":
        return f"c.type IN ({', '.join('?' for _ in values)})", list(values)
    if term.kind == "is":
        clauses, params = [], []
        for flag in values:
            sql, flag_params = _flag_sql(flag, today)
            clauses.append(sql)
            params += flag_params
        return _any(clauses), params
    # Free text, in card_text (one row per card, keyed by the card's rowid). A NUL would end
    # the query text early; card_text has spaces for NULs too (see rows.search_text).
    value = values[0].replace("\x00", " ")
    if fts and len(value) >= TRIGRAM:
        return "c.rowid IN (SELECT rowid FROM card_text WHERE card_text MATCH ?)", [
            fts_phrase(value)
        ]
    return f"c.rowid IN (SELECT rowid FROM card_text WHERE text {_LIKE})", [
        like_pattern(value, wildcard=False, substring=True)
    ]


def _flag_sql(flag: str, today: date) -> tuple[str, list[object]]:
    # Not correlated (no reference to c): SQLite builds the set of card ids once.
    study = "c.id IN (SELECT s.card_id FROM study_cards AS s WHERE s.retired = 0"
    if flag == "due":
        return (
            f"{study} AND s.suspended = 0 AND s.due IS NOT NULL AND s.due <= ?)",
            [today.isoformat()],
        )
    if flag == "new":
        return f"{study} AND s.last_review IS NULL)", []
    if flag == "suspended":
        return "c.suspended = 1", []
    if flag == "leech":
        # The partial index study_cards_leech holds exactly these rows.
        return (
            "c.id IN (SELECT s.card_id FROM study_cards AS s WHERE s.leech = 1 AND s.retired = 0)",
            [],
        )
    if flag == "reversed":
        return f"{study} AND s.ordinal = ?)", [REVERSE_ORDINAL]
    if flag == "typed":
        return "json_extract(c.payload, '$.typed') = 1", []
    return "c.origin = ?", [flag]


def where_clause(
    query: SearchQuery,
    today: date,
    *,
    fts: bool = True,
    common_tags: Collection[Term] = (),
) -> tuple[str, list[object]]:
    """The SQL condition (over ``cards AS c`` and ``decks AS d``) and its parameters.

    Retired cards and retired decks never match. Same results whatever ``fts`` and
    ``common_tags`` say; they only choose the fastest way.

    Args:
        query: The parsed query.
        today: The study day that ``is:due`` compares with.
        fts: True if ``card_text`` is the FTS5 trigram index (see :func:`has_text_index`);
            False to scan it with ``LIKE``.
        common_tags: Tag terms that match many cards (see :func:`common_tag_terms`): tested
            card by card instead of through the set of matching card ids.
    """
    clauses = ["c.retired = 0", "d.retired = 0"]
    params: list[object] = []
    for term in query.terms:
        sql, term_params = _term_sql(term, today, fts, common_tags)
        clauses.append(f"NOT {sql}" if term.negated else sql)
        params += term_params
    return " AND ".join(clauses), params


@dataclass(frozen=True)
class CardRow:
    """One card as the browser lists it.

    Attributes:
        card_id: The card id.
        deck_id: Its deck.
        type: ``basic``, ``cloze`` or ``mcq``.
        prompt: The front, question or cloze text (raw card text: display it as data).
        tags: The card's tags.
        suspended: True if the card is suspended.
        due: The earliest due day of its active study cards (None if none was reviewed).
        new: True if one of its study cards was never reviewed.
        leech: True if one of its study cards is marked as a leech.
        reversed: True for a basic card studied both ways (``reverse: true``).
        typed: True for a basic card whose answer is typed (``typed: true``).
    """

    card_id: str
    deck_id: str
    type: str
    prompt: str
    tags: tuple[str, ...]
    suspended: bool
    due: date | None
    new: bool
    leech: bool = False
    reversed: bool = False
    typed: bool = False


_ROW_SQL = (
    "SELECT c.rowid, c.id, c.deck_id, c.type, "
    "coalesce(json_extract(c.payload, '$.front'), json_extract(c.payload, '$.question'), "
    "json_extract(c.payload, '$.text'), ''), "
    "json_extract(c.payload, '$.tags'), c.suspended, "
    "(SELECT min(s.due) FROM study_cards AS s WHERE s.card_id = c.id AND s.retired = 0), "
    "EXISTS (SELECT 1 FROM study_cards AS s WHERE s.card_id = c.id AND s.retired = 0 "
    "AND s.last_review IS NULL), "
    "EXISTS (SELECT 1 FROM study_cards AS s WHERE s.card_id = c.id AND s.retired = 0 "
    "AND s.leech = 1), "
    "EXISTS (SELECT 1 FROM study_cards AS s WHERE s.card_id = c.id AND s.retired = 0 "
    f"AND s.ordinal = {REVERSE_ORDINAL}), "
    "coalesce(json_extract(c.payload, '$.typed'), 0) "
    "FROM cards AS c"
)


def _row(values: Sequence[object]) -> CardRow:
    tags = json.loads(str(values[5])) if values[5] else []
    due = values[7]
    return CardRow(
        card_id=str(values[1]),
        deck_id=str(values[2]),
        type=str(values[3]),
        prompt=str(values[4]),
        tags=tuple(str(tag) for tag in tags),
        suspended=bool(values[6]),
        due=date.fromisoformat(str(due)) if due is not None else None,
        new=bool(values[8]),
        leech=bool(values[9]),
        reversed=bool(values[10]),
        typed=bool(values[11]),
    )


class SearchResult:
    """The cards matching a query, in deck order then file order, read page by page.

    Only the matching rowids are held; :meth:`rows` reads the rows of one page. The result
    reflects the store when the search ran.

    Attributes:
        query: The parsed query.
    """

    def __init__(self, store: ProgressStore, query: SearchQuery, rowids: list[int]) -> None:
        self._store = store
        self.query = query
        self._rowids = rowids

    def __len__(self) -> int:
        return len(self._rowids)

    def rows(self, start: int, stop: int) -> list[CardRow]:
        """The rows from index ``start`` (inclusive) to ``stop`` (exclusive), in order."""
        wanted = self._rowids[max(start, 0) : max(stop, 0)]
        if not wanted:
            return []
        by_rowid: dict[int, CardRow] = {}
        # SQLite allows 32,766 parameters; a page is far smaller, but stay safe.
        for chunk_start in range(0, len(wanted), 900):
            chunk = wanted[chunk_start : chunk_start + 900]
            sql = f"{_ROW_SQL} WHERE c.rowid IN ({', '.join('?' for _ in chunk)})"
            for values in self._store.db.execute(sql, chunk).fetchall():
                by_rowid[int(values[0])] = _row(values)
        return [by_rowid[rowid] for rowid in wanted if rowid in by_rowid]


def search_cards(store: ProgressStore, query: SearchQuery | str, *, today: date) -> SearchResult:
    """Find the active cards matching ``query``.

    Args:
        store: The progress store (only read).
        query: A parsed query, or the text to parse.
        today: The study day (for ``is:due``).

    Returns:
        The matches, in deck order then file order.

    Example:
        >>> result = search_cards(store, "tag:gcs is:due", today=day)  # doctest: +SKIP
        >>> result.rows(0, 50)                                          # doctest: +SKIP
    """
    parsed = parse_query(query) if isinstance(query, str) else query
    where, params = where_clause(
        parsed, today, fts=has_text_index(store), common_tags=common_tag_terms(store, parsed)
    )
    # One statement, so that each subquery's set is built once: the decks in order (their
    # index), then each deck's cards through the covering browse index, in file order.
    sql = (
        "SELECT c.rowid FROM decks AS d INDEXED BY decks_order "
        "CROSS JOIN cards AS c INDEXED BY cards_browse ON c.deck_id = d.id "
        f"WHERE {where} ORDER BY d.position, d.id, c.position"
    )
    rowids: list[int] = [rowid for (rowid,) in store.db.execute(sql, params)]
    return SearchResult(store, parsed, rowids)


COMMON_SHARE = 3
"""A tag term matching more than 1/COMMON_SHARE of the cards is "common" (measured on 100,000
cards: a set of card ids costs about 0.8 µs a match, a probe per card about 0.3 µs a card)."""


def common_tag_terms(store: ProgressStore, query: SearchQuery) -> set[Term]:
    """The tag terms of ``query`` whose tags are on more than a third of the cards.

    Counting stops at that share, so the cost is bounded (about 2 ms on 100,000 cards).
    """
    tag_terms = [term for term in query.terms if term.kind == "tag"]
    if not tag_terms:
        return set()
    # max(rowid) reads one index page: the number of cards ever stored, near enough.
    cards = store.db.execute("SELECT ifnull(max(rowid), 0) FROM cards").fetchone()[0]
    limit = int(cards) // COMMON_SHARE
    common = set()
    for term in tag_terms:
        match, params = _tag_match(term.values)
        (count,) = store.db.execute(
            f"SELECT count(*) FROM (SELECT 1 FROM card_tags AS t WHERE {match} LIMIT ?)",
            [*params, limit + 1],
        ).fetchone()
        if count > limit:
            common.add(term)
    return common


def has_text_index(store: ProgressStore) -> bool:
    """True if ``card_text`` is the FTS5 trigram index, False if it is a plain table."""
    row = store.db.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'card_text'"
    ).fetchone()
    return row is not None and str(row[0]).upper().startswith("CREATE VIRTUAL TABLE")


def card_row(store: ProgressStore, card_id: str) -> CardRow | None:
    """The browser row of one card (retired or not), or None if the card is unknown."""
    values = store.db.execute(f"{_ROW_SQL} WHERE c.id = ?", [card_id]).fetchone()
    return _row(values) if values is not None else None


def all_tags(store: ProgressStore) -> list[str]:
    """Every tag of the active cards, sorted case-insensitively."""
    rows = store.db.execute(
        "SELECT DISTINCT t.tag FROM card_tags AS t JOIN cards AS c ON c.id = t.card_id "
        "WHERE c.retired = 0"
    ).fetchall()
    return sorted((str(row[0]) for row in rows), key=str.casefold)
