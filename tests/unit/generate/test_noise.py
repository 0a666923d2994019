"""Golden tests for cleaning: no card carries a title echo, a footer or shared boilerplate."""

from __future__ import annotations

import re
from pathlib import Path

from neuroquiz.generate.clean import clean_document, normalise_text
from neuroquiz.generate.read import RawDocument
from tests.unit.generate.conftest import DATA, Run, full_text

TITLE_ECHOES = (
    "Recurrent Glomus Jugulare Tumor",
    "Intramedullary Spinal Cord Tumor Surgery",
    "Vestibular Schwannoma: Diagnosis and Treatment",
)
FOOTERS = ("Related Articles", "Brain Tumors -", "Neurosurgery Topics", "Meningioma Overview")
BOILERPLATE = ("educational purposes", "case series", "qualified neurosurgeon", "this page")


def _all_cards(*runs: Run) -> list[str]:
    return [full_text(c) for run in runs for deck in run.decks.values() for c in deck.cards]


def test_no_card_repeats_a_title_footer_or_boilerplate(seed_run: Run, heldout_run: Run) -> None:
    texts = _all_cards(seed_run, heldout_run)
    assert len(texts) > 40
    for text in texts:
        for echo in TITLE_ECHOES:
            assert echo not in text  # the title-cased running header never survives
        for noise in (*FOOTERS, *BOILERPLATE):
            assert noise.lower() not in text.lower(), text


def test_sources_are_clean_sentences(seed_run: Run) -> None:
    for deck in seed_run.decks.values():
        for card in deck.cards:
            assert card.source is not None
            (sentence,) = card.source.sentences
            assert sentence == sentence.strip() and "  " not in sentence
            assert not sentence.startswith("The Recurrent Glomus Jugulare Tumor")
            assert not re.search(r"[.?!] The Intramedullary Spinal Cord Tumor Surgery$", sentence)


def _clean(text: str, name: str = "doc.txt") -> list[str]:
    doc = clean_document(RawDocument(Path(name), text))
    return [doc.title, *(p.text for p in doc.paragraphs)]


def test_title_echoes_are_removed_at_paragraph_edges() -> None:
    text = (
        "The Cavernous Malformation\n"
        "The Cavernous Malformation Cavernous malformations are clusters of dilated capillaries. "
        "They bleed repeatedly. The Cavernous Malformation\n\n"
        "The Cavernous Malformation The cavernous malformation is often found on MRI.\n"
    )
    title, first, second = _clean(text)
    assert title == "The Cavernous Malformation"
    assert (
        first
        == "Cavernous malformations are clusters of dilated capillaries. They bleed repeatedly."
    )
    # The same words starting a real sentence (lower-case verb after them) are kept.
    assert second == "The cavernous malformation is often found on MRI."


def test_footers_and_link_lists_are_dropped() -> None:
    text = (
        "Chordoma\n\nChordomas arise from notochordal remnants at the clivus and sacrum.\n\n"
        "Spine Tumors - Related Articles\nSacral Chordoma\nClival Chordoma\nEwing Sarcoma\n"
        "Copyright 2024 Example Health. All rights reserved.\n"
    )
    assert _clean(text) == [
        "Chordoma",
        "Chordomas arise from notochordal remnants at the clivus and sacrum.",
    ]


def test_inline_headings_become_structure() -> None:
    doc = clean_document(
        RawDocument(Path("d.txt"), "Title Here\n\nIncidence: Chordomas are rare tumors of bone.\n")
    )
    (paragraph,) = doc.paragraphs
    assert (paragraph.heading, paragraph.text) == (
        "Incidence",
        "Chordomas are rare tumors of bone.",
    )


def test_broken_quotes_and_whitespace_are_normalised() -> None:
    assert (
        normalise_text("the tumorâ€™s  size\u00a0 and “quotes”\t")
        == 'the tumor\'s  size  and "quotes"'
    )


def test_heldout_documents_have_their_shared_paragraph_reported(heldout_run: Run) -> None:
    for outcome in heldout_run.report.outcomes:
        assert any("boilerplate" in w for w in outcome.warnings)


def test_data_files_really_contain_the_noise() -> None:
    # Guards the golden tests above: the inputs must keep their noise.
    glomus = (DATA / "seed_glomus.txt").read_text(encoding="utf-8")
    assert glomus.count("The Recurrent Glomus Jugulare Tumor") >= 6
    both = [
        (DATA / n).read_text(encoding="utf-8")
        for n in ("heldout_medulloblastoma.txt", "heldout_vestibular_schwannoma.txt")
    ]
    assert all("educational purposes" in t and "Related Articles" in t for t in both)
