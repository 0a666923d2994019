"""Anki's scheduling read from a package (``import_package(..., with_progress=True)``).

The packages are our own exports with their card rows and review log rewritten in SQLite the
way Anki writes them, so each test states exactly what Anki's columns hold.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from neuroquiz.anki import import_package
from neuroquiz.anki.progress_in import NO_MATCH, AnkiCardState, AnkiProgress
from neuroquiz.anki.schedule_read import creation_day
from neuroquiz.errors import NeuroquizError
from neuroquiz.models import Deck

from .conftest import crafted, ms

CRT = int(datetime(2026, 3, 2, tzinfo=UTC).timestamp())
"""Our exports' collection creation time: midnight UTC of the day 0 (TODAY)."""


def progress_of(path: Path) -> AnkiProgress:
    progress = import_package(path, with_progress=True).progress
    assert progress is not None
    return progress


def by_key(progress: AnkiProgress) -> dict[str, AnkiCardState]:
    return {card.key: card for card in progress.cards}


def test_without_the_option_no_progress_is_read(skull: Deck, tmp_path: Path) -> None:
    assert import_package(crafted(tmp_path, [skull])).progress is None


def test_a_review_card_due_day_interval_ease_and_lapses(skull: Deck, tmp_path: Path) -> None:
    path = crafted(tmp_path, [skull], cards={
        ("nq:sb-jugular", 0): {"type": 2, "queue": 2, "due": 10, "ivl": 16, "factor": 2360,
                               "reps": 7, "lapses": 2},
        # An ease Anki lowered below SM-2's floor (Anki's own floor is 1.3 too, but a
        # package may say anything): the E-Factor stops at 1.3.
        ("nq:sb-ovale", 0): {"type": 2, "queue": 2, "due": -3, "ivl": 4, "factor": 1100},
    })  # fmt: skip
    cards = by_key(progress_of(path))
    jugular = cards["sb-jugular"]
    assert (jugular.kind, jugular.interval, jugular.ef, jugular.lapses) == ("review", 16, 236, 2)
    assert jugular.due_day == date(2026, 3, 12)  # day 0 is the creation day, 2 March
    assert (jugular.due_at, jugular.suspended, jugular.buried) == (None, False, False)
    assert (cards["sb-ovale"].ef, cards["sb-ovale"].due_day) == (130, date(2026, 2, 27))
    new = cards["sb-ica:c1"]
    assert (new.kind, new.due_day, new.answers, new.has_progress) == ("new", None, (), False)
    assert set(cards) == {"sb-jugular", "sb-ica:c1", "sb-ica:c2", "sb-ovale"}


def test_learning_suspended_buried_and_filtered_cards(skull: Deck, tmp_path: Path) -> None:
    due_at = datetime(2026, 3, 2, 15, 30, tzinfo=UTC)
    path = crafted(tmp_path, [skull], cards={
        ("nq:sb-jugular", 0): {"type": 1, "queue": 1, "due": int(due_at.timestamp())},
        ("nq:sb-ica", 0): {"type": 2, "queue": -1, "due": 5, "ivl": 9, "factor": 2500},
        ("nq:sb-ica", 1): {"type": 3, "queue": -2, "due": 1, "ivl": 1, "factor": 2100,
                           "lapses": 1},
        # In a filtered deck, due is the place in that deck; the home due day is odue.
        ("nq:sb-ovale", 0): {"type": 2, "queue": 2, "due": -100_000, "odue": 7, "odid": 5,
                             "ivl": 3, "factor": 2500},
    })  # fmt: skip
    cards = by_key(progress_of(path))
    learning = cards["sb-jugular"]
    assert (learning.kind, learning.due_at, learning.due_day, learning.ef) == (
        "learning", due_at, None, None)  # fmt: skip
    assert cards["sb-ica:c1"].suspended and cards["sb-ica:c1"].due_day == date(2026, 3, 7)
    relearning = cards["sb-ica:c2"]
    assert (relearning.kind, relearning.buried, relearning.lapses) == ("relearning", True, 1)
    assert cards["sb-ovale"].due_day == date(2026, 3, 9)


def test_answers_grades_and_what_is_no_answer(skull: Deck, tmp_path: Path) -> None:
    first = datetime(2026, 2, 20, 9, 0, tzinfo=UTC)
    rows = [
        ("nq:sb-jugular", 0, {"id": ms(first), "ease": 3, "ivl": -600, "factor": 0,
                              "type": 0, "time": 4200}),
        ("nq:sb-jugular", 0, {"id": ms(first) + 1000, "ease": 4, "ivl": 4, "type": 0}),
        ("nq:sb-jugular", 0, {"id": ms(first) + 2000, "ease": 1, "ivl": 1, "factor": 2300,
                              "type": 1, "time": 70_000}),
        ("nq:sb-jugular", 0, {"id": ms(first) + 3000, "ease": 2, "type": 2}),
        # A reset ("Forget") and a due day set by hand: no button, no answer.
        ("nq:sb-jugular", 0, {"id": ms(first) + 4000, "ease": 0, "type": 4}),
        ("nq:sb-jugular", 0, {"id": ms(first) + 5000, "ease": 0, "type": 5}),
        # An answer of a card deleted in Anki since.
        ("nq:gone", 0, {"id": ms(first) + 6000}),
    ]  # fmt: skip
    progress = progress_of(crafted(tmp_path, [skull], revlog=rows))
    answers = by_key(progress)["sb-jugular"].answers
    assert [a.grade for a in answers] == [4, 5, 2, 3]  # Good, Easy, Again, Hard
    assert [a.interval for a in answers] == [0, 4, 1, 1]
    assert [a.ef for a in answers] == [None, 250, 230, 250]
    assert [a.lapse for a in answers] == [False, False, True, False]
    assert answers[0].answered_at == first and answers[0].answer_ms == 4200
    assert answers[0].anki_id == ms(first)
    assert (progress.other_entries, progress.deleted_card_answers) == (2, 1)
    assert by_key(progress)["sb-jugular"].last_answer == datetime(2026, 2, 20, 9, 0, 3,
                                                                  tzinfo=UTC)  # fmt: skip


def test_an_anki_card_no_study_card_matches_is_counted(skull: Deck, tmp_path: Path) -> None:
    # Anki kept the card of a cloze number the text no longer has ("No cloze 3 found").
    path = crafted(tmp_path, [skull], cards={("nq:sb-ica", 1): {"ord": 2, "type": 2, "ivl": 3}})
    progress = progress_of(path)
    assert progress.skipped == ((NO_MATCH, 1),)
    assert "sb-ica:c2" not in by_key(progress) and "sb-ica:c1" in by_key(progress)


@pytest.mark.parametrize(
    ("crt", "minutes_west", "day"),
    [
        (CRT, 0, date(2026, 3, 2)),
        # Created at 4 am in Sydney (UTC+10, 600 minutes east) on 2 March: 18:00 UTC on 1 March.
        (int(datetime(2026, 3, 1, 18, tzinfo=UTC).timestamp()), -600, date(2026, 3, 2)),
        # New York (300 minutes west), 11 pm on 1 March is 04:00 UTC on 2 March.
        (int(datetime(2026, 3, 2, 4, tzinfo=UTC).timestamp()), 300, date(2026, 3, 1)),
        (CRT, None, date(2026, 3, 2)),  # no creation offset: counted in UTC
    ],
)
def test_the_creation_day(crt: int, minutes_west: int | None, day: date) -> None:
    assert creation_day(crt, minutes_west) == day


def test_the_package_creation_offset_moves_due_days(skull: Deck, tmp_path: Path) -> None:
    # Our export says day 0 is 2 March (midnight UTC); 300 minutes west it is 1 March.
    review = {"type": 2, "queue": 2, "due": 10, "ivl": 5}
    path = crafted(tmp_path, [skull], conf={"creationOffset": 300},
                   cards={("nq:sb-jugular", 0): review})  # fmt: skip
    assert by_key(progress_of(path))["sb-jugular"].due_day == date(2026, 3, 11)


@pytest.mark.parametrize(
    "change",
    [
        {"cards": {("nq:sb-jugular", 0): {"ivl": "sixteen"}}},
        {"cards": {("nq:sb-jugular", 0): {"due": 1.5}}},
        {"revlog": [("nq:sb-jugular", 0, {"id": 5, "ease": "Good"})]},
        {"conf": {"creationOffset": "UTC"}},
    ],
)
def test_malformed_scheduling_is_one_line(
    skull: Deck, tmp_path: Path, change: dict[str, Any]
) -> None:
    path = crafted(tmp_path, [skull], **change)
    assert import_package(path).decks  # the notes alone read fine
    with pytest.raises(NeuroquizError) as info:
        import_package(path, with_progress=True)
    assert str(info.value) == (
        f"{path}: member collection.anki2 has malformed cards or review history"
    )
