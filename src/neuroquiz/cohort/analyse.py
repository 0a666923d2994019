"""The cohort report's figures, computed by DuckDB over the learners' Parquet files.

One pass over every ``reviews.parquet`` groups the answers by learner and study card; the
per-card, per-deck and generated-vs-authored figures are sums over that table, which holds
one row per card a learner answered (far fewer than the answers). A second, narrow pass
counts the answers per learner and study day, for the streaks, the days studied and the
totals; the small ``cards.parquet`` files give progress.
See :mod:`neuroquiz.cohort.report` for what each figure means.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from neuroquiz.cohort.dataset import LearnerFiles, one_line
from neuroquiz.cohort.report import (
    HARDEST,
    LEECH_LAPSES,
    MIN_LEARNERS,
    CardFigures,
    CohortReport,
    DeckFigures,
    HardCard,
    LearnerFigures,
    OriginFigures,
)
from neuroquiz.errors import NeuroquizError

if TYPE_CHECKING:
    import duckdb

CardText = Callable[[str, int], tuple[str, str] | None]
"""``(card id, ordinal) -> (prompt, answer)`` from the deck files, or None."""

_LEARNER_OF_PATH = r"regexp_extract(filename, 'learner=([^/\\]+)[/\\][^/\\]+$', 1)"

# One row per learner and study card. arg_max(..., answered_at): a card that changed deck
# or origin counts where it was last answered.
_PAIRS = """
CREATE TEMP TABLE pairs AS
SELECT learner, card_id, ordinal,
    arg_max(deck_id, answered_at) AS deck_id,
    arg_max(card_type, answered_at) AS card_type,
    arg_max(origin, answered_at) AS origin,
    count(*) FILTER (WHERE NOT redrill) AS reviews,
    count(*) FILTER (WHERE NOT redrill AND grade >= 3) AS passed,
    count(*) FILTER (WHERE NOT redrill AND repetitions_before > 0) AS could_lapse,
    count(*) FILTER (WHERE NOT redrill AND lapses_after > lapses_before) AS lapses,
    arg_max(lapses_after, answered_at) FILTER (WHERE NOT redrill) AS last_lapses,
    arg_min(grade, answered_at) FILTER (WHERE NOT redrill AND was_new) AS first_grade,
    count(*) FILTER (WHERE NOT redrill AND was_new) > 0 AS introduced,
    count(*) FILTER (WHERE redrill) AS redrills
FROM reviews {where}
GROUP BY learner, card_id, ordinal
"""

_CARDS = f"""
SELECT card_id, ordinal, mode(deck_id), mode(card_type), mode(origin),
    count(*) FILTER (WHERE reviews > 0) AS learners, sum(reviews)::BIGINT, sum(lapses)::BIGINT,
    sum(lapses) / nullif(sum(could_lapse), 0),
    (sum(reviews) - sum(passed)) / nullif(sum(reviews), 0),
    avg(first_grade),
    count(*) FILTER (WHERE last_lapses >= {LEECH_LAPSES}) AS leeches,
    count(*) FILTER (WHERE last_lapses >= {LEECH_LAPSES}) / nullif(learners, 0),
    sum(redrills)::BIGINT
FROM pairs GROUP BY card_id, ordinal
ORDER BY card_id, ordinal
"""

_ORIGINS = f"""
SELECT origin, count(DISTINCT (card_id, ordinal)) FILTER (WHERE reviews > 0),
    count(DISTINCT learner) FILTER (WHERE reviews > 0), sum(reviews)::BIGINT,
    sum(passed) / nullif(sum(reviews), 0), sum(lapses) / nullif(sum(could_lapse), 0),
    avg(first_grade),
    count(*) FILTER (WHERE last_lapses >= {LEECH_LAPSES})
        / nullif(count(*) FILTER (WHERE reviews > 0), 0)
FROM pairs GROUP BY origin ORDER BY origin
"""

_DECKS = """
WITH everyone AS (SELECT DISTINCT learner FROM learners),
decks AS (
    SELECT deck_id FROM pairs UNION SELECT deck_id FROM cards WHERE NOT retired
),
introduced AS (
    SELECT learner, deck_id, count(*) FILTER (WHERE introduced) AS n
    FROM pairs GROUP BY learner, deck_id
),
learned AS (
    SELECT e.learner, d.deck_id, coalesce(i.n, 0) AS n
    FROM everyone AS e CROSS JOIN decks AS d
    LEFT JOIN introduced AS i ON i.learner = e.learner AND i.deck_id = d.deck_id
),
sizes AS (
    SELECT deck_id, max(n) AS cards FROM (
        SELECT learner, deck_id, count(*) AS n FROM cards WHERE NOT retired
        GROUP BY learner, deck_id
    ) GROUP BY deck_id
),
answers AS (
    SELECT deck_id, count(DISTINCT learner) FILTER (WHERE reviews > 0) AS learners,
        sum(reviews)::BIGINT AS reviews, sum(passed) / nullif(sum(reviews), 0) AS retention
    FROM pairs GROUP BY deck_id
)
SELECT d.deck_id, coalesce(s.cards, 0), coalesce(a.learners, 0), coalesce(a.reviews, 0),
    a.retention,
    quantile_cont(l.n, 0.25), quantile_cont(l.n, 0.5), quantile_cont(l.n, 0.75)
FROM decks AS d JOIN learned AS l USING (deck_id)
LEFT JOIN sizes AS s USING (deck_id) LEFT JOIN answers AS a USING (deck_id)
GROUP BY d.deck_id, s.cards, a.learners, a.reviews, a.retention
ORDER BY d.deck_id
"""

# One row per learner and study day (whatever --since): the streaks, the days studied and
# the totals come from this small table, not from three more passes over the answers.
_DAYS = """
CREATE TEMP TABLE days AS
SELECT learner, day, count(*) FILTER (WHERE NOT redrill) AS answers,
    count(*) FILTER (WHERE redrill) AS redrills
FROM reviews GROUP BY learner, day
"""

_LEARNERS = """
WITH runs AS (
    SELECT learner, min(day) AS first, max(day) AS last, count(*) AS length FROM (
        SELECT learner, day,
            day - CAST(row_number() OVER (PARTITION BY learner ORDER BY day) AS INTEGER) AS run
        FROM days WHERE answers > 0
    ) GROUP BY learner, run
),
streaks AS (
    SELECT learner, max(length) AS longest,
        coalesce(max(least(last, $today) - first + 1)
            FILTER (WHERE first <= $today AND last >= $today - 1), 0) AS current
    FROM runs GROUP BY learner
),
answered AS (
    SELECT learner, sum(reviews)::BIGINT AS reviews, sum(passed) AS passed,
        count(*) FILTER (WHERE introduced) AS new
    FROM pairs GROUP BY learner
),
studied AS (
    SELECT learner, count(*) AS days, min(day) AS first_day, max(day) AS last_day
    FROM days WHERE answers > 0 {and_since} GROUP BY learner
),
states AS (
    SELECT learner, count(*) FILTER (WHERE NOT retired AND last_review IS NOT NULL) AS learned,
        count(*) FILTER (WHERE NOT retired) AS cards
    FROM cards GROUP BY learner
)
SELECT l.learner, coalesce(a.reviews, 0), coalesce(t.days, 0),
    a.passed / nullif(a.reviews, 0), coalesce(a.new, 0),
    coalesce(c.learned, 0), coalesce(c.cards, 0), c.learned / nullif(c.cards, 0),
    coalesce(s.current, 0), coalesce(s.longest, 0), t.first_day, t.last_day
FROM learners AS l LEFT JOIN answered AS a USING (learner)
LEFT JOIN studied AS t USING (learner) LEFT JOIN streaks AS s USING (learner)
LEFT JOIN states AS c USING (learner)
ORDER BY l.learner
"""


def analyse(
    learners: Sequence[LearnerFiles],
    *,
    today: date,
    since: date | None = None,
    card_text: CardText | None = None,
    deck_titles: dict[str, str] | None = None,
    min_learners: int = MIN_LEARNERS,
    hardest: int = HARDEST,
) -> CohortReport:
    """The cohort report over ``learners`` (from :func:`~.dataset.find_learners`).

    Args:
        learners: The learners' checked partitions.
        today: The day the streaks end on (the caller's study day).
        since: Count only answers on or after this study day (None: all).
        card_text: Gives the hardest cards' text; None leaves it out.
        deck_titles: Deck titles by id, for the per-deck table.
        min_learners: Cards answered by fewer learners are not ranked among the hardest
            (capped at the cohort's size).
        hardest: Length of the hardest-cards list.

    Raises:
        NeuroquizError: if DuckDB cannot read a file (damaged beyond its footer).
    """
    import duckdb

    con = duckdb.connect()
    try:
        # Each file is read more than once (the answers by card, then by day; the card
        # states twice): its footer is parsed once.
        con.execute("SET parquet_metadata_cache = true")
        _views(con, learners)
        return _report(con, len(learners), today, since, card_text, deck_titles or {},
                       min(min_learners, len(learners)), hardest)  # fmt: skip
    except duckdb.Error as error:
        raise NeuroquizError(f"cannot read the cohort's files ({one_line(error)})") from error
    finally:
        con.close()


def _views(con: duckdb.DuckDBPyConnection, learners: Sequence[LearnerFiles]) -> None:
    con.execute("CREATE TEMP TABLE learners (learner VARCHAR)")
    con.executemany("INSERT INTO learners VALUES (?)", [[item.learner] for item in learners])
    for view, paths in (
        ("reviews", [item.reviews for item in learners]),
        ("cards", [item.cards for item in learners]),
    ):
        listed = ", ".join(_literal(str(path)) for path in paths)
        con.execute(
            f"CREATE TEMP VIEW {view} AS SELECT {_LEARNER_OF_PATH} AS learner, "
            f"* EXCLUDE (filename) FROM read_parquet([{listed}], filename = true)"
        )


def _report(
    con: duckdb.DuckDBPyConnection,
    count: int,
    today: date,
    since: date | None,
    card_text: CardText | None,
    titles: dict[str, str],
    min_learners: int,
    hardest: int,
) -> CohortReport:
    where = "WHERE day >= $since" if since is not None else ""
    params: dict[str, Any] = {"since": since} if since is not None else {}
    con.execute(_PAIRS.format(where=where), params)
    cards = [CardFigures(*row) for row in con.execute(_CARDS).fetchall()]
    origins = [OriginFigures(*row) for row in con.execute(_ORIGINS).fetchall()]
    decks = [
        DeckFigures(row[0], titles.get(row[0]), *row[1:]) for row in con.execute(_DECKS).fetchall()
    ]
    con.execute(_DAYS)
    and_since = "AND day >= $since" if since is not None else ""
    per_learner = [
        LearnerFigures(*row)
        for row in con.execute(
            _LEARNERS.format(and_since=and_since), {**params, "today": today}
        ).fetchall()
    ]
    totals = con.execute(
        f"SELECT coalesce(sum(answers), 0), coalesce(sum(redrills), 0), min(day), max(day) "
        f"FROM days {where}",
        params,
    ).fetchone()
    assert totals is not None  # an aggregate always gives a row
    return CohortReport(
        learners=count,
        reviews=int(totals[0]),
        redrills=int(totals[1]),
        first_day=totals[2],
        last_day=totals[3],
        as_of=today,
        since=since,
        cards=cards,
        hardest=_hardest(cards, min_learners, hardest, card_text),
        decks=decks,
        per_learner=per_learner,
        origins=origins,
    )


def hardness(card: CardFigures) -> tuple[float, float, float, float, int]:
    """Sort key, hardest first: share of learners for whom it is a leech, fail rate, lapse
    rate, lowest mean first grade, most answers."""
    return (
        -(card.leech_share or 0.0),
        -(card.fail_rate or 0.0),
        -(card.lapse_rate or 0.0),
        card.mean_first_grade if card.mean_first_grade is not None else 6.0,
        -card.reviews,
    )


def _hardest(
    cards: list[CardFigures], min_learners: int, limit: int, card_text: CardText | None
) -> list[HardCard]:
    ranked = sorted(
        (c for c in cards if c.learners >= max(min_learners, 1)),
        key=lambda c: (hardness(c), c.card_id, c.ordinal),
    )
    result = []
    for card in ranked[:limit]:
        text = card_text(card.card_id, card.ordinal) if card_text is not None else None
        prompt, answer = text if text is not None else (None, None)
        result.append(HardCard(figures=card, prompt=prompt, answer=answer))
    return result


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"
