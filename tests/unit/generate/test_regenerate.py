"""Determinism, stable ids, regeneration that respects instructors, decks that pass check."""

from __future__ import annotations

from pathlib import Path

from neuroquiz.decks import check_decks, load_deck, save_deck
from neuroquiz.generate import generate_decks
from neuroquiz.models import BasicCard, ClozeCard, Source
from tests.unit.generate.conftest import DATA, SEEDS, Run


def _snapshot(directory: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(directory.glob("*.yaml"))}


def test_generated_decks_pass_check(seed_run: Run, heldout_run: Run) -> None:
    assert check_decks([seed_run.out]) == []
    assert check_decks([heldout_run.out]) == []


def test_two_runs_write_byte_identical_files(tmp_path: Path) -> None:
    docs = [DATA / n for n in SEEDS]
    generate_decks(docs, tmp_path / "a")
    generate_decks(docs, tmp_path / "b")
    first = _snapshot(tmp_path / "a")
    assert first and first == _snapshot(tmp_path / "b")
    generate_decks(docs, tmp_path / "a")  # again into the same directory: nothing changes
    assert _snapshot(tmp_path / "a") == first


def test_ids_are_stable_and_global(seed_run: Run) -> None:
    ids = [c.id for deck in seed_run.decks.values() for c in deck.cards]
    assert len(ids) == len(set(ids))
    for deck in seed_run.decks.values():
        assert all(c.id.startswith(deck.id[:20]) for c in deck.cards)
        assert all(c.origin == "generated" and c.source is not None for c in deck.cards)


def test_an_edit_elsewhere_keeps_the_ids_of_untouched_facts(tmp_path: Path) -> None:
    text = (DATA / "seed_intramedullary.txt").read_text(encoding="utf-8")
    original = tmp_path / "v1" / "intramedullary.txt"
    edited = tmp_path / "v2" / "intramedullary.txt"
    original.parent.mkdir()
    edited.parent.mkdir()
    original.write_text(text, encoding="utf-8")
    changed = (
        "The use of microsurgical techniques and intraoperative imaging, such as ultrasound "
        "or MRI, enhances precision during removal."
    )
    assert changed in text
    edited.write_text(
        text.replace(changed, changed.replace("ultrasound or MRI", "ultrasound")),
        encoding="utf-8",
    )
    (before,) = [o.deck_path for o in generate_decks([original], tmp_path / "d1").outcomes]
    (after,) = [o.deck_path for o in generate_decks([edited], tmp_path / "d2").outcomes]
    assert before and after
    old = {c.id: c for c in load_deck(before).cards}
    new = {c.id: c for c in load_deck(after).cards}
    untouched = {i for i, c in old.items() if c.source and changed not in c.source.sentences}
    assert untouched and untouched <= set(new)
    assert any(c.source and changed in c.source.sentences for c in old.values())


def test_regeneration_keeps_authored_and_edited_cards_and_respects_rejected(tmp_path: Path) -> None:
    doc = tmp_path / "glomus.txt"
    doc.write_text((DATA / "seed_glomus.txt").read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "decks"
    (deck_path,) = [o.deck_path for o in generate_decks([doc], out).outcomes]
    assert deck_path is not None
    deck = load_deck(deck_path)
    first, second, third, *_ = deck.cards
    assert isinstance(first, ClozeCard)
    edited = first.model_copy(
        update={"text": first.text + " (Instructor note: classic exam question.)"}
    )
    authored = BasicCard(
        id="glomus-own-1",
        front="Fisch classification is used for?",
        back="glomus tumors",
        source=Source(document="lecture"),
    )
    cards = [edited, third, *deck.cards[3:], authored]  # `second` deleted by the instructor
    save_deck(deck_path, deck.model_copy(update={"cards": tuple(cards), "rejected": (second.id,)}))

    # The document gains a fact; generation runs again into the same directory.
    doc.write_text(
        doc.read_text(encoding="utf-8")
        + "\nTumors that erode the carotid canal are treated with staged resection.\n",
        encoding="utf-8",
    )
    generate_decks([doc], out)
    merged = load_deck(deck_path)
    by_id = {c.id: c for c in merged.cards}
    assert by_id[first.id] == edited  # the instructor's edit survives
    assert by_id["glomus-own-1"] == authored  # authored cards are never touched
    assert second.id not in by_id  # a rejected card never comes back
    assert merged.rejected == (second.id,)
    assert any(c.source and "carotid canal" in " ".join(c.source.sentences) for c in merged.cards)
    assert check_decks([out]) == []


def test_generated_cards_whose_source_vanished_are_dropped(tmp_path: Path) -> None:
    doc = tmp_path / "intramedullary.txt"
    text = (DATA / "seed_intramedullary.txt").read_text(encoding="utf-8")
    doc.write_text(text, encoding="utf-8")
    out = tmp_path / "decks"
    (deck_path,) = [o.deck_path for o in generate_decks([doc], out).outcomes]
    assert deck_path is not None
    gone = (
        "The use of microsurgical techniques and intraoperative imaging, such as ultrasound "
        "or MRI, enhances precision during removal."
    )
    assert any(c.source and gone in c.source.sentences for c in load_deck(deck_path).cards)
    doc.write_text(text.replace(gone, ""), encoding="utf-8")
    generate_decks([doc], out)
    assert not any(c.source and gone in c.source.sentences for c in load_deck(deck_path).cards)


def _delete_block(text: str, card_id: str) -> str:
    """Remove one card from a deck file's text, as an instructor would in an editor."""
    lines = text.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line == f"  - id: {card_id}\n")
    end = start + 1
    while end < len(lines) and lines[end].startswith(("    ", "\n")) and lines[end] != "\n":
        end += 1
    while end < len(lines) and lines[end] == "\n":
        end += 1
    return "".join(lines[:start] + lines[end:])


def test_a_card_deleted_by_hand_from_the_yaml_never_comes_back(tmp_path: Path) -> None:
    doc = tmp_path / "glomus.txt"
    doc.write_text((DATA / "seed_glomus.txt").read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "decks"
    (deck_path,) = [o.deck_path for o in generate_decks([doc], out).outcomes]
    assert deck_path is not None
    deck = load_deck(deck_path)
    assert deck.generated == tuple(c.id for c in deck.cards)  # every generated id, in order
    assert deck.rejected == ()
    victim = deck.cards[1].id

    # The instructor deletes the card in an editor and adds one of their own: no rejected list.
    text = _delete_block(deck_path.read_text(encoding="utf-8"), victim)
    own = (
        "  - id: glomus-own-2\n    type: basic\n    front: Fisch type C tumors erode?\n"
        "    back: the carotid canal\n\n"
    )
    assert "\nrejected:" not in text
    text = text.replace("\ngenerated:", f"\n{own}generated:", 1)
    deck_path.write_text(text, encoding="utf-8")
    edited = load_deck(deck_path)
    assert victim not in {c.id for c in edited.cards} and edited.rejected == ()
    authored = next(c for c in edited.cards if c.id == "glomus-own-2")
    assert authored.id not in edited.generated

    generate_decks([doc], out)
    merged = load_deck(deck_path)
    assert victim not in {c.id for c in merged.cards}  # it did not come back
    assert merged.rejected == (victim,)
    assert victim in merged.generated
    assert next(c for c in merged.cards if c.id == "glomus-own-2") == authored  # untouched
    assert "glomus-own-2" not in merged.generated
    assert check_decks([out]) == []
    generate_decks([doc], out)  # and it stays away on every later run
    assert load_deck(deck_path) == merged


def test_bookkeeping_lists_are_written_after_the_cards(tmp_path: Path) -> None:
    (deck_path,) = [
        o.deck_path for o in generate_decks([DATA / "seed_hemangioma.txt"], tmp_path).outcomes
    ]
    assert deck_path is not None
    text = deck_path.read_text(encoding="utf-8")
    assert text.index("\ncards:\n") < text.index("\n\ngenerated:\n")
    assert text.endswith(f"  - {load_deck(deck_path).generated[-1]}\n")


def test_a_card_dropped_with_its_sentence_returns_with_it(tmp_path: Path) -> None:
    # Generation itself dropping a card is not an instructor's deletion: no rejection.
    doc = tmp_path / "intramedullary.txt"
    text = (DATA / "seed_intramedullary.txt").read_text(encoding="utf-8")
    doc.write_text(text, encoding="utf-8")
    out = tmp_path / "decks"
    (deck_path,) = [o.deck_path for o in generate_decks([doc], out).outcomes]
    assert deck_path is not None
    first = load_deck(deck_path)
    gone = (
        "The use of microsurgical techniques and intraoperative imaging, such as ultrasound "
        "or MRI, enhances precision during removal."
    )
    doc.write_text(text.replace(gone, ""), encoding="utf-8")
    generate_decks([doc], out)
    doc.write_text(text, encoding="utf-8")
    generate_decks([doc], out)
    again = load_deck(deck_path)
    assert again.rejected == ()
    assert {c.id for c in again.cards} == {c.id for c in first.cards}
