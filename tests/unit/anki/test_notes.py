"""Cards as Anki notes: GUIDs, names, tags, fields."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from neuroquiz.anki.notes import (
    anki_deck_id,
    card_fields,
    card_id_from_guid,
    choice_order,
    deck_name,
    guid_for,
    to_anki,
)
from neuroquiz.models import BasicCard, Deck, McqCard


def test_guid_is_stable_and_gives_back_the_card_id() -> None:
    assert guid_for("sb-jugular") == guid_for("sb-jugular") == "nq:sb-jugular"
    assert card_id_from_guid("nq:sb-jugular") == "sb-jugular"
    assert card_id_from_guid("eB&iEa)Svl") is None
    assert card_id_from_guid("nq:Not An Id") is None


def test_deck_name_and_id() -> None:
    assert deck_name("Skull base") == "NeuroQuiz::Skull base"
    assert deck_name("A::B  c") == "NeuroQuiz::A::B c"
    assert deck_name(" A :: :: B ") == "NeuroQuiz::A::B"
    assert anki_deck_id("skull-base") == anki_deck_id("skull-base") != anki_deck_id("vascular")
    assert (1 << 30) <= anki_deck_id("x") < (1 << 31)


def test_tags_are_card_tags_plus_deck_id(skull: Deck) -> None:
    notes = {n.card_id: n for n in to_anki([skull])[0].notes}
    assert notes["sb-jugular"].tags == ("cranial-nerves", "foramina", "skull-base")
    assert notes["sb-ica"].tags == ("skull-base",)


def test_every_field_is_escaped(skull: Deck) -> None:
    front, back, source = card_fields(skull.cards[0])
    assert front == "What passes through the &lt;jugular&gt; foramen?"
    assert back == "CN IX, X &amp; XI<br>and the internal jugular vein"
    assert '<span class="nq-doc">Rhoton.pdf</span>' in source


def test_cloze_back_extra_holds_source_and_notes(skull: Deck) -> None:
    text, extra = card_fields(skull.cards[1])
    assert text == "The {{c1::ICA}} enters via the {{c2::carotid canal}}."
    assert "Rhoton.pdf" in extra and "Petrous segment first." in extra


def test_mcq_front_has_lettered_choices_and_back_the_answer(skull: Deck) -> None:
    card = skull.cards[2]
    assert isinstance(card, McqCard)
    question, choices, answer, _ = card_fields(card)
    assert question == "Which nerve exits the foramen ovale?"
    assert choices.startswith('<ol class="nq-choices" type="A">')
    assert choices.count("<li") == 4
    letter = "ABCD"[choice_order(card).index("V3")]
    assert answer.startswith(f'<span class="nq-letter">{letter}.</span>')


@settings(max_examples=50)
@given(st.permutations(["V1", "V2", "VII", "V4"]))
def test_choice_order_ignores_distractor_order(order: list[str]) -> None:
    base = McqCard(id="q", question="?", answer="V3", distractors=("V1", "V2", "VII", "V4"))
    shuffled = base.model_copy(update={"distractors": tuple(order)})
    assert choice_order(shuffled) == choice_order(base)


def test_one_note_per_card_with_its_study_ordinals(skull: Deck) -> None:
    (deck,) = to_anki([skull])
    assert deck.name == "NeuroQuiz::Skull base"
    assert [n.ordinals for n in deck.notes] == [(0,), (1, 2), (0,)]
    assert [n.kind for n in deck.notes] == ["basic", "cloze", "mcq"]


def test_spaces_in_tags_would_be_replaced() -> None:
    card = BasicCard.model_construct(id="x", front="f", back="b", tags=("a b",))
    (deck,) = to_anki([Deck.model_construct(id="d", title="D", description="", cards=(card,))])
    assert deck.notes[0].tags == ("a_b", "d")
