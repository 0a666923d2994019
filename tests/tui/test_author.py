"""Author screen: add, edit, move and delete cards; inline validation; new decks.

Every test reads the deck FILES back and checks the DATABASE, not only the screen.
"""

from __future__ import annotations

import html
import re
import textwrap
import unicodedata
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from neuroquiz import sm2
from neuroquiz.decks import load_deck
from neuroquiz.models import CARD_ID_PATTERN, BasicCard, ClozeCard, McqCard, ReviewLog
from neuroquiz.store import ProgressStore
from neuroquiz.tui.screens.author import AuthorScreen
from neuroquiz.tui.screens.author_dialogs import ConfirmDialog, NewDeckDialog, deck_id_for_title
from neuroquiz.tui.screens.author_draft import (
    Draft,
    check_draft,
    content_index,
    draft_from_card,
    new_card_id,
    split_tags,
)

from .burst import burst

AppFactory = Callable[..., Any]

COMMENTED_YAML = textwrap.dedent(
    """\
    # Spine deck, kept by Dr. A. -- do not reorder.
    title: Spine
    cards:
      # The reflex roots everyone forgets.
      - id: sp-biceps
        type: basic
        front: Which root gives the biceps reflex?
        back: C5   # and C6
        tags: [reflex]

      # Generated from the cord lecture; reviewed.
      - id: sp-gen-cord
        type: cloze
        text: The cord ends at {{c1::L1-L2}} in adults.
        origin: generated
        source:
          document: cord.txt
          sentences: ['The cord ends at L1-L2 in adults.']
    """
)


@pytest.fixture
def spine(decks_dir: Path) -> Path:
    """A commented deck file next to the test decks."""
    path = decks_dir / "spine.yaml"
    path.write_text(COMMENTED_YAML, encoding="utf-8")
    return path


def _screen_text(app: Any) -> str:
    svg = app.export_screenshot()
    text = re.sub(r"<[^>]+>", "", svg.split("</style>", 1)[-1])
    return html.unescape(text).replace("\xa0", " ")


def _review(store: ProgressStore, key: str, grade: int) -> None:
    """One stored answer (yesterday), so that the card has progress to keep."""
    day = datetime(2026, 3, 1, 9, tzinfo=UTC)
    before = store.state(key)
    after = sm2.review(before, grade, today=day.date())
    store.record_answer(
        ReviewLog(key=key, reviewed_at=day, grade=grade, before=before, after=after)
    )


async def _settle(pilot: Any) -> None:
    """Let the deck reload worker finish and its result reach the app."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def _author(app: Any) -> AuthorScreen:
    screen = app.screen
    assert isinstance(screen, AuthorScreen)
    return screen


# -- the form logic, without the UI --------------------------------------------------------


def test_new_card_ids_are_slugs_made_unique() -> None:
    taken = {"nb-range-gcs", "nb-range-gcs-2"}
    assert new_card_id("nb", "What is the range of the GCS?", taken.__contains__) == (
        "nb-range-gcs-3"
    )
    assert new_card_id("nb", "Ménière's disease?", lambda _: False) == "nb-meniere-s-disease"
    assert new_card_id("nb", "???", lambda _: False) == "nb-card"
    long = new_card_id("d" * 70, "word " * 20, lambda _: False)
    assert len(long) <= 80 and not long.endswith("-")


def test_check_draft_reports_by_field_like_neuroquiz_check() -> None:
    def check(draft: Draft, **kw: Any) -> dict[str, list[str]]:
        options: dict[str, Any] = {"deck_id": "d", "original": None, "is_taken": lambda _: False}
        options.update(kw)
        return check_draft(draft, **options).errors

    assert check(Draft(type="cloze", text="no deletion")) == {
        "text": ["cloze text has no deletion like {{c1::answer}}"]
    }
    assert check(Draft(type="mcq", question="q", answer="a", distractors="a\nb")) == {
        "distractors": ["distractor 'a' is the answer"]
    }
    assert (
        "2 to 5 distractors, found 1"
        in check(Draft(type="mcq", question="q", answer="a", distractors="b\n\n"))["distractors"][0]
    )
    assert "invalid id" in check(Draft(card_id="Bad Id", front="f", back="b"))["card_id"][0]
    assert (
        "already used"
        in check(Draft(card_id="x", front="f", back="b"), is_taken=lambda i: i == "x")["card_id"][0]
    )
    assert check(Draft(front="f", back="b"), deck_id=None) == {
        "deck": ["choose a deck (or create one)"]
    }
    index = content_index([load_deck_model()])
    errors = check(
        Draft(front="  Which ROOT gives the biceps reflex? ", back="c5"), content_index=index
    )
    assert errors == {"front": ["same content as card 'sp-biceps' in deck 'spine'"]}
    ok = check_draft(
        Draft(front="f", back="b", tags="a, b a"),
        deck_id="d",
        original=None,
        is_taken=lambda _: False,
    )
    assert ok.card is not None and ok.card.tags == ("a", "b") and ok.card.id == "d-f"


def load_deck_model() -> Any:
    from neuroquiz.models import Deck

    return Deck(
        id="spine",
        title="Spine",
        cards=(BasicCard(id="sp-biceps", front="Which root gives the biceps reflex?", back="C5"),),
    )


def test_editing_keeps_origin_source_and_id() -> None:
    card = ClozeCard(
        id="g",
        text="{{c1::x}} y",
        origin="generated",
        source={"document": "d.txt", "sentences": ["x y"]},  # type: ignore[arg-type]
    )
    draft = draft_from_card(card)
    checked = check_draft(
        Draft(**{**draft.__dict__, "text": "{{c1::x}} z"}),
        deck_id="d",
        original=card,
        is_taken=lambda _: True,
    )
    assert checked.card is not None
    assert (checked.card.id, checked.card.origin, checked.card.source) == (
        "g",
        "generated",
        card.source,
    )
    assert split_tags(" a,,b  a ") == ("a", "b")


@settings(max_examples=60, deadline=None)
@given(prompt=st.text(max_size=80), taken=st.sets(st.sampled_from(["d-a", "d-card", "d-a-2"])))
def test_new_card_ids_are_always_valid_and_free(prompt: str, taken: set[str]) -> None:
    card_id = new_card_id("d", prompt, taken.__contains__)
    assert re.fullmatch(CARD_ID_PATTERN, card_id) and card_id not in taken


_WORD = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zs", "Zl", "Zp")), min_size=1)


def _shows(text: str) -> bool:
    """True if ``text`` has a visible character (cards refuse only-invisible fields)."""
    return any(unicodedata.category(c) not in {"Cc", "Cf", "Zs", "Zl", "Zp"} for c in text)


_LINE = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1).filter(
    lambda s: s.strip() == s and _shows(s)
)


@st.composite
def _cards(draw: st.DrawFn) -> BasicCard | ClozeCard | McqCard:
    tags = tuple(dict.fromkeys(draw(st.lists(_WORD.filter(lambda t: "," not in t), max_size=3))))
    notes = draw(st.none() | _LINE)
    kind = draw(st.sampled_from(["basic", "cloze", "mcq"]))
    common: dict[str, Any] = {"id": "c-1", "tags": tags, "notes": notes}
    if kind == "basic":
        front = draw(st.text(min_size=1)).strip()
        front = front if _shows(front) else "f"
        flags = {"reverse": draw(st.booleans()), "typed": draw(st.booleans())}
        return BasicCard(front=front, back=draw(_LINE), **flags, **common)
    if kind == "cloze":
        return ClozeCard(
            text=f"{draw(_LINE)} {{{{c1::{draw(_LINE).replace('}', ')')}}}}}", **common
        )
    answer = draw(_LINE)
    wrong = draw(st.lists(_LINE, min_size=2, max_size=5, unique_by=lambda s: s.casefold()))
    wrong = [w for w in wrong if w.casefold() != answer.casefold()]
    if len(wrong) < 2:
        wrong = [answer + " x", answer + " y"]
    return McqCard(question=draw(_LINE), answer=answer, distractors=tuple(wrong), **common)


@settings(max_examples=80, deadline=None)
@given(card=_cards())
def test_a_card_shown_in_the_form_saves_back_unchanged(card: Any) -> None:
    checked = check_draft(
        draft_from_card(card), deck_id="d", original=card, is_taken=lambda _: True
    )
    assert checked.errors == {} and checked.card == card


def test_deck_id_for_title() -> None:
    assert deck_id_for_title("Spine: Trauma & Tumours!") == "spine-trauma-tumours"
    assert deck_id_for_title("***") == ""


# -- Pilot: the screen, the files, the database ------------------------------------------


def test_edit_keeps_comments_in_the_file_and_progress_in_the_database(
    make_app: AppFactory, store: ProgressStore, spine: Path, run: Any
) -> None:
    app = make_app()
    _review(store, "sp-biceps", 4)
    before = store.state("sp-biceps")
    results: list[Any] = []

    async def scenario(pilot: Any) -> None:
        card = store.card("sp-biceps")
        app.edit_card(card, "spine", results.append)
        await pilot.pause()
        screen = _author(app)
        assert screen.query_one("#author-id").disabled
        back = screen.query_one("#author-back")
        back.focus()
        await pilot.press("end", "backspace", "backspace", *"C5 and C6")
        await pilot.pause()
        assert "C5 and C6" in _screen_text(app)  # the live preview
        await pilot.press("ctrl+s")
        await _settle(pilot)
        assert not isinstance(app.screen, AuthorScreen)

    run(app, scenario)
    text = spine.read_text(encoding="utf-8")
    assert "# Spine deck, kept by Dr. A. -- do not reorder." in text
    assert "# The reflex roots everyone forgets." in text
    assert "# Generated from the cord lecture; reviewed." in text
    assert "back: C5 and C6" in text
    deck = load_deck(spine)
    assert [c.id for c in deck.cards] == ["sp-biceps", "sp-gen-cord"]
    edited = deck.cards[0]
    assert isinstance(edited, BasicCard) and edited.back == "C5 and C6"
    # Same id: the progress and the history are kept; the store has the new content.
    assert store.state("sp-biceps") == before and before.repetitions == 1
    assert len(store.review_logs("sp-biceps")) == 1
    stored = store.card("sp-biceps")
    assert isinstance(stored, BasicCard) and stored.back == "C5 and C6"
    assert [getattr(card, "back", None) for card in results] == ["C5 and C6"]


def test_add_a_card_from_home_with_an_automatic_id(
    make_app: AppFactory, store: ProgressStore, decks_dir: Path, run: Any
) -> None:
    app = make_app()

    async def scenario(pilot: Any) -> None:
        await pilot.press("down")  # the Vascular deck
        await pilot.press("n")
        await pilot.pause()
        screen = _author(app)
        assert screen.deck_id == "vascular"
        await pilot.press(*"Berry aneurysm site?")  # typed into the focused front
        await pilot.press("tab")
        await pilot.press(*"ACom")
        screen.query_one("#author-tags").value = "sah, aneurysm"
        await pilot.pause()
        assert "✓ ready to save" in _screen_text(app)
        await pilot.press("ctrl+s")
        await _settle(pilot)

    run(app, scenario)
    deck = load_deck(decks_dir / "vascular.yaml")
    assert [c.id for c in deck.cards] == [
        "sah-headache",
        "vascular-berry-aneurysm-site",
    ]
    new = deck.cards[1]
    assert isinstance(new, BasicCard)
    assert (new.front, new.back) == ("Berry aneurysm site?", "ACom")
    assert (new.tags, new.origin) == (("sah", "aneurysm"), "authored")
    assert store.state("vascular-berry-aneurysm-site").is_new
    assert store.deck_id_of("vascular-berry-aneurysm-site") == "vascular"


def test_inline_validation_blocks_saving_a_cloze_without_deletion(
    make_app: AppFactory, store: ProgressStore, decks_dir: Path, run: Any
) -> None:
    app = make_app()
    original = (decks_dir / "basics.yaml").read_text(encoding="utf-8")

    async def scenario(pilot: Any) -> None:
        app.edit_card(None, "basics")
        await pilot.pause()
        screen = _author(app)
        screen.query_one("#author-type").value = "cloze"
        await pilot.pause()
        screen.query_one("#author-text").focus()
        await pilot.press(*"Ends at L1.")
        await pilot.pause()
        shown = _screen_text(app)
        assert "✗ cloze text has no deletion like" in shown  # (wrapped before "{{c1::")
        await pilot.press("ctrl+s")
        await _settle(pilot)
        assert app.screen is screen  # not saved, still editing
        assert screen.checked.errors == {"text": ["cloze text has no deletion like {{c1::answer}}"]}
        # Fixing the text clears the error.
        screen.query_one("#author-text").load_text("Ends at {{c1::L1}}.")
        await pilot.pause()
        assert screen.checked.errors == {}
        assert "✗ cloze text" not in _screen_text(app)

    run(app, scenario)
    assert (decks_dir / "basics.yaml").read_text(encoding="utf-8") == original
    assert store.deck_id_of("basics-ends-l1") is None


def test_duplicate_content_and_duplicate_id_are_errors(
    make_app: AppFactory, spine: Path, run: Any
) -> None:
    app = make_app()

    async def scenario(pilot: Any) -> None:
        app.edit_card(None, "basics")
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()  # the duplicate index
        await pilot.pause()
        screen = _author(app)
        screen.query_one("#author-front").load_text("which root gives the BICEPS reflex?")
        screen.query_one("#author-back").load_text(" c5")
        screen.query_one("#author-id").value = "gcs-motor"
        await pilot.pause()
        errors = screen.checked.errors
        assert errors["front"] == ["same content as card 'sp-biceps' in deck 'spine'"]
        assert errors["card_id"] == ["id 'gcs-motor' is already used by another card"]
        shown = _screen_text(app)
        assert "same content as card 'sp-biceps'" in shown
        assert "✗ id 'gcs-motor' is already used" in shown

    run(app, scenario)


def test_move_a_card_to_another_deck_keeps_progress(
    make_app: AppFactory, store: ProgressStore, decks_dir: Path, spine: Path, run: Any
) -> None:
    app = make_app()
    _review(store, "sp-gen-cord:c1", 5)

    async def scenario(pilot: Any) -> None:
        app.edit_card(store.card("sp-gen-cord"), "spine")
        await pilot.pause()
        _author(app).query_one("#author-deck").value = "basics"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await _settle(pilot)

    run(app, scenario)
    assert [c.id for c in load_deck(spine).cards] == ["sp-biceps"]
    assert load_deck(spine).rejected == ()  # a move is not a rejection
    assert [c.id for c in load_deck(decks_dir / "basics.yaml").cards][-1] == "sp-gen-cord"
    assert store.deck_id_of("sp-gen-cord") == "basics"
    assert store.state("sp-gen-cord:c1").repetitions == 1
    assert len(store.review_logs("sp-gen-cord:c1")) == 1


def test_delete_a_generated_card_remembers_its_id(
    make_app: AppFactory, store: ProgressStore, spine: Path, run: Any
) -> None:
    app = make_app()
    _review(store, "sp-gen-cord:c1", 3)
    results: list[Any] = []

    async def scenario(pilot: Any) -> None:
        app.edit_card(store.card("sp-gen-cord"), "spine", results.append)
        await pilot.pause()
        await pilot.press("ctrl+d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "remembered" in _screen_text(app)
        await pilot.press("y")
        await _settle(pilot)

    run(app, scenario)
    deck = load_deck(spine)
    assert [c.id for c in deck.cards] == ["sp-biceps"]
    assert deck.rejected == ("sp-gen-cord",)
    assert "# Spine deck, kept by Dr. A." in spine.read_text(encoding="utf-8")
    # Retired in the store, its history kept.
    assert store.study_keys("sp-gen-cord") == []
    assert len(store.review_logs("sp-gen-cord:c1")) == 1
    assert results == [None]


def test_cancel_asks_before_discarding_changes(make_app: AppFactory, run: Any) -> None:
    app = make_app()

    async def scenario(pilot: Any) -> None:
        app.edit_card(None, "basics")
        await pilot.pause()
        await pilot.press("escape")  # nothing typed: closes at once
        await pilot.pause()
        assert not isinstance(app.screen, AuthorScreen)
        app.edit_card(None, "basics")
        await pilot.pause()
        await pilot.press("d")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, AuthorScreen)
        await pilot.press("escape", "y")
        await pilot.pause()
        assert not isinstance(app.screen, AuthorScreen)

    run(app, scenario)


def test_new_deck_dialog_writes_a_deck_file_and_the_card_goes_in_it(
    make_app: AppFactory, store: ProgressStore, decks_dir: Path, run: Any
) -> None:
    app = make_app()

    async def scenario(pilot: Any) -> None:
        app.edit_card(None, None)
        await pilot.pause()
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, NewDeckDialog)
        await pilot.press(*"Basics")  # the id of basics.yaml
        await pilot.pause()
        assert "already exists" in _screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, NewDeckDialog)
        app.screen.query_one("#new-deck-title").value = "Peripheral [nerves]"
        await pilot.pause()
        assert "id peripheral-nerves" in _screen_text(app)
        await pilot.press("enter")
        await _settle(pilot)
        screen = _author(app)
        assert screen.deck_id == "peripheral-nerves"
        screen.query_one("#author-front").load_text("Which nerve is compressed in carpal tunnel?")
        screen.query_one("#author-back").load_text("Median")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await _settle(pilot)

    run(app, scenario)
    deck = load_deck(decks_dir / "peripheral-nerves.yaml")
    assert deck.title == "Peripheral [nerves]"
    assert [c.id for c in deck.cards] == ["peripheral-nerves-nerve-compressed-carpal-tunnel"]
    assert store.deck_id_of(deck.cards[0].id) == "peripheral-nerves"
    assert app.loaded_deck("peripheral-nerves") is not None


def test_preview_shows_card_text_literally(make_app: AppFactory, run: Any) -> None:
    app = make_app()

    async def scenario(pilot: Any) -> None:
        app.edit_card(None, "basics")
        await pilot.pause()
        screen = _author(app)
        screen.query_one("#author-front").load_text("[bold]x[/] \\ \x1b[31mred")
        screen.query_one("#author-back").load_text("[/]")
        await pilot.pause()
        preview = _screen_text(app).split("Preview, as studied", 1)[1]
        assert "[bold]x[/] \\ ␛[31mred" in preview
        assert "[/]" in preview

    run(app, scenario)


def test_author_snapshot(snap_compare: Any, make_app: AppFactory, store: ProgressStore) -> None:
    app = make_app()

    async def open_card(pilot: Any) -> None:
        app.edit_card(store.card("gcs-range"), "basics")
        await pilot.pause()

    assert snap_compare(app, run_before=open_card, terminal_size=(80, 24))


def test_a_long_deck_title_is_one_line_in_the_dropdown(
    make_app: AppFactory, decks_dir: Path, run: Any
) -> None:
    """A long title used to wrap the Deck dropdown to four lines at 80 columns."""
    title = "Intramedullary spinal cord tumour surgery: anatomy, approaches [b]and[/b] outcomes"
    (decks_dir / "long.yaml").write_text(f"title: '{title}'\ncards: []\n", encoding="utf-8")
    app = make_app()

    async def scenario(pilot: Any) -> None:
        app.edit_card(None, "long")
        await pilot.pause()
        await pilot.pause()
        screen = _author(app)
        select = screen.query_one("#author-deck")
        assert select.value == "long"
        assert select.region.height == 1
        label = select.query_one("SelectCurrent #label")
        shown = [strip.text for strip in label.render_lines(label.region.reset_offset)]
        assert len(shown) == 1 and shown[0].rstrip().endswith("…")
        # The whole title, literally, under the dropdown and in its tooltip.
        full = screen.query_one("#author-deck-title")
        assert full.display
        assert f"{title[:30]}" in _screen_text(app) and "[b]and[/b]" in _screen_text(app)
        assert str(select.tooltip) == title
        select.value = "basics"  # a short title: no second line
        await pilot.pause()
        assert not full.display and str(select.tooltip) == "Neuro basics"
        # Editing a generated candidate: no deck choice, so no title line either.
        app.screen.dismiss(None)
        await pilot.pause()
        candidate = AuthorScreen(BasicCard(id="c", front="F?", back="B"), write=False)
        app.push_screen(candidate)
        await pilot.pause()
        candidate.query_one("#author-deck").value = "long"  # as with a single deck
        await pilot.pause()
        assert not candidate.query_one("#author-deck-title").display

    run(app, scenario)


def test_control_characters_are_kept_but_never_drawn_raw(
    make_app: AppFactory, decks_dir: Path, run: Any
) -> None:
    """The form edits the card as it is: an ESC in the front is not drawn (it would reach the
    terminal), is shown as ␛ by the preview, and is saved back unchanged."""
    front = "Colour \x1b[31mred\x1b[0m, [bold]x[/] and \u202eRLO?"
    (decks_dir / "odd.yaml").write_text(
        'title: Odd\ncards:\n  - id: odd-esc\n    type: basic\n    front: "Colour \\e[31mred'
        '\\e[0m, [bold]x[/] and \\u202eRLO?"\n    back: plain\n',
        encoding="utf-8",
    )
    assert load_deck(decks_dir / "odd.yaml").cards[0].front == front  # type: ignore[union-attr]
    app = make_app()

    async def scenario(pilot: Any) -> None:
        app.edit_card(app.store.card("odd-esc"), "odd")
        await pilot.pause()
        screen = _author(app)
        assert screen.query_one("#author-front").text == front
        shown = _screen_text(app)
        assert "\x1b" not in shown and "\u202e" not in shown
        assert "␛[31mred␛[0m" in shown.split("Preview, as studied", 1)[1]
        screen.query_one("#author-back").load_text("still plain")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await _settle(pilot)
        assert not isinstance(app.screen, AuthorScreen)

    run(app, scenario)
    saved = load_deck(decks_dir / "odd.yaml").cards[0]
    assert isinstance(saved, BasicCard)
    assert saved.front == front and saved.back == "still plain"


def test_safe_strip_removes_only_zero_width_controls() -> None:
    from rich.segment import Segment
    from textual.strip import Strip

    from neuroquiz.tui.widgets.safe_input import safe_strip

    strip = Strip([Segment("a\x1b[31mb\x9b\u202ec"), Segment(" 🧠 [b]")])
    cleaned = safe_strip(strip)
    assert cleaned.text == "a[31mbc 🧠 [b]"
    assert cleaned.cell_length == strip.cell_length  # the cursor stays where it was
    plain = Strip([Segment("nothing to do")])
    assert safe_strip(plain) is plain


def test_the_preview_of_a_100_kb_field_is_cut() -> None:
    """The preview is drawn again on every keystroke: wrapping 100 KB each time made typing
    lag by about a second, so each part shows its first PREVIEW_CHARS characters."""
    from neuroquiz.tui.screens.author_preview import PREVIEW_CHARS, render_preview

    back = "x" * 100_000
    draft = Draft(type="basic", card_id="big", front="Big?", back=back, notes=back)
    checked = check_draft(draft, deck_id="basics", original=None, is_taken=lambda _id: False)
    assert checked.card is not None
    shown = "\n".join(part.plain for part in render_preview(draft, checked, None).renderables)
    assert shown.count("x") == 2 * PREVIEW_CHARS
    assert shown.count(f"… ({100_000 - PREVIEW_CHARS:,} more characters)") == 2


def test_tab_in_a_burst_moves_the_keys_after_it_to_the_next_field(
    make_app: AppFactory, run: Any
) -> None:
    """Typed fast (or pasted): the front, ``tab``, ``ctrl+u``, the back. Every key after
    ``tab`` belongs to the back field; ``ctrl+u`` there must not wipe the front."""
    app = make_app()

    async def scenario(pilot: Any) -> None:
        await pilot.press("down", "n")
        await pilot.pause()
        screen = _author(app)
        await burst(pilot, *"Berry aneurysm site?", "tab", "ctrl+u", *"ACom")
        assert screen.query_one("#author-front").text == "Berry aneurysm site?"
        assert screen.query_one("#author-back").text == "ACom"
        await burst(pilot, "shift+tab", *" Which?")
        assert screen.query_one("#author-front").text == "Berry aneurysm site? Which?"
        assert screen.query_one("#author-back").text == "ACom"

    run(app, scenario)


def test_changing_the_type_keeps_what_was_typed_where_fields_match(
    make_app: AppFactory, run: Any
) -> None:
    # Issue 13 "choices kept": basic front/back and MCQ question/right answer are the same
    # fields; what was typed in one follows to the other (and back).
    app = make_app()

    async def scenario(pilot: Any) -> None:
        app.edit_card(None, "basics")
        await pilot.pause()
        screen = _author(app)
        screen.query_one("#author-front").load_text("Range of the GCS?")
        screen.query_one("#author-back").load_text("3 to 15")
        screen.query_one("#author-type").value = "mcq"
        await pilot.pause()
        assert screen.query_one("#author-question").text == "Range of the GCS?"
        assert screen.query_one("#author-answer").value == "3 to 15"
        screen.query_one("#author-question").load_text("Lowest GCS score?")
        screen.query_one("#author-type").value = "basic"
        await pilot.pause()
        assert screen.query_one("#author-front").text == "Lowest GCS score?"
        assert screen.query_one("#author-back").text == "3 to 15"
        screen.query_one("#author-type").value = "cloze"
        await pilot.pause()
        assert screen.query_one("#author-text").text == ""  # no field of a cloze matches

    run(app, scenario)
