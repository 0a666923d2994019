"""Author screen: the "reversed too" and "typed" checkboxes of a basic card, read back from
the deck FILE and the DATABASE; the preview shows both study cards."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.widgets import Checkbox

from neuroquiz.decks import load_deck
from neuroquiz.models import BasicCard, Deck
from neuroquiz.store import ProgressStore
from neuroquiz.tui.screens.author import AuthorScreen
from neuroquiz.tui.screens.author_draft import Draft, check_draft, content_index

AppFactory = Callable[..., Any]


def _screen_text(app: Any) -> str:
    svg = app.export_screenshot()
    text = re.sub(r"<[^>]+>", "", svg.split("</style>", 1)[-1])
    return html.unescape(text).replace("\xa0", " ")


def test_the_reverse_box_makes_a_reversed_card() -> None:
    draft = Draft(type="basic", front="Q", back="A", reverse=True)
    checked = check_draft(draft, deck_id="d", original=None, is_taken=lambda _: False)
    assert isinstance(checked.card, BasicCard) and checked.card.reverse


def test_ticking_reverse_saves_it_and_adds_the_reverse_study_card(
    make_app: AppFactory, store: ProgressStore, decks_dir: Path, run: Any
) -> None:
    app = make_app()
    preview: list[str] = []

    async def scenario(pilot: Any) -> None:
        app.edit_card(store.card("sah-headache"), "vascular")
        await pilot.pause()
        assert isinstance(app.screen, AuthorScreen)
        box = app.screen.query_one("#author-reverse", Checkbox)
        assert box.value is False
        box.focus()
        await pilot.press("space")
        await pilot.pause()
        preview.append(_screen_text(app).split("Preview, as studied", 1)[1])
        await pilot.press("ctrl+s")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not isinstance(app.screen, AuthorScreen)

    run(app, scenario)
    assert "Reversed: Front" in preview[0]
    text = (decks_dir / "vascular.yaml").read_text(encoding="utf-8")
    assert "reverse: true" in text
    card = load_deck(decks_dir / "vascular.yaml").cards[0]
    assert isinstance(card, BasicCard) and card.reverse
    assert store.study_keys("sah-headache") == ["sah-headache", "sah-headache:reverse"]


def test_a_reversed_card_opens_with_the_box_ticked_and_unticking_saves_it(
    make_app: AppFactory, store: ProgressStore, decks_dir: Path, run: Any
) -> None:
    path = decks_dir / "vascular.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "    reverse: true\n", encoding="utf-8")
    app = make_app()

    async def scenario(pilot: Any) -> None:
        app.edit_card(store.card("sah-headache"), "vascular")
        await pilot.pause()
        box = app.screen.query_one("#author-reverse", Checkbox)
        assert box.value is True
        box.focus()
        await pilot.press("space")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()

    run(app, scenario)
    assert "reverse" not in path.read_text(encoding="utf-8")
    assert store.study_keys("sah-headache") == ["sah-headache"]


def test_ticking_typed_saves_it(
    make_app: AppFactory, store: ProgressStore, decks_dir: Path, run: Any
) -> None:
    app = make_app()

    async def scenario(pilot: Any) -> None:
        app.edit_card(store.card("sah-headache"), "vascular")
        await pilot.pause()
        box = app.screen.query_one("#author-typed", Checkbox)
        assert box.value is False
        box.focus()
        await pilot.press("space")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()

    run(app, scenario)
    assert "    typed: true\n" in (decks_dir / "vascular.yaml").read_text(encoding="utf-8")
    stored = store.card("sah-headache")
    assert isinstance(stored, BasicCard) and stored.typed and not stored.reverse


def test_a_card_that_a_reversed_card_asks_the_other_way_is_a_duplicate() -> None:
    six = BasicCard(id="six", front="CN VI?", back="abducens", reverse=True)
    index = content_index([Deck(id="d", title="D", cards=(six,))])
    swapped = Draft(type="basic", front="Abducens", back="cn vi?")
    checked = check_draft(
        swapped, deck_id="d", original=None, is_taken=lambda _: False, content_index=index
    )
    assert checked.errors == {"front": ["same content as card 'six' in deck 'd'"]}
    # Editing the reversed card itself is no clash with its own second direction.
    own = check_draft(
        Draft(type="basic", front="CN VI?", back="abducens", reverse=True),
        deck_id="d",
        original=six,
        is_taken=lambda _: True,
        content_index=index,
    )
    assert own.errors == {} and own.card == six
    # A new reversed card whose back-to-front side another card asks is a duplicate too.
    four = BasicCard(id="four", front="trochlear", back="CN IV?")
    index = content_index([Deck(id="d", title="D", cards=(four,))])
    new = Draft(type="basic", front="CN IV?", back="trochlear", reverse=True)
    clash = check_draft(new, deck_id="d", original=None, is_taken=lambda _: False,
                        content_index=index)  # fmt: skip
    assert clash.errors == {"front": ["same content as card 'four' in deck 'd'"]}
