"""Quiz: choose decks or tags and a number of questions, then four options per question.

A quiz is practice: answers are not stored and never change the SM-2 schedule (the screen
says so on every step). Options are shuffled with the app's seeded random generator.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, ClassVar, cast

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.suggester import Suggester
from textual.widgets import (
    Button,
    ContentSwitcher,
    Footer,
    Header,
    Input,
    Label,
    SelectionList,
    Static,
)
from textual.widgets.selection_list import Selection

from neuroquiz.study import OPTIONS, Quiz, QuizQuestion
from neuroquiz.study.search import all_tags
from neuroquiz.tui.widgets.card_text import plain, single_line
from neuroquiz.tui.widgets.checklist import Checklist
from neuroquiz.tui.widgets.option_text import display_options
from neuroquiz.tui.widgets.safe_input import SafeInput

if TYPE_CHECKING:
    from neuroquiz.tui.app import NeuroquizApp

DEFAULT_COUNT = 10
"""Questions asked when the user does not say."""
MAX_COUNT = 500
"""Most questions one quiz asks."""
LETTERS = "abcd"
"""Option letters; keys 1-4 and a-d both answer."""
SCHEDULE_NOTE = "Practice: quiz answers are not recorded and do not change the SM-2 schedule."
"""Shown on every step of the quiz."""

_TAG_SPLIT = re.compile(r"[\s,]+")


def parse_tags(text: str) -> list[str]:
    """Tags typed as ``a, b c``: split on commas and spaces, duplicates dropped."""
    return list(dict.fromkeys(tag for tag in _TAG_SPLIT.split(text) if tag))


def parse_count(text: str) -> int | None:
    """The number of questions typed, or None if it is not 1 to :data:`MAX_COUNT`."""
    text = text.strip()
    if not text:
        return DEFAULT_COUNT
    if not text.isdigit():
        return None
    count = int(text)
    return count if 1 <= count <= MAX_COUNT else None


def score_line(score: int, total: int) -> str:
    """``7 of 10 right (70%)``."""
    share = round(100 * score / total) if total else 0
    return f"{score} of {total} right ({share}%)"


class TagSuggester(Suggester):
    """Completes the last word typed in the tags input from the known tags."""

    def __init__(self, tags: list[str]) -> None:
        """Create the suggester over ``tags``."""
        super().__init__(use_cache=False, case_sensitive=True)
        self._tags = tags

    async def get_suggestion(self, value: str) -> str | None:
        """The input with its last (partial) word completed to a known tag."""
        head, _, last = value.rpartition(" ")
        head = head.rpartition(",")[0] + "," if "," in last else head
        last = last.rpartition(",")[2]
        if not last:
            return None
        folded = last.casefold()
        for tag in self._tags:
            if tag.casefold().startswith(folded) and tag != last:
                prefix = value[: len(value) - len(last)]
                return prefix + tag
        return None


class QuizOption(Static):
    """One option line, ``1  a) text``; clicking it answers with this option."""

    class Chosen(Message):
        """An option was clicked."""

        def __init__(self, index: int) -> None:
            """Carry the option index (0-3)."""
            super().__init__()
            self.index = index

    def __init__(self, index: int) -> None:
        """Create the empty line for option ``index`` (0-3)."""
        super().__init__(id=f"quiz-option-{index}", classes="quiz-option")
        self.index = index

    def show(self, text: str, mark: str = "") -> None:
        """Show option ``text`` (card data, shown literally) with a leading mark."""
        label = Text.assemble(
            (f" {self.index + 1} ", "bold reverse"),
            f" {LETTERS[self.index]}) ",
            plain(text),
        )
        if mark:
            label.append(f"  {mark}", style="bold")
        self.update(label)

    def on_click(self, event: events.Click) -> None:
        """Answer with this option."""
        event.stop()
        self.post_message(self.Chosen(self.index))


def _answer_binding(index: int) -> Binding:
    number, letter = str(index + 1), LETTERS[index]
    first = index == 0
    # One footer entry for the four options; each key is still in the palette.
    return Binding(
        f"{number},{letter}",
        f"answer({index})",
        "Answer" if first else f"Answer {number}",
        key_display="1-4/a-d" if first else None,
        show=first,
        tooltip=f"Choose option {number} ({letter})",
    )


class QuizScreen(Screen[None]):
    """The quiz: a setup form, the questions with immediate feedback, and the score."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "start", "Start", tooltip="Start the quiz with these settings"),
        *(_answer_binding(index) for index in range(OPTIONS)),
        # No priority: a priority key runs as it arrives, before an answer key queued ahead
        # of it has been handled, and was then lost ("1 enter 2 enter" kept one answer).
        Binding("enter,space", "next", "Next", tooltip="Go on to the next question"),
        Binding("r", "again", "Again", tooltip="A new quiz with the same settings"),
        Binding("n", "setup", "New quiz", tooltip="Change the decks, tags or number"),
        Binding("escape", "back", "Back", tooltip="End the quiz / go back"),
    ]

    phase: reactive[str] = reactive("setup", bindings=True)
    """``setup``, ``question`` or ``result``."""
    answered: reactive[bool] = reactive(False, bindings=True)
    """Whether the current question was answered (its feedback is on show)."""

    def __init__(
        self,
        deck_ids: list[str] | None = None,
        tags: list[str] | None = None,
        count: int = DEFAULT_COUNT,
    ) -> None:
        """Create the quiz screen.

        Args:
            deck_ids: Decks ticked at first (None: every deck).
            tags: Tags filled in at first.
            count: The number of questions filled in at first.
        """
        super().__init__(id="quiz")
        self._initial_decks = deck_ids
        self._initial_tags = tags or []
        self._initial_count = count
        self._quiz: Quiz | None = None
        self._settings: tuple[list[str], list[str] | None, int] | None = None

    @property
    def nq(self) -> NeuroquizApp:
        """The app, typed."""
        return cast("NeuroquizApp", self.app)

    @property
    def quiz(self) -> Quiz | None:
        """The quiz in progress or just finished, if any."""
        return self._quiz

    def compose(self) -> ComposeResult:
        """The schedule note, the three steps in a switcher, the footer."""
        yield Header()
        yield Static(SCHEDULE_NOTE, id="quiz-note", markup=False)
        with ContentSwitcher(initial="quiz-setup"):
            with VerticalScroll(id="quiz-setup"):
                yield Label("Decks (space toggles)", classes="quiz-label")
                yield Checklist[str](id="quiz-decks")
                yield Label("Tags, optional: cards with any of them", classes="quiz-label")
                yield SafeInput(id="quiz-tags", placeholder="e.g. gcs trauma", compact=True)
                with Horizontal(id="quiz-count-row"):
                    yield Label("Questions")
                    yield Input(
                        str(self._initial_count),
                        id="quiz-count",
                        restrict=r"\d{0,3}",
                        compact=True,
                    )
                    yield Button("Start quiz", id="quiz-start", variant="primary", compact=True)
                yield Static(id="quiz-setup-error", markup=False)
            with Vertical(id="quiz-question"):
                yield Static(id="quiz-progress", markup=False)
                with VerticalScroll(id="quiz-body"):
                    yield Static(id="quiz-prompt")
                    for index in range(OPTIONS):
                        yield QuizOption(index)
                    yield Static(id="quiz-feedback")
            with VerticalScroll(id="quiz-result"):
                yield Static(id="quiz-score", markup=False)
                yield Static(id="quiz-review")
        yield Footer()

    def on_mount(self) -> None:
        """Fill the deck list and the tag completion; focus the deck list."""
        self.sub_title = "Quiz"
        decks = self.query_one("#quiz-decks", SelectionList)
        chosen = self._initial_decks
        for info in self.nq.store.decks():
            selected = chosen is None or info.id in chosen
            decks.add_option(Selection(Text(single_line(info.title)), info.id, selected))
        tags = self.query_one("#quiz-tags", Input)
        tags.value = " ".join(self._initial_tags)
        tags.suggester = TagSuggester(all_tags(self.nq.store))
        decks.focus()

    # -- steps ---------------------------------------------------------------------------

    def watch_phase(self, phase: str) -> None:
        """Show the step's panel."""
        self.query_one(ContentSwitcher).current = f"quiz-{phase}"

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer each key only in the step where it means something."""
        if action == "start":
            return self.phase == "setup"
        if action == "answer":
            return self.phase == "question" and not self.answered
        if action == "next":
            return self.phase == "question" and self.answered
        if action in ("again", "setup"):
            return self.phase == "result"
        return True

    def _settings_from_form(self) -> tuple[list[str], list[str] | None, int] | str:
        """The chosen decks, tags and count, or what is wrong with them."""
        decks = list(self.query_one("#quiz-decks", SelectionList).selected)
        if not decks:
            return "Choose at least one deck."
        count = parse_count(self.query_one("#quiz-count", Input).value)
        if count is None:
            return f"The number of questions must be 1 to {MAX_COUNT}."
        tags = parse_tags(self.query_one("#quiz-tags", Input).value)
        return decks, tags or None, count

    def action_start(self) -> None:
        """Build a quiz from the form and show its first question."""
        settings = self._settings_from_form()
        error = self.query_one("#quiz-setup-error", Static)
        if isinstance(settings, str):
            error.update(settings)
            return
        error.update("")
        self._start(settings)

    def _start(self, settings: tuple[list[str], list[str] | None, int]) -> None:
        deck_ids, tags, count = settings
        quiz = Quiz.build(self.nq.store, rng=self.nq.rng, deck_ids=deck_ids, tags=tags, count=count)
        if not quiz.total:
            self.phase = "setup"
            self.query_one("#quiz-setup-error", Static).update(
                "No question can be made from these decks and tags: a quiz asks multiple-"
                "choice cards and basic cards with a short answer."
            )
            return
        self._settings = settings
        self._quiz = quiz
        self.phase = "question"
        self._show_question()

    @on(Button.Pressed, "#quiz-start")
    def _start_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_start()

    @on(Input.Submitted)
    def _input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_start()

    def _show_question(self) -> None:
        quiz = self._quiz
        assert quiz is not None
        question = quiz.current
        if question is None:
            self._show_result()
            return
        self.answered = False
        self.query_one("#quiz-progress", Static).update(
            f"Question {quiz.answered + 1} of {quiz.total} · score {quiz.score}"
        )
        self.query_one("#quiz-prompt", Static).update(plain(question.prompt))
        shown = display_options(question.options)  # one form for all: none stands out
        for option in self.query(QuizOption):
            option.remove_class("-right", "-wrong")
            option.show(shown[option.index])
        self.query_one("#quiz-feedback", Static).update(
            Text("Press 1-4 or a-d, or click an option.", style="dim")
        )
        self.query_one("#quiz-body", VerticalScroll).scroll_home(animate=False)
        self.query_one("#quiz-body", VerticalScroll).focus()

    def action_answer(self, index: int) -> None:
        """Answer the current question with option ``index`` and show the feedback."""
        quiz = self._quiz
        if quiz is None or self.answered or quiz.current is None:
            return
        question = quiz.current
        right = quiz.answer(index)
        self.answered = True
        shown = display_options(question.options)
        for option in self.query(QuizOption):
            if option.index == question.correct_index:
                option.add_class("-right")
                option.show(shown[option.index], "✓ right answer")
            elif option.index == index:
                option.add_class("-wrong")
                option.show(shown[option.index], "✗ your answer")
        self.query_one("#quiz-feedback", Static).update(_feedback(question, right))
        self.query_one("#quiz-progress", Static).update(
            f"Question {quiz.answered} of {quiz.total} · score {quiz.score}"
        )
        feedback = self.query_one("#quiz-feedback", Static)
        self.call_after_refresh(feedback.scroll_visible, animate=False)

    @on(QuizOption.Chosen)
    def _option_clicked(self, event: QuizOption.Chosen) -> None:
        event.stop()
        if self.phase == "question" and not self.answered:
            self.action_answer(event.index)
        elif self.phase == "question":
            self.action_next()

    def action_next(self) -> None:
        """Show the next question, or the score after the last one."""
        if self.phase == "question" and self.answered:
            self._show_question()

    def _show_result(self) -> None:
        quiz = self._quiz
        assert quiz is not None
        self.phase = "result"
        self.query_one("#quiz-score", Static).update(
            f"Score: {score_line(quiz.score, quiz.answered)}"
            + (f" — ended after {quiz.answered} of {quiz.total}" if not quiz.done else "")
        )
        self.query_one("#quiz-review", Static).update(_review(quiz))
        self.query_one("#quiz-result", VerticalScroll).focus()

    def action_again(self) -> None:
        """Start a new quiz (new questions) with the same settings."""
        if self._settings is not None:
            self._start(self._settings)

    def action_setup(self) -> None:
        """Back to the setup form."""
        self.phase = "setup"
        self.query_one("#quiz-decks", SelectionList).focus()

    def action_back(self) -> None:
        """End the quiz early (show the score), or leave the screen."""
        if self.phase == "question" and self._quiz is not None and self._quiz.answered:
            self._show_result()
        elif self.phase == "question":
            self.action_setup()
        else:
            self.app.pop_screen()


def _shown_answer(question: QuizQuestion) -> str:
    """The right option as the options show it."""
    return display_options(question.options)[question.correct_index]


def _feedback(question: QuizQuestion, right: bool) -> Text:
    text = Text()
    if right:
        text.append("✓ Right.", style="bold")
    else:
        text.append("✗ Not quite. The answer is: ", style="bold")
        text.append_text(plain(_shown_answer(question), "bold"))
    if question.source_sentence:
        text.append("\n\nSource: ", style="italic")
        text.append_text(plain(question.source_sentence, "italic"))
    text.append("\n\nenter or space: next question", style="dim")
    return text


def _review(quiz: Quiz) -> Text:
    text = Text()
    for number, (question, chosen) in enumerate(
        zip(quiz.questions, quiz.answers, strict=False), start=1
    ):
        right = chosen == question.correct_index
        text.append(f"{number:>2}. {'✓' if right else '✗'} ", style="bold")
        text.append_text(plain(question.prompt))
        if not right:
            text.append("\n      answer: ", style="dim")
            text.append_text(plain(_shown_answer(question)))
        text.append("\n")
    text.append("\nr: again with new questions · n: new settings · escape: back", style="dim")
    return text
