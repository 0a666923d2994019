"""Pilot tests: a reversed basic card is studied both ways, the back-to-front card asking
the back; the answers land in the database under both study keys."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.widgets import Static

from neuroquiz.store import ProgressStore, StudyOptions
from neuroquiz.tui.screens.study import StudyScreen

AppFactory = Callable[..., Any]
QUESTION = "What headache is typical of subarachnoid haemorrhage?"
ANSWER = "Sudden, the worst of the patient's life (thunderclap)"


def _reverse_vascular(decks_dir: Path) -> None:
    path = decks_dir / "vascular.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "    reverse: true\n", encoding="utf-8")


def _shown(app: Any) -> tuple[str, str, str]:
    screen = app.screen
    return (
        str(screen.query_one("#card-meta", Static).content),
        str(screen.query_one("#card-front", Static).content),
        str(screen.query_one("#card-back", Static).content),
    )


def test_the_reverse_card_asks_the_back_and_answers_with_the_front(
    make_app: AppFactory, store: ProgressStore, decks_dir: Path, run: Any
) -> None:
    _reverse_vascular(decks_dir)
    store.set_study_options(StudyOptions(bury_siblings=False))
    app = make_app()
    seen: list[tuple[str, str, str]] = []

    async def scenario(pilot: Any) -> None:
        await pilot.press("down", "enter")  # the Vascular deck
        await pilot.pause()
        for _ in range(2):
            assert isinstance(app.screen, StudyScreen)
            await pilot.press("space")
            await pilot.pause()
            seen.append(_shown(app))
            await pilot.press("4")
            await pilot.pause()

    run(app, scenario)
    (meta1, front1, back1), (meta2, front2, back2) = seen
    assert "basic, forward" in meta1 and (front1, back1) == (QUESTION, ANSWER)
    assert "basic, reversed" in meta2 and (front2, back2) == (ANSWER, QUESTION)
    keys = [row["key"] for row in store.db["review_log"].rows_where(order_by="id")]
    assert keys == ["sah-headache", "sah-headache:reverse"]


def test_siblings_buried_only_the_forward_card_comes_today(
    make_app: AppFactory, store: ProgressStore, decks_dir: Path, run: Any
) -> None:
    _reverse_vascular(decks_dir)
    app = make_app()

    async def scenario(pilot: Any) -> None:
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, StudyScreen)
        assert app.screen.session.left == 1

    run(app, scenario)
