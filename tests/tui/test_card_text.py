"""Card text is data: markup, backslashes and escape sequences show literally, never crash."""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from neuroquiz.decks import LoadedDeck, LoadResult
from neuroquiz.models import BasicCard, ClozeCard, Deck, McqCard
from neuroquiz.store import ProgressStore
from neuroquiz.tui.widgets.card_text import card_back, card_front, cloze_text, display_safe
from neuroquiz.tui.widgets.card_view import CardView

HOSTILE = (
    "[bold]x[/] \\ [/] [red]y \\[z] \x1b[31mred\x1b[0m [link=file:///etc]l[/link] "
    "[@click=app.quit]q[/]"
)
"""Rich/Textual markup, a stray closing tag, backslashes, an ANSI colour escape, an action link."""


def _screen_text(app: Any) -> str:
    """What the terminal shows, as plain text (from the SVG screenshot)."""
    svg = app.export_screenshot()
    text = re.sub(r"<[^>]+>", "", svg.split("</style>", 1)[-1])
    return html.unescape(text).replace("\xa0", " ")


def test_display_safe_makes_controls_visible() -> None:
    assert display_safe("a\x1b[31mb") == "a␛[31mb"
    assert display_safe("x\r\ny\rz\tw") == "x\ny\nz    w"
    assert display_safe("\x00\x07\x7f") == "␀␇␡"
    assert display_safe("csi\x9b2J") == "csi\\x9b2J"
    assert display_safe("ab\u202ecd") == "ab<U+202E>cd"
    assert display_safe("[bold]\\") == "[bold]\\"


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_display_safe_leaves_no_control_character(raw: str) -> None:
    shown = display_safe(raw)
    assert all(ch == "\n" or (ord(ch) >= 0x20 and ord(ch) != 0x7F) for ch in shown)
    assert not any(0x80 <= ord(ch) <= 0x9F for ch in shown)


@settings(max_examples=100, deadline=None)
@given(
    st.text(min_size=1).filter(
        # A field needs a visible character: cards refuse controls/zero-width only.
        lambda s: any(unicodedata.category(c) not in {"Cc", "Cf", "Zs", "Zl", "Zp"} for c in s)
    )
)
def test_card_text_is_never_parsed_as_markup(raw: str) -> None:
    card = BasicCard(id="c", front=raw, back=raw)
    assert card_front(card, 0).plain == display_safe(raw)
    assert card_back(card, 0).plain == display_safe(raw)


def test_cloze_front_and_back() -> None:
    text = "A {{c1::one}} and {{c2::two::hint}} and {{c1::uno}}."
    front1 = cloze_text(text, 1, revealed=False)
    assert front1.plain == "A [...] and two and [...]."
    front2 = cloze_text(text, 2, revealed=False)
    assert front2.plain == "A one and [hint] and uno."
    back2 = cloze_text(text, 2, revealed=True)
    assert back2.plain == "A one and two and uno."
    lit = [back2.plain[span.start : span.end] for span in back2.spans]
    assert lit == ["two"]  # only the asked deletion is highlighted


def test_cloze_with_markup_inside_the_deletion() -> None:
    text = "See {{c1::[bold]\\x[/]}} here"
    assert cloze_text(text, 1, revealed=True).plain == "See [bold]\\x[/] here"
    assert cloze_text(text, 1, revealed=False).plain == "See [...] here"


def test_mcq_back_lists_the_options_with_the_answer_marked() -> None:
    card = McqCard(id="m", question="Q?", answer="[b]", distractors=("a\\", "[/]"))
    back = card_back(card, 0).plain
    assert back.startswith("[b]\n\nOptions:")
    assert "✓ [b]" in back and "· a\\" in back and "· [/]" in back


def _hostile_app(
    make_app: Callable[..., Any], store: ProgressStore, tmp_path: Path, card: Any
) -> Any:
    deck = Deck(id="hostile", title="Hostile [b]deck[/b]", cards=(card,))
    store.sync([deck])
    loaded = LoadResult(decks=(LoadedDeck(tmp_path / "hostile.yaml", deck),), problems=())
    empty = tmp_path / "no-decks"
    empty.mkdir()
    return make_app(loaded=loaded, decks_dir=empty)


@pytest.mark.parametrize("kind", ["basic", "cloze", "mcq"])
def test_hostile_card_renders_literally(
    kind: str, make_app: Callable[..., Any], store: ProgressStore, tmp_path: Path, run: Any
) -> None:
    card: Any
    if kind == "basic":
        card = BasicCard(id="h", front=HOSTILE, back="back " + HOSTILE, notes=HOSTILE)
    elif kind == "cloze":
        card = ClozeCard(id="h", text=HOSTILE + " {{c1::[/]\\}}")
    else:
        card = McqCard(id="h", question=HOSTILE, answer="[/]", distractors=("[bold]", "\\"))
    app = _hostile_app(make_app, store, tmp_path, card)

    async def scenario(pilot: Any) -> None:
        await pilot.press("a")
        await pilot.pause()
        front = _screen_text(app)
        assert "[bold]x[/] \\ [/] [red]y \\[z] ␛[31mred␛[0m" in front
        assert "[@click=app.quit]q[/]" in front
        assert "\x1b" not in front
        await pilot.press("space")
        await pilot.pause()
        back = _screen_text(app)
        if kind == "cloze":
            assert "[/]\\" in back
        elif kind == "mcq":
            assert "✓ [/]" in back and "· [bold]" in back
        else:
            assert "back [bold]x[/]" in back
        await pilot.press("4")
        await pilot.pause()
        assert app.screen.id == "summary"

    run(app, scenario)


def test_ten_kilobyte_card_scrolls_without_crashing(
    make_app: Callable[..., Any], store: ProgressStore, tmp_path: Path, run: Any, logs: Any
) -> None:
    long_text = ("The middle meningeal artery [/] runs in the \\ skull. " * 200)[:10_240]
    card = BasicCard(id="long", front="Long card?", back=long_text)
    app = _hostile_app(make_app, store, tmp_path, card)

    async def scenario(pilot: Any) -> None:
        await pilot.press("a", "space")
        await pilot.pause()
        view = app.screen.query_one(CardView)
        assert view.max_scroll_y > 0  # the card scrolls rather than clipping
        await pilot.press("end")
        await pilot.pause()
        view.scroll_end(animate=False)
        await pilot.pause()
        assert view.scroll_y == view.max_scroll_y
        await pilot.press("5")
        await pilot.pause()

    run(app, scenario)
    assert [row["key"] for row in logs()] == ["long"]


HOSTILE_LINE = (
    "[bold]x[/] [link=http://x]y[/link] \x1b[31mred\x1b[0m bell\x07 nul\x00 csi\x9b2J "
    "\u202eRLO\u202c עברית שלום العربية مرحبا 🧠👩‍⚕️ e\u0301 \\ [/]"
)
"""Markup, a link, ANSI escapes, other controls, a bidi override, Hebrew, Arabic, emoji."""
HUNDRED_KB = ("Lorem [b]ipsum[/b] \x1b[1m dolor עברית 🧠 sit amet, consectetur. " * 2_000)[:100_000]
_RAW_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""What must never reach the terminal: controls (newline aside) and bidi overrides."""


def _hostile_deck_app(make_app: Callable[..., Any], store: ProgressStore, tmp_path: Path) -> Any:
    """One deck with a hostile title: a basic card with a 100 KB back, a hostile MCQ."""
    basic = BasicCard(
        id="h-basic",
        front=HOSTILE_LINE,
        back=HOSTILE_LINE + "\n" + HUNDRED_KB,
        notes=HOSTILE_LINE,
    )
    mcq = McqCard(
        id="h-mcq",
        question=HOSTILE_LINE,
        answer="[/] עברית",
        distractors=("[bold]", "\x1b[31m🧠", "[link=http://x]y[/link]"),
        tags=("mcq",),
    )
    deck = Deck(id="hostile", title="Hostile [b]deck[/b] \x1b[31m 🧠 עברית", cards=(basic, mcq))
    store.sync([deck])
    loaded = LoadResult(decks=(LoadedDeck(tmp_path / "hostile.yaml", deck),), problems=())
    empty = tmp_path / "no-decks"
    empty.mkdir()
    return make_app(loaded=loaded, decks_dir=empty)


def _shows_literally(app: Any, *expected: str) -> str:
    shown = _screen_text(app)
    assert not _RAW_CONTROL.search(shown.replace("\n", ""))
    for text in expected:
        assert text in shown
    return shown


def test_every_screen_shows_hostile_card_text_literally(
    make_app: Callable[..., Any], store: ProgressStore, tmp_path: Path, run: Any
) -> None:
    """Study, summary, browse, card detail, author, quiz and stats at 80x24 with a hostile
    deck: nothing is interpreted, nothing reaches the terminal raw, long text scrolls."""
    app = _hostile_deck_app(make_app, store, tmp_path)
    link = "[link=http://x]y[/link]"

    async def scenario(pilot: Any) -> None:
        await pilot.press("a")  # study: the basic card first (deck order)
        await pilot.pause()
        _shows_literally(app, link, "␛[31mred␛[0m bell␇ nul␀ csi\\x9b2J", "<U+202E>RLO<U+202C>")
        await pilot.press("space")
        await pilot.pause()
        _shows_literally(app, "Lorem [b]ipsum[/b] ␛[1m dolor")
        assert app.screen.query_one(CardView).max_scroll_y > 100  # the 100 KB back scrolls
        await pilot.press("5", "space", "5")
        await pilot.pause()
        assert app.screen.id == "summary"
        await pilot.press("escape")
        app.open_screen("browse")
        await pilot.pause()
        # Cut to the Card column (40 cells at 80 columns) and the Deck column (15).
        _shows_literally(app, "[bold]x[/] [link=http://x]y[/link] ␛[31…", "Hostile [b]dec…")
        await pilot.press("enter")  # the card in full
        await pilot.pause()
        _shows_literally(app, link, "Hostile [b]deck[/b] ␛[31m")
        body = app.screen.query_one("#detail-body")
        assert body.max_scroll_y > 100
        await pilot.press("e")  # edit it: the form holds the raw text, draws no control
        await pilot.pause()
        assert app.screen.id == "author"
        _shows_literally(app, "[bold]x[/]", "␛[31mred")  # the preview shows the escape
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("escape", "escape")
        await pilot.pause()
        app.open_screen("quiz", tags=["mcq"], count=1)
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        _shows_literally(app, link, "␛[31m🧠", "[/] עברית")
        question = app.screen.quiz.current
        await pilot.press(str((question.correct_index + 1) % 4 + 1), "enter")
        await pilot.pause()
        _shows_literally(app, "answer: ", "[/] עברית")
        await pilot.press("escape")
        app.open_screen("stats")
        await pilot.pause()
        await pilot.press("3")
        await pilot.pause()
        _shows_literally(app, "Hostile [b]deck[/b]… 100%")  # the plot's deck label

    run(app, scenario)


@pytest.mark.parametrize("side", ["front", "back"])
def test_hostile_card_text(
    side: str,
    snap_compare: Any,
    make_app: Callable[..., Any],
    store: ProgressStore,
    tmp_path: Path,
) -> None:
    """What a person sees of a hostile card at 80x24: every character shown as data."""
    app = _hostile_deck_app(make_app, store, tmp_path)
    press = ["a"] if side == "front" else ["a", "space"]
    assert snap_compare(app, press=press, terminal_size=(80, 24))
