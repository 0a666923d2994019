"""Browse screen: every search filter, the card detail, suspend, edit, lazy loading."""

from __future__ import annotations

import html
import re
import textwrap
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from neuroquiz import sm2
from neuroquiz.models import ReviewLog
from neuroquiz.store import ProgressStore
from neuroquiz.tui.screens import browse as browse_module
from neuroquiz.tui.screens import browse_layout as layout
from neuroquiz.tui.screens.author import AuthorScreen
from neuroquiz.tui.screens.browse import BrowseScreen
from neuroquiz.tui.screens.card_detail import CardDetailScreen

from .burst import burst

AppFactory = Callable[..., Any]

HOSTILE_YAML = textwrap.dedent(
    """\
    title: Odd [b]deck[/b]
    cards:
      - id: odd-markup
        type: basic
        front: "[bold]Not bold[/] \\\\ \\e[31mred"
        back: "[/]"
        tags: [odd]
    """
)
ALL = ["gcs-range", "monro-kellie", "gcs-motor", "odd-markup", "sah-headache"]


@pytest.fixture
def browse_app(make_app: AppFactory, decks_dir: Path, store: ProgressStore) -> Any:
    """The test decks plus a deck with markup-like text; two cards reviewed yesterday."""
    (decks_dir / "odd.yaml").write_text(HOSTILE_YAML, encoding="utf-8")
    app = make_app()
    for key, grade in (("gcs-range", 4), ("monro-kellie:c2", 5)):
        _review(store, key, grade)
    return app


def _review(store: ProgressStore, key: str, grade: int) -> None:
    """An answer yesterday (2026-03-01): due today, the test clock's day."""
    when = datetime(2026, 3, 1, 9, tzinfo=UTC)
    before = store.state(key)
    after = sm2.review(before, grade, today=when.date())
    store.record_answer(
        ReviewLog(key=key, reviewed_at=when, grade=grade, before=before, after=after)
    )


def _screen_text(app: Any) -> str:
    svg = app.export_screenshot()
    text = re.sub(r"<[^>]+>", "", svg.split("</style>", 1)[-1])
    return html.unescape(text).replace("\xa0", " ")


def _rows(screen: BrowseScreen) -> list[str]:
    table = screen.query_one("#browse-table")
    return [str(row.key.value) for row in table.ordered_rows]


async def _search(pilot: Any, query: str) -> list[str]:
    screen = pilot.app.screen
    search = screen.query_one("#browse-search")
    search.value = query
    search.focus()
    await pilot.press("enter")
    await pilot.pause()
    return _rows(screen)


def test_every_search_filter(browse_app: Any, store: ProgressStore, run: Any) -> None:
    async def scenario(pilot: Any) -> None:
        await pilot.press("b")
        await pilot.pause()
        screen = browse_app.screen
        assert isinstance(screen, BrowseScreen)
        assert _rows(screen) == ALL
        # Typed for real once: "/" focuses the search, enter runs it.
        await pilot.press("slash", *"tag:gcs", "enter")
        await pilot.pause()
        assert _rows(screen) == ["gcs-range"]
        assert await _search(pilot, "deck:vascular") == ["sah-headache"]
        assert await _search(pilot, 'deck:"neuro basics"') == [
            "gcs-range",
            "monro-kellie",
            "gcs-motor",
        ]
        assert await _search(pilot, "type:cloze,mcq") == ["monro-kellie", "gcs-motor"]
        assert await _search(pilot, "is:due") == ["gcs-range", "monro-kellie"]
        assert await _search(pilot, "is:new") == [
            "monro-kellie",
            "gcs-motor",
            "odd-markup",
            "sah-headache",
        ]
        assert await _search(pilot, "-is:new") == ["gcs-range"]
        assert await _search(pilot, "is:suspended") == []
        store.set_suspended("gcs-motor", True)
        assert await _search(pilot, "is:suspended") == ["gcs-motor"]
        assert await _search(pilot, "thunderclap") == ["sah-headache"]
        assert await _search(pilot, "[bold]") == ["odd-markup"]
        assert await _search(pilot, "glasgow -tag:gcs") == ["gcs-motor"]
        assert await _search(pilot, "type:card coma") == ["gcs-range", "gcs-motor"]
        assert "ignored: unknown type 'card'" in _screen_text(browse_app)
        assert await _search(pilot, "nothing-like-this") == []
        assert "0 cards" in _screen_text(browse_app)

    run(browse_app, scenario)


def test_table_shows_card_text_literally(browse_app: Any, run: Any) -> None:
    async def scenario(pilot: Any) -> None:
        await pilot.press("b")
        await pilot.pause()
        shown = _screen_text(browse_app)
        assert "[bold]Not bold[/] \\ ␛[31mred" in shown
        assert "Odd [b]deck[/b]" in shown
        assert "today" in shown and "new" in shown  # the due column

    run(browse_app, scenario)


def test_open_a_card_shows_content_state_and_history(browse_app: Any, run: Any) -> None:
    async def scenario(pilot: Any) -> None:
        await pilot.press("b")
        await pilot.pause()
        await pilot.press("down", "enter")  # monro-kellie
        await pilot.pause()
        assert isinstance(browse_app.screen, CardDetailScreen)
        shown = _screen_text(browse_app)
        assert "monro-kellie · Neuro basics · cloze · authored" in shown
        assert "constant⁽c1⁾" in shown
        assert "monro-kellie:c1" in shown and "monro-kellie:c2" in shown
        assert "Review history (1)" in shown
        # n=1, I=1 day, EF 2.60, due today (2026-03-02); answered 2026-03-01 10:00 local.
        assert re.search(r"monro-kellie:c2\s*1\s*1d\s*2\.60\s*2026-03-02\s*0\s*2026-03-01", shown)
        assert "2026-03-01 10:00" in shown and "5 perfect response" in shown
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(browse_app.screen, BrowseScreen)

    run(browse_app, scenario)


def test_suspend_and_unsuspend_from_the_table_and_the_detail(
    browse_app: Any, store: ProgressStore, run: Any
) -> None:
    async def scenario(pilot: Any) -> None:
        await pilot.press("b")
        await pilot.pause()
        screen = browse_app.screen
        await pilot.press("down", "down", "s")  # gcs-motor
        await pilot.pause()
        assert store.is_suspended("gcs-motor")
        assert all(
            row[0] == 1
            for row in store.db.execute(
                "SELECT suspended FROM study_cards WHERE card_id = 'gcs-motor'"
            )
        )
        table = screen.query_one("#browse-table")
        assert table.get_cell("gcs-motor", "due").plain == "suspended"
        await pilot.press("s")
        await pilot.pause()
        assert not store.is_suspended("gcs-motor")
        assert table.get_cell("gcs-motor", "due").plain == "new"
        await pilot.press("enter", "s")
        await pilot.pause()
        assert store.is_suspended("gcs-motor")
        assert "SUSPENDED" in _screen_text(browse_app)
        await pilot.press("escape")
        await pilot.pause()
        assert table.get_cell("gcs-motor", "due").plain == "suspended"  # refreshed on resume

    run(browse_app, scenario)


def test_is_leech_finds_a_leech_and_unsuspending_keeps_the_mark(
    browse_app: Any, store: ProgressStore, run: Any
) -> None:
    store.set_leech("gcs-range", True)  # as a study session does on the 8th lapse
    store.set_suspended("gcs-range", True)

    async def scenario(pilot: Any) -> None:
        await pilot.press("b")
        await pilot.pause()
        screen = browse_app.screen
        table = screen.query_one("#browse-table")
        assert table.get_cell("gcs-range", "due").plain == "leech"
        assert await _search(pilot, "-is:leech is:suspended") == []
        assert await _search(pilot, "is:leech") == ["gcs-range"]
        await pilot.press("s")  # unsuspend (enter in the search box went to the table)
        await pilot.pause()
        assert not store.is_suspended("gcs-range")
        assert store.leech_keys("gcs-range") == ["gcs-range"]
        assert any(
            str(n.message) == "Card gcs-range unsuspended; still a leech (is:leech) until it is "
            "edited."
            for n in browse_app._notifications
        )
        assert table.get_cell("gcs-range", "due").plain == "today"
        assert await _search(pilot, "is:leech") == ["gcs-range"]
        await pilot.press("enter")  # the card view says so too
        await pilot.pause()
        assert isinstance(browse_app.screen, CardDetailScreen)
        assert "gcs  LEECH" in _screen_text(browse_app)

    run(browse_app, scenario)


def test_edit_from_browse_saves_and_refreshes_the_table(
    browse_app: Any, store: ProgressStore, decks_dir: Path, run: Any
) -> None:
    async def scenario(pilot: Any) -> None:
        await pilot.press("b")
        await pilot.pause()
        await pilot.press("ctrl+end", "e")  # the last card: sah-headache
        await pilot.pause()
        author = browse_app.screen
        assert isinstance(author, AuthorScreen) and author.card is not None
        assert author.card.id == "sah-headache" and author.deck_id == "vascular"
        author.query_one("#author-front").load_text("Typical headache of SAH?")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        await browse_app.workers.wait_for_complete()
        await pilot.pause()
        screen = browse_app.screen
        assert isinstance(screen, BrowseScreen)
        assert screen.query_one("#browse-table").get_cell("sah-headache", "prompt").plain == (
            "Typical headache of SAH?"
        )

    run(browse_app, scenario)
    assert "front: Typical headache of SAH?" in (decks_dir / "vascular.yaml").read_text()
    assert store.deck_id_of("sah-headache") == "vascular"


def test_editing_a_leech_in_the_author_screen_clears_its_mark(
    browse_app: Any, store: ProgressStore, run: Any
) -> None:
    store.set_leech("sah-headache", True)
    store.set_suspended("sah-headache", True)

    async def scenario(pilot: Any) -> None:
        await pilot.press("b")
        await pilot.pause()
        await pilot.press("ctrl+end", "e")  # the last card: sah-headache
        await pilot.pause()
        author = browse_app.screen
        assert isinstance(author, AuthorScreen)
        author.query_one("#author-front").load_text("Typical headache of SAH?")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        await browse_app.workers.wait_for_complete()
        await pilot.pause()
        table = browse_app.screen.query_one("#browse-table")
        assert table.get_cell("sah-headache", "due").plain == "suspended"  # no longer "leech"

    run(browse_app, scenario)
    assert store.leech_keys("sah-headache") == []
    assert store.is_suspended("sah-headache")


def test_rows_are_read_a_page_at_a_time(
    make_app: AppFactory, decks_dir: Path, run: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(browse_module, "PAGE", 10)
    monkeypatch.setattr(browse_module, "PRELOAD_MARGIN", 5)
    cards = "".join(
        f"  - {{id: many-{n:02d}, type: basic, front: 'Question {n}?', back: 'A{n}'}}\n"
        for n in range(60)
    )
    (decks_dir / "many.yaml").write_text(f"title: Many\ncards:\n{cards}", encoding="utf-8")
    app = make_app()

    async def scenario(pilot: Any) -> None:
        app.open_screen("browse", query="deck:many")
        await pilot.pause()
        screen = app.screen
        assert len(screen.result) == 60
        first = screen.loaded_rows
        assert 10 <= first < 60  # enough pages to fill the view, not all of them
        assert f"{first} listed, more as you scroll" in _screen_text(app)
        for _ in range(6):
            await pilot.press("pagedown")
        await pilot.pause()
        assert screen.loaded_rows > first
        await pilot.press(*["ctrl+end"] * 5)
        await pilot.pause()
        assert screen.loaded_rows == 60
        assert _rows(screen) == [f"many-{n:02d}" for n in range(60)]
        assert screen.selected_card_id() == "many-59"

    run(app, scenario)


def test_browse_snapshot(snap_compare: Any, browse_app: Any, store: ProgressStore) -> None:
    store.set_suspended("gcs-motor", True)
    assert snap_compare(browse_app, press=["b"], terminal_size=(80, 24))


def test_card_detail_snapshot(snap_compare: Any, browse_app: Any) -> None:
    assert snap_compare(browse_app, press=["b", "enter"], terminal_size=(80, 24))


def test_columns_add_up_to_the_table_width() -> None:
    fixed = sum(layout.FIXED_WIDTHS.values())
    for width in (60, 80, 120, 160, 200):
        widths = layout.column_widths(width, 2)
        assert widths.prompt + widths.deck + fixed + 2 * 4 + 2 == width
    # The deck column follows the width (narrower at 80 than it was, wider at 160), never
    # wider than the longest title needs; the card text keeps the rest.
    assert layout.column_widths(80, 2).deck == 15
    assert layout.column_widths(160, 2).deck == 36
    assert layout.column_widths(160, 2, longest_title=12) == layout.BrowseWidths(123, 12)
    assert layout.column_widths(30, 2).prompt == layout.MIN_PROMPT_WIDTH
    assert layout.column_widths(30, 2).deck == layout.MIN_DECK_WIDTH
    due_labels = ("suspended", "overdue", "today", "new", "2026-12-31")
    assert max(len(label) for label in due_labels) <= layout.FIXED_WIDTHS["due"]
    kinds = ("basic", "cloze", "mcq")
    assert max(len(kind) for kind in kinds) <= layout.FIXED_WIDTHS["type"]


def test_the_deck_cue_is_left_out_when_it_names_the_deck() -> None:
    title = "The Recurrent Glomus Jugulare Tumor"
    text = "Recurrent Glomus Jugulare Tumor: Preoperative planning is crucial."
    assert layout.without_deck_cue(text, title) == "Preoperative planning is crucial."
    question = "What is the typical progression of malignant spinal hemangiomas?"
    assert layout.without_deck_cue("Malignant spinal hemangiomas: Most spread.", question) == (
        "Most spread."
    )
    assert layout.without_deck_cue("Chordoma: {{c1::Notochord}} remnant.", "Chordoma") == (
        "{{c1::Notochord}} remnant."
    )
    # Kept: a cue of another deck, a one-word cue that is only part of the title, a cue
    # followed by nothing, a colon inside a cloze.
    assert layout.without_deck_cue("Vascular: a fact.", title) == "Vascular: a fact."
    assert layout.without_deck_cue("Note: keep me.", "Note taking") == "Note: keep me."
    assert layout.without_deck_cue("Chordoma:", "Chordoma") == "Chordoma:"
    cloze = "CPP {{c1::equals MAP: minus ICP}}"
    assert layout.without_deck_cue(cloze, "CPP equals MAP") == cloze


def test_more_results_than_fit_still_fit_80_columns(
    make_app: AppFactory, store: ProgressStore, run: Any
) -> None:
    """The colleague's case: every card of the bundled decks, more rows than the screen holds.
    The Due column used to be cut ("2026-04-0") under a horizontal scrollbar."""
    from neuroquiz.decks import load_decks
    from neuroquiz.paths import bundled_decks_dir
    from neuroquiz.study.search import search_cards

    loaded = load_decks([bundled_decks_dir()])
    store.sync([item.deck for item in loaded.decks])
    app = make_app(loaded=loaded, decks_dir=bundled_decks_dir())
    reviewed = [row.card_id for row in search_cards(store, "", today=app.today()).rows(0, 4)]
    for card_id in reviewed:
        for key in store.study_keys(card_id):
            _review(store, key, 5)
            _review(store, key, 5)  # the second answer: next review in 6 days, a date

    async def scenario(pilot: Any) -> None:
        app.open_screen("browse", query="")
        await pilot.pause()
        screen = app.screen
        table = screen.query_one("#browse-table")
        assert table.row_count > table.scrollable_content_region.height  # it scrolls
        assert table.show_vertical_scrollbar and not table.show_horizontal_scrollbar
        assert table.virtual_size.width <= table.scrollable_content_region.width
        shown = _screen_text(app)
        assert shown.count(" 2026-03-07") >= len(reviewed)  # the whole date, every time
        # The text column takes the rest of the row and ends long prompts with an ellipsis.
        prompt = table.get_cell(reviewed[0], "prompt")
        assert prompt.cell_len <= table.columns[next(iter(table.columns))].width
        assert prompt.plain.endswith("…")

    run(app, scenario)


def test_keys_typed_in_a_burst_after_slash_land_in_the_search_box(
    browse_app: Any, store: ProgressStore, run: Any
) -> None:
    """Pasted or sent over a slow link, ``/is:due`` must not reach the table: there ``s``
    suspends and ``e`` edits."""

    async def scenario(pilot: Any) -> None:
        await pilot.press("b")
        await pilot.pause()
        screen = browse_app.screen
        assert isinstance(screen, BrowseScreen)
        await burst(pilot, "/", *"is:due hematoma se")
        assert browse_app.screen is screen
        assert screen.query_one("#browse-search").value == "is:due hematoma se"
        assert not any(store.is_suspended(card_id) for card_id in ALL)

    run(browse_app, scenario)


def test_down_enter_in_one_burst_opens_the_row_moved_to(browse_app: Any, run: Any) -> None:
    async def scenario(pilot: Any) -> None:
        await pilot.press("b")
        await pilot.pause()
        await burst(pilot, "down", "enter")
        assert isinstance(browse_app.screen, CardDetailScreen)
        assert browse_app.screen.card_id == "monro-kellie"

    run(browse_app, scenario)
