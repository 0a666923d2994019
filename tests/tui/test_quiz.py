"""Quiz screen: a full run with the score, feedback, and the database left untouched."""

from __future__ import annotations

import html
import re
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from neuroquiz.store import ProgressStore
from neuroquiz.tui.screens.quiz import (
    SCHEDULE_NOTE,
    QuizOption,
    QuizScreen,
    TagSuggester,
    parse_count,
    parse_tags,
    score_line,
)

from .burst import burst

AppFactory = Callable[..., Any]
Logs = Callable[[], list[dict[str, Any]]]

QUIZ_YAML = textwrap.dedent(
    """\
    title: Quiz deck
    cards:
      - id: q-mma
        type: mcq
        question: "[bold]Which[/] artery bleeds in an extradural haematoma?"
        answer: Middle meningeal artery
        distractors: [Bridging veins, Sigmoid sinus, "\\e[31mMCA"]
        tags: [quiz, trauma]
        source:
          document: trauma.txt
          sentences: ['The middle meningeal artery is torn by a temporal fracture.']
      - id: q-c5
        type: mcq
        question: Which root gives the biceps reflex?
        answer: C5
        distractors: [C6, C7, T1]
        tags: [quiz, spine]
      - id: q-chiari
        type: mcq
        question: Which malformation has a myelomeningocele?
        answer: Chiari II
        distractors: [Chiari I, Dandy-Walker, Joubert]
        tags: [quiz]
    """
)


@pytest.fixture
def quiz_app(make_app: AppFactory, decks_dir: Path) -> Any:
    """The app over the test decks plus a deck of three multiple-choice cards."""
    (decks_dir / "quizdeck.yaml").write_text(QUIZ_YAML, encoding="utf-8")
    return make_app()


def _screen_text(app: Any) -> str:
    svg = app.export_screenshot()
    text = re.sub(r"<[^>]+>", "", svg.split("</style>", 1)[-1])
    return html.unescape(text).replace("\xa0", " ")


def _db_state(store: ProgressStore) -> list[tuple[Any, ...]]:
    return store.db.execute("SELECT * FROM study_cards ORDER BY key").fetchall()


def test_parse_helpers() -> None:
    assert parse_tags(" gcs, trauma  gcs ,,x") == ["gcs", "trauma", "x"]
    assert parse_count("") == 10
    assert parse_count(" 3 ") == 3
    assert parse_count("0") is None
    assert parse_count("501") is None
    assert parse_count("x") is None
    assert score_line(2, 3) == "2 of 3 right (67%)"
    assert score_line(0, 0) == "0 of 0 right (0%)"


def test_tag_suggester_completes_the_last_word() -> None:
    import asyncio

    suggester = TagSuggester(["gcs", "spine", "Trauma"])
    assert asyncio.run(suggester.get_suggestion("sp")) == "spine"
    assert asyncio.run(suggester.get_suggestion("gcs tr")) == "gcs Trauma"
    assert asyncio.run(suggester.get_suggestion("gcs,sp")) == "gcs,spine"
    assert asyncio.run(suggester.get_suggestion("gcs ")) is None
    assert asyncio.run(suggester.get_suggestion("zz")) is None


def test_quiz_run_scores_and_never_touches_the_schedule(
    quiz_app: Any, store: ProgressStore, run: Any, logs: Logs
) -> None:
    before = _db_state(store)
    seen: list[str] = []

    async def scenario(pilot: Any) -> None:
        await pilot.press("q")
        await pilot.pause()
        screen = quiz_app.screen
        assert isinstance(screen, QuizScreen)
        assert SCHEDULE_NOTE in _screen_text(quiz_app)
        await pilot.click("#quiz-tags")
        await pilot.press(*"quiz")
        await pilot.click("#quiz-count")
        # Five: more than there are, the quiz asks the three it has.
        await pilot.press("end", "backspace", "backspace", "5")
        await pilot.press("ctrl+s")
        await pilot.pause()
        quiz = screen.quiz
        assert quiz is not None and quiz.total == 3
        assert screen.phase == "question"
        # Right, wrong (by letter), right (by clicking the option).
        for number, question in enumerate(quiz.questions):
            seen.append(question.card_id)
            if number == 0:
                await pilot.press(str(question.correct_index + 1))
            elif number == 1:
                wrong = (question.correct_index + 1) % 4
                await pilot.press("abcd"[wrong])
            else:
                await pilot.click(f"#quiz-option-{question.correct_index}")
            await pilot.pause()
            assert screen.answered
            shown = _screen_text(quiz_app)
            if number == 1:
                assert "Not quite. The answer is:" in shown
                assert question.correct in shown
            else:
                assert "✓ Right." in shown
            assert SCHEDULE_NOTE in shown
            # The answer is never stored: no log row, no state change.
            assert logs() == []
            await pilot.press("enter")
            await pilot.pause()
        assert screen.phase == "result"
        assert quiz.score == 2 and quiz.answered == 3
        assert "Score: 2 of 3 right (67%)" in _screen_text(quiz_app)

    run(quiz_app, scenario)
    assert sorted(seen) == ["q-c5", "q-chiari", "q-mma"]
    assert logs() == []
    assert _db_state(store) == before


def test_quiz_shows_card_text_literally_with_the_source_sentence(quiz_app: Any, run: Any) -> None:
    async def scenario(pilot: Any) -> None:
        quiz_app.open_screen("quiz", tags=["trauma"], count=1)
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        screen = quiz_app.screen
        assert screen.quiz.questions[0].card_id == "q-mma"
        shown = _screen_text(quiz_app)
        assert "[bold]Which[/] artery bleeds" in shown
        assert "␛[31mMCA" in shown
        wrong = (screen.quiz.current.correct_index + 1) % 4
        await pilot.press(str(wrong + 1))
        await pilot.pause()
        shown = _screen_text(quiz_app)
        assert "Source: The middle meningeal artery is torn" in shown
        assert "✗ your answer" in shown and "✓ right answer" in shown

    run(quiz_app, scenario)


def test_setup_errors_and_escape_flow(quiz_app: Any, run: Any) -> None:
    async def scenario(pilot: Any) -> None:
        quiz_app.open_screen("quiz", tags=["no-such-tag"])
        await pilot.pause()
        screen = quiz_app.screen
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen.phase == "setup"
        assert "No question can be made" in _screen_text(quiz_app)
        # Untick every deck: the form says so.
        decks = screen.query_one("#quiz-decks")
        decks.deselect_all()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Choose at least one deck." in _screen_text(quiz_app)
        decks.select_all()
        screen.query_one("#quiz-tags").value = ""
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen.phase == "question"
        await pilot.press("escape")  # nothing answered yet: back to the settings
        await pilot.pause()
        assert screen.phase == "setup"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("1")
        await pilot.press("escape")  # one answered: end early and show the score
        await pilot.pause()
        assert screen.phase == "result"
        assert "ended after 1 of" in _screen_text(quiz_app)
        await pilot.press("r")  # again, same settings
        await pilot.pause()
        assert screen.phase == "question" and screen.quiz.answered == 0
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert quiz_app.screen is not screen

    run(quiz_app, scenario)


def test_quiz_snapshot(snap_compare: Any, quiz_app: Any) -> None:
    async def answer_wrong(pilot: Any) -> None:
        await pilot.press("q")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        question = pilot.app.screen.quiz.current
        await pilot.press(str((question.correct_index + 1) % 4 + 1))
        await pilot.pause()

    assert snap_compare(quiz_app, run_before=answer_wrong, terminal_size=(80, 24))


CASE_YAML = textwrap.dedent(
    """\
    title: Case deck
    cards:
      - id: q-sdh
        type: mcq
        question: Which vessels tear in an acute subdural haematoma?
        answer: Bridging veins
        distractors: [middle meningeal artery, sigmoid sinus, "mRNA"]
        tags: [case]
    """
)


def test_options_share_one_case_convention(make_app: AppFactory, decks_dir: Path, run: Any) -> None:
    """Only the answer was capitalised: it gave itself away. Every option now starts with a
    capital unless it is written in mixed case on purpose (mRNA)."""
    (decks_dir / "case.yaml").write_text(CASE_YAML, encoding="utf-8")
    app = make_app()

    async def scenario(pilot: Any) -> None:
        app.open_screen("quiz", tags=["case"], count=1)
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        screen = app.screen
        question = screen.quiz.current
        assert question.card_id == "q-sdh"
        labels = {
            option.index: str(option.render()).split(") ", 1)[1].strip()
            for option in screen.query(QuizOption)
        }
        expected = {"Bridging veins", "Middle meningeal artery", "Sigmoid sinus", "mRNA"}
        assert set(labels.values()) == expected
        assert labels[question.correct_index] == "Bridging veins"
        # The display never changes what is compared: a distractor is still wrong.
        wrong = next(i for i, text in labels.items() if text == "Sigmoid sinus")
        await pilot.press(str(wrong + 1))
        await pilot.pause()
        assert screen.quiz.score == 0
        shown = _screen_text(app)
        assert "The answer is: Bridging veins" in shown and "sigmoid sinus" not in shown

    run(app, scenario)


def test_answers_and_enter_in_one_burst_are_all_recorded(quiz_app: Any, run: Any) -> None:
    """``1 enter 2 enter 3 enter`` sent at once answers all three questions, in order."""

    async def scenario(pilot: Any) -> None:
        await pilot.press("q")
        await pilot.pause()
        screen = quiz_app.screen
        assert isinstance(screen, QuizScreen)
        await pilot.click("#quiz-tags")
        await pilot.press(*"quiz", "ctrl+s")
        await pilot.pause()
        quiz = screen.quiz
        assert quiz is not None and quiz.total == 3
        await burst(pilot, "1", "enter", "2", "enter", "3", "enter")
        assert list(quiz.answers) == [0, 1, 2]
        assert screen.phase == "result"

    run(quiz_app, scenario)


def _deck_rows(app: Any) -> list[str]:
    """The deck list's lines as a person reads them (no colours)."""
    decks = app.screen.query_one("#quiz-decks")
    return [
        "".join(segment.text for segment in decks.render_line(y)) for y in range(decks.option_count)
    ]


def test_first_space_ticks_the_first_deck_and_ticks_show_as_text(quiz_app: Any, run: Any) -> None:
    """Issue 13 #6: the deck list opens with its first row highlighted, so the first
    ``space`` ticks it (it used to tick nothing); a ticked box and an unticked box differ
    in their glyph, not only in colour."""

    async def scenario(pilot: Any) -> None:
        quiz_app.open_screen("quiz", deck_ids=[])
        await pilot.pause()
        decks = quiz_app.screen.query_one("#quiz-decks")
        assert decks.has_focus and decks.highlighted == 0
        assert decks.selected == []
        unticked = _deck_rows(quiz_app)
        await pilot.press("space")
        await pilot.pause()
        first = decks.get_option_at_index(0).value
        assert decks.selected == [first]
        ticked = _deck_rows(quiz_app)
        # Same label, different box glyph: readable without colour.
        assert ticked[0] != unticked[0]
        assert ticked[1] == unticked[1]
        assert "✓" in ticked[0] and "✓" not in unticked[0]
        await pilot.press("down", "space", "space")
        await pilot.pause()
        assert decks.selected == [first]

    run(quiz_app, scenario)
