"""Study: one card at a time, reveal, grade 0-5; every answer is stored before the next card."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, ClassVar, cast

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Header, Static

from neuroquiz.errors import NeuroquizError
from neuroquiz.models import GRADE_MEANINGS
from neuroquiz.study import AnswerOutcome, StudySession
from neuroquiz.study.custom import Cram, ReviewAhead
from neuroquiz.tui.screens.source_context import SourceContextScreen
from neuroquiz.tui.screens.summary import SummaryScreen
from neuroquiz.tui.widgets.card_text import card_kind, display_safe, single_line
from neuroquiz.tui.widgets.card_view import CardView
from neuroquiz.tui.widgets.fit_line import TitledLine
from neuroquiz.tui.widgets.footer import SteadyFooter
from neuroquiz.tui.widgets.grade_bar import GradeBar
from neuroquiz.tui.widgets.typed_answer import TypedAnswer, typed_answer_of

if TYPE_CHECKING:
    from neuroquiz.study import StudyCard
    from neuroquiz.study.custom import CustomSession
    from neuroquiz.tui.app import NeuroquizApp


LEECH_NOTICE = "leech: suspended — edit it or unsuspend in Browse"
"""The notice shown when an answer makes the card a leech (it is suspended)."""


def clock_label(seconds: float) -> str:
    """``mm:ss`` (``h:mm:ss`` past an hour) for a duration in seconds."""
    total = max(0, int(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


def describe_outcome(outcome: AnswerOutcome) -> str:
    """A short note on the last answer for the status line: next review, re-drill."""
    if outcome.cram:
        text = f"last: {outcome.grade} (cram, schedule unchanged)"
    elif outcome.scheduled:
        days = outcome.state.interval
        text = f"last: {outcome.grade}, next review in {days} day{'s' if days != 1 else ''}"
    else:
        text = f"last: {outcome.grade} (re-drill, schedule unchanged)"
    if outcome.again:
        text += ", again soon"
    return text


def _grade_binding(grade: int) -> Binding:
    return Binding(
        str(grade),
        f"grade({grade})",
        f"Grade {grade}",
        show=False,
        tooltip=f"Grade {grade}: {GRADE_MEANINGS[grade]}",
    )


class StudyScreen(Screen[None]):
    """A study session over some decks (or all): front, reveal, grade, next."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space,enter", "reveal", "Show answer", tooltip="Reveal the answer"),
        Binding("enter", "accept", "Accept grade", tooltip="Grade the typed answer as proposed"),
        *(_grade_binding(grade) for grade in range(6)),
        Binding("u", "undo", "Undo", tooltip="Undo the last answer (state and log restored)"),
        Binding("s", "suspend", "Suspend", tooltip="Suspend this card: it stops coming up"),
        Binding("c", "source", "Source", tooltip="Show the source sentence and its paragraph"),
        Binding("e", "edit", "Edit", tooltip="Edit this card in its deck file"),
        Binding("escape", "finish", "End", tooltip="End the session and show the summary"),
    ]

    revealed: reactive[bool] = reactive(False, bindings=True)
    """Whether the answer of the current card is shown (grading is possible only then)."""

    def __init__(
        self, deck_ids: list[str] | None = None, custom: CustomSession | None = None
    ) -> None:
        """Create a session screen.

        Args:
            deck_ids: The decks to study; None for every deck.
            custom: A custom study session (review ahead, cram); None for today's.
        """
        super().__init__(id="study")
        self.deck_ids = deck_ids
        self.custom = custom
        self._session: StudySession | None = None
        self._started: datetime | None = None
        self._shown_at: datetime | None = None
        self._last = ""
        self._undo_kinds: list[str] = []  # what each undoable step was, for the status line

    @property
    def nq(self) -> NeuroquizApp:
        """The app, typed."""
        return cast("NeuroquizApp", self.app)

    @property
    def session(self) -> StudySession:
        """The study session (created on mount)."""
        assert self._session is not None, "the session is created on mount"
        return self._session

    def compose(self) -> ComposeResult:
        """Status line, card, reveal prompt or grades, footer."""
        yield Header()
        yield Static(id="study-status", markup=False)
        yield CardView(id="card")
        yield TypedAnswer(id="typed")
        yield Static(
            Text.assemble(
                ("space", "bold"), " or ", ("enter", "bold"), ": show the answer  (click here)"
            ),
            id="reveal-prompt",
        )
        yield GradeBar(id="grades")
        yield SteadyFooter()

    def on_mount(self) -> None:
        """Open the session and show the first card."""
        app = self.nq
        self.sub_title = self._decks_label()
        self._session = StudySession(
            app.store, clock=app.clock, deck_ids=self.deck_ids, rng=app.rng, custom=self.custom
        )
        self._started = app.clock()
        self.watch(app, "decks_version", self._decks_changed, init=False)
        self.set_interval(1.0, self._show_status)
        self.query_one(CardView).focus()
        if self.session.current is None:
            # Nothing due and no new card left today: say so instead of an empty summary.
            # After the first refresh: popped at once, the screen's header could still be
            # setting its title on a screen already gone (seen when pushed from a dialog).
            self.call_after_refresh(self._leave)
            where = self._decks_label().partition(" · ")[2]
            self.app.notify(
                f"Nothing to {self.custom.label} in {where}."
                if self.custom is not None
                else f"Nothing to study in {where} today.",
                title="All done",
                markup=False,
            )
            return
        self._show_current()

    def _leave(self) -> None:
        """Back to the screen before (not awaited: called from this screen's own handler)."""
        if self.is_current:
            self.app.pop_screen()

    def _decks_label(self) -> str:
        what = "Study" if self.custom is None else display_safe(self.custom.label).capitalize()
        if not self.deck_ids:
            return f"{what} · all decks"
        if len(self.deck_ids) == 1:
            return f"{what} · {display_safe(self.nq.deck_title(self.deck_ids[0]))}"
        return f"{what} · {len(self.deck_ids)} decks"

    def _show_current(self, *, keep_side: bool = False) -> None:
        """Show the session's current card front side up, or the summary when done.

        Args:
            keep_side: Redraw the same card after a reload: keep it revealed if it was, and
                keep the time it was first shown (its answer time).
        """
        current = self.session.current
        if current is None:
            self.action_finish()
            return
        revealed = self.revealed and keep_side
        self.revealed = False
        self.query_one(CardView).show_card(current.card, current.ordinal, meta=self._meta(current))
        self._show_typed(current, keep=keep_side)
        self.revealed = revealed
        if not keep_side or self._shown_at is None:
            self._shown_at = self.nq.clock()
        self._show_status()
        # The keys on offer depend on the card (Source), not only on its side: a card that
        # comes back front side up (undo) changes no reactive, but may change the footer.
        self.refresh_bindings()

    def _show_typed(self, current: StudyCard, *, keep: bool) -> None:
        """The answer box of a typed card: empty for a new card, as it was after a reload."""
        typed = self.query_one(TypedAnswer)
        expected = typed_answer_of(current.card, current.ordinal)
        if expected is None:
            typed.hide()
            self.query_one(CardView).focus()
        elif keep and typed.display:
            typed.expect(expected)  # the card was edited: what is typed stays
        else:
            typed.ask(expected)
        self.query_one(GradeBar).propose(typed.result.grade if typed.result else None)
        self._show_prompt()

    def _show_prompt(self) -> None:
        """The reveal prompt, unless the answer is shown or being typed (the box says what
        enter does)."""
        asking = self.query_one(TypedAnswer).asking
        self.query_one("#reveal-prompt").display = not self.revealed and not asking

    @property
    def proposed(self) -> int | None:
        """The grade the typed answer of the current card proposes, once checked."""
        if self._session is None or self._session.current is None or not self.revealed:
            return None
        result = self.query_one(TypedAnswer).result
        return result.grade if result is not None else None

    def _meta(self, current: StudyCard) -> TitledLine:
        # The title gives way to the width (TitledLine): the type and the state stay whole.
        title = display_safe(single_line(self.nq.deck_title(current.deck_id)))
        parts = [card_kind(current.card, current.ordinal)]
        if current.is_redrill:
            parts.append("↻ re-drill: graded below 4 earlier")
        elif isinstance(self.custom, Cram):
            parts.append("cram, schedule unchanged")
        elif isinstance(self.custom, ReviewAhead):
            parts.append(f"early review, due {current.state.due}")
        elif current.is_new:
            parts.append("new")
        else:
            parts.append("review")
        return TitledLine(title, [display_safe(part) for part in parts], style="italic")

    def _show_status(self) -> None:
        if self._session is None or self._started is None:
            return
        elapsed = (self.nq.clock() - self._started).total_seconds()
        text = Text.assemble(
            (f"{self.session.done:,} done", "bold"),
            " · ",
            (f"{self.session.left:,} left today", "bold"),
            f" · {clock_label(elapsed)}",
        )
        if self._last:
            text.append(f" · {self._last}", style="dim")
        self.query_one("#study-status", Static).update(text)

    def watch_revealed(self, revealed: bool) -> None:
        """Show the answer and the grades, or the prompt.

        Only these three widgets change: toggling a class on the screen instead would restyle
        every widget on it, which costs more than the rest of an answer.
        """
        self.query_one(CardView).revealed = revealed
        self.query_one(GradeBar).display = revealed
        self._show_prompt()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer only what makes sense now: reveal before, grades after the reveal."""
        has_card = self._session is not None and self._session.current is not None
        if action == "reveal":
            return has_card and not self.revealed
        if action == "grade":
            return has_card and self.revealed
        if action == "accept":
            return self.proposed is not None
        if action in ("suspend", "edit"):
            return True if has_card else None
        if action == "source":
            current = self._session.current if self._session is not None else None
            return True if current is not None and current.card.source is not None else None
        if action == "undo":
            # always live, so that `u` with nothing to undo says so (issue 13 #9)
            return True if self._session is not None else None
        return True

    def action_reveal(self) -> None:
        """Show the answer of the current card (a typed card's: check what was typed)."""
        if self._session is None or self.session.current is None:
            return
        typed = self.query_one(TypedAnswer)
        if typed.asking:
            typed.check()  # its Checked message reveals
            return
        self.revealed = True

    @on(TypedAnswer.Checked)
    def _typed_checked(self, event: TypedAnswer.Checked) -> None:
        event.stop()
        self.query_one(GradeBar).propose(event.result.grade)
        self.revealed = True
        self.query_one(CardView).focus()  # the grade keys work again

    def action_accept(self) -> None:
        """Grade the current card with the grade its typed answer proposes."""
        grade = self.proposed
        if grade is not None:
            self.action_grade(grade)

    def action_grade(self, grade: int) -> None:
        """Grade the current card; the answer is stored before the next card is shown.

        If it cannot be stored (the database is busy or full), nothing is: the card stays
        on screen, answer shown, and grading it again stores it once the database can be
        written.
        """
        if not self.revealed or self.session.current is None:
            return
        now = self.nq.clock()
        shown = self._shown_at or now
        answer_ms = max(0, int((now - shown).total_seconds() * 1000))
        try:
            outcome = self.session.answer(grade, answer_ms=answer_ms)
        except NeuroquizError as error:
            self.nq.store_failed(error, title="Answer not saved")
            return
        if outcome.leech:
            self._undo_kinds.append("answer (and leech suspension)")
            self._last = "leech: card suspended (u to undo)"
            self.notify(LEECH_NOTICE, title="Leech", severity="warning", markup=False)
        else:
            self._undo_kinds.append("answer")
            self._last = describe_outcome(outcome)
        self._show_current()

    @on(GradeBar.Chosen)
    def _grade_clicked(self, event: GradeBar.Chosen) -> None:
        event.stop()
        self.action_grade(event.grade)

    @on(events.Click, "#reveal-prompt")
    def _prompt_clicked(self, event: events.Click) -> None:
        event.stop()
        self.action_reveal()

    def action_undo(self) -> None:
        """Undo the last answer: its state and log row are restored and the card comes back."""
        try:
            restored = self.session.undo() if self.session.can_undo else None
        except NeuroquizError as error:
            # Nothing was undone: the step stays on the undo list, `u` tries it again.
            self.nq.store_failed(error, title="Not undone")
            return
        if restored is None:
            self.notify("Nothing to undo.", severity="warning")
            self._last = "nothing to undo"  # never a stale "answer undone"
            self._show_status()
            return
        self._last = f"{self._undo_kinds.pop() if self._undo_kinds else 'step'} undone"
        self._show_current()

    def action_suspend(self) -> None:
        """Suspend the current card; it will not come up again until unsuspended."""
        if self.session.current is None:
            return
        try:
            self.session.suspend()
        except NeuroquizError as error:
            self.nq.store_failed(error, title="Card not suspended")
            return
        self._undo_kinds.append("suspension")
        self._last = "card suspended (u to undo)"
        self.notify("Card suspended.", timeout=3)
        self._show_current()

    def action_source(self) -> None:
        """Show where the current card came from."""
        current = self.session.current
        if current is None or current.card.source is None:
            return
        self.app.push_screen(
            SourceContextScreen(current.card.source, self.nq.decks_dir / "sources")
        )

    def action_edit(self) -> None:
        """Edit the current card (author screen); the session picks up the saved card."""
        current = self.session.current
        if current is None:
            return
        self.nq.edit_card(current.card, current.deck_id)

    def _decks_changed(self, _version: int) -> None:
        """A deck file was rewritten (e.g. the card was edited): re-read the queue.

        The card being studied stays as it is (its side, its answer time), with its new
        content and type if its file changed.
        """
        before = self.session.current
        self.session.refresh()
        after = self.session.current
        same = before is not None and after is not None and before.key == after.key
        self._show_current(keep_side=same)

    def action_finish(self) -> None:
        """End the session: every answer is already stored; show the summary."""
        if self._session is None:
            return
        summary = self.session.summary()
        self.app.switch_screen(SummaryScreen(summary, title=self.sub_title or "Study"))
