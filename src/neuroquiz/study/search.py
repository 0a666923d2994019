"""Card search for the browser: a small query language, parsed purely, answered by SQLite.

A query is a list of terms separated by spaces; every term must hold (AND):

- ``deck:ID`` — the card's deck, by id or title (``deck:"Neuro basics"``);
- ``tag:NAME`` — a tag of the card;
- ``type:basic``, ``type:cloze``, ``type:mcq``;
- ``is:due`` (a study card due today or earlier, not suspended), ``is:new`` (a study card
  never reviewed), ``is:suspended``, ``is:generated``, ``is:authored``;
- anything else is free text, found case-insensitively in the card's id, fields, tags,
  notes and source document; ``"two words"`` is one phrase.

A comma gives alternatives (``type:basic,mcq``, ``tag:gcs,trauma``), ``*`` is a wildcard
in deck and tag names (``deck:neuro*``), and a leading ``-`` negates a term (``-is:new``).
Case is ignored for ASCII letters (SQLite's ``LIKE``).

The query is parsed into a :class:`SearchQuery` without touching the store; a term that
cannot mean anything (``type:foo``) is dropped and reported in ``problems``.
:func:`search_cards` reads only the matching rowids at once; rows are read a page at a time,
so a browser over 100,000 cards stays light.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from neuroquiz.models import CARD_TYPES
from neuroquiz.store import ProgressStore

TermKind = Literal["deck", "tag", "type", "is", "text"]
"""What a search term filters on."""

FILTER_KEYS: tuple[TermKind, ...] = ("deck", "tag", "type", "is")
"""Keys written as ``key:value``."""
IS_FLAGS: tuple[str, ...] = ("due", "new", "suspended", "generated", "authored")
"""Values of ``is:``."""

_LIKE_ESCAPE = "\\"


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


# The card's searchable text: id, every content field, tags, notes and source document.
_CONTENT = "c.id || char(10) || " + " || char(10) || ".join(
    f"ifnull(json_extract(c.payload, '$.{field}'), '')"
    for field in (
        "front",
        "back",
        "text",
        "question",
        "answer",
        "distractors",
        "tags",
        "notes",
        "source.document",
    )
)
_LIKE = f"LIKE ? ESCAPE '{_LIKE_ESCAPE}'"


def _any(clauses: list[str]) -> str:
    return clauses[0] if len(clauses) == 1 else "(" + " OR ".join(clauses) + ")"


def _term_sql(term: Term, today: date) -> tuple[str, list[object]]:
    values = term.values
    if term.kind == "deck":
        clauses = [f"(c.deck_id {_LIKE} OR d.title {_LIKE})" for _ in values]
        params: list[object] = []
        for value in values:
            pattern = like_pattern(value, wildcard=True)
            params += [pattern, pattern]
        return _any(clauses), params
    if term.kind == "tag":
        inner = " OR ".join(f"t.value {_LIKE}" for _ in values)
        sql = f"EXISTS (SELECT 1 FROM json_each(c.payload, '$.tags') AS t WHERE {inner})"
        return sql, [like_pattern(v, wildcard=True) for v in values]
    if term.kind == "type":
        return f"c.type IN ({', '.join('?' for _ in values)})", list(values)
    if term.kind == "is":
        clauses, params = [], []
        for flag in values:
            sql, flag_params = _flag_sql(flag, today)
            clauses.append(sql)
            params += flag_params
        return _any(clauses), params
    # Free text. The raw JSON payload is a cheap pre-filter (a term must appear in it,
    # JSON-escaped the way the payload escapes it); the exact test reads only the content
    # fields, so that searching "front" does not match every basic card by its key.
    value = values[0]
    escaped = json.dumps(value, ensure_ascii=False)[1:-1]
    sql = f"(c.payload {_LIKE} AND ({_CONTENT}) {_LIKE})"
    return sql, [
        like_pattern(escaped, wildcard=False, substring=True),
        like_pattern(value, wildcard=False, substring=True),
    ]


def _flag_sql(flag: str, today: date) -> tuple[str, list[object]]:
    study = "SELECT 1 FROM study_cards AS s WHERE s.card_id = c.id AND s.retired = 0"
    if flag == "due":
        return (
            f"EXISTS ({study} AND s.suspended = 0 AND s.due IS NOT NULL AND s.due <= ?)",
            [today.isoformat()],
        )
    if flag == "new":
        return f"EXISTS ({study} AND s.last_review IS NULL)", []
    if flag == "suspended":
        return "c.suspended = 1", []
    return "json_extract(c.payload, '$.origin') = ?", [flag]


def where_clause(query: SearchQuery, today: date) -> tuple[str, list[object]]:
    """The SQL condition (over ``cards AS c JOIN decks AS d``) and its parameters.

    Retired cards and retired decks never match.

    Args:
        query: The parsed query.
        today: The study day that ``is:due`` compares with.
    """
    clauses = ["c.retired = 0", "d.retired = 0"]
    params: list[object] = []
    for term in query.terms:
        sql, term_params = _term_sql(term, today)
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
    """

    card_id: str
    deck_id: str
    type: str
    prompt: str
    tags: tuple[str, ...]
    suspended: bool
    due: date | None
    new: bool


_ROW_SQL = (
    "SELECT c.rowid, c.id, c.deck_id, c.type, "
    "coalesce(json_extract(c.payload, '$.front'), json_extract(c.payload, '$.question'), "
    "json_extract(c.payload, '$.text'), ''), "
    "json_extract(c.payload, '$.tags'), c.suspended, "
    "(SELECT min(s.due) FROM study_cards AS s WHERE s.card_id = c.id AND s.retired = 0), "
    "EXISTS (SELECT 1 FROM study_cards AS s WHERE s.card_id = c.id AND s.retired = 0 "
    "AND s.last_review IS NULL) "
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
    where, params = where_clause(parsed, today)
    # One deck at a time through the (deck_id, position) index: rows come in file order
    # without sorting 100,000 of them (about twice as fast as one ordered join).
    sql = (
        "SELECT c.rowid FROM cards AS c INDEXED BY cards_deck JOIN decks AS d "
        f"ON d.id = c.deck_id WHERE c.deck_id = ? AND {where} ORDER BY c.position"
    )
    rowids: list[int] = []
    for (deck_id,) in store.db.execute(
        "SELECT id FROM decks WHERE retired = 0 ORDER BY position, id"
    ).fetchall():
        rowids.extend(int(row[0]) for row in store.db.execute(sql, [deck_id, *params]))
    return SearchResult(store, parsed, rowids)


def card_row(store: ProgressStore, card_id: str) -> CardRow | None:
    """The browser row of one card (retired or not), or None if the card is unknown."""
    values = store.db.execute(f"{_ROW_SQL} WHERE c.id = ?", [card_id]).fetchone()
    return _row(values) if values is not None else None


def all_tags(store: ProgressStore) -> list[str]:
    """Every tag of the active cards, sorted case-insensitively."""
    rows = store.db.execute(
        "SELECT DISTINCT t.value FROM cards AS c, json_each(c.payload, '$.tags') AS t "
        "WHERE c.retired = 0"
    ).fetchall()
    return sorted((str(row[0]) for row in rows), key=str.casefold)
