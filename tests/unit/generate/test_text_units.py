"""Sentences, tokens, tags, ids: the small pieces, including properties for all inputs."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from neuroquiz.generate.ids import card_id, deck_slug, slugify
from neuroquiz.generate.sentences import split_sentences, tokenize
from neuroquiz.generate.tagging import tag
from neuroquiz.generate.terms import noun_phrases
from neuroquiz.models import CARD_ID_PATTERN


def test_sentences_respect_abbreviations_and_decimals() -> None:
    text = "Dr. Smith used 2.5 mg (e.g. dexamethasone). It worked. Ki-67 was 10%! Next?"
    assert split_sentences(text) == [
        "Dr. Smith used 2.5 mg (e.g. dexamethasone).",
        "It worked.",
        "Ki-67 was 10%!",
        "Next?",
    ]


def test_tokens_carry_offsets_and_split_possessives() -> None:
    sentence = "The tumor's blood supply—rich—matters."
    tokens = tokenize(sentence)
    assert [t.text for t in tokens] == [
        "The",
        "tumor",
        "'s",
        "blood",
        "supply",
        "—",
        "rich",
        "—",
        "matters",
        ".",
    ]
    assert all(sentence[t.start : t.end] == t.text for t in tokens)


def test_medical_words_get_sensible_tags() -> None:
    words = [
        "Embolization",
        "can",
        "decrease",
        "intraoperative",
        "bleeding",
        "and",
        "cranial",
        "nerve",
        "palsies",
        ".",
    ]
    tags = tag(words)
    assert tags[2] == "VB" and tags[3] == "JJ" and tags[4] == "NN" and tags[8] == "NNS"
    phrases = noun_phrases(words, tags)
    assert [" ".join(words[p.core_start : p.end]) for p in phrases] == [
        "Embolization",
        "intraoperative bleeding",
        "cranial nerve palsies",
    ]


def test_slugs_and_ids() -> None:
    assert deck_slug("The Recurrent Glomus Jugulare Tumor") == "recurrent-glomus-jugulare-tumor"
    assert deck_slug("What is the typical progression of malignant spinal hemangiomas?") == (
        "typical-progression-of-malignant-spinal-hemangiomas"
    )
    first = card_id("deck", "A sentence.", "cloze", ["x"])
    assert first == card_id("deck", "a  SENTENCE", "cloze", ["X"])  # normalised
    assert first != card_id("deck", "A sentence.", "cloze", ["y"])


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=200))
def test_split_sentences_loses_no_text(text: str) -> None:
    paragraph = " ".join(text.split())
    joined = "".join(split_sentences(paragraph)).replace(" ", "")
    assert joined == paragraph.replace(" ", "")


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=80), st.text(max_size=40))
def test_ids_always_match_the_card_id_pattern(title: str, sentence: str) -> None:
    slug = deck_slug(title)
    assert re.fullmatch(CARD_ID_PATTERN, slug)
    assert re.fullmatch(CARD_ID_PATTERN, card_id(slug, sentence, "cloze", [sentence]))
    assert len(slugify(title)) <= 60
