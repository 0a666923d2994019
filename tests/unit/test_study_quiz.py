"""Quiz: four distinct options with the right one, deterministic per seed, no store writes."""

from __future__ import annotations

import random

import pytest
from sqlite_utils import Database

from neuroquiz.models import BasicCard, ClozeCard, Deck, McqCard, Source
from neuroquiz.store import ProgressStore
from neuroquiz.study import Quiz


def mcq(card_id: str, answer: str, *distractors: str, tags: tuple[str, ...] = ()) -> McqCard:
    return McqCard(
        id=card_id,
        question=f"question {card_id}?",
        answer=answer,
        distractors=distractors,
        tags=tags,
    )


def basic(card_id: str, back: str) -> BasicCard:
    return BasicCard(id=card_id, front=f"front {card_id}?", back=back)


def make_store(*decks: Deck) -> ProgressStore:
    store = ProgressStore(Database(memory=True))
    store.sync(decks)
    return store


MCQ_DECK = Deck(
    id="mcq",
    title="MCQ",
    cards=(
        mcq("m1", "middle meningeal artery", "bridging veins", "sigmoid sinus", "MCA", "PCA"),
        mcq("m2", "C5", "C6", "C7", "T1", tags=("spine",)),
        mcq("m3", "Dandy-Walker", "Chiari I", "Chiari II", "Joubert", tags=("peds",)),
        ClozeCard(id="cl", text="{{c1::never}} asked"),
    ),
)


def test_every_question_has_four_distinct_options_with_the_answer() -> None:
    store = make_store(MCQ_DECK)
    quiz = Quiz.build(store, rng=random.Random(3), count=10)
    assert sorted(q.card_id for q in quiz.questions) == ["m1", "m2", "m3"]
    for question in quiz.questions:
        card = store.card(question.card_id)
        assert isinstance(card, McqCard)
        assert len(question.options) == 4
        assert len({o.casefold() for o in question.options}) == 4
        assert question.correct == card.answer
        assert set(question.options) - {card.answer} <= set(card.distractors)


def test_the_same_seed_gives_the_same_quiz() -> None:
    store = make_store(MCQ_DECK)
    one = Quiz.build(store, rng=random.Random(42), count=2)
    two = Quiz.build(store, rng=random.Random(42), count=2)
    assert one.questions == two.questions
    assert len(one.questions) == 2
    layouts = {
        tuple(q.options for q in Quiz.build(store, rng=random.Random(s)).questions)
        for s in range(10)
    }
    assert len(layouts) > 1  # the seed really drives the choice and order


def test_mcq_with_two_distractors_borrows_another_answer_of_its_deck() -> None:
    deck = Deck(
        id="d",
        title="D",
        cards=(
            mcq("short", "ICP", "CPP", "MAP"),
            mcq("other", "CPP", "ICP", "MAP"),  # its answer and ICP are already options
            basic("b1", "Monro-Kellie doctrine"),
            basic("long", "a back that is much too long to be an option"),
        ),
    )
    store = make_store(deck, Deck(id="far", title="Far", cards=(basic("far", "elsewhere"),)))
    for seed in range(20):
        quiz = Quiz.build(store, rng=random.Random(seed), deck_ids=["d"], count=10)
        question = next(q for q in quiz.questions if q.card_id == "short")
        assert sorted(question.options) == ["CPP", "ICP", "MAP", "Monro-Kellie doctrine"]
        assert question.correct == "ICP"


def test_mcq_with_two_distractors_and_nothing_to_borrow_is_skipped() -> None:
    store = make_store(Deck(id="d", title="D", cards=(mcq("alone", "ICP", "CPP", "MAP"),)))
    assert Quiz.build(store, rng=random.Random(0)).questions == ()


def test_basic_cards_get_options_of_the_same_kind() -> None:
    from neuroquiz.generate.kinds import kind_of

    backs = ["MRI", "CT angiography", "ultrasound", "PET", "3 to 15", "500 mL", "20 mmHg", "6 h"]
    cards = [basic(f"b{i}", back) for i, back in enumerate(backs)]
    cards.append(basic("long", "this back has far more than six words in it"))
    store = make_store(Deck(id="d", title="D", cards=tuple(cards)))
    for seed in range(5):
        quiz = Quiz.build(store, rng=random.Random(seed), count=10)
        assert sorted(q.card_id for q in quiz.questions) == [f"b{i}" for i in range(8)]
        for question in quiz.questions:
            assert len(set(question.options)) == 4
            assert set(question.options) <= set(backs)
            assert question.correct == backs[int(question.card_id[1:])]
            numeric = any(ch.isdigit() for ch in question.correct)
            for option in question.options:
                assert any(ch.isdigit() for ch in option) == numeric
                assert kind_of(option) == kind_of(question.correct)


def test_a_number_never_gets_terms_as_options() -> None:
    backs = ["3 to 15", "Foramen of Monro", "Deltoid", "Obex", "Clivus"]
    cards = [basic(f"b{i}", back) for i, back in enumerate(backs)]
    store = make_store(Deck(id="d", title="D", cards=tuple(cards)))
    quiz = Quiz.build(store, rng=random.Random(3), count=10)
    assert "b0" not in {q.card_id for q in quiz.questions}
    assert {q.card_id for q in quiz.questions} == {"b1", "b2", "b3", "b4"}


def test_a_known_kind_falls_back_to_the_built_in_pool_of_that_kind() -> None:
    from neuroquiz.generate.kinds import POOLS

    store = make_store(Deck(id="d", title="D", cards=(basic("b0", "dura mater"),)))
    quiz = Quiz.build(store, rng=random.Random(0))
    (question,) = quiz.questions
    assert question.correct == "dura mater"
    assert set(question.options) - {"dura mater"} <= set(POOLS["anatomy"])


def test_tags_filter_the_questions() -> None:
    store = make_store(MCQ_DECK)
    quiz = Quiz.build(store, rng=random.Random(1), tags=["spine", "peds"])
    assert sorted(q.card_id for q in quiz.questions) == ["m2", "m3"]


def test_answering_scores_and_writes_nothing() -> None:
    card = mcq("m1", "right", "w1", "w2", "w3").model_copy(
        update={"source": Source(document="guide.pdf", sentences=("The answer is right.",))}
    )
    store = make_store(Deck(id="d", title="D", cards=(card,)))
    changes = store.db.conn.total_changes
    quiz = Quiz.build(store, rng=random.Random(9))
    question = quiz.current
    assert question is not None
    assert question.source_sentence == "The answer is right."
    with pytest.raises(ValueError):
        quiz.answer(4)
    wrong = (question.correct_index + 1) % 4
    assert quiz.answer(wrong) is False
    assert (quiz.score, quiz.answered, quiz.total, quiz.done) == (0, 1, 1, True)
    assert quiz.answers == (wrong,)
    with pytest.raises(RuntimeError):
        quiz.answer(0)
    again = Quiz.build(store, rng=random.Random(9))
    assert again.answer(again.questions[0].correct_index) is True
    assert again.score == 1
    assert store.db.conn.total_changes == changes
    assert store.review_logs() == []


def test_suspended_and_retired_cards_are_not_asked() -> None:
    store = make_store(MCQ_DECK)
    store.set_suspended("m1", True)
    store.sync([MCQ_DECK.model_copy(update={"cards": MCQ_DECK.cards[:2]})])  # m3 retired
    quiz = Quiz.build(store, rng=random.Random(0))
    assert [q.card_id for q in quiz.questions] == ["m2"]


def test_a_back_that_grows_long_stops_being_a_question_and_an_option() -> None:
    backs = ["Obex", "Clivus", "Deltoid", "Foramen of Monro"]
    cards = [basic(f"b{i}", back) for i, back in enumerate(backs)]
    store = make_store(Deck(id="d", title="D", cards=tuple(cards)))
    assert len(Quiz.build(store, rng=random.Random(0)).questions) == 4
    cards[0] = basic("b0", "three to fifteen, from deep coma to fully awake")
    store.sync([Deck(id="d", title="D", cards=tuple(cards))])
    # three short backs left: each has only two others, so no basic question can be built
    assert Quiz.build(store, rng=random.Random(0)).questions == ()
