"""Anki packages -> decks: our own exports exactly, Anki-made packages of both generations."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from neuroquiz.anki import export_apkg, import_package
from neuroquiz.anki.import_apkg import EMPTY_BACK
from neuroquiz.anki.protobuf import ProtobufError, first_bytes, first_int, parse
from neuroquiz.models import BasicCard, ClozeCard, Deck, McqCard, Source

from .conftest import STAMP, TODAY


def authored(deck: Deck) -> Deck:
    """``deck`` as an import gives it back: every card authored, tags sorted (as Anki does)."""
    cards = tuple(
        card.model_copy(update={"origin": "authored", "tags": tuple(sorted(card.tags))})
        for card in deck.cards
    )
    return deck.model_copy(update={"cards": cards})


def test_our_export_comes_back_exactly(skull: Deck, vascular: Deck, tmp_path: Path) -> None:
    out = tmp_path / "x.apkg"
    export_apkg([skull, vascular], out, today=TODAY, timestamp=STAMP)
    result = import_package(out)
    assert result.decks == (authored(skull), authored(vascular))
    assert (result.notes, result.skipped, result.warnings) == (5, 0, ())


def test_round_trip_export_import_export_gives_the_same_file(
    skull: Deck, vascular: Deck, tmp_path: Path
) -> None:
    first, second = tmp_path / "1.apkg", tmp_path / "2.apkg"
    export_apkg([skull, vascular], first, today=TODAY, timestamp=STAMP)
    export_apkg(list(import_package(first).decks), second, today=TODAY, timestamp=STAMP)
    assert first.read_bytes() == second.read_bytes()


_WORD = st.from_regex(r"[a-z0-9]{1,6}", fullmatch=True)
# Card text as a person types it: anything printable, markup characters, tabs and newlines.
# (Other control characters can't be shown and are dropped on export, by design.)
_CHARS = st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("\n\t<>&\"'")
_ANY_TEXT = st.text(_CHARS, max_size=30)
_INVISIBLE = {"Cc", "Cf", "Zs", "Zl", "Zp"}
_TEXT = _ANY_TEXT.filter(lambda t: any(unicodedata.category(c) not in _INVISIBLE for c in t))


@st.composite
def _cards(draw: st.DrawFn, index: int) -> BasicCard | ClozeCard | McqCard:
    tags = tuple(sorted(set(draw(st.lists(_WORD.map(lambda w: "t" + w), max_size=3)))))
    sentences = st.lists(_ANY_TEXT, max_size=2).map(tuple)
    source = draw(st.none() | st.builds(Source, document=_TEXT, sentences=sentences))
    notes = draw(st.none() | _ANY_TEXT)
    common = {"id": f"c{index}", "tags": tags, "source": source, "notes": notes}
    kind = draw(st.sampled_from(["basic", "cloze", "mcq"]))
    if kind == "basic":
        flags = {"reverse": draw(st.booleans()), "typed": draw(st.booleans())}
        return BasicCard(front=draw(_TEXT), back=draw(_TEXT), **flags, **common)
    if kind == "cloze":
        answer = draw(_TEXT.filter(lambda t: "}" not in t and ":" not in t))
        return ClozeCard(text=f"{draw(_ANY_TEXT)} {{{{c1::{answer}}}}}", **common)
    choices = draw(
        st.lists(_TEXT, min_size=3, max_size=6, unique_by=lambda t: t.strip().casefold())
    )
    return McqCard(
        question=draw(_TEXT), answer=choices[0], distractors=tuple(choices[1:]), **common
    )


@st.composite
def _decks(draw: st.DrawFn) -> Deck:
    cards = tuple(draw(_cards(i)) for i in range(draw(st.integers(1, 4))))
    title = " ".join(draw(st.lists(_WORD, min_size=1, max_size=3)))
    return Deck(id="deck", title=title, description=draw(_ANY_TEXT), cards=cards)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(deck=_decks())
def test_any_deck_survives_export_and_import(deck: Deck, tmp_path: Path) -> None:
    out = tmp_path / "p.apkg"
    export_apkg([deck], out, today=TODAY, timestamp=STAMP)
    assert import_package(out).decks == (authored(deck),)


def test_anki_packages_of_both_generations(anki_packages: dict[str, Path], skull: Deck) -> None:
    results = {kind: import_package(path) for kind, path in anki_packages.items()}
    current = results["current"]
    # The dummy collection.anki2 beside collection.anki21b is ignored: same decks everywhere.
    assert results["legacy"].decks == current.decks == results["colpkg"].decks
    by_id = {deck.id: deck for deck in current.decks}
    assert set(by_id) == {"skull-base", "foreign-sub"}
    assert by_id["skull-base"] == authored(skull)
    foreign = by_id["foreign-sub"]
    assert foreign.title == "Foreign::Sub"
    assert foreign.description == "Made in Anki"
    basic, cloze = foreign.cards
    assert isinstance(basic, BasicCard) and isinstance(cloze, ClozeCard)
    assert basic.front == "Which lobe? [image: mri.png]"
    assert basic.back == "Temporal lobe [sound: say.mp3]"
    assert basic.tags == ("anatomy::lobes",) and basic.origin == "authored"
    assert basic.id.startswith("anki-")
    assert cloze.text == "The {{c1::corpus callosum}} joins the {{c2::hemispheres}}."
    assert cloze.notes == "Commissural fibres"
    assert current.skipped == 1
    assert any("mri.png" in w and "say.mp3" in w for w in current.warnings)
    assert any("1 note skipped" in w and "'Single'" in w for w in current.warnings)


def test_importing_twice_gives_the_same_decks(anki_packages: dict[str, Path]) -> None:
    assert import_package(anki_packages["current"]) == import_package(anki_packages["current"])


def test_protobuf_reader() -> None:
    blob = b"\x08\x01\x12\x03abc\x0a\x02\x20\x05"
    fields = parse(blob)
    assert first_int(fields, 1) == 1
    assert first_bytes(fields, 2) == b"abc"
    assert first_int(fields, 9) == 0 and first_bytes(fields, 9) is None
    with pytest.raises(ProtobufError):
        parse(b"\x12\x05ab")
    with pytest.raises(ProtobufError):
        parse(b"\x08\xff")


def _anki_export(col: Any, path: Path) -> Path:
    from anki.collection import ExportAnkiPackageOptions

    options = ExportAnkiPackageOptions(with_scheduling=False, with_media=False, legacy=False)
    col.export_anki_package(out_path=str(path), options=options, limit=None)
    return path


def test_defect_11_basic_note_with_an_empty_back_is_imported(
    anki_collection: Callable[[], Any], tmp_path: Path
) -> None:
    col = anki_collection()
    note = col.new_note(col.models.by_name("Basic"))
    note["Front"] = "Name the structure"
    note["Back"] = ""
    col.add_note(note, col.decks.id("Default"))
    result = import_package(_anki_export(col, tmp_path / "x.apkg"))
    (card,) = result.decks[0].cards
    assert isinstance(card, BasicCard)
    assert (card.front, card.back, result.skipped) == ("Name the structure", EMPTY_BACK, 0)


def test_defect_9_cloze_type_whose_cloze_field_is_not_first(
    anki_collection: Callable[[], Any], tmp_path: Path
) -> None:
    col = anki_collection()
    models = col.models
    model = models.copy(models.by_name("Cloze"))
    model["name"] = "Topic first"
    topic = models.new_field("Topic")
    models.add_field(model, topic)
    models.reposition_field(model, model["flds"][-1], 0)
    models.update_dict(model)
    note = col.new_note(models.by_name("Topic first"))
    note["Topic"] = "Brainstem"
    note["Text"] = "The {{c1::medulla}} is caudal to the pons."
    col.add_note(note, col.decks.id("Default"))
    assert col.card_count() == 1
    result = import_package(_anki_export(col, tmp_path / "x.apkg"))
    (card,) = result.decks[0].cards
    assert isinstance(card, ClozeCard)
    assert (card.text, card.notes) == ("The {{c1::medulla}} is caudal to the pons.", "Brainstem")


def test_defect_8_the_question_is_the_field_the_template_asks(
    anki_collection: Callable[[], Any], tmp_path: Path
) -> None:
    col = anki_collection()
    models = col.models
    model = models.new("Answer first")
    for name in ("Answer", "Question"):
        models.add_field(model, models.new_field(name))
    template = models.new_template("Card 1")
    template["qfmt"] = "{{Question}}"
    template["afmt"] = "{{FrontSide}}<hr id=answer>{{Answer}}"
    models.add_template(model, template)
    models.add(model)
    note = col.new_note(models.by_name("Answer first"))
    note["Answer"], note["Question"] = "The abducens nerve", "Which nerve moves the eye out?"
    col.add_note(note, col.decks.id("Default"))
    (card,) = import_package(_anki_export(col, tmp_path / "x.apkg")).decks[0].cards
    assert isinstance(card, BasicCard)
    assert (card.front, card.back) == ("Which nerve moves the eye out?", "The abducens nerve")
    assert col.get_card(note.card_ids()[0]).question().endswith("Which nerve moves the eye out?")


def test_defect_8_five_fields_and_two_templates_keep_every_field_and_card(
    anki_collection: Callable[[], Any], tmp_path: Path
) -> None:
    col = anki_collection()
    models = col.models
    model = models.new("Five")
    for name in ("Structure", "Location", "Supply", "Lesion", "Mnemonic"):
        models.add_field(model, models.new_field(name))
    ask_place = models.new_template("Where")
    ask_place["qfmt"] = "Where is {{Structure}}?"
    ask_place["afmt"] = "{{FrontSide}}<hr id=answer>{{Location}}<br>{{Supply}}<br>{{Lesion}}"
    ask_lesion = models.new_template("Lesion")
    ask_lesion["qfmt"] = "{{Lesion}}"
    ask_lesion["afmt"] = "{{FrontSide}}<hr id=answer>{{Structure}}"
    models.add_template(model, ask_place)
    models.add_template(model, ask_lesion)
    models.add(model)
    note = col.new_note(models.by_name("Five"))
    for name, value in zip(
        ("Structure", "Location", "Supply", "Lesion", "Mnemonic"),
        ("the internal capsule", "between thalamus and lentiform", "lenticulostriate arteries",
         "pure motor hemiparesis", "IC = Important Corridor"),
        strict=True,
    ):  # fmt: skip
        note[name] = value
    col.add_note(note, col.decks.id("Default"))
    assert col.card_count() == 2  # Anki's judgement: two cards
    cards = import_package(_anki_export(col, tmp_path / "x.apkg")).decks[0].cards
    assert [(c.front, c.back, c.notes) for c in cards if isinstance(c, BasicCard)] == [
        (
            "the internal capsule",
            "between thalamus and lentiform\nlenticulostriate arteries\npure motor hemiparesis",
            "Mnemonic: IC = Important Corridor",
        ),
        ("pure motor hemiparesis", "the internal capsule", "Mnemonic: IC = Important Corridor"),
    ]
    assert cards[1].id == f"{cards[0].id}-card2"


def test_defect_8_basic_and_reversed_keeps_its_reverse(
    anki_collection: Callable[[], Any], tmp_path: Path
) -> None:
    col = anki_collection()
    both = col.new_note(col.models.by_name("Basic (and reversed card)"))
    both["Front"], both["Back"] = "CN VI", "abducens"
    col.add_note(both, col.decks.id("Default"))
    optional = col.new_note(col.models.by_name("Basic (optional reversed card)"))
    optional["Front"], optional["Back"] = "CN IV", "trochlear"  # no "Add Reverse": one card
    col.add_note(optional, col.decks.id("Default"))
    assert col.card_count() == 3
    first = import_package(_anki_export(col, tmp_path / "x.apkg"))
    cards = [c for c in first.decks[0].cards if isinstance(c, BasicCard)]
    # "Basic (and reversed card)" is one reversed card (#13), no longer two cards.
    assert sorted((c.front, c.back, c.reverse) for c in cards) == [
        ("CN IV", "trochlear", False), ("CN VI", "abducens", True)
    ]  # fmt: skip
    assert first == import_package(tmp_path / "x.apkg")  # ids stable: a second import is equal
