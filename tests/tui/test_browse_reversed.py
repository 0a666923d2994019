"""Browse: a reversed card is marked in the table, found by ``is:reversed``, and its detail
lists both study cards (read from the DATABASE); Generate leaves out its second side."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from neuroquiz.models import BasicCard, Deck
from neuroquiz.store import ProgressStore
from neuroquiz.study.search import parse_query, search_cards
from neuroquiz.tui.screens.browse import BrowseScreen, type_label
from neuroquiz.tui.screens.card_detail import CardDetailScreen
from neuroquiz.tui.screens.generate_review import propose

AppFactory = Callable[..., Any]


def _screen_text(app: Any) -> str:
    svg = app.export_screenshot()
    text = re.sub(r"<[^>]+>", "", svg.split("</style>", 1)[-1])
    return html.unescape(text).replace("\xa0", " ")


def test_is_reversed_and_is_typed_find_only_those_cards() -> None:
    store = ProgressStore(Database(memory=True))
    cards = (
        BasicCard(id="one", front="Q1", back="A1", reverse=True),
        BasicCard(id="two", front="Q2", back="A2"),
        BasicCard(id="three", front="Q3", back="A3", typed=True, reverse=True),
    )
    store.sync([Deck(id="d", title="D", cards=cards)])
    today = date(2026, 3, 2)
    assert not parse_query("is:reversed is:typed").problems
    found = search_cards(store, "is:reversed", today=today)
    rows = found.rows(0, len(found))
    assert [(row.card_id, row.reversed, row.typed) for row in rows] == [
        ("one", True, False),
        ("three", True, True),
    ]
    assert [type_label(row) for row in rows] == ["rev", "rev+t"]
    others = search_cards(store, "-is:reversed", today=today)
    assert [(row.card_id, row.reversed) for row in others.rows(0, len(others))] == [("two", False)]
    typed = search_cards(store, "is:typed", today=today)
    assert [row.card_id for row in typed.rows(0, len(typed))] == ["three"]


def test_the_table_and_the_detail_show_the_reversed_card(
    make_app: AppFactory, decks_dir: Path, run: Any
) -> None:
    path = decks_dir / "vascular.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "    reverse: true\n", encoding="utf-8")
    app = make_app()

    async def scenario(pilot: Any) -> None:
        await pilot.press("b")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, BrowseScreen)
        search = screen.query_one("#browse-search")
        search.value = "is:reversed"
        search.focus()
        await pilot.press("enter")
        await pilot.pause()
        table = screen.query_one("#browse-table")
        assert [str(row.key.value) for row in table.ordered_rows] == ["sah-headache"]
        assert str(table.get_row_at(0)[2]) == "rev"
        table.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CardDetailScreen)
        shown = _screen_text(app)
        assert "sah-headache · Vascular · basic + reversed · authored" in shown
        assert "sah-headache:reverse" in shown

    run(app, scenario)


def test_generation_leaves_out_what_a_reversed_card_asks_back_to_front() -> None:
    existing = Deck(
        id="n",
        title="N",
        cards=(BasicCard(id="six", front="CN VI?", back="abducens", reverse=True),),
    )
    fresh = Deck(
        id="g",
        title="G",
        cards=(
            BasicCard(id="g-1", front="Abducens", back="CN VI?"),
            BasicCard(id="g-2", front="Trochlear", back="CN IV"),
        ),
    )
    kept, skipped = propose(fresh, [existing])
    assert [card.id for card in kept] == ["g-2"] and skipped == 1
