"""Writing deck files: readable new files, in-place edits that keep an instructor's text."""

from __future__ import annotations

import os
import stat
import textwrap
from pathlib import Path

import pytest

from neuroquiz.decks import (
    SCHEMA_COMMENT,
    DeckError,
    delete_card,
    dump_deck,
    load_deck,
    save_deck,
    upsert_card,
)
from neuroquiz.decks import save as save_module
from neuroquiz.errors import NeuroquizError
from neuroquiz.models import BasicCard, ClozeCard, Deck, McqCard, Source

SAMPLE = Path(__file__).resolve().parents[2] / "decks" / "neuro-basics.yaml"


def dedent(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


def sample_copy(tmp_path: Path) -> tuple[Path, str]:
    path = tmp_path / "neuro-basics.yaml"
    text = SAMPLE.read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    return path, text


def with_card(deck: Deck, card_id: str, **changes: object) -> Deck:
    cards = tuple(c.model_copy(update=changes) if c.id == card_id else c for c in deck.cards)
    return deck.model_copy(update={"cards": cards})


# --- dump_deck ----------------------------------------------------------------------------


def test_dump_deck_writes_a_readable_file_in_a_fixed_key_order() -> None:
    deck = Deck(
        id="demo",
        title="Demo",
        description="Two lines\nof description",
        cards=(
            McqCard(
                id="d-mcq",
                question="Which?",
                answer="This",
                distractors=("That", "Other"),
                tags=("t1", "t2"),
                notes="Remember: this one.",
            ),
            ClozeCard(
                id="d-cloze",
                text="A {{c1::b}} c",
                origin="generated",
                source=Source(document="doc.pdf", sentences=("A b c.",)),
            ),
            BasicCard(id="d-basic", front="Front", back="Back"),
        ),
    )

    assert dump_deck(deck) == dedent(
        f"""
        {SCHEMA_COMMENT}
        title: Demo
        description: |-
          Two lines
          of description

        cards:
          - id: d-mcq
            type: mcq
            question: Which?
            answer: This
            distractors:
              - That
              - Other
            tags: [t1, t2]
            origin: authored
            notes: 'Remember: this one.'

          - id: d-cloze
            type: cloze
            text: A {{{{c1::b}}}} c
            origin: generated
            source:
              document: doc.pdf
              sentences:
                - A b c.

          - id: d-basic
            type: basic
            front: Front
            back: Back
            origin: authored
        """
    )


def test_dump_deck_keeps_values_that_differ_from_the_empty_defaults() -> None:
    deck = Deck(
        id="x",
        title="T",
        sources=("a.pdf",),
        rejected=("old-card",),
        cards=(BasicCard(id="c", front="F", back="B", notes=""),),
    )

    text = dump_deck(deck)

    assert "sources:\n  - a.pdf\n" in text
    assert "rejected:\n  - old-card\n" in text
    assert "notes: ''\n" in text
    assert "tags" not in text and "description" not in text


def test_dump_then_load_gives_the_same_deck(tmp_path: Path) -> None:
    deck = load_deck(SAMPLE)
    path = tmp_path / "neuro-basics.yaml"
    path.write_text(dump_deck(deck), encoding="utf-8")

    assert load_deck(path) == deck


def test_the_sample_deck_is_in_the_dump_layout() -> None:
    # The hand-written sample differs from dump_deck only by its comment lines.
    text = SAMPLE.read_text(encoding="utf-8")
    lines = [line for line in text.splitlines()[1:] if not line.lstrip().startswith("#")]

    assert "\n".join(lines) + "\n" == dump_deck(load_deck(SAMPLE)).split("\n", 1)[1]


# --- save_deck: new files and unchanged decks -----------------------------------------------


def test_save_deck_writes_dump_deck_for_a_new_file(tmp_path: Path) -> None:
    deck = load_deck(SAMPLE)
    path = tmp_path / "fresh.yaml"

    save_deck(path, deck)

    assert path.read_text(encoding="utf-8") == dump_deck(deck)


def test_saving_an_unchanged_deck_does_not_touch_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, text = sample_copy(tmp_path)
    deck = load_deck(path)

    def no_write(target: Path, new_text: str) -> None:
        raise AssertionError("an unchanged deck was written")

    monkeypatch.setattr(save_module, "write_atomic", no_write)
    save_deck(path, deck)

    assert path.read_text(encoding="utf-8") == text


# --- save_deck: in-place edits ------------------------------------------------------------


def test_changing_one_card_changes_only_its_line(tmp_path: Path) -> None:
    path, text = sample_copy(tmp_path)
    deck = with_card(load_deck(path), "nb-sdh-veins", back="Bridging (cortical) veins")

    save_deck(path, deck)

    assert path.read_text(encoding="utf-8") == text.replace(
        "    back: Bridging veins\n", "    back: Bridging (cortical) veins\n"
    )
    assert load_deck(path) == deck


def test_a_changed_card_keeps_its_comments_key_order_and_quoting(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(
        dedent(
            """
            title: Mine   # my title
            cards:
              # the first card
              - type: basic  # I put type first
                id: m-one
                back: "Old answer"  # check this
                # the question below is from the 2019 exam
                front: 'Question?'
                tags:
                  - alpha
                  - beta  # second tag

              # the second card
              - id: m-two
                type: basic
                front: Q2
                back: A2
            # end of deck
            """
        ),
        encoding="utf-8",
    )
    deck = load_deck(path)
    edited = with_card(deck, "m-one", back="New answer", front="New question?", tags=("alpha",))

    save_deck(path, edited)

    assert path.read_text(encoding="utf-8") == dedent(
        """
        title: Mine   # my title
        cards:
          # the first card
          - type: basic  # I put type first
            id: m-one
            back: "New answer"  # check this
            # the question below is from the 2019 exam
            front: 'New question?'
            tags:
              - alpha

          # the second card
          - id: m-two
            type: basic
            front: Q2
            back: A2
        # end of deck
        """
    )
    assert load_deck(path) == edited


def test_removed_card_goes_with_the_comments_above_it(tmp_path: Path) -> None:
    path, text = sample_copy(tmp_path)
    deck = load_deck(path)
    removed = deck.model_copy(
        update={"cards": tuple(c for c in deck.cards if c.id != "nb-edh-artery")}
    )

    save_deck(path, removed)

    block = (
        "  # --- Traumatic hematomas ---\n"
        "  # Keep EDH and SDH on separate cards: they interfere if asked together.\n"
        "  - id: nb-edh-artery\n"
        "    type: cloze\n"
        "    text: An epidural hematoma classically results from a tear of the"
        " {{c1::middle meningeal artery::artery}}.\n"
        "    tags: [trauma, hematoma]\n"
        "    origin: authored\n"
        "    notes: Usually beneath a fracture of the squamous temporal bone.\n"
        "\n"
    )
    assert block in text
    assert path.read_text(encoding="utf-8") == text.replace(block, "")
    assert load_deck(path) == removed


def test_removing_the_first_card_keeps_the_comments_of_the_next(tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    path.write_text(
        dedent(
            """
            title: T
            cards:
              # about the first card
              - id: a-one
                type: basic
                front: Q1
                back: A1
              # about the second card
              - id: a-two
                type: basic
                front: Q2
                back: A2
            """
        ),
        encoding="utf-8",
    )
    deck = load_deck(path)

    save_deck(path, deck.model_copy(update={"cards": deck.cards[1:]}))

    assert path.read_text(encoding="utf-8") == dedent(
        """
        title: T
        cards:
          # about the second card
          - id: a-two
            type: basic
            front: Q2
            back: A2
        """
    )


def test_new_card_is_appended_before_the_closing_comments(tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    original = dedent(
        """
        title: T
        cards:
          - id: a-one
            type: basic
            front: Q1
            back: A1

          - id: a-two
            type: basic
            front: Q2
            back: A2
        # closing remark
        """
    )
    path.write_text(original, encoding="utf-8")
    deck = load_deck(path)
    new = BasicCard(id="a-three", front="Q3", back="Multi\nline", tags=("x",))

    save_deck(path, deck.model_copy(update={"cards": (*deck.cards, new)}))

    assert path.read_text(encoding="utf-8") == original.replace(
        "# closing remark\n",
        "\n"
        + dedent(
            """
              - id: a-three
                type: basic
                front: Q3
                back: |-
                  Multi
                  line
                tags: [x]
                origin: authored
            # closing remark
            """
        ),
    )


def test_metadata_changes_keep_comments_and_the_file_layout(tmp_path: Path) -> None:
    path, text = sample_copy(tmp_path)
    deck = load_deck(path).model_copy(
        update={"title": "Neuro basics II", "sources": ("handbook.pdf",)}
    )

    save_deck(path, deck)

    new_text = path.read_text(encoding="utf-8")
    assert new_text == text.replace("title: Neuro basics\n", "title: Neuro basics II\n").replace(
        "tumor grading.\n\ncards:", "tumor grading.\nsources:\n  - handbook.pdf\n\ncards:"
    )
    assert load_deck(path) == deck


def test_a_file_indented_another_way_keeps_its_indentation(tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    original = dedent(
        """
        title: T
        cards:
        - id: a-one
          type: basic
          front: Q1
          back: A1
          source:
              document: doc.pdf
        - id: a-two
          type: basic
          front: Q2
          back: A2
        """
    )
    path.write_text(original, encoding="utf-8")
    deck = with_card(load_deck(path), "a-two", back="Changed")

    save_deck(path, deck)

    assert path.read_text(encoding="utf-8") == original.replace("back: A2", "back: Changed")


def test_changing_a_card_type_rewrites_its_keys(tmp_path: Path) -> None:
    path, _text = sample_copy(tmp_path)
    deck = load_deck(path)
    cloze = ClozeCard(id="nb-sdh-veins", text="Acute SDH: torn {{c1::bridging veins}}.")
    edited = deck.model_copy(
        update={"cards": tuple(cloze if c.id == cloze.id else c for c in deck.cards)}
    )

    save_deck(path, edited)

    assert load_deck(path) == edited
    assert (
        "  - id: nb-sdh-veins\n    type: cloze\n"
        "    text: 'Acute SDH: torn {{c1::bridging veins}}.'\n    origin: authored\n"
    ) in path.read_text(encoding="utf-8")


def test_save_deck_refuses_a_file_name_that_is_not_a_deck_id(tmp_path: Path) -> None:
    path = tmp_path / "My Deck.yaml"

    with pytest.raises(DeckError, match=r"file name 'My Deck\.yaml' is not a valid deck id"):
        save_deck(path, load_deck(SAMPLE))

    assert not path.exists()


def test_save_deck_refuses_to_overwrite_a_file_it_cannot_parse(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("title: [unclosed\n", encoding="utf-8")

    with pytest.raises(DeckError):
        save_deck(path, load_deck(SAMPLE))

    assert path.read_text(encoding="utf-8") == "title: [unclosed\n"


def test_save_deck_repairs_a_file_with_invalid_cards(tmp_path: Path) -> None:
    path = tmp_path / "fixme.yaml"
    path.write_text(
        "title: T  # keep me\ncards:\n  - id: a-one\n    type: basic\n    front: Q\n",
        encoding="utf-8",
    )
    deck = Deck(id="fixme", title="T", cards=(BasicCard(id="a-one", front="Q", back="A"),))

    save_deck(path, deck)

    assert path.read_text(encoding="utf-8") == (
        "title: T  # keep me\ncards:\n  - id: a-one\n    type: basic\n    front: Q\n    back: A\n"
    )


# --- atomic writes ------------------------------------------------------------------------


def test_a_failed_replace_leaves_the_original_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, text = sample_copy(tmp_path)
    deck = with_card(load_deck(path), "nb-sdh-veins", back="Changed")

    def failing_replace(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(NeuroquizError, match="No space left on device") as caught:
        save_deck(path, deck)

    assert str(path) in str(caught.value)
    assert path.read_text(encoding="utf-8") == text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["neuro-basics.yaml"]


def test_a_failed_write_leaves_the_original_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, text = sample_copy(tmp_path)
    deck = with_card(load_deck(path), "nb-sdh-veins", back="Changed")

    def failing_fsync(fd: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fsync", failing_fsync)
    with pytest.raises(NeuroquizError):
        save_deck(path, deck)

    assert path.read_text(encoding="utf-8") == text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["neuro-basics.yaml"]


def test_saving_keeps_the_file_permissions(tmp_path: Path) -> None:
    path, _text = sample_copy(tmp_path)
    path.chmod(0o600)

    save_deck(path, with_card(load_deck(path), "nb-sdh-veins", back="Changed"))

    assert stat.S_IMODE(path.stat().st_mode) == 0o600


# --- upsert_card and delete_card ----------------------------------------------------------


def test_upsert_replaces_a_card_in_place(tmp_path: Path) -> None:
    path, text = sample_copy(tmp_path)
    card = BasicCard(
        id="nb-lucid-interval",
        front="Which intracranial hematoma is classically associated with a lucid interval?",
        back="Extradural (epidural) hematoma",
        tags=("trauma", "hematoma"),
    )

    deck = upsert_card(path, card)

    assert load_deck(path) == deck
    assert [c.id for c in deck.cards] == [c.id for c in load_deck(SAMPLE).cards]
    assert path.read_text(encoding="utf-8") == text.replace(
        "back: Epidural hematoma", "back: Extradural (epidural) hematoma"
    )


def test_upsert_appends_a_new_card(tmp_path: Path) -> None:
    path, text = sample_copy(tmp_path)
    card = ClozeCard(id="nb-csf-volume", text="Adults make about {{c1::500 mL}} of CSF a day.")

    deck = upsert_card(path, card)

    assert deck.cards[-1] == card
    assert load_deck(path) == deck
    assert path.read_text(encoding="utf-8").startswith(text)


def test_delete_generated_card_remembers_it_as_rejected(tmp_path: Path) -> None:
    path = tmp_path / "gen.yaml"
    generated = BasicCard(
        id="gen-1", front="Q", back="A", origin="generated", source=Source(document="d.pdf")
    )
    authored = BasicCard(id="own-1", front="Q2", back="A2")
    save_deck(path, Deck(id="gen", title="G", cards=(generated, authored)))

    after_generated = delete_card(path, "gen-1")
    after_authored = delete_card(path, "own-1")

    assert after_generated.rejected == ("gen-1",)
    assert after_authored.rejected == ("gen-1",)
    assert load_deck(path) == after_authored
    assert after_authored.cards == ()


def test_delete_without_remembering(tmp_path: Path) -> None:
    path = tmp_path / "gen.yaml"
    generated = BasicCard(
        id="gen-1", front="Q", back="A", origin="generated", source=Source(document="d.pdf")
    )
    save_deck(path, Deck(id="gen", title="G", cards=(generated,)))

    deck = delete_card(path, "gen-1", remember_rejected=False)

    assert deck.rejected == ()
    assert load_deck(path).cards == ()


def test_delete_unknown_card_is_a_user_error(tmp_path: Path) -> None:
    path, text = sample_copy(tmp_path)

    with pytest.raises(NeuroquizError, match="no card with id 'nb-nope'"):
        delete_card(path, "nb-nope")

    assert path.read_text(encoding="utf-8") == text


def test_upsert_into_a_broken_file_raises_deck_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("title: T\ncards:\n  - id: x\n", encoding="utf-8")

    with pytest.raises(DeckError):
        upsert_card(path, BasicCard(id="y", front="Q", back="A"))

    assert path.read_text(encoding="utf-8") == "title: T\ncards:\n  - id: x\n"
