"""Generate screen with an LLM server configured: the engine choice, recorded responses.

The server is the recorded-response fake of the LLM unit tests (a stdlib HTTP server on
127.0.0.1): nothing here reaches the network.
"""

from __future__ import annotations

import html
import re
import socket
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from tests.unit.generate.llm.recorded import Reply, cards, completion, replay
from textual.widgets import ProgressBar, Select

from neuroquiz.cli import cli
from neuroquiz.cli.context import AppContext
from neuroquiz.cli.tui_cmd import launch_tui
from neuroquiz.decks import load_deck
from neuroquiz.generate.llm import LlmConfig
from neuroquiz.tui.app import NeuroquizApp
from neuroquiz.tui.screens.generate import GenerateScreen
from neuroquiz.tui.screens.generate_pick import EngineChoice
from neuroquiz.tui.screens.generate_review import LlmServer

AppFactory = Callable[..., Any]

COMA = ("What does a score of 8 or less define?", "coma", "A score of 8 or less defines coma.")
SCORES = (
    "Which three responses does the Glasgow Coma Scale score?",
    "eyes, verbal and motor",
    "The Glasgow Coma Scale scores eyes, verbal response and motor response.",
)
# What the basics deck's gcs-range card already asks: the gate drops it as a near-duplicate.
RANGE = ("What is the range of the total score?", "3 to 15", "The total score ranges from 3 to 15.")


def _screen_text(app: Any) -> str:
    svg = app.export_screenshot()
    text = re.sub(r"<[^>]+>", "", svg.split("</style>", 1)[-1])
    return html.unescape(text).replace("\xa0", " ")


def _server(url: str, tmp_path: Path, **options: Any) -> LlmServer:
    config = LlmConfig(url=url, model="recorded", backoff=0.01, retries=1, **options)
    return LlmServer(config, tmp_path / "llm-cache")


def _dead_url() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}/v1"


async def _open(pilot: Any) -> GenerateScreen:
    await pilot.press("g")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, GenerateScreen)
    return screen


async def _generate(pilot: Any, screen: GenerateScreen, engine: str) -> None:
    if engine:
        screen.query_one("#gen-engine", Select).value = engine
    screen.query_one("#gen-path").value = "trauma.txt"  # type: ignore[attr-defined]
    await pilot.press("ctrl+g")
    await pilot.pause()
    if screen.worker is not None:
        await screen.worker.wait()
    await pilot.pause()


async def _reloaded(pilot: Any) -> None:
    await pilot.pause()
    reloads = [w for w in pilot.app.workers if w.group == "reload-decks"]
    await pilot.app.workers.wait_for_complete(reloads)
    await pilot.pause()


def test_no_server_configured_no_choice(make_app: AppFactory, run: Any) -> None:
    app = make_app()

    async def scenario(pilot: Any) -> None:
        screen = await _open(pilot)
        assert not screen.query(EngineChoice)
        text = _screen_text(app)
        assert "Engine" not in text and "LLM" not in text

    run(app, scenario)


def test_server_configured_choice_shown_rules_default_and_nothing_sent(
    make_app: AppFactory, run: Any, tmp_path: Path
) -> None:
    with replay([cards(COMA)]) as (url, received):
        app = make_app(llm=_server(url, tmp_path))

        async def scenario(pilot: Any) -> None:
            screen = await _open(pilot)
            choice = screen.query_one(EngineChoice)
            assert choice.engine == "rules"
            text = _screen_text(app)
            assert "rules (offline)" in text and "LLM:" not in text
            assert f"sends the document's text to {url}" in " ".join(text.split())
            select = screen.query_one("#gen-engine", Select)
            select.focus()
            await pilot.press("enter")  # open the choice: both engines are offered
            await pilot.pause()
            assert f"LLM: recorded at {url}" in _screen_text(app)
            await pilot.press("escape")
            await pilot.pause()
            assert select.value == "rules" and not select.expanded
            await _generate(pilot, screen, "")  # the default: the rules
            assert screen.phase == "review"
            assert all(card.id.startswith("trauma-") for card in screen.cards)

        run(app, scenario)
        assert received == []  # the rules engine sent nothing


def test_llm_candidates_reviewed_accepted_and_written(
    make_app: AppFactory, run: Any, tmp_path: Path, decks_dir: Path
) -> None:
    """Two chunks (one request each, in order), the bar counting them; the near-duplicate
    of the basics deck's card is not proposed; accept one, reject one, write."""
    rejected: list[str] = []
    replies = [cards(SCORES), cards(COMA, RANGE)]
    with replay(replies) as (url, received):
        server = _server(url, tmp_path, context_chars=150, concurrency=1)
        app = make_app(llm=server)

        async def scenario(pilot: Any) -> None:
            screen = await _open(pilot)
            await _generate(pilot, screen, "llm")
            assert screen.phase == "review"
            shown = [(c.front, c.back) for c in screen.cards]  # type: ignore[union-attr]
            assert shown == [SCORES[:2], COMA[:2]]
            bar = screen.query_one("#gen-progress", ProgressBar)
            assert (bar.total, bar.progress) == (2, 2)  # per chunk
            assert "Card 1 of 2" in _screen_text(app)
            rejected.append(screen.cards[1].id)
            await pilot.press("a", "r", "ctrl+s")
            await _reloaded(pilot)
            assert not isinstance(app.screen, GenerateScreen)

        run(app, scenario)
    assert len(received) == 2
    assert SCORES[2] in received[0]["messages"][-1]["content"]
    assert COMA[2] in received[1]["messages"][-1]["content"]
    deck = load_deck(decks_dir / "trauma.yaml")
    (card,) = deck.cards
    assert card.origin == "generated"
    assert (card.front, card.back) == SCORES[:2]  # type: ignore[union-attr]
    assert card.source is not None and card.source.sentences == (SCORES[2],)
    assert deck.rejected == tuple(rejected)
    assert deck.generated == (card.id,)
    assert deck.sources == ("trauma.txt",)


@pytest.mark.parametrize(
    ("reply", "cause"),
    [
        (None, "trauma.txt: cannot reach"),
        (completion("{not json"), "trauma.txt: the model's answer is not valid JSON"),
        (
            cards(("What defines coma?", "a low sodium", COMA[2])),
            "trauma.txt: no card passed the checks (dropped: 1 answer-not-in-source)",
        ),
    ],
    ids=["server-down", "invalid-json", "no-card-passed"],
)
def test_llm_failure_is_one_line_and_the_app_goes_on(
    make_app: AppFactory, run: Any, tmp_path: Path, reply: Reply | None, cause: str
) -> None:
    def scenario_for(app: NeuroquizApp) -> Any:
        async def scenario(pilot: Any) -> None:
            screen = await _open(pilot)
            await _generate(pilot, screen, "llm")
            assert screen.phase == "pick"
            status = str(screen.query_one("#gen-status").render())
            assert status.startswith(cause) and "\n" not in status
            assert "Traceback" not in _screen_text(app)
            await _generate(pilot, screen, "rules")  # the screen still works
            assert screen.phase == "review"

        return scenario

    if reply is None:
        app = make_app(llm=_server(_dead_url(), tmp_path))
        run(app, scenario_for(app))
    else:
        with replay([reply]) as (url, _):
            app = make_app(llm=_server(url, tmp_path))
            run(app, scenario_for(app))


def test_launch_reads_the_server_from_the_environment(
    tmp_path: Path, decks_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ran: list[NeuroquizApp] = []
    monkeypatch.setattr(NeuroquizApp, "run", lambda self, *a, **k: ran.append(self))
    monkeypatch.setenv("NEUROQUIZ_LLM_URL", "http://127.0.0.1:9/v1")
    monkeypatch.setenv("NEUROQUIZ_LLM_MODEL", "llama3.2")
    monkeypatch.setenv("NEUROQUIZ_LLM_CACHE", str(tmp_path / "cache"))
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "p.db"), "--decks", str(decks_dir)])
    assert result.exit_code == 0, result.output
    (app,) = ran
    assert app.llm is not None
    assert (app.llm.config.url, app.llm.config.model) == ("http://127.0.0.1:9/v1", "llama3.2")
    assert app.llm.cache_dir == tmp_path / "cache"
    launch_tui(AppContext(db_path=tmp_path / "p.db", decks_dir=decks_dir))
    assert ran[1].llm is None  # nothing configured: only the rules


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--llm-url", "http://127.0.0.1:9/v1"], "--llm-url needs --llm-model"),
        (["--llm-model", "m"], "--llm-model needs --llm-url"),
        (["--llm-url", "127.0.0.1:9", "--llm-model", "m"], "must be an http:// or https:// URL"),
        (
            ["--llm-url", "http://h/v1", "--llm-model", "m", "--llm-key-env", "NQ_UNSET_KEY"],
            "the variable NQ_UNSET_KEY is not set",
        ),
    ],
)
def test_bad_server_options_one_line_exit_2(
    tmp_path: Path,
    decks_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    message: str,
) -> None:
    monkeypatch.setattr(NeuroquizApp, "run", lambda self: pytest.fail("the app must not run"))
    monkeypatch.delenv("NEUROQUIZ_LLM_URL", raising=False)
    monkeypatch.delenv("NEUROQUIZ_LLM_MODEL", raising=False)
    monkeypatch.delenv("NQ_UNSET_KEY", raising=False)
    base = ["--db", str(tmp_path / "p.db"), "--decks", str(decks_dir)]
    result = CliRunner().invoke(cli, [*base, *args])
    assert result.exit_code == 2
    assert message in result.output and "Traceback" not in result.output
    assert not (tmp_path / "p.db").exists()  # refused before anything was opened


def test_generate_pick_with_llm_snapshot(snap_compare: Any, make_app: AppFactory) -> None:
    server = LlmServer(LlmConfig(url="http://127.0.0.1:8080/v1", model="llama3.2"), Path("x"))
    assert snap_compare(make_app(llm=server), press=["g"], terminal_size=(80, 24))
