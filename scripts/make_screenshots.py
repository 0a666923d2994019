"""Make the README screenshots: drive the app with Pilot and save SVGs in docs/screenshots/.

The app runs headless at 80x24 on a copy of the bundled decks, with a temporary progress
database, a fixed clock (Monday 2 March 2026, 09:00, UTC+1) and ``random.Random(7)``. Before
the app starts, four weeks of study are simulated with the same services the app uses (the
injected clock is moved day by day), so the home counts and the statistics plots have data.
Nothing depends on the real time, the machine or the temporary paths: running the script
twice gives byte-identical files.

Usage (from the repository root):

    python scripts/make_screenshots.py              # writes docs/screenshots/*.svg
    python scripts/make_screenshots.py --out /tmp/shots

View a result as PNG with ``rsvg-convert docs/screenshots/home.svg -o /tmp/home.png``.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from pathlib import Path
from textwrap import dedent
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.pilot import Pilot

    from neuroquiz.store import ProgressStore
    from neuroquiz.tui.app import NeuroquizApp

REPO = Path(__file__).resolve().parent.parent
"""The repository root (this file is ``scripts/make_screenshots.py``)."""
DEFAULT_OUT = REPO / "docs" / "screenshots"
"""Where the screenshots go by default."""
SIZE = (80, 24)
"""Terminal size of every screenshot: the smallest the app is designed for."""
TZ = timezone(timedelta(hours=1))
"""A fixed UTC offset, so the study days do not depend on the machine's timezone."""
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=TZ)
"""The moment the app is opened: a Monday morning."""
SEED = 7
"""Seed of the app's random generator (session order, quiz options)."""
HISTORY_DAYS = tuple(day for day in range(29, 0, -1) if day not in (26, 21, 17, 12, 8))
"""Days before :data:`NOW` with a simulated session: four weeks, a few days off."""
NEW_PER_HISTORY_DAY = (1, 2)
"""New study cards learned on a simulated day: one or two (some stay new for today)."""
GRADE_WEIGHTS = {5: 40, 4: 35, 3: 15, 2: 7, 1: 3}
"""How often each grade is given in the simulated history."""
BROWSE_QUERY = "-type:cloze"
"""The search shown in the browser: every card that is not a cloze."""
DETAIL_CARD = "nb-gcs-range"
"""The card opened from the browser (card detail, then the author screen)."""
EXTRA_DOCUMENT = "chronic-subdural-hematoma.txt"
"""A document with no deck yet, so that the generate screen has candidates to review."""
EXTRA_DOCUMENT_TEXT = dedent(
    """\
    Chronic Subdural Hematoma

    A chronic subdural hematoma is a collection of old blood between the dura mater and the
    arachnoid mater. It is most common in elderly patients, in whom brain atrophy stretches
    the bridging veins. Risk factors include anticoagulant therapy, antiplatelet drugs,
    alcohol misuse and repeated falls.

    Patients typically present weeks after a minor head injury with headache, confusion,
    gait disturbance or hemiparesis. On CT the hematoma is classically a hypodense,
    crescent-shaped collection that can cross the suture lines.

    Symptomatic hematomas are usually treated with burr-hole drainage. Recurrence after
    drainage occurs in about 10 to 20 percent of patients. Middle meningeal artery
    embolization lowers the risk of recurrence.
    """
)


class FixedClock:
    """The app's only clock: it stands still until the script moves it."""

    def __init__(self, now: datetime) -> None:
        """Start at ``now`` (an aware datetime)."""
        self.now = now

    def __call__(self) -> datetime:
        """The current (simulated) time."""
        return self.now

    def advance(self, seconds: float) -> None:
        """Move the clock forward by ``seconds``."""
        self.now += timedelta(seconds=seconds)


def simulate_history(store: ProgressStore, clock: FixedClock, rng: random.Random) -> None:
    """Answer cards on each day of :data:`HISTORY_DAYS`, as a resident would have.

    Each day the due reviews are answered and one or two new cards are learned, with grades
    drawn from :data:`GRADE_WEIGHTS`; re-drills are answered too (with a 5).

    Args:
        store: The progress store, synced with the decks.
        clock: Moved to each simulated day and along each session.
        rng: The generator for grades, answer times and re-drill spacing.
    """
    from neuroquiz.study import StudySession

    grades, weights = list(GRADE_WEIGHTS), list(GRADE_WEIGHTS.values())
    for days_ago in HISTORY_DAYS:
        clock.now = NOW.replace(hour=19, minute=30) - timedelta(days=days_ago)
        session = StudySession(store, clock=clock, rng=rng)
        learned, new_today = 0, rng.choice(NEW_PER_HISTORY_DAY)
        while (current := session.current) is not None:
            if current.is_new and not current.is_redrill:
                if learned == new_today:
                    break
                learned += 1
            answer_ms = rng.randint(4_000, 25_000)
            clock.advance(answer_ms / 1000)
            grade = 5 if current.is_redrill else rng.choices(grades, weights)[0]
            session.answer(grade, answer_ms=answer_ms)
    clock.now = NOW


@contextmanager
def workspace() -> Iterator[Path]:
    """A temporary folder holding ``decks/`` (a copy of the bundled decks) and the database.

    The process works from inside it and names the decks by the relative path ``decks``,
    so that no temporary path shows in a screenshot.
    """
    from neuroquiz.paths import bundled_decks_dir

    previous = Path.cwd()
    with tempfile.TemporaryDirectory(prefix="neuroquiz-screenshots-") as scratch:
        root = Path(scratch)
        decks = root / "decks"
        shutil.copytree(bundled_decks_dir(), decks, ignore=shutil.ignore_patterns(".*"))
        (decks / "sources").chmod(0o755)
        (decks / "sources" / EXTRA_DOCUMENT).write_text(EXTRA_DOCUMENT_TEXT, encoding="utf-8")
        os.chdir(root)
        try:
            yield root
        finally:
            os.chdir(previous)


def build_app(root: Path, clock: FixedClock) -> tuple[NeuroquizApp, ProgressStore]:
    """Open the temporary store, sync the decks, simulate the history and build the app."""
    from neuroquiz.decks import load_decks
    from neuroquiz.store import open_store
    from neuroquiz.tui.app import create_app

    store = open_store(root / "progress.db", synchronous="NORMAL")
    decks_dir = Path("decks")
    loaded = load_decks([decks_dir])
    store.sync([item.deck for item in loaded.decks])
    simulate_history(store, clock, random.Random(SEED))
    app = create_app(
        store=store, decks_dir=decks_dir, clock=clock, rng=random.Random(SEED), loaded=loaded
    )
    app.animation_level = "none"
    return app, store


class Shooter:
    """Saves the screen of a running app as an SVG, made deterministic first."""

    def __init__(self, pilot: Pilot[Any], out: Path, scratch: Path) -> None:
        """Save into ``out``; ``scratch`` receives Textual's own file first."""
        self.pilot = pilot
        self.out = out
        self.scratch = scratch
        self.written: list[Path] = []

    async def settle(self) -> None:
        """Let pending messages and refreshes run, with every text cursor shown steadily.

        A blinking cursor is drawn or not depending on the real time: stop the blinking.
        """
        from textual.widgets import Input, TextArea

        app = self.pilot.app
        for _ in range(3):
            await self.pilot.pause()
            for screen in app.screen_stack:
                for widget in screen.query(Input):
                    widget.cursor_blink = False
                for area in screen.query(TextArea):
                    area.cursor_blink = False
        await self.pilot.wait_for_scheduled_animations()
        await self.pilot.pause()

    async def shot(self, name: str) -> None:
        """Save the current screen as ``<out>/<name>.svg`` (atomically)."""
        from neuroquiz.fileio import write_text_atomic

        app = self.pilot.app
        app.clear_notifications()  # toasts expire in real time: never part of a picture
        await self.settle()
        saved = Path(app.save_screenshot(filename=f"{name}.svg", path=str(self.scratch)))
        target = self.out / f"{name}.svg"
        write_text_atomic(target, saved.read_text(encoding="utf-8"))
        self.written.append(target)


async def wait_until(
    pilot: Pilot[Any], condition: Callable[[], bool], what: str, tries: int = 250
) -> None:
    """Pause until ``condition()`` is true (a worker finished, a tree loaded)."""
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.02)
    raise RuntimeError(f"timed out waiting for {what}")


async def status_tick(pilot: Pilot[Any]) -> None:
    """Wait (in real time) for the study status line's once-a-second refresh.

    The line shows the time spent by the fixed clock, which the script moves; it is redrawn
    every real second, so without this wait a shot would show the time before or after the
    last move depending on the machine's speed.
    """
    await pilot.pause(1.2)


async def study(pilot: Pilot[Any], shooter: Shooter, clock: FixedClock) -> None:
    """Study all due cards: a cloze front and back, a source, a few grades, the summary."""
    from neuroquiz.tui.screens.study import StudyScreen
    from neuroquiz.tui.screens.summary import SummaryScreen

    await pilot.press("a")
    await shooter.settle()
    screen = pilot.app.screen
    assert isinstance(screen, StudyScreen)
    # First grades: the 2 and the 3 bring their cards back (re-drill), the rest pass.
    grades = iter((4, 5, 2, 4, 3, 5, 4, 5, 5, 4, 5, 4))
    shot_cloze = shot_source = False
    first_answers = 0
    while (current := screen.session.current) is not None and first_answers < 10:
        clock.advance(6)  # reading the question
        cloze = current.card.type == "cloze" and not current.is_redrill
        if cloze and not shot_cloze:
            await status_tick(pilot)
            await shooter.shot("study-front")
        await pilot.press("space")
        clock.advance(5)
        if cloze and not shot_cloze:
            await status_tick(pilot)
            await shooter.shot("study-back")
            shot_cloze = True
        if current.card.source is not None and not shot_source:
            await pilot.press("c")
            dialog = pilot.app.screen  # it reads the document in a worker: wait for it
            await pilot.app.workers.wait_for_complete(
                [worker for worker in pilot.app.workers if worker.node is dialog]
            )
            await status_tick(pilot)
            await shooter.shot("source")
            await pilot.press("escape")
            shot_source = True
        if current.is_redrill:
            await pilot.press("5")
        else:
            await pilot.press(str(next(grades)))
            first_answers += 1
    await shooter.settle()
    if isinstance(pilot.app.screen, StudyScreen):  # else the last card ended the session
        await pilot.press("escape")
        await shooter.settle()
    if not isinstance(pilot.app.screen, SummaryScreen):
        raise RuntimeError("the session summary is not shown")
    await shooter.shot("summary")
    await pilot.press("escape")


async def quiz(pilot: Pilot[Any], shooter: Shooter) -> None:
    """A quiz on every deck: the first question answered wrongly, to show the feedback."""
    from neuroquiz.tui.screens.quiz import QuizScreen

    await pilot.press("q")
    await shooter.settle()
    screen = pilot.app.screen
    assert isinstance(screen, QuizScreen)
    await pilot.press("ctrl+s")
    await shooter.settle()
    quiz = screen.quiz
    assert quiz is not None
    # Answer rightly until a question made from a document comes up (its feedback quotes
    # the source sentence); answer that one wrongly, to show the whole feedback. If no
    # question of this quiz came from a document (the generated decks' answers may be too
    # long to make options of), the first one is answered wrongly.
    sourced = [q for q in quiz.questions if q.source_sentence]
    target = (sourced or list(quiz.questions))[0]
    while (question := quiz.current) is not None:
        if question is target:
            wrong = next(i for i in range(len(question.options)) if i != question.correct_index)
            await pilot.press(str(wrong + 1))
            await shooter.shot("quiz")
            break
        await pilot.press(str(question.correct_index + 1))
        await pilot.press("enter")
    else:
        raise RuntimeError("the quiz ended before its chosen question")
    await pilot.press("escape")  # the score
    await pilot.press("escape")  # home


async def browse_and_author(pilot: Pilot[Any], shooter: Shooter) -> None:
    """Browse with a search, open a card, then edit it in the author screen."""
    from textual.widgets import DataTable

    await pilot.press("b")
    await shooter.settle()
    await pilot.press("slash")
    await pilot.press(*BROWSE_QUERY)
    await pilot.press("enter")
    await shooter.shot("browse")
    table = pilot.app.screen.query_one("#browse-table", DataTable)
    table.move_cursor(row=table.get_row_index(DETAIL_CARD), animate=False)
    await pilot.press("enter")
    await shooter.shot("card-detail")
    await pilot.press("escape")
    await pilot.press("e")
    await shooter.shot("author")
    await pilot.press("escape")  # unchanged: closes without asking
    await pilot.press("escape")  # home


async def generate(pilot: Pilot[Any], shooter: Shooter) -> None:
    """Generate candidates from the extra document and review the first two."""
    from textual.widgets import Input

    from neuroquiz.tui.screens.generate import DocumentTree, GenerateScreen

    await pilot.press("g")
    await shooter.settle()
    screen = pilot.app.screen
    assert isinstance(screen, GenerateScreen)
    tree = screen.query_one(DocumentTree)
    await wait_until(pilot, lambda: len(tree.root.children) > 0, "the document tree")
    screen.query_one("#gen-path", Input).value = EXTRA_DOCUMENT
    await pilot.press("ctrl+g")
    await shooter.settle()
    worker = screen.worker
    if worker is not None:
        await worker.wait()
    await wait_until(pilot, lambda: screen.phase == "review", "the candidates")
    await pilot.press("a")  # accept the first candidate; the second is shown
    await shooter.shot("generate")
    await pilot.press("escape")  # a card was accepted: asks before throwing it away
    await shooter.settle()
    await pilot.press("y")  # back to picking: nothing is written
    await shooter.settle()
    await pilot.press("escape")  # home


async def stats(pilot: Pilot[Any], shooter: Shooter) -> None:
    """The statistics screen on its first tab (reviews per day)."""
    await pilot.press("t")
    await shooter.shot("stats")
    await pilot.press("escape")


async def drive(app: NeuroquizApp, clock: FixedClock, out: Path, scratch: Path) -> list[Path]:
    """Run the app headless through the main screens and save a screenshot of each."""
    async with app.run_test(size=SIZE) as pilot:
        shooter = Shooter(pilot, out, scratch)
        await shooter.shot("home")
        await study(pilot, shooter, clock)
        await quiz(pilot, shooter)
        await browse_and_author(pilot, shooter)
        await generate(pilot, shooter)
        await stats(pilot, shooter)
        return shooter.written


def main(argv: list[str] | None = None) -> int:
    """Make every screenshot; print the files written."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output directory")
    args = parser.parse_args(argv)
    out: Path = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    os.environ["TEXTUAL_ANIMATIONS"] = "none"
    os.environ.pop("NO_COLOR", None)  # the pictures are in colour whatever the terminal says
    clock = FixedClock(NOW)
    with workspace() as root:
        app, store = build_app(root, clock)
        try:
            written = asyncio.run(drive(app, clock, out, root))
        finally:
            store.close()
    for path in written:
        sys.stdout.write(f"wrote {path}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
