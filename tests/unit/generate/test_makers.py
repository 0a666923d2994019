"""The card makers on small hand-written texts: what each pattern gives, and what it must not."""

from __future__ import annotations

from pathlib import Path

from neuroquiz.generate.analyze import document_topic, iter_sentences
from neuroquiz.generate.clean import clean_document
from neuroquiz.generate.makers.base import Candidate, gives_away
from neuroquiz.generate.pipeline import sentence_candidates
from neuroquiz.generate.rank import plan_sentence
from neuroquiz.generate.read import RawDocument


def _candidates(text: str, title: str = "Spinal Chordoma") -> list[list[Candidate]]:
    """Candidates of each usable sentence of a document titled ``title``."""
    clean = clean_document(RawDocument(Path("doc.txt"), f"{title}\n\n{text}\n"))
    topic = document_topic(clean)
    return [sentence_candidates(topic, s) for s in iter_sentences(clean, topic) if s.usable]


def _basics(found: list[Candidate]) -> list[tuple[str, str]]:
    return [(c.front, c.answer) for c in found if not c.is_deletion]


def _deleted(found: list[Candidate]) -> set[str]:
    return {c.answer for c in found if c.is_deletion}


def test_identity_sentences_become_question_cards() -> None:
    first, second, third = _candidates(
        "Chordoma is the most common primary malignant tumor of the sacrum. "
        "The imaging study of choice is gadolinium-enhanced MRI, which shows the extent. "
        "Brachyury is the hallmark of notochordal differentiation."
    )
    assert ("What is the most common primary malignant tumor of the sacrum?", "chordoma") in (
        _basics(first)
    )
    assert ("Spinal chordoma: What is the imaging study of choice?", "gadolinium-enhanced MRI") in (
        _basics(second)
    )
    assert _basics(third) == [
        (
            "Spinal chordoma: What is the hallmark of notochordal differentiation?",
            "brachyury",
        )
    ]


def test_another_name_becomes_a_question_card() -> None:
    (found,) = _candidates(
        "A vestibular schwannoma, also called an acoustic neuroma, arises from Schwann cells.",
        title="Vestibular Schwannoma",
    )
    assert ("What is another name for vestibular schwannoma?", "acoustic neuroma") in _basics(found)


def test_adverbs_and_bare_adjectives_are_never_hidden() -> None:
    found = _candidates(
        "Rapid Growth: Spinal chordomas often grow rapidly over a short period of months.\n\n"
        "Metastasis: Metastasis of spinal chordomas is relatively uncommon in most series.\n\n"
        "Recurrence: After surgical removal, spinal chordomas tend to recur locally."
    )
    hidden = set().union(*(_deleted(f) for f in found))
    assert not hidden & {"rapidly", "uncommon", "locally"}


def test_a_list_is_hidden_whole_or_not_at_all() -> None:
    closed, open_, long_items = _candidates(
        "Sacral chordomas present with symptoms such as radicular pain, urinary retention, "
        "and constipation. "
        "Chordomas destroy the sacrum, the coccyx, and nearby structures. "
        "The prognosis depends on factors including the extent of resection, the presence of "
        "metastasis, and the response to proton therapy."
    )
    lists = [c for c in closed if c.kind == "list"]
    assert [c.answer for c in lists] == ["radicular pain, urinary retention, and constipation"]
    assert lists[0].deletion is not None and lists[0].deletion.hint == "3 symptoms"
    assert not [c for c in open_ if c.kind == "list"]  # "and nearby structures": open
    assert not [c for c in long_items if c.kind == "list"]  # vague heads: not a clean list


def test_one_item_per_list_and_at_most_two_cards_per_sentence() -> None:
    clean = clean_document(
        RawDocument(
            Path("d.txt"),
            "Spinal Chordoma\n\nSymptoms of sacral chordoma include radicular pain, numbness, "
            "urinary retention, saddle anesthesia, and constipation.\n",
        )
    )
    topic = document_topic(clean)
    (sentence,) = [s for s in iter_sentences(clean, topic) if s.usable]
    plans = plan_sentence(sentence, sentence_candidates(topic, sentence))
    main = [p for p in plans if not p.fallback]
    assert sum(p.units for p in main) <= 2
    assert all(len({c.group for c in p.parts}) == len(p.parts) for p in main)


def test_number_ranges_are_hidden_whole() -> None:
    (found,) = _candidates(
        "Recurrence after resection of spinal chordoma occurs in 10 to 20 percent."
    )
    assert "10 to 20 percent" in _deleted(found)
    assert "20 percent" not in _deleted(found)


def test_named_signs_in_quotes_are_terms() -> None:
    (found,) = _candidates(
        'On MRI, the spinal chordoma shows a "honeycomb" pattern with septal enhancement.'
    )
    assert '"honeycomb" pattern' in _deleted(found)


def test_the_deck_title_and_the_prompt_give_answers_away() -> None:
    title = "Intramedullary Spinal Cord Tumor Surgery"
    assert gives_away("spinal cord", "The tumor compresses the", title)  # all in the title
    assert gives_away("tumor regrowth", "Imaging helps monitor for", "Recurrent Glomus Tumor")
    assert gives_away("facial nerve", "so facial nerve monitoring is used", "")  # in the prompt
    assert not gives_away("embryonal tumor", "Medulloblastoma is an", "Pediatric brain tumors")
    assert not gives_away("paraganglionic cells", "Glomus tumors arise from the", "Glomus Tumor")


def test_a_class_apposition_asks_which_member() -> None:
    (found,) = _candidates(
        "Nimodipine, an oral calcium channel blocker, is given for 21 days because it "
        "improves outcome.",
        title="Subarachnoid Hemorrhage",
    )
    assert (
        "Subarachnoid hemorrhage: Which oral calcium channel blocker is given for 21 days "
        "because it improves outcome?",
        "nimodipine",
    ) in _basics(found)


def test_identity_questions_keep_a_leading_phrase_and_agree_in_number() -> None:
    (first,) = _candidates(
        "In infants, whose sutures are open, the most obvious sign is a rapidly enlarging "
        "head circumference.",
        title="Pediatric Hydrocephalus",
    )
    (second,) = _candidates(
        "Meningiomas originate from arachnoid cap cells and are the most common primary "
        "intracranial tumor in adults.",
        title="Meningioma",
    )
    assert (
        "Pediatric hydrocephalus: In infants, whose sutures are open, what is the most "
        "obvious sign?",
        "enlarging head circumference",
    ) in _basics(first)
    assert (
        "What is the most common primary intracranial tumor in adults?",
        "meningioma",
    ) in _basics(second)


def test_fragments_and_spelled_out_acronyms_are_not_answers() -> None:
    first, second = _candidates(
        "Subarachnoid hemorrhage (SAH) is bleeding into the subarachnoid space. "
        "Loss of consciousness at onset suggests a large subarachnoid bleed.",
        title="Aneurysms",
    )
    assert "SAH" not in _deleted(first)
    assert not {"Loss", "Loss of consciousness"} & _deleted(second)


def test_a_question_heading_names_the_card_context() -> None:
    clean = clean_document(
        RawDocument(
            Path("faq.txt"),
            "Hydrocephalus\n\nWhat can go wrong with a shunt?\n\n"
            "The most common complication is shunt obstruction, which brings symptoms back.\n",
        )
    )
    topic = document_topic(clean)
    (sentence,) = [s for s in iter_sentences(clean, topic) if s.usable]
    assert (
        "Hydrocephalus (shunt): What is the most common complication?",
        "shunt obstruction",
    ) in _basics(sentence_candidates(topic, sentence))


def test_a_colon_between_two_statements_splits_them() -> None:
    clean = clean_document(
        RawDocument(
            Path("gbm.txt"),
            "Glioblastoma\n\nThe standard treatment is maximal safe resection followed by the "
            "Stupp protocol: radiotherapy to 60 Gy in 30 fractions with concomitant "
            "temozolomide, followed by adjuvant cycles.\n",
        )
    )
    topic = document_topic(clean)
    first, second = iter_sentences(clean, topic)
    assert first.text.endswith("the Stupp protocol.")
    assert second.text.startswith("Radiotherapy to 60 Gy") and second.heading == "Stupp protocol"


def test_an_acronym_of_the_topic_names_it() -> None:
    clean = clean_document(
        RawDocument(
            Path("sah.txt"),
            "Aneurysmal Subarachnoid Hemorrhage\n\n"
            "Subarachnoid hemorrhage (SAH) is bleeding into the subarachnoid space.\n",
        )
    )
    topic = document_topic(clean)
    assert topic.aliases == ("SAH",) and topic.named_in("the most common cause of SAH")


def test_a_question_heading_is_asked_when_its_paragraph_answers_it_briefly() -> None:
    clean = clean_document(
        RawDocument(
            Path("faq.txt"),
            "Chiari Malformation FAQ\n\nWhat is a syrinx?\n\n"
            "A syrinx is a fluid-filled cavity within the spinal cord. It may enlarge.\n\n"
            "What is hydrocephalus?\n\n"
            "Hydrocephalus is an abnormal accumulation of cerebrospinal fluid within the "
            "cerebral ventricles of the brain.\n",
        )
    )
    topic = document_topic(clean)
    found = [_basics(sentence_candidates(topic, s)) for s in iter_sentences(clean, topic)]
    assert ("Chiari malformation FAQ: What is a syrinx?", "fluid-filled cavity") in found[0]
    assert not [b for b in found[2] if b[0].endswith("What is hydrocephalus?")]  # too long
