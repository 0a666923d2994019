"""The instructor's cohort report in the app (``neuroquiz --cohort DIR``): the palette
command, the report's tables, the worker, a hardest card opened in the author screen, and
bad ``--cohort`` directories."""

from __future__ import annotations

import random
import threading
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from tests.tui.conftest import NOW, AppFactory, FixedClock
from textual.widgets._tabs import Underline

from neuroquiz.cli import cli
from neuroquiz.cohort.export import export_reviews
from neuroquiz.cohort.service import cohort_report
from neuroquiz.decks import load_decks
from neuroquiz.store import StudyOptions, open_store
from neuroquiz.study import StudyCard, StudySession
from neuroquiz.tui.app import NeuroquizApp
from neuroquiz.tui.screens import cohort as cohort_screen
from neuroquiz.tui.screens.author import AuthorScreen
from neuroquiz.tui.screens.cohort import CohortScreen

LEECH = "sah-headache"
DAYS = 20


def _grade(card: StudyCard, rng: random.Random) -> int:
    """The leech is failed each time it was recalled the time before; the rest pass."""
    if card.is_redrill:
        return 5
    if card.key == LEECH:
        return 1 if card.state.repetitions > 0 else 5
    return rng.choice((3, 4, 5))


def _study(db: Path, decks_dir: Path, seed: int) -> None:
    """DAYS days of study of the test decks through StudySession, ending before NOW."""
    store = open_store(db)
    try:
        store.sync([item.deck for item in load_decks([decks_dir]).decks])
        store.set_study_options(StudyOptions(bury_siblings=False, leech_lapses=0))
        rng = random.Random(seed)
        for offset in range(DAYS, 0, -1):
            clock = FixedClock(NOW - timedelta(days=offset))
            session = StudySession(store, clock=clock, rng=random.Random(seed + offset))
            while (card := session.current) is not None:
                clock.advance(seconds=rng.randrange(5, 30))
                session.answer(_grade(card, rng), answer_ms=rng.randrange(500, 5000))
    finally:
        store.close()


@pytest.fixture
def dataset(tmp_path: Path, decks_dir: Path) -> Path:
    """Three learners' exports of the test decks: each turns sah-headache into a leech."""
    out = tmp_path / "cohort"
    for seed, name in enumerate(("ann", "ben", "cat")):
        db = tmp_path / f"{name}.db"
        _study(db, decks_dir, seed)
        export_reviews(db, out, learner=name)
    return out


def _cells(table: Any, row: int) -> list[str]:
    return [str(getattr(cell, "plain", cell)) for cell in table.get_row_at(row)]


async def _open_from_palette(app: NeuroquizApp, pilot: Any) -> CohortScreen:
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*"Cohort report")
    await pilot.pause(0.3)
    await pilot.press("enter")
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, CohortScreen)
    return screen


def test_the_palette_offers_the_report_only_with_a_cohort(
    make_app: AppFactory, dataset: Path, run: Any
) -> None:
    plain = make_app()

    async def without(pilot: Any) -> None:
        titles = {command.title for command in plain.get_system_commands(plain.screen)}
        assert "Cohort report" not in titles and "Browse" in titles

    run(plain, without)


def test_the_report_opens_from_the_palette_with_the_cli_figures(
    make_app: AppFactory, dataset: Path, decks_dir: Path, clock: FixedClock, run: Any
) -> None:
    app = make_app(cohort_dirs=(dataset,))
    expected = cohort_report([dataset], decks_dir=decks_dir, today=app.today()).report

    async def scenario(pilot: Any) -> None:
        screen = await _open_from_palette(app, pilot)
        assert screen.report == expected  # what `neuroquiz cohort` computes
        hardest = screen.query_one("#cohort-hardest")
        assert hardest.row_count == 5  # every study card; 3 learners each
        first = _cells(hardest, 0)
        assert first[:7] == ["1", LEECH, "vascular", "basic", "authored", "3", first[6]]
        assert first[10] == "100%"  # a leech for every learner
        assert first[11] == (
            "What headache is typical of subarachnoid haemorrhage? → "
            "Sudden, the worst of the patient's life (thunderclap)"
        )
        assert int(first[6]) == expected.hardest[0].figures.reviews > DAYS
        # The highlighted card's whole text under the table (the column is cut).
        assert str(screen.query_one("#cohort-card").content) == first[11]
        await pilot.press("down")
        await pilot.pause()
        assert str(screen.query_one("#cohort-card").content) == _cells(hardest, 1)[11]
        decks = screen.query_one("#cohort-decks")
        assert [_cells(decks, i)[:3] for i in range(decks.row_count)] == [
            ["basics", "Neuro basics", "4"],
            ["vascular", "Vascular", "1"],
        ]
        learners = screen.query_one("#cohort-learners")
        assert [_cells(learners, i)[0] for i in range(learners.row_count)] == ["ann", "ben", "cat"]
        # Each studied the day before NOW: streaks of DAYS days, as of today.
        assert all(_cells(learners, i)[7] == str(DAYS) for i in range(3))
        origins = screen.query_one("#cohort-origins")
        assert _cells(origins, 0)[:3] == ["authored", "5", "3"]
        status = str(screen.query_one("#cohort-status").content)
        assert status.startswith(f"3 learners, {expected.reviews:,} answers")
        # The tabs by key; "Edit card" only on the hardest cards.
        await pilot.press("3")
        await pilot.pause()
        assert screen.query_one("#cohort-tabs").active == "learners"
        assert screen.check_action("edit", ()) is None
        await pilot.press("1")
        await pilot.pause()
        assert screen.check_action("edit", ()) is True

    run(app, scenario)


def test_a_hardest_card_opens_in_the_author_screen(
    make_app: AppFactory, dataset: Path, decks_dir: Path, run: Any
) -> None:
    app = make_app(cohort_dirs=(dataset,))

    async def scenario(pilot: Any) -> None:
        screen = await _open_from_palette(app, pilot)
        await pilot.press("e")  # the cursor is on the hardest card
        await pilot.pause()
        author = app.screen
        assert isinstance(author, AuthorScreen) and author.card is not None
        assert author.card.id == LEECH and author.deck_id == "vascular"
        author.query_one("#author-front").load_text("Thunderclap headache means?")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is screen
        row = _cells(screen.query_one("#cohort-hardest"), 0)
        assert row[1] == LEECH and row[11].startswith("Thunderclap headache means? → Sudden")
        # enter opens the selected card too
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, AuthorScreen)
        assert app.screen.card is not None and app.screen.card.id != LEECH

    run(app, scenario)
    assert "front: Thunderclap headache means?" in (decks_dir / "vascular.yaml").read_text()


def test_the_report_is_read_in_a_worker_and_the_screen_answers_meanwhile(
    make_app: AppFactory, dataset: Path, run: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()
    threads: list[str] = []

    def slow_report(*args: Any, **kwargs: Any) -> Any:
        threads.append(threading.current_thread().name)
        assert release.wait(10)
        return cohort_report(*args, **kwargs)

    monkeypatch.setattr(cohort_screen, "cohort_report", slow_report)
    app = make_app(cohort_dirs=(dataset,))

    async def scenario(pilot: Any) -> None:
        app.open_screen("cohort", dirs=(dataset,))
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CohortScreen) and screen.loading
        assert "Reading the cohort's exports" in str(screen.query_one("#cohort-status").content)
        await pilot.press("2")  # keys are handled while the worker waits
        await pilot.pause()
        assert screen.query_one("#cohort-tabs").active == "decks"
        assert screen.check_action("reload", ()) is None
        assert screen.query_one("#cohort-decks").row_count == 0
        release.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not screen.loading and screen.query_one("#cohort-decks").row_count == 2
        assert threads and threads[0] != threading.main_thread().name

    run(app, scenario)


def test_files_spoilt_after_the_start_are_said_in_the_screen_and_reload_reads_again(
    make_app: AppFactory, dataset: Path, run: Any
) -> None:
    app = make_app(cohort_dirs=(dataset,))
    spoilt = dataset / "learner=ben" / "reviews.parquet"
    good = spoilt.read_bytes()
    spoilt.write_bytes(b"not parquet at all")

    async def scenario(pilot: Any) -> None:
        screen = await _open_from_palette(app, pilot)
        status = str(screen.query_one("#cohort-status").content)
        assert status == (
            f"Could not read the cohort: {spoilt}: not a neuroquiz reviews file "
            "(not a Parquet file)"
        )
        shown = [n for n in app._notifications if n.title == "Cohort report"]
        assert len(shown) == 1 and str(spoilt) in shown[0].message
        assert screen.query_one("#cohort-hardest").row_count == 0
        spoilt.write_bytes(good)
        await pilot.press("r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.query_one("#cohort-hardest").row_count == 5
        assert str(screen.query_one("#cohort-status").content).startswith("3 learners, ")

    run(app, scenario)


# -- neuroquiz --cohort DIR -------------------------------------------------------------


@pytest.fixture
def ran(monkeypatch: pytest.MonkeyPatch) -> list[NeuroquizApp]:
    """The apps the CLI built and ran (run() is faked: nothing is drawn)."""
    apps: list[NeuroquizApp] = []
    monkeypatch.setattr(NeuroquizApp, "run", lambda self, *a, **k: apps.append(self))
    return apps


def _launch(tmp_path: Path, decks_dir: Path, *args: str) -> Any:
    argv = ["--db", str(tmp_path / "i.db"), "--decks", str(decks_dir), *args]
    return CliRunner().invoke(cli, argv, catch_exceptions=False)


def test_launch_with_a_cohort_gives_the_app_its_directories(
    tmp_path: Path, decks_dir: Path, dataset: Path, ran: list[NeuroquizApp]
) -> None:
    result = _launch(tmp_path, decks_dir, "--cohort", str(dataset))
    assert result.exit_code == 0, result.output
    assert [app.cohort_dirs for app in ran] == [(dataset,)]


@pytest.mark.parametrize(
    ("make", "problem"),
    [
        (lambda root: root / "missing", "no such directory"),
        (lambda root: root, "no learner data here"),
    ],
)
def test_a_bad_cohort_directory_is_one_line_and_exit_1_before_the_app(
    tmp_path: Path, decks_dir: Path, ran: list[NeuroquizApp], make: Any, problem: str
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    bad = make(empty)
    result = _launch(tmp_path, decks_dir, "--cohort", str(bad))
    assert result.exit_code == 1 and not ran
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"neuroquiz: error: {bad}: {problem}")
    assert not (tmp_path / "i.db").exists()  # nothing written


def test_cohort_with_a_command_is_a_usage_error(
    tmp_path: Path, decks_dir: Path, dataset: Path, ran: list[NeuroquizApp]
) -> None:
    result = _launch(tmp_path, decks_dir, "--cohort", str(dataset), "stats")
    assert result.exit_code == 2 and not ran
    assert "'neuroquiz cohort DIR'" in result.stderr


def test_a_learner_given_twice_is_one_line_and_exit_1_before_the_app(
    tmp_path: Path, decks_dir: Path, dataset: Path, ran: list[NeuroquizApp]
) -> None:
    again = dataset / "learner=ann"
    result = _launch(tmp_path, decks_dir, "--cohort", str(dataset), "--cohort", str(again))
    assert result.exit_code == 1 and not ran
    assert result.stderr.splitlines() == [
        f"neuroquiz: error: {again}: learner 'ann' is also in {again}: "
        "give each learner's export once"
    ]


def test_cohort_snapshot(snap_compare: Any, make_app: AppFactory, dataset: Path) -> None:
    app = make_app(cohort_dirs=(dataset,))

    async def run_before(pilot: Any) -> None:
        app.open_screen("cohort", dirs=(dataset,))
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        # The tabs' underline is placed once the tab labels are laid out, a frame or more
        # later on a busy machine (CI drew it before it was placed): wait for it.
        underline = app.screen.query_one(Underline)
        for _ in range(100):
            if underline.highlight_end > underline.highlight_start:
                break
            await pilot.pause(0.01)

    assert snap_compare(app, run_before=run_before, terminal_size=(80, 24))
