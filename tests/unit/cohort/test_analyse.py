"""The cohort figures, checked against SQL run independently on the learners' databases.

The learners studied through StudySession (conftest); their exports are analysed with
DuckDB; every figure here is recomputed from the source SQLite files with plain SQL (and
the app's own Stats service for the streak) and must agree.
"""

from __future__ import annotations

import sqlite3
import statistics
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

import pytest

from neuroquiz.cohort.analyse import analyse, hardness
from neuroquiz.cohort.cards_text import cloze_prompt, read_deck_texts
from neuroquiz.cohort.dataset import find_learners
from neuroquiz.cohort.report import LEECH_LAPSES, CohortReport
from neuroquiz.store import open_store
from neuroquiz.study import Stats
from tests.unit.cohort.conftest import Cohort

TODAY = date(2026, 3, 3)

PER_KEY = """
SELECT l.key, count(*), sum(l.grade < 3),
    sum(json_extract(l.state_before, '$.repetitions') > 0),
    sum(json_extract(l.state_after, '$.lapses') > json_extract(l.state_before, '$.lapses')),
    max(CASE WHEN l.was_new THEN l.grade END), s.lapses
FROM review_log AS l JOIN study_cards AS s ON s.key = l.key
WHERE l.day >= ? GROUP BY l.key
"""


def _sql(db: Path, query: str, *params: object) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute(query, params).fetchall()


def _report(cohort: Cohort, since: date | None = None) -> CohortReport:
    texts = read_deck_texts(cohort.decks_dir)
    return analyse(
        find_learners([cohort.out]),
        today=TODAY,
        since=since,
        card_text=texts.text,
        deck_titles=texts.titles,
    )


def _ratio(num: float, den: float) -> float | None:
    return num / den if den else None


@pytest.mark.parametrize("since", [None, date(2026, 2, 20)])
def test_per_card_figures_match_the_source_databases(cohort: Cohort, since: date | None) -> None:
    report = _report(cohort, since)
    expected: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    first: dict[str, list[int]] = defaultdict(list)
    for learner in cohort.learners:
        for key, n, failed, could, lapses, first_grade, state_lapses in _sql(
            learner.db, PER_KEY, (since or date.min).isoformat()
        ):
            e = expected[str(key)]
            e["learners"] += 1
            e["reviews"] += int(n)  # type: ignore[call-overload]
            e["failed"] += int(failed)  # type: ignore[call-overload]
            e["could"] += int(could)  # type: ignore[call-overload]
            e["lapses"] += int(lapses)  # type: ignore[call-overload]
            e["leeches"] += int(int(state_lapses) >= LEECH_LAPSES)  # type: ignore[call-overload]
            if first_grade is not None:
                first[str(key)].append(int(first_grade))  # type: ignore[call-overload]
        for key, n in _sql(
            learner.db, "SELECT key, count(*) FROM redrill_log WHERE day >= ? GROUP BY key",
            (since or date.min).isoformat(),
        ):  # fmt: skip
            expected[str(key)]["redrills"] += int(n)  # type: ignore[call-overload]
    got = {card.key: card for card in report.cards}
    assert set(got) == {k for k, e in expected.items() if e["reviews"]}
    for key, card in got.items():
        e = expected[key]
        assert (card.learners, card.reviews, card.lapses) == (
            e["learners"],
            e["reviews"],
            e["lapses"],
        )
        assert card.redrills == e["redrills"]
        assert card.fail_rate == pytest.approx(_ratio(e["failed"], e["reviews"]))
        assert card.lapse_rate == pytest.approx(_ratio(e["lapses"], e["could"]))
        assert card.leech_learners == e["leeches"]
        assert card.leech_share == pytest.approx(e["leeches"] / e["learners"])
        grades = first.get(key)
        assert card.mean_first_grade == (pytest.approx(statistics.mean(grades)) if grades else None)
    assert report.reviews == sum(int(e["reviews"]) for e in expected.values())
    assert report.redrills == sum(int(e["redrills"]) for e in expected.values()) > 0


def test_the_leech_tops_the_hardest_cards_with_its_text(cohort: Cohort) -> None:
    report = _report(cohort)
    leeches = {card.key: card.leech_learners for card in report.cards if card.leech_learners}
    assert leeches == {"va-acom": 1, "sb-ica:c2": 1}  # ann's and cat's
    hardest = report.hardest
    assert len(hardest) == len(report.cards) == 9  # fewer than 20 cards: all ranked
    assert [h.figures for h in hardest] == sorted(
        report.cards, key=lambda c: (hardness(c), c.card_id, c.ordinal)
    )
    assert {hardest[0].figures.key, hardest[1].figures.key} == set(leeches)
    text = {h.figures.key: (h.prompt, h.answer) for h in hardest}
    assert text["sb-ica:c2"] == ("The ICA enters via the […].", "carotid canal")
    assert text["sb-jugular"] == (
        "What passes through the [bold]jugular[/] foramen?",
        "CN IX, X and XI",
    )
    assert text["sb-ovale"] == ("Which nerve exits the foramen ovale?", "V3")


def test_cards_seen_by_too_few_learners_are_not_ranked(cohort: Cohort) -> None:
    learners = find_learners([cohort.out])
    report = analyse(learners, today=TODAY, since=date(2026, 2, 27), min_learners=3)
    seen_by = {card.key: card.learners for card in report.cards}
    assert 3 in seen_by.values() and min(seen_by.values()) < 3  # ben stops on Feb 28
    assert [h.figures.key for h in report.hardest] == [
        c.key
        for c in sorted(report.cards, key=lambda c: (hardness(c), c.card_id, c.ordinal))
        if c.learners == 3
    ]
    short = analyse(learners, today=TODAY, hardest=2)
    assert [h.figures for h in short.hardest] == [h.figures for h in _report(cohort).hardest[:2]]


def test_per_deck_figures_match_the_source_databases(cohort: Cohort) -> None:
    report = _report(cohort)
    answers: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    learned: dict[str, list[int]] = defaultdict(lambda: [0] * len(cohort.learners))
    sizes: dict[str, int] = defaultdict(int)
    for index, learner in enumerate(cohort.learners):
        for deck, n, passed, new in _sql(
            learner.db,
            "SELECT deck_id, count(*), sum(grade >= 3), sum(was_new) FROM review_log "
            "GROUP BY deck_id",
        ):
            answers[str(deck)][0] += int(n)  # type: ignore[call-overload]
            answers[str(deck)][1] += int(passed)  # type: ignore[call-overload]
            learned[str(deck)][index] = int(new)  # type: ignore[call-overload]
        for deck, n in _sql(
            learner.db, "SELECT deck_id, count(*) FROM study_cards WHERE NOT retired GROUP BY 1"
        ):
            sizes[str(deck)] = max(sizes[str(deck)], int(n))  # type: ignore[call-overload]
    assert [d.deck_id for d in report.decks] == ["skull-base", "vascular"]
    for deck in report.decks:
        n, passed = answers[deck.deck_id]
        assert (deck.reviews, deck.learners, deck.cards) == (n, 3, sizes[deck.deck_id])
        assert deck.retention == pytest.approx(passed / n)
        q1, median, q3 = statistics.quantiles(learned[deck.deck_id], n=4, method="inclusive")
        assert (deck.learned_q1, deck.learned_median, deck.learned_q3) == pytest.approx(
            (q1, median, q3)
        )
    assert report.decks[1].title == "Vascular"


def test_per_learner_figures_match_the_source_databases(cohort: Cohort) -> None:
    report = _report(cohort)
    assert [p.learner for p in report.per_learner] == ["anon-ann", "anon-ben", "anon-cat"]
    for figures, learner in zip(report.per_learner, cohort.learners, strict=True):
        ((n, passed, days, new, first, last),) = _sql(
            learner.db,
            "SELECT count(*), sum(grade >= 3), count(DISTINCT day), sum(was_new), min(day), "
            "max(day) FROM review_log",
        )
        ((learned, cards),) = _sql(
            learner.db,
            "SELECT sum(last_review IS NOT NULL), count(*) FROM study_cards WHERE NOT retired",
        )
        assert (figures.reviews, figures.days, figures.new) == (n, days, new)
        assert figures.retention == pytest.approx(passed / n)  # type: ignore[operator]
        assert (figures.learned, figures.cards) == (learned, cards)
        assert figures.progress == pytest.approx(learned / cards)  # type: ignore[operator]
        assert (str(figures.first_day), str(figures.last_day)) == (first, last)
        store = open_store(learner.db)
        try:
            assert figures.streak == Stats(store, today=TODAY).streak()
        finally:
            store.close()
        day_list = sorted(
            date.fromisoformat(str(d))
            for (d,) in _sql(learner.db, "SELECT DISTINCT day FROM review_log")
        )
        assert figures.longest_streak == _longest_run(day_list)
    streaks = [p.streak for p in report.per_learner]
    assert streaks[0] == 30 and streaks[1] == 0  # ann studies to March 3; ben stopped earlier


def test_per_learner_figures_since_a_day_count_later_days_but_the_whole_streak(
    cohort: Cohort,
) -> None:
    since = date(2026, 2, 20)
    whole = _report(cohort)
    report = _report(cohort, since)
    for figures, before, learner in zip(
        report.per_learner, whole.per_learner, cohort.learners, strict=True
    ):
        ((n, days, first, last),) = _sql(
            learner.db,
            "SELECT count(*), count(DISTINCT day), min(day), max(day) FROM review_log "
            "WHERE day >= ?",
            since.isoformat(),
        )
        assert (figures.reviews, figures.days) == (n, days)
        assert (str(figures.first_day), str(figures.last_day)) == (first, last)
        assert (figures.streak, figures.longest_streak) == (
            before.streak,
            before.longest_streak,
        )
    redrills = sum(
        int(str(_sql(x.db, "SELECT count(*) FROM redrill_log WHERE day >= ?", str(since))[0][0]))
        for x in cohort.learners
    )
    assert (report.redrills, str(report.first_day)) == (redrills, since.isoformat())
    assert report.reviews == sum(p.reviews for p in report.per_learner)


def test_the_streak_ends_on_the_day_asked(cohort: Cohort) -> None:
    learners = find_learners([cohort.out])
    ann = lambda day: analyse(learners, today=day).per_learner[0]  # noqa: E731
    assert ann(TODAY + timedelta(days=1)).streak == 30  # not yet studied today: yesterday's
    assert ann(TODAY + timedelta(days=2)).streak == 0
    assert ann(date(2026, 2, 11)).streak == 10  # days after the one asked do not count


def test_generated_and_authored_cards_compared(cohort: Cohort) -> None:
    report = _report(cohort)
    expected: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for learner in cohort.learners:
        for origin, n, passed, could, lapses in _sql(
            learner.db,
            "SELECT c.origin, count(*), sum(l.grade >= 3), "
            "sum(json_extract(l.state_before, '$.repetitions') > 0), "
            "sum(json_extract(l.state_after, '$.lapses') "
            "    > json_extract(l.state_before, '$.lapses')) "
            "FROM review_log AS l JOIN study_cards AS s ON s.key = l.key "
            "JOIN cards AS c ON c.id = s.card_id GROUP BY c.origin",
        ):
            for i, value in enumerate((n, passed, could, lapses)):
                expected[str(origin)][i] += int(value)  # type: ignore[call-overload]
    assert [o.origin for o in report.origins] == ["authored", "generated"]
    for origin in report.origins:
        n, passed, could, lapses = expected[origin.origin]
        assert origin.reviews == n and origin.learners == 3
        assert origin.cards == (2 if origin.origin == "generated" else 7)
        assert origin.retention == pytest.approx(passed / n)
        assert origin.lapse_rate == pytest.approx(lapses / could)
    generated = report.origins[1]
    assert generated.leech_share == pytest.approx(1 / 6)  # ann's va-acom among 2 cards x 3


def test_cloze_prompt_hides_only_its_deletion_and_shows_a_hint() -> None:
    text = "The {{c1::ICA}} enters via the {{c2::carotid canal::canal}}; {{c1::it}} bends."
    assert cloze_prompt(text, 1) == ("The […] enters via the carotid canal; […] bends.", "ICA; it")
    assert cloze_prompt(text, 2) == ("The ICA enters via the […canal]; it bends.", "carotid canal")


def _longest_run(days: list[date]) -> int:
    best = run = 0
    for index, day in enumerate(days):
        run = run + 1 if index and day - days[index - 1] == timedelta(days=1) else 1
        best = max(best, run)
    return best
