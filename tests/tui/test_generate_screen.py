"""Generate screen: generate in a worker, review, and write ONLY the accepted cards.

The documents are tiny so that the real generator runs in about a second.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from neuroquiz.decks import load_deck
from neuroquiz.models import ClozeCard, Deck, Source
from neuroquiz.store import ProgressStore
from neuroquiz.tui.screens.author import AuthorScreen
from neuroquiz.tui.screens.author_dialogs import ConfirmDialog
from neuroquiz.tui.screens.generate import GenerateScreen
from neuroquiz.tui.screens.generate_review import propose, write_review
from neuroquiz.tui.screens.generate_view import lost_decisions

AppFactory = Callable[..., Any]


def _screen_text(app: Any) -> str:
    svg = app.export_screenshot()
    text = re.sub(r"<[^>]+>", "", svg.split("</style>", 1)[-1])
    return html.unescape(text).replace("\xa0", " ")


async def _reloaded(pilot: Any) -> None:
    """Wait for the app's deck reload (not for the directory tree's endless loader)."""
    await pilot.pause()
    reloads = [w for w in pilot.app.workers if w.group == "reload-decks"]
    await pilot.app.workers.wait_for_complete(reloads)
    await pilot.pause()


async def _generate(pilot: Any, document: str) -> GenerateScreen:
    """Open the screen, type the document, generate, and wait for the worker."""
    app = pilot.app
    if not isinstance(app.screen, GenerateScreen):
        await pilot.press("g")
        await pilot.pause()
    screen = app.screen
    assert isinstance(screen, GenerateScreen)
    screen.query_one("#gen-path").value = document
    await pilot.press("ctrl+g")
    await pilot.pause()
    if screen.worker is not None:
        await screen.worker.wait()
    await pilot.pause()
    return screen


def test_generate_accept_and_reject_writes_only_accepted_cards(
    make_app: AppFactory, store: ProgressStore, decks_dir: Path, run: Any
) -> None:
    app = make_app()
    decided: dict[str, list[str]] = {}

    async def scenario(pilot: Any) -> None:
        screen = await _generate(pilot, "trauma.txt")  # found in decks/sources
        assert screen.phase == "review"
        cards = list(screen.cards)
        assert len(cards) == 2
        assert all(card.origin == "generated" and card.source is not None for card in cards)
        assert "Card 1 of 2" in _screen_text(app)
        await pilot.press("a")  # accept the first, the second is shown
        assert screen.index == 1
        await pilot.press("r")
        await pilot.pause()
        decided["accepted"] = [cards[0].id]
        decided["rejected"] = [cards[1].id]
        assert "✓ 1 ✗ 1 · 0 undecided" in _screen_text(app)
        # Nothing is written before ctrl+s.
        assert not (decks_dir / "trauma.yaml").exists()
        await pilot.press("ctrl+s")
        await _reloaded(pilot)
        assert not isinstance(app.screen, GenerateScreen)

    run(app, scenario)
    deck = load_deck(decks_dir / "trauma.yaml")
    assert [card.id for card in deck.cards] == decided["accepted"]
    assert deck.rejected == tuple(decided["rejected"])
    assert deck.sources == ("trauma.txt",)
    # The reload synced the new deck into the store.
    assert store.deck_id_of(decided["accepted"][0]) == "trauma"
    assert store.deck_id_of(decided["rejected"][0]) is None


def test_rejected_and_accepted_cards_are_not_proposed_again(
    make_app: AppFactory, decks_dir: Path, run: Any
) -> None:
    app = make_app()

    async def scenario(pilot: Any) -> None:
        screen = await _generate(pilot, str(decks_dir / "sources" / "trauma.txt"))
        assert len(screen.cards) == 2
        await pilot.press("a", "r", "ctrl+s")
        await _reloaded(pilot)
        assert app.loaded_deck("trauma") is not None
        screen = await _generate(pilot, "trauma.txt")
        assert screen.phase == "pick"
        assert "No new card" in _screen_text(app)
        assert "2 card(s)" in _screen_text(app)

    run(app, scenario)


def test_edit_a_candidate_then_write_it_to_an_existing_deck(
    make_app: AppFactory, decks_dir: Path, run: Any
) -> None:
    app = make_app()
    basics_before = (decks_dir / "basics.yaml").read_text(encoding="utf-8")

    async def scenario(pilot: Any) -> None:
        screen = await _generate(pilot, "trauma.txt")
        screen.query_one("#gen-target").value = "basics"
        await pilot.press("right")  # the second candidate
        await pilot.pause()
        edited_id = screen.cards[1].id
        await pilot.press("e")
        await pilot.pause()
        author = app.screen
        assert isinstance(author, AuthorScreen) and not author.write
        assert "Delete" not in _screen_text(app)  # nothing to delete: it is in no file
        author.query_one("#author-text").load_text("A GCS of {{c1::8}} or less is coma.")
        await pilot.pause()
        await pilot.press("ctrl+s")  # Done: back to the review, the card accepted
        await pilot.pause()
        assert app.screen is screen
        assert screen.decision(edited_id) == "accepted"
        card = screen.cards[1]
        assert isinstance(card, ClozeCard) and card.text == "A GCS of {{c1::8}} or less is coma."
        assert card.origin == "generated" and card.source is not None  # kept
        assert screen.decision(screen.cards[0].id) == "undecided"
        await pilot.press("ctrl+s")
        await _reloaded(pilot)

    run(app, scenario)
    text = (decks_dir / "basics.yaml").read_text(encoding="utf-8")
    # The instructor's file is edited, not rewritten: every line of it is still there.
    assert all(line in text.splitlines() for line in basics_before.splitlines())
    deck = load_deck(decks_dir / "basics.yaml")
    assert [c.id for c in deck.cards][:3] == ["gcs-range", "monro-kellie", "gcs-motor"]
    added = deck.cards[3:]
    assert len(added) == 1 and isinstance(added[0], ClozeCard)
    assert added[0].text == "A GCS of {{c1::8}} or less is coma."
    assert deck.rejected == ()  # the undecided first card is neither written nor rejected
    assert "trauma.txt" in deck.sources
    assert not (decks_dir / "trauma.yaml").exists()


def test_bad_documents_say_why(make_app: AppFactory, decks_dir: Path, run: Any) -> None:
    app = make_app()
    (decks_dir / "sources" / "empty.txt").write_text("", encoding="utf-8")

    async def scenario(pilot: Any) -> None:
        screen = await _generate(pilot, "missing.txt")
        assert screen.phase == "pick" and "Not a file" in _screen_text(app)
        screen = await _generate(pilot, "empty.txt")
        assert screen.phase == "pick"
        assert "empty.txt" in _screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, GenerateScreen)

    run(app, scenario)


def test_propose_leaves_out_known_rejected_and_duplicate_cards() -> None:
    fresh = Deck(
        id="t",
        title="T",
        cards=(
            ClozeCard(id="t-1", text="{{c1::a}} one"),
            ClozeCard(id="t-2", text="{{c1::b}} two"),
            ClozeCard(id="t-3", text="{{c1::c}}   THREE"),
            ClozeCard(id="t-4", text="{{c1::d}} four"),
            ClozeCard(id="t-5", text="{{c1::d}} FOUR"),
            ClozeCard(id="t-6", text="{{c1::e}} six"),
        ),
    )
    existing = [
        Deck(
            id="t", title="T", rejected=("t-2",), cards=(ClozeCard(id="t-1", text="x {{c1::y}}"),)
        ),
        Deck(
            id="o",
            title="O",
            rejected=("t-6",),  # rejected while reviewing into another deck
            cards=(ClozeCard(id="o-1", text="{{c1::c}} three"),),
        ),
    ]
    kept, skipped = propose(fresh, existing)
    assert [card.id for card in kept] == ["t-4"]
    assert skipped == 5


def test_write_review_creates_or_extends_a_deck(tmp_path: Path) -> None:
    fresh = Deck(id="t", title="T", description="Generated.", sources=("t.txt",))
    card = ClozeCard(id="t-1", text="{{c1::a}} one")
    path = tmp_path / "t.yaml"
    write_review(path, fresh, [card], ["t-9"])
    deck = load_deck(path)
    assert (deck.title, deck.cards, deck.rejected, deck.sources) == (
        "T",
        (card,),
        ("t-9",),
        ("t.txt",),
    )
    path.write_text("# mine\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    other = ClozeCard(id="t-2", text="{{c1::b}} two")
    write_review(path, fresh, [card, other], ["t-9", "t-8"])
    deck = load_deck(path)
    assert [c.id for c in deck.cards] == ["t-1", "t-2"]
    assert deck.rejected == ("t-9", "t-8")
    assert path.read_text(encoding="utf-8").startswith("# mine\n")


def test_a_reviewed_card_deleted_by_hand_never_comes_back(tmp_path: Path) -> None:
    from neuroquiz.generate import generate_deck, generate_decks

    document = tmp_path / "glioma.txt"
    document.write_text(
        "Glioblastoma\n\nGlioblastoma is the most common malignant primary brain tumor in "
        "adults. Standard treatment is maximal safe resection followed by radiotherapy with "
        "concurrent temozolomide. Tumors with a methylated MGMT promoter respond better to "
        "temozolomide. Median survival with this treatment is about 15 months.\n",
        encoding="utf-8",
    )
    fresh = generate_deck(document).deck
    assert len(fresh.cards) >= 2
    out = tmp_path / "decks"
    out.mkdir()
    path = out / f"{fresh.id}.yaml"
    write_review(path, fresh, list(fresh.cards), [])
    assert set(load_deck(path).generated) == {card.id for card in fresh.cards}
    victim = fresh.cards[0]
    kept = tuple(card for card in fresh.cards if card.id != victim.id)
    from neuroquiz.decks import dump_deck

    deck = load_deck(path)
    path.write_text(dump_deck(deck.model_copy(update={"cards": kept})), encoding="utf-8")
    report = generate_decks([document], out)
    assert not report.failed
    again = load_deck(path)
    assert victim.id not in {card.id for card in again.cards}
    assert victim.id in again.rejected


def test_generate_snapshot(snap_compare: Any, make_app: AppFactory) -> None:
    async def review(pilot: Any) -> None:
        await _generate(pilot, "trauma.txt")
        await pilot.press("a")
        await pilot.pause()

    assert snap_compare(make_app(), run_before=review, terminal_size=(80, 24))


def test_generate_pick_snapshot(snap_compare: Any, make_app: AppFactory) -> None:
    assert snap_compare(make_app(), press=["g"], terminal_size=(80, 24))


def test_review_shows_every_deletion_of_a_cloze_candidate(
    make_app: AppFactory, run: Any, monkeypatch: Any
) -> None:
    """A candidate hiding c1 and c2 says so, and each deletion is marked (#13 defect 8)."""
    import neuroquiz.tui.screens.generate as generate_screen
    from neuroquiz.tui.screens.generate_review import Generation

    card = ClozeCard(
        id="csf-volume",
        text="CSF is made at {{c1::0.35 mL/min}}, about {{c2::500 mL::volume}} a day.",
        origin="generated",
        source=Source(document="trauma.txt", sentences=("CSF is made at 0.35 mL/min.",)),
    )

    def fake(document: Path, existing: Any) -> Generation:
        return Generation(document, Deck(id="trauma", title="Trauma", cards=(card,)), (card,), 0)

    monkeypatch.setattr(generate_screen, "generate_candidates", fake)
    app = make_app()

    async def scenario(pilot: Any) -> None:
        screen = await _generate(pilot, "trauma.txt")
        assert screen.phase == "review"
        text = _screen_text(app)
        assert "cloze c1, c2" in text
        # Front: both gaps, numbered; back: both answers, numbered.
        assert "[c1: ...]" in text and "[c2: volume]" in text
        assert "0.35 mL/min (c1)" in text and "500 mL (c2)" in text

    run(app, scenario)


def test_escape_asks_before_throwing_decisions_away(
    make_app: AppFactory, decks_dir: Path, run: Any
) -> None:
    app = make_app()

    async def scenario(pilot: Any) -> None:
        screen = await _generate(pilot, "trauma.txt")
        first = screen.cards[0].id
        await pilot.press("a", "escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "1 accepted card are lost" in _screen_text(app)
        await pilot.press("n")  # keep reviewing: the decision is still there
        await pilot.pause()
        assert app.screen is screen
        assert screen.phase == "review"
        assert screen.decision(first) == "accepted"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert app.screen is screen
        assert screen.phase == "pick"
        assert "Review abandoned" in _screen_text(app)

    run(app, scenario)
    assert not (decks_dir / "trauma.yaml").exists()


def test_escape_without_decisions_leaves_the_review_at_once(make_app: AppFactory, run: Any) -> None:
    app = make_app()

    async def scenario(pilot: Any) -> None:
        screen = await _generate(pilot, "trauma.txt")
        await pilot.press("right", "escape")  # moving is not deciding
        await pilot.pause()
        assert app.screen is screen
        assert screen.phase == "pick"

    run(app, scenario)


def test_lost_decisions_wording() -> None:
    assert lost_decisions(0, 0) is None
    assert lost_decisions(1, 0) == "1 accepted card"
    assert lost_decisions(2, 1) == "2 accepted and 1 rejected cards"
    assert lost_decisions(0, 3) == "3 rejected cards"
