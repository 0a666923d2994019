"""Generate: pick a document, make candidate cards in a worker, then review each one.

Nothing is written while reviewing: ``a`` accepts, ``r`` rejects, ``e`` edits a candidate
(the author form, in a mode that writes nothing), and ``ctrl+s`` writes the accepted cards to
the chosen deck and remembers the rejected ids in its ``rejected`` list, so that generation
never proposes them again. Undecided candidates are left out and may be proposed next time.
With an LLM server configured, the pick step offers it beside the offline rules engine.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, cast

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import (
    Button,
    ContentSwitcher,
    DirectoryTree,
    Footer,
    Header,
    Input,
    Label,
    ProgressBar,
    Select,
    Static,
)
from textual.worker import Worker

from neuroquiz.decks import LoadedDeck
from neuroquiz.decks.load import iter_decks
from neuroquiz.errors import NeuroquizError
from neuroquiz.models import Deck
from neuroquiz.tui.screens.author import AuthorScreen
from neuroquiz.tui.screens.author_dialogs import ConfirmDialog
from neuroquiz.tui.screens.generate_pick import ChunkDone, DocumentTree, EngineChoice
from neuroquiz.tui.screens.generate_review import (
    AnyCard,
    Generation,
    LlmServer,
    generate_candidates,
    generate_llm_candidates,
    write_review,
)
from neuroquiz.tui.screens.generate_view import (
    Decision,
    candidate_body,
    lost_decisions,
    position_line,
)
from neuroquiz.tui.widgets.card_text import display_safe

if TYPE_CHECKING:
    from neuroquiz.tui.app import NeuroquizApp

NEW_DECK = "__new__"
"""The target-deck choice that creates a new deck named after the document."""


class GenerateScreen(Screen[None]):
    """Pick a document, generate candidates in a worker, review them, write the deck."""

    DEFAULT_CSS = """
    GenerateScreen ContentSwitcher { height: 1fr; }
    GenerateScreen #gen-pick { padding: 0 1; }
    GenerateScreen #gen-intro { color: $text-muted; height: auto; }
    GenerateScreen #gen-path-row { height: auto; margin-top: 1; }
    GenerateScreen #gen-path { width: 1fr; }
    GenerateScreen #gen-start { margin-left: 1; }
    GenerateScreen #gen-tree { height: 1fr; margin-top: 1; }
    GenerateScreen #gen-progress-row { height: auto; }
    GenerateScreen #gen-status { height: auto; color: $text-muted; }
    GenerateScreen #gen-review { padding: 0 1; }
    GenerateScreen #gen-summary { height: auto; color: $text-muted; }
    GenerateScreen #gen-target-row { height: auto; }
    GenerateScreen #gen-target-row Label { padding-right: 1; }
    GenerateScreen #gen-target { width: 1fr; }
    GenerateScreen #gen-position { height: 1; margin-top: 1; background: $boost; }
    GenerateScreen #gen-card { height: 1fr; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+g", "generate", "Generate", tooltip="Make candidate cards from the file"),
        Binding("a", "decide('accepted')", "Accept", tooltip="Accept this card, go to the next"),
        Binding("r", "decide('rejected')", "Reject", tooltip="Reject it: never proposed again"),
        Binding("e", "edit", "Edit", tooltip="Edit this card (then it is accepted)"),
        # priority: the scrolling card view would take left and right for itself.
        Binding("left,p", "move(-1)", "Prev", tooltip="The previous candidate", priority=True),
        Binding("right,n", "move(1)", "Next", tooltip="The next candidate", priority=True),
        Binding(
            "A",
            "accept_rest",
            "Accept rest",
            show=False,
            tooltip="Accept every undecided candidate",
        ),
        Binding(
            "ctrl+s",
            "write",
            "Write deck",
            tooltip="Write the accepted cards and remember the rejected ones",
            priority=True,
        ),
        Binding(
            "escape", "back", "Back", tooltip="Go back (asks first if decisions would be lost)"
        ),
    ]

    phase: reactive[str] = reactive("pick", bindings=True)
    """``pick`` (choose a document), ``working`` or ``review``."""

    class Generated(Message):
        """The worker made the candidates."""

        def __init__(self, generation: Generation) -> None:
            """Carry the generation."""
            super().__init__()
            self.generation = generation

    class Failed(Message):
        """The worker could not make candidates; ``error`` is one line."""

        def __init__(self, error: str) -> None:
            """Carry the error."""
            super().__init__()
            self.error = error

    def __init__(self, document: Path | None = None) -> None:
        """Create the screen.

        Args:
            document: A document to fill in (it is not generated until asked).
        """
        super().__init__(id="generate")
        self._document = document
        self._generation: Generation | None = None
        self._decisions: dict[str, Decision] = {}
        self._cards: list[AnyCard] = []
        self._index = 0
        self._worker: Worker[None] | None = None

    @property
    def worker(self) -> Worker[None] | None:
        """The latest generation worker (tests wait on it; the tree has its own worker)."""
        return self._worker

    @property
    def nq(self) -> NeuroquizApp:
        """The app, typed."""
        return cast("NeuroquizApp", self.app)

    @property
    def generation(self) -> Generation | None:
        """The candidates under review, if any."""
        return self._generation

    @property
    def cards(self) -> list[AnyCard]:
        """The candidates (edited ones replaced), in document order."""
        return self._cards

    @property
    def index(self) -> int:
        """The candidate on show."""
        return self._index

    def decision(self, card_id: str) -> Decision:
        """What was decided about candidate ``card_id``."""
        return self._decisions.get(card_id, "undecided")

    def sources_dir(self) -> Path:
        """Where documents are looked for first: ``decks_dir/sources`` (or the deck dir)."""
        sources = self.nq.decks_dir / "sources"
        return sources if sources.is_dir() else self.nq.decks_dir

    # -- layout ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        """The pick step and the review step, switched."""
        yield Header()
        with ContentSwitcher(initial="gen-pick"):
            with Vertical(id="gen-pick"):
                yield Static(
                    "Pick a document (.txt, .md, .html, .pdf). Its cards are proposed one by "
                    "one; nothing is written until you write the deck.",
                    id="gen-intro",
                    markup=False,
                )
                if self.nq.llm is not None:
                    yield EngineChoice(self.nq.llm)
                with Horizontal(id="gen-path-row"):
                    yield Input(id="gen-path", placeholder="path of a document", compact=True)
                    yield Button("Generate", id="gen-start", variant="primary", compact=True)
                yield DocumentTree(self.sources_dir(), id="gen-tree")
                with Horizontal(id="gen-progress-row"):
                    yield ProgressBar(id="gen-progress", show_eta=False)
                yield Static(id="gen-status", markup=False)
            with Vertical(id="gen-review"):
                yield Static(id="gen-summary", markup=False)
                with Horizontal(id="gen-target-row"):
                    yield Label("Write to")
                    yield Select[str]([], id="gen-target", prompt="Choose a deck", compact=True)
                yield Static(id="gen-position", markup=False)
                with VerticalScroll(id="gen-card"):
                    yield Static(id="gen-card-body")
        yield Footer()

    def on_mount(self) -> None:
        """Root the tree at the sources folder; fill in the document if one was given."""
        self.sub_title = "Generate"
        self.query_one("#gen-progress-row").display = False
        if self._document is not None:
            self.query_one("#gen-path", Input).value = str(self._document)
        self.query_one("#gen-path", Input).focus()

    def watch_phase(self, phase: str) -> None:
        """Show the step's panel; the progress bar only while working."""
        self.query_one(ContentSwitcher).current = "gen-review" if phase == "review" else "gen-pick"
        self.query_one("#gen-progress-row").display = phase == "working"

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer each key only in the step where it means something."""
        if action == "generate":
            return self.phase == "pick"
        if action in ("decide", "edit", "move", "accept_rest"):
            return self.phase == "review" and bool(self._cards)
        if action == "write":
            return self.phase == "review"
        return True

    # -- picking and generating ----------------------------------------------------------

    @on(DirectoryTree.FileSelected, "#gen-tree")
    def _file_chosen(self, event: DirectoryTree.FileSelected) -> None:
        event.stop()
        self.query_one("#gen-path", Input).value = str(event.path)

    @on(Input.Submitted, "#gen-path")
    @on(Button.Pressed, "#gen-start")
    def _start(self, event: Input.Submitted | Button.Pressed) -> None:
        event.stop()
        self.action_generate()

    def action_generate(self) -> None:
        """Start generating from the document in the path box (in a worker)."""
        if self.phase != "pick":
            return
        status = self.query_one("#gen-status", Static)
        text = self.query_one("#gen-path", Input).value.strip()
        if not text:
            status.update("Choose a document in the tree or type its path.")
            return
        path = Path(text).expanduser()
        if not path.is_absolute() and not path.exists():
            path = self.sources_dir() / path
        if not path.is_file():
            status.update(f"Not a file: {path}")
            return
        choice = self.query(EngineChoice)
        server = self.nq.llm if choice and choice.first().engine == "llm" else None
        self.phase = "working"
        self.query_one("#gen-progress", ProgressBar).update(total=None, progress=0)
        by = f" with {server.config.model}" if server else ""
        status.update(f"Generating cards from {path.name}{by}…")
        self._worker = self._generate(path, [d.path for d in self.nq.loaded.decks], server)

    # A description, or Textual would repr() every deck to name the worker.
    @work(thread=True, exclusive=True, group="generate", description="generate candidates")
    def _generate(self, path: Path, deck_paths: list[Path], server: LlmServer | None) -> None:
        """Run the generator off the UI thread; report with a message.

        The existing decks (distractors, duplicates) are read from their files here, only
        for the generation: the app keeps no card models.
        """
        existing = [item.deck for item in iter_decks(deck_paths) if isinstance(item, LoadedDeck)]

        def chunk_done(done: int, total: int) -> None:
            self.post_message(ChunkDone(done, total))

        try:
            if server is None:
                generation = generate_candidates(path, existing)
            else:
                generation = generate_llm_candidates(path, existing, server, chunk_done)
        except NeuroquizError as error:
            self.post_message(self.Failed(str(error)))
        else:
            self.post_message(self.Generated(generation))

    @on(ChunkDone)
    def _chunk_done(self, event: ChunkDone) -> None:
        event.stop()
        if self.phase == "working":
            self.query_one("#gen-progress", ProgressBar).update(
                total=event.total, progress=event.done
            )

    @on(Failed)
    def _failed(self, event: Failed) -> None:
        event.stop()
        if self.phase != "working":
            return
        self.phase = "pick"
        self.query_one("#gen-status", Static).update(Text(event.error, style="bold"))

    @on(Generated)
    def _generated(self, event: Generated) -> None:
        event.stop()
        if self.phase != "working":
            return  # cancelled with escape meanwhile
        bar = self.query_one("#gen-progress", ProgressBar)
        if bar.total is None:  # the rules engine reports no steps; the LLM its chunks
            bar.update(total=1, progress=1)
        generation = event.generation
        if not generation.candidates:
            self.phase = "pick"
            self.query_one("#gen-status", Static).update(
                f"No new card: the {generation.skipped} card(s) made from "
                f"{generation.document.name} are already in a deck or were rejected."
            )
            return
        self._generation = generation
        self._cards = list(generation.candidates)
        self._decisions = {}
        self._index = 0
        self._fill_targets(generation.fresh)
        self.phase = "review"
        self._show_card()
        self.query_one("#gen-card", VerticalScroll).focus()

    def _fill_targets(self, fresh: Deck) -> None:
        options: list[tuple[Text, str]] = []
        same = self.nq.loaded_deck(fresh.id)
        if same is None:
            options.append((Text(display_safe(f"New deck: {fresh.title} ({fresh.id})")), NEW_DECK))
        for loaded in self.nq.loaded.decks:
            options.append((Text(display_safe(loaded.title)), loaded.id))
        select = self.query_one("#gen-target", Select)
        select.set_options(options)
        select.value = fresh.id if same is not None else NEW_DECK

    # -- reviewing ----------------------------------------------------------------------

    def _counts(self) -> dict[str, int]:
        counts = {"accepted": 0, "rejected": 0, "undecided": 0}
        for card in self._cards:
            counts[self.decision(card.id)] += 1
        return counts

    def _show_card(self) -> None:
        generation = self._generation
        if generation is None or not self._cards:
            return
        counts = self._counts()
        summary = (
            f"{generation.document.name}: {len(self._cards)} new candidate(s)"
            + (f", {generation.skipped} already known" if generation.skipped else "")
            + f" · ✓ {counts['accepted']} ✗ {counts['rejected']} · {counts['undecided']} undecided"
        )
        self.query_one("#gen-summary", Static).update(summary)
        card = self._cards[self._index]
        position = position_line(self._index, len(self._cards), card, self.decision(card.id))
        self.query_one("#gen-position", Static).update(position)
        self.query_one("#gen-card-body", Static).update(candidate_body(card))
        self.query_one("#gen-card", VerticalScroll).scroll_home(animate=False)

    def action_decide(self, decision: Decision) -> None:
        """Accept or reject the candidate on show and go on to the next undecided one."""
        if not self._cards:
            return
        self._decisions[self._cards[self._index].id] = decision
        self._advance()

    def _advance(self) -> None:
        count = len(self._cards)
        for step in range(1, count + 1):
            index = (self._index + step) % count
            if self.decision(self._cards[index].id) == "undecided":
                self._index = index
                break
        self._show_card()

    def action_move(self, step: int) -> None:
        """Show the previous or the next candidate."""
        if self._cards:
            self._index = max(0, min(len(self._cards) - 1, self._index + step))
            self._show_card()

    def action_accept_rest(self) -> None:
        """Accept every candidate not decided yet."""
        for card in self._cards:
            self._decisions.setdefault(card.id, "accepted")
        self._show_card()

    def action_edit(self) -> None:
        """Edit the candidate in the author form; the edited card is accepted."""
        if not self._cards:
            return
        index = self._index
        card = self._cards[index]

        def edited(result: AnyCard | None) -> None:
            if result is None:
                return
            self._cards[index] = result
            self._decisions[result.id] = "accepted"
            self._index = index
            self._advance()

        target = self.query_one("#gen-target", Select).value
        deck_id = target if isinstance(target, str) and target != NEW_DECK else None
        screen = AuthorScreen(card, write=False, target_deck=deck_id)
        self.app.push_screen(screen, edited)

    def target_path(self) -> Path:
        """The deck file the review is written to."""
        generation = self._generation
        assert generation is not None
        target = self.query_one("#gen-target", Select).value
        if isinstance(target, str) and target != NEW_DECK:
            path = self.nq.deck_path(target)
            if path is not None:
                return path
        return self.nq.decks_dir / f"{generation.fresh.id}.yaml"

    def action_write(self) -> None:
        """Write the accepted cards and the rejected ids to the chosen deck, then go back."""
        generation = self._generation
        if generation is None:
            return
        accepted = [card for card in self._cards if self.decision(card.id) == "accepted"]
        rejected = [card.id for card in self._cards if self.decision(card.id) == "rejected"]
        if not accepted and not rejected:
            self.notify("Accept (a) or reject (r) some cards first.", severity="warning")
            return
        path = self.target_path()
        try:
            write_review(path, generation.fresh, accepted, rejected)
        except NeuroquizError as error:
            self.notify(str(error), title="Not written", severity="error", markup=False)
            return
        self.nq.reload_decks()
        undecided = self._counts()["undecided"]
        note = f"; {undecided} undecided left out" if undecided else ""
        self.notify(
            f"{path.name}: {len(accepted)} card(s) added, {len(rejected)} rejected{note}.",
            timeout=5,
            markup=False,
        )
        self.app.pop_screen()

    def action_back(self) -> None:
        """Back to picking a document (from the review, once sure no decision is wanted),
        or leave the screen."""
        if self.phase == "review":
            counts = self._counts()
            lost = lost_decisions(counts["accepted"], counts["rejected"])
            if lost is None:
                self._abandon_review()
                return
            message = f"The decisions on {lost} are lost: nothing is written (ctrl+s writes)."
            dialog = ConfirmDialog("Abandon this review?", message, "Abandon")
            self.app.push_screen(dialog, lambda yes: self._abandon_review() if yes else None)
        elif self.phase == "working":
            # A thread cannot be stopped: its result will simply be ignored.
            self.workers.cancel_group(self, "generate")
            self.phase = "pick"
            self.query_one("#gen-status", Static).update("Cancelled.")
        else:
            self.app.pop_screen()

    def _abandon_review(self) -> None:
        if self.phase != "review":
            return
        self.phase = "pick"
        self._generation = None
        self._cards = []
        self.query_one("#gen-status", Static).update("Review abandoned: nothing was written.")
        self.query_one("#gen-path", Input).focus()
