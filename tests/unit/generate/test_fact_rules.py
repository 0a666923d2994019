"""Each fact rule and noise rule on its own, and the pipeline on hostile text."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from neuroquiz.generate.blocks import Block, StructuredDocument
from neuroquiz.generate.compose import plan_document
from neuroquiz.generate.extract import candidates, gate
from neuroquiz.generate.factrules import RULES
from neuroquiz.generate.noise import SECTION_RULES, SENTENCE_RULES, noise_sentence
from neuroquiz.generate.structure_text import text_blocks


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_every_rule_fires_on_its_own_example(rule) -> None:  # type: ignore[no-untyped-def]
    assert rule.trigger.search(rule.example), rule.name
    assert any(c.rule is rule for c in candidates(rule.example)), rule.name


@pytest.mark.parametrize("rule", [*SECTION_RULES, *SENTENCE_RULES], ids=lambda r: r.name)
def test_every_noise_rule_is_documented(rule) -> None:  # type: ignore[no-untyped-def]
    assert rule.note and rule.name


@pytest.mark.parametrize(
    ("sentence", "answer"),
    [
        (
            "Arachnoid cysts are cerebrospinal fluid-filled sacs that lie in the brain.",
            "cerebrospinal fluid-filled sacs",
        ),
        ("VHL disease is inherited in an autosomal dominant manner.", "autosomal dominant manner"),
        ("About 10 percent of people with VHL develop endolymphatic sac tumors.", "10 percent"),
        (
            "Chordomas arise from remnants of the notochord in the skull base.",
            "remnants of the notochord",
        ),
    ],
)
def test_the_answer_is_the_fact(sentence: str, answer: str) -> None:
    found = [c.answer for c in candidates(sentence)]
    assert answer in found


def test_a_generic_or_given_away_answer_is_refused() -> None:
    sentence = "Gliomas are abnormal cells, found in adults with seizures."
    (cand,) = [c for c in candidates(sentence) if c.rule.name == "definition"]
    assert gate(cand, "Gliomas are [...], found in adults with seizures.") == "generic-answer"
    sentence = "Chordomas arise from notochord remnants in the clivus."
    (cand,) = [c for c in candidates(sentence) if c.rule.name == "origin"]
    assert gate(cand, "Chordomas arise from [...] in the clivus.") is None
    assert gate(cand, "Notochordal tumors arise from [...] of remnants.") == "given-away"


@pytest.mark.parametrize(
    "sentence",
    [
        "You can use the MedlinePlus Medical Dictionary to look up the definitions.",
        "The NINDS supports research on brain tumors through grants to institutions.",
        "Talk to your doctor about whether a clinical trial is right for you.",
    ],
)
def test_boilerplate_is_recognised_by_what_it_is(sentence: str) -> None:
    assert noise_sentence(sentence) is not None


def test_a_pronoun_subject_is_never_guessed() -> None:
    doc = StructuredDocument(
        Path("x.txt"),
        "Moyamoya disease",
        (
            Block(
                "paragraph",
                text="Pheochromocytomas affect the adrenal glands above each kidney. "
                "These tumors often cause dangerously high blood pressure in adults.",
            ),
        ),
    )
    plans, traces, _ = plan_document(doc)
    assert all("These tumors" not in p.source for p in plans)
    assert any("pronoun-subject" in t.verdicts for t in traces)


def test_a_bare_dash_before_an_acronym_does_not_crash() -> None:
    # Issue 9: a bare "-" bullet before an acronym raised IndexError and aborted the run.
    title, blocks = text_blocks(
        "Topic\n\nSymptoms include:\n- \n- MRI (magnetic resonance imaging)\n"
    )
    plan_document(StructuredDocument(Path("x.txt"), title, blocks))


def test_nih_layout_reads_questions_as_headings_and_inline_bullets_as_lists() -> None:
    title, blocks = text_blocks(
        "Pituitary Tumors\n\nWhat is (are) Pituitary Tumors ?\nKey Points\n"
        "    - A pituitary tumor is a growth.    - The gland makes hormones.\n"
    )
    assert title == "Pituitary Tumors"
    assert blocks[-1].kind == "list"
    assert blocks[-1].items == ("A pituitary tumor is a growth.", "The gland makes hormones.")


_PIECES = [*"abcXYZ -:;,.?()\n\t•*#|0123456789%", "MRI", " is ", " are ", " include "]
_TEXT = st.lists(st.sampled_from(_PIECES), max_size=120).map("".join)


@settings(max_examples=150, deadline=None)
@given(_TEXT)
def test_any_text_goes_through_the_whole_pipeline(text: str) -> None:
    title, blocks = text_blocks(text)
    plans, _traces, _ = plan_document(StructuredDocument(Path("x.txt"), title or "T", blocks))
    for plan in plans:
        assert plan.answers and all(a for a in plan.answers)


def test_a_labelled_note_asks_its_explanation_never_its_term() -> None:
    # Resident notes write "- **Term**: explanation"; asking the term from its definition
    # was judged guessable, and dropping every such item lost the notes' key facts.
    text = "Hydrocephalus: abnormal accumulation of cerebrospinal fluid in the ventricles."
    doc = StructuredDocument(Path("x.md"), "Shunts", (Block("list", items=(text,)),))
    plans, _, _ = plan_document(doc)
    assert [p.answers for p in plans] == [("abnormal accumulation of cerebrospinal fluid",)]
    lay = "Biopsy: A procedure in which a sample of tissue is removed and viewed."
    doc = StructuredDocument(Path("x.md"), "Shunts", (Block("list", items=(lay,)),))
    assert plan_document(doc)[0] == []


def test_a_bogus_marked_section_in_html_is_no_traceback(tmp_path: Path) -> None:
    from neuroquiz.generate import generate_deck

    page = tmp_path / "x.html"
    page.write_text(
        "<html><body><p>Chordomas arise from notochord remnants in the clivus of adults.</p>"
        "<![ab]><p>More text.</p></body></html>",
        encoding="utf-8",
    )
    deck = generate_deck(page).deck
    assert any("notochord" in getattr(c, "text", "") for c in deck.cards)


def test_a_citation_or_a_missing_space_still_ends_a_sentence() -> None:
    # NIH pages glue "damage.[5181] Children ..." and "tissue.Symptoms ...": the second
    # sentence was read as part of the first and lost its subject (issue 9).
    from neuroquiz.generate.sentences import split_sentences

    assert split_sentences("It saves the cord.[5181] Children may need a shunt.") == [
        "It saves the cord.",
        "Children may need a shunt.",
    ]
    assert split_sentences("It enters brain tissue.Symptoms of a TBI vary. See e.g. Smith.") == [
        "It enters brain tissue.",
        "Symptoms of a TBI vary.",
        "See e.g. Smith.",
    ]


def test_a_list_nested_under_a_lead_in_item_is_one_list_card() -> None:
    # PDQ "Key Points": "- Three standard treatments are used: - Radiation therapy ..."
    items = (
        "There are different types of treatment for patients with lymphoma.",
        "Three standard treatments are used:",
        "Radiation therapy",
        "Chemotherapy",
        "Steroid therapy",
        "New types of treatment are being tested in clinical trials:",
    )
    doc = StructuredDocument(Path("x.txt"), "Primary CNS Lymphoma", (Block("list", items=items),))
    plans, _, _ = plan_document(doc)
    lists = [p for p in plans if p.rules == ("list",)]
    assert [p.back for p in lists] == ["Radiation therapy; Chemotherapy; Steroid therapy"]
    assert "name all 3" in lists[0].text
    assert not any(p.answers == ("Chemotherapy",) for p in plans if p.rules != ("list",))


def test_a_list_of_longer_items_under_a_lead_in_is_one_card() -> None:
    items = (
        "Multiple endocrine neoplasia type 1 (MEN1) syndrome.",
        "Carney complex.",
        "Isolated familial acromegaly.",
    )
    lead = "Risk factors for pituitary tumors include having the following hereditary diseases:"
    doc = StructuredDocument(
        Path("x.txt"), "Pituitary Tumors", (Block("list", text=lead, items=items),)
    )
    (plan,) = plan_document(doc)[0]
    assert plan.back == (
        "Multiple endocrine neoplasia type 1 (MEN1) syndrome; Carney complex; "
        "Isolated familial acromegaly"
    )


def test_a_clinical_adjective_is_an_answer_and_a_quantifier_never_ends_one() -> None:
    doc = StructuredDocument(
        Path("x.txt"),
        "Arteriovenous Malformation",
        (
            Block(
                "paragraph",
                text="Most often AVMs are congenital, but they can appear sporadically.",
            ),
        ),
    )
    [plan] = plan_document(doc)[0]
    assert plan.answers[0] == "congenital"
    from neuroquiz.generate.phrases import trim_tail

    assert trim_tail("premature closure of one or more") == "premature closure"


def test_the_topic_may_answer_a_superlative() -> None:
    doc = StructuredDocument(
        Path("x.txt"),
        "Myelomeningocele",
        (Block("paragraph", text="Myelomeningocele is the most severe form of spina bifida."),),
    )
    answers = {a for p in plan_document(doc)[0] for a in p.answers}
    assert "Myelomeningocele" in answers


def test_the_context_cue_names_the_topic_without_the_subtitle() -> None:
    # "Glioblastoma: A Comprehensive Review of ...: The differential ..." was judged clutter.
    from neuroquiz.generate.compose import Trace, plan_sentence

    title = "Glioblastoma: A Comprehensive Review of Diagnosis and Treatment"
    sentence = "The differential diagnosis includes metastasis and primary CNS lymphoma."
    plan = plan_sentence(sentence, title, Trace(sentence, None), 1)
    assert plan is not None and plan.text.startswith("Glioblastoma: The differential")


def test_a_nested_list_cut_by_an_unclear_item_gives_no_list_card() -> None:
    # "Too much ACTH may cause — name all 2: headache; loss of vision" was judged false:
    # the list went on with items the reader could not tell from a new point.
    items = (
        "Too much ACTH may cause:",
        "Headache.",
        "Some loss of vision.",
        "Thin skin that may have purple or pink stretch marks on the chest or abdomen.",
        "Easy bruising.",
    )
    doc = StructuredDocument(Path("x.txt"), "Pituitary Tumors", (Block("list", items=items),))
    assert not [p for p in plan_document(doc)[0] if p.rules == ("list",)]


def _cards_of(title: str, *blocks: Block) -> list[str]:
    return [p.text for p in plan_document(StructuredDocument(Path("x.txt"), title, blocks))[0]]


def test_a_sentence_about_this_syndrome_is_cued_with_its_name() -> None:
    # "This syndrome is associated with [...]" shares "syndrome" with the title but does not
    # name it: judged "subject not named" (issue 9).
    texts = _cards_of(
        "Central Cord Syndrome",
        Block(
            "paragraph",
            text="Central cord syndrome is the most common form of incomplete spinal cord "
            "injury. This syndrome is associated with damage to the large nerve fibers.",
        ),
    )
    assert any(t.startswith("Central Cord Syndrome: This syndrome") for t in texts), texts


@pytest.mark.parametrize(
    "sentence",
    [
        "Treatment is based on the signs and symptoms present in each person.",
        "The decision to treat an AVM requires a careful consideration of possible benefits.",
        "Targeted therapies usually cause less harm to normal cells than chemotherapy does.",
    ],
)
def test_a_filler_answer_is_never_asked(sentence: str) -> None:
    assert _cards_of("Schwannomatosis", Block("paragraph", text=sentence)) == []


def test_a_dangling_connective_is_dropped_and_no_longer_hides_a_pronoun() -> None:
    texts = _cards_of(
        "Moyamoya disease",
        Block(
            "paragraph",
            text="Surgery is the mainstay of treatment for moyamoya disease. However, "
            "medications such as aspirin are used to treat many of the symptoms of the "
            "disease. However, they are not used long-term due to the risk of cerebral "
            "bleeding.",
        ),
    )
    assert texts and not any("However" in t for t in texts), texts
    assert not any("bleeding" in t for t in texts), texts  # "they" is not named


def test_how_a_lay_test_works_is_noise() -> None:
    assert noise_sentence("A substance called gadolinium is injected into a vein.")
    assert noise_sentence(
        "The antibody is usually linked to a radioactive substance or a dye that causes the "
        "tissue to light up under a microscope."
    )


def test_a_glossary_item_names_its_term_in_the_cue_of_its_later_sentences() -> None:
    item = (
        "Lumbar puncture : A procedure used to collect cerebrospinal fluid from the spinal "
        "column. Tumor cells are found in the cerebrospinal fluid of about 30 percent of "
        "the patients."
    )
    texts = _cards_of("Primary CNS Lymphoma", Block("list", items=(item,)))
    assert any(t.startswith("Lumbar puncture (Primary CNS Lymphoma): ") for t in texts), texts


@pytest.mark.parametrize(
    ("sentence", "answer"),
    [
        (
            "Normal pressure hydrocephalus (NPH) is an abnormal buildup of cerebrospinal fluid "
            "(CSF) in the brain's ventricles.",
            "abnormal buildup of cerebrospinal fluid",
        ),
        (
            "For moderate to severe cases, the imaging test is a computed tomography (CT) scan.",
            "computed tomography (CT) scan",
        ),
        (
            "Arteriovenous malformations (AVMs) are abnormal, snarled tangles of blood vessels "
            "that cause irregular connections between the arteries and veins.",
            "abnormal, snarled tangles",
        ),
    ],
)
def test_a_definition_after_an_acronym_or_an_opening_phrase(sentence: str, answer: str) -> None:
    assert answer in {c.answer for c in candidates(sentence) if c.rule.name == "definition"}


def test_spinal_cord_does_not_name_central_cord_syndrome_and_vhl_is_spelled_out() -> None:
    from neuroquiz.generate.compose import Trace, plan_sentence

    mri = "MRI is used to indicate the degree of spinal cord compression."
    plan = plan_sentence(mri, "Central Cord Syndrome", Trace(mri, None), 1)
    assert plan is not None and plan.text.startswith("Central Cord Syndrome: ")
    vhl = "About 20 percent of people with VHL have a new mutation in the gene."
    plan = plan_sentence(vhl, "Von Hippel-Lindau disease", Trace(vhl, None), 1)
    # "VHL" names the disease, but only by its initials: the cue spells it out (seed 20261216)
    assert plan is not None and plan.text.startswith("Von Hippel-Lindau disease: About")


def test_a_long_sentence_listing_items_after_a_colon_gives_one_card_per_item() -> None:
    sentence = (
        "Three types of brain tumors are associated with TSC: cortical tubers, which generally "
        "form on the surface of the brain; subependymal nodules, which form in the walls of "
        "the ventricles (the fluid-filled cavities of the brain); and giant-cell astrocytomas, "
        "a type of tumor that can block the flow of fluids within the brain."
    )
    texts = _cards_of("Tuberous Sclerosis", Block("paragraph", text=sentence))
    assert any("{{c1::surface of the brain}}" in t for t in texts), texts
    assert not any("a type of tumor}}" in t for t in texts), texts  # no appositive answer


def test_a_list_of_defined_terms_under_a_counted_lead_in_is_one_card() -> None:
    block = Block(
        "list",
        text="Pituitary tumors are divided into three groups:",
        items=(
            "Benign pituitary adenomas: Tumors that are not cancer.",
            "Invasive pituitary adenomas: Benign tumors that may spread to bones of the skull.",
            "Pituitary carcinomas: Tumors that are malignant (cancer).",
            "Most pituitary tumors are functioning tumors that make extra hormones.",
        ),
    )
    doc = StructuredDocument(Path("x.txt"), "Pituitary Tumors", (block,))
    plans = plan_document(doc)[0]
    lists = [p for p in plans if p.rules == ("list",)]
    assert [p.back for p in lists] == [
        "Benign pituitary adenomas; Invasive pituitary adenomas; Pituitary carcinomas"
    ]
    assert len(plans) > 1  # the items are still facts of their own


def test_an_answer_never_starts_with_a_conjunction() -> None:
    sentence = (
        "In the United States, antibiotics, sac closure, and ventriculoperitoneal shunt "
        "placement are the standard of care for myelomeningocele."
    )
    texts = _cards_of("Myelomeningocele", Block("paragraph", text=sentence))
    assert not any("{{c1::and " in t or "{{c2::and " in t for t in texts), texts


@pytest.mark.parametrize(
    ("sentence", "answer"),
    [
        ("Radiation therapy has not been shown to be effective for these lesions.", "not"),
        ("Most people with pineal cysts do not have any signs or symptoms.", "do not have any"),
        ("Chiari malformation type 2 typically occurs sporadically in families.", "sporadically"),
        (
            "Medulloblastomas are fast-growing tumors that form in brain cells in the cerebellum.",
            "cerebellum",
        ),
        (
            "CNS embryonal tumors tend to spread through the cerebrospinal fluid to the spine.",
            "cerebrospinal fluid",
        ),
        (
            "Trigeminal neuralgia is a nerve disorder that causes a stabbing pain in the face.",
            "stabbing pain",
        ),
    ],
)
def test_negative_findings_sporadic_occurrence_spread_and_causes(
    sentence: str, answer: str
) -> None:
    found = [
        c.answer
        for c in candidates(sentence)
        if gate(c, sentence[: c.start] + "[...]" + sentence[c.end :]) is None
    ]
    assert any(answer in a for a in found), found


def test_a_run_in_heading_is_removed_from_its_sentence() -> None:
    from neuroquiz.generate.compose import unglue_heading

    assert unglue_heading("Medulloblastomas Most CNS embryonal tumors are medulloblastomas.") == (
        "Most CNS embryonal tumors are medulloblastomas."
    )
    assert unglue_heading(
        "Cerebrospinal fluid diversion Cerebrospinal fluid diversion is a way to drain fluid."
    ) == ("Cerebrospinal fluid diversion is a way to drain fluid.")
    assert unglue_heading("Surgery is the main treatment.") == "Surgery is the main treatment."


def test_judged_redundant_or_ambiguous_forms_are_not_made() -> None:
    # seed 20261207: "[...] is used to treat pituitary tumors" has several right answers;
    # "Pituitary carcinomas: Very few pituitary tumors are malignant" cued the wrong term;
    # two blanks of one kind in one sentence were judged the same card twice.
    assert not [
        c
        for c in candidates("External radiation therapy is used to treat pituitary tumors.")
        if c.rule.name == "used-to"
    ]
    item = (
        "Pituitary carcinomas: Tumors that are malignant and spread to the brain. "
        "Very few pituitary tumors are malignant."
    )
    texts = _cards_of("Pituitary Tumors", Block("list", items=(item,)))
    assert not any(t.startswith("Pituitary carcinomas") for t in texts), texts
    sentence = "Recovery is better in younger patients than in those over the age of 50 years."
    texts = _cards_of("Central Cord Syndrome", Block("paragraph", text=sentence))
    assert texts and not any("c2::" in t for t in texts), texts  # both blanks are one c1


def test_two_numbers_of_one_sentence_are_asked_together() -> None:
    sentence = (
        "Make a burr hole at Kocher's point: about 1 cm anterior to the coronal suture and "
        "2-3 cm from the midline."
    )
    [text] = _cards_of("Hydrocephalus", Block("paragraph", text=sentence))
    assert "{{c1::1 cm}}" in text and "{{c1::2-3 cm}}" in text, text


def test_one_answer_of_two_different_sentences_makes_two_cards() -> None:
    items = (
        "Microadenoma: The tumor is smaller than 1 centimeter.",
        "Macroadenoma: The tumor is 1 centimeter or larger.",
    )
    texts = _cards_of("Pituitary Tumors", Block("list", items=items))
    assert len(texts) == 2, texts


def test_a_heading_printed_twice_before_its_sentence_is_removed() -> None:
    from neuroquiz.generate.compose import unglue_heading

    glued = "Recurrent Glomus Tumor Recurrent Glomus Tumor Preoperative planning is crucial."
    assert unglue_heading(glued) == "Preoperative planning is crucial."


def test_seed_document_forms_judged_garbled_are_fixed() -> None:
    from neuroquiz.generate.compose import topic_name

    assert topic_name("What is the typical progression of malignant spinal hemangiomas") == (
        "Malignant spinal hemangiomas"
    )
    assert topic_name("The Recurrent Glomus Jugulare Tumor") == "Recurrent Glomus Jugulare Tumor"
    sentence = (
        "Complications such as cerebrospinal fluid leaks, infection, or neurological deficits "
        "require prompt attention and management."
    )
    answers = {c.answer for c in candidates(sentence)}
    assert "cerebrospinal fluid leaks, infection, or neurological deficits" in answers, answers
    clause = (
        "During surgery, preserving cranial nerve function is paramount, and intraoperative "
        "nerve monitoring has become a standard practice."
    )
    assert not [c for c in candidates(clause) if "paramount," in c.answer]


def test_a_chain_of_sentences_about_the_topic_keeps_its_referent() -> None:
    text = (
        "The recurrent glomus jugulare tumor is a neoplasm of the jugular bulb region. "
        "These tumors are known for their slow growth, presenting with symptoms such as "
        "pulsatile tinnitus and hearing loss. Typically, these tumors are classified as "
        "paragangliomas, which are generally benign."
    )
    texts = _cards_of("The Recurrent Glomus Jugulare Tumor", Block("paragraph", text=text))
    assert any("{{c1::paragangliomas}}" in t for t in texts), texts
    assert any("symptoms such as {{c1::pulsatile tinnitus and hearing loss}}" in t for t in texts)


@pytest.mark.parametrize(
    ("sentence", "answer"),
    [
        (
            "Males with HSAS are typically born with severe hydrocephalus and adducted thumbs.",
            "adducted thumbs",
        ),
        ("Most individuals with schwannomatosis have significant pain in the limbs.", "pain"),
        (
            "The malformations tend to be discovered only incidentally during an autopsy.",
            "incidentally",
        ),
        (
            "A rhizotomy for trigeminal neuralgia causes some degree of permanent sensory loss.",
            "permanent sensory loss",
        ),
        (
            "Most gliomas begin in astrocytic (star-shaped) cells of the brain.",
            "astrocytic (star-shaped) cells",
        ),
    ],
)
def test_born_with_most_have_incidental_causes_and_glosses(sentence: str, answer: str) -> None:
    found = [
        c.answer
        for c in candidates(sentence)
        if gate(c, sentence[: c.start] + "[...]" + sentence[c.end :]) is None
    ]
    assert any(answer in a for a in found), found


def test_a_long_sentence_ending_in_a_list_is_one_list_card() -> None:
    sentence = (
        "Symptoms of NF1, which may be evident at birth and nearly always by the time the child "
        'is 10 years old, may include light brown spots on the skin ("cafe-au-lait" spots), '
        "two or more growths on the iris of the eye (known as Lisch nodules), a tumor on the "
        "optic nerve (called an optic glioma), a larger than normal head circumference, and "
        "abnormalities of the bone."
    )
    [plan] = plan_document(
        StructuredDocument(Path("x.txt"), "Neurofibromatosis", (Block("paragraph", text=sentence),))
    )[0]
    assert plan.kind == "basic" and "name 3 of 5" in plan.text, plan.text
    assert "Lisch nodules" in plan.back and "optic glioma" in plan.back, plan.back


def test_the_following_under_a_subtype_heading_names_the_subtype() -> None:
    block = Block(
        "list",
        text="Treatment may include the following:",
        items=("Surgery to remove the tumor.", "Radiation therapy.", "Drug therapy."),
        headings=("Treatment of Prolactinomas",),
    )
    doc = StructuredDocument(Path("x.txt"), "Pituitary Tumors", (block,))
    [plan] = [p for p in plan_document(doc)[0] if p.rules == ("list",)]
    assert "Treatment of Prolactinomas: Treatment may include" in plan.text, plan.text


def test_a_shared_root_or_acronym_gives_the_answer_away_and_a_colon_list_is_the_answer() -> None:
    # seed 20261207: "Pineoblastomas form in [pineal gland cells]" and "... tumors of [VHL
    # disease]" were judged guessable from the stem.
    assert (
        _cards_of(
            "Embryonal Tumors",
            Block("paragraph", text="Pineoblastomas form in cells of the pineal gland."),
        )
        == []
    )
    sentence = (
        "Hereditary forms of CCM are caused by mutations in one of three CCM disease genes: "
        "CCM1, CCM2, and CCM3."
    )
    assert "CCM1, CCM2, and CCM3" in {c.answer for c in candidates(sentence)}


def test_generic_cancer_treatment_definitions_are_noise() -> None:
    # the same PDQ definitions in every cancer deck were the last near-duplicate pairs
    assert noise_sentence(
        "Treatment given after the surgery, to lower the risk that the cancer will come back, "
        "is called adjuvant therapy."
    )
    assert noise_sentence(
        "High-dose chemotherapy with stem cell rescue is a way of giving high doses of "
        "chemotherapy and replacing blood -forming cells destroyed by the cancer treatment."
    )


def test_a_flattened_pdq_line_keeps_its_subheadings_lists_and_paragraphs() -> None:
    # NIH PDQ pages print a section as one line with wide gaps: the subheading "Germinomas"
    # glued to "This summary is about ..." lost the key sentence after it, and the next
    # list's lead ("Too much ACTH may cause:") was glued into the previous list's last item.
    line = (
        "This summary is about the following types:     Germinomas    Germinomas are the "
        "most common type and have a good prognosis.       Too much prolactin may cause:   "
        "  - Headache.    - Breast milk flow.     Too much ACTH may cause:    - Weight gain."
        "    - Easy bruising.     Prognosis depends on:     The type of tumor.    Whether "
        "the tumor has spread.     Radiation therapy is given if the tumor comes back."
    )
    _title, blocks = text_blocks(f"Germ Cell Tumors\n\nKey Points\n{line}\n")
    assert any(
        b.text.startswith("Germinomas are the most common") and b.headings == ("Germinomas",)
        for b in blocks
    )
    lists = {b.text: b.items for b in blocks if b.kind == "list"}
    assert lists["Too much prolactin may cause:"] == ("Headache.", "Breast milk flow.")
    assert lists["Too much ACTH may cause:"] == ("Weight gain.", "Easy bruising.")
    assert lists["Prognosis depends on:"][:2] == (
        "The type of tumor.",
        "Whether the tumor has spread.",
    )


def test_aligned_cells_of_a_text_table_stay_one_line() -> None:
    _title, blocks = text_blocks("Grades\n\nIntro text here.\nGrade I    Benign    Slow\n")
    assert all("Benign" not in (b.headings or ("",))[0] for b in blocks)


def _plan(title: str, text: str) -> tuple[list[str], list[str]]:
    """The card texts and every verdict of a one-paragraph document."""
    doc = StructuredDocument(Path("x.txt"), title, (Block("paragraph", text=text),))
    plans, traces, _ = plan_document(doc)
    return [p.text for p in plans], [v for t in traces for v in t.verdicts]


def test_a_gloss_right_after_the_blank_is_left_out_of_the_card() -> None:
    # Judged guessable (seed 20261209): "[...] (CSF)", "[...] (ataxia)" give the answer.
    cards, _ = _plan(
        "Normal pressure hydrocephalus",
        "Normal pressure hydrocephalus is an abnormal buildup of cerebrospinal fluid (CSF) "
        "in the ventricles of the brain.",
    )
    assert cards and all(") (CSF)" not in c and "}} (CSF)" not in c for c in cards)
    assert any(
        "{{c1::abnormal buildup of cerebrospinal fluid (CSF)}} in the ventricles" in c
        for c in cards
    )
    cards, _ = _plan(
        "Spinal cord injury",
        "A grasping difficulty (ataxia) is found in central cord syndrome in older adults.",
    )
    assert all("(ataxia)" not in c for c in cards if "{{c1::grasping difficulty}}" in c)


@pytest.mark.parametrize(
    ("sentence", "verdict"),
    [
        (
            "In some of these families, schwannomatosis is caused by mutations in SMARCB1.",
            "dangling-reference",
        ),
        (
            "Instead, chemotherapy may be given to delay radiation therapy in infants.",
            "dangling-reference",
        ),
        (
            "Other studies state that a biopsy is required before any radiation therapy.",
            "dangling-reference",
        ),
        ("Whether the tumor has spread to the spinal cord at diagnosis.", "fragment"),
        ("The brain stem is the part of the brain connected to the spinal cord.", "lay-anatomy"),
    ],
)
def test_a_sentence_that_lost_its_subject_or_is_lay_anatomy_is_not_asked(
    sentence: str, verdict: str
) -> None:
    cards, verdicts = _plan("Schwannomatosis", sentence)
    assert cards == [] and verdict in verdicts


@pytest.mark.parametrize(
    ("sentence", "dropped"),
    [
        (
            "Certain genetic conditions increase the risk of medulloblastoma in children.",
            "vague-answer",
        ),
        (
            "Other symptoms of mild TBI include headache, confusion, dizziness, fatigue or "
            "lethargy, a change in sleep patterns, behavioral or mood changes, and trouble "
            "with memory.",
            "one-of-many",
        ),
    ],
)
def test_a_vague_or_open_set_answer_is_refused(sentence: str, dropped: str) -> None:
    _cards, verdicts = _plan("Traumatic brain injury", sentence)
    assert any(v.endswith(f"({dropped})") for v in verdicts)


def test_a_category_answer_asks_the_named_kind_not_the_category() -> None:
    found = [c.answer for c in candidates("HSAS is a form of L1 syndrome, an inherited disorder.")]
    assert "L1 syndrome" in found and not any(a.startswith("form of") for a in found)
    sentence = (
        "This malformation is often accompanied by a type of spina bifida called myelomeningocele."
    )
    assert "myelomeningocele" in [c.answer for c in candidates(sentence)]


def test_two_clauses_joined_by_a_comma_are_not_a_list_answer() -> None:
    # Judged garbled: "caused by [trauma, medical personnel] try to stabilize ...".
    sentence = (
        "Little can be done to reverse the brain damage caused by trauma, medical personnel "
        "try to stabilize the patient."
    )
    assert all("," not in c.answer for c in candidates(sentence))


def test_a_term_cue_is_not_repeated_when_the_sentence_opens_with_it() -> None:
    from neuroquiz.generate.compose import Trace, plan_sentence

    plan = plan_sentence(
        "Stereotactic radiosurgery is a type of external radiation therapy for gliomas.",
        "Germ cell tumors",
        Trace("", None),
        0,
        about="Stereotactic radiosurgery",
    )
    assert plan is not None and plan.text.count("Stereotactic radiosurgery") == 1


def test_passed_down_is_an_inheritance_fact() -> None:
    sentence = "When inherited, the condition is passed down in an autosomal dominant manner."
    assert "autosomal dominant manner" in [c.answer for c in candidates(sentence)]


def test_a_run_in_section_label_is_not_glued_into_the_stem() -> None:
    from neuroquiz.generate.compose import unglue_heading

    assert unglue_heading("Overall Prognosis: The prognosis depends on invasion.") == (
        "The prognosis depends on invasion."
    )
    # a term's label is its subject: kept
    assert unglue_heading("Chordoma: It arises from notochord remnants.").startswith("Chordoma:")


def test_a_short_treatment_list_of_long_items_gives_a_card_per_item_under_its_heading() -> None:
    # A PDQ treatment list with long items made no card at all (the list is too long to name
    # and its items, noun phrases, matched no rule): each item now completes the lead.
    block = Block(
        "list",
        text="Treatment may include the following:",
        items=(
            "Surgery (transsphenoidal surgery, if possible) to remove the tumor, followed by "
            "watchful waiting (closely monitoring a patient's condition).",
            "Drug therapy with cabergoline to stop the tumor from making prolactin and to "
            "stop the tumor from growing.",
        ),
        headings=("Prolactin-Producing Pituitary Tumors",),
    )
    plans, _, _ = plan_document(StructuredDocument(Path("x.txt"), "Pituitary Tumors", (block,)))
    texts = [p.text for p in plans]
    assert any("followed by {{c1::watchful waiting}}" in t for t in texts)
    assert all(t.startswith("Prolactin-Producing Pituitary Tumors") for t in texts if "{{" in t)


def test_one_item_of_a_long_list_is_not_asked_alone() -> None:
    items = tuple(f"Symptom number {n} of the body that is felt." for n in range(6))
    block = Block("list", text="Too much ACTH may cause:", items=items, headings=("Signs",))
    from neuroquiz.generate.units import units

    assert all(not text.startswith("Too much ACTH") for _k, text, _l in units(block, True))


def test_a_long_sentence_is_asked_without_its_lay_glosses() -> None:
    # 62 words with its glosses, 33 without: it was dropped as too long for one fact.
    text = (
        "The key features of Dandy-Walker syndrome are an enlargement of the fourth ventricle "
        "(a small channel that allows fluid to flow freely between the upper and lower areas "
        "of the brain and spinal cord), a partial or complete absence of the cerebellar vermis "
        "(the area of the brain between the two cerebellar hemispheres), and cyst formation "
        "near the lowest part of the skull."
    )
    doc = StructuredDocument(
        Path("x.txt"), "Dandy-Walker Syndrome", (Block("paragraph", text=text),)
    )
    plans, _, _ = plan_document(doc)
    assert plans and all("(a small channel" not in p.text + p.back for p in plans)
    assert any("enlargement of the fourth ventricle" in " ".join(p.answers) for p in plans)
    text = (  # as the NIH page writes it
        "The key features of this syndrome are an enlargement of the fourth ventricle (a small "
        "channel that allows fluid to flow freely between the upper and lower areas of the "
        "brain and spinal cord), a partial or complete absence of the area of the brain "
        "between the two cerebellar hemispheres (cerebellar vermis), and cyst formation near "
        "the lowest part of the skull."
    )
    doc = StructuredDocument(
        Path("x.txt"), "Dandy-Walker Syndrome", (Block("paragraph", text=text),)
    )
    plans, _, _ = plan_document(doc)
    assert plans and all("(a small channel" not in p.text + p.back for p in plans)
    assert all(p.source == text for p in plans if p.kind == "cloze")


def test_leads_to_is_a_consequence() -> None:
    sentence = "The skull cannot expand, which leads to increased intracranial pressure."
    assert "increased intracranial pressure" in [c.answer for c in candidates(sentence)]


def test_nested_markdown_sentences_are_items_under_their_parent_label() -> None:
    # "Risk factors:" with three nested sentences was one item glued with ";" (one card
    # of 60 words); short nested items are still one "parent: a; b" item.
    from neuroquiz.generate.structure_markup import markdown_blocks

    md = (
        "# Meningioma\n\n- Risk factors:\n  - Ionising radiation — the best-established "
        "environmental cause of these tumours.\n  - Neurofibromatosis type 2: the NF2 gene on "
        "chromosome 22q encodes merlin.\n- Signs:\n  - headache\n  - seizures\n"
    )
    _title, blocks = markdown_blocks(md)
    items = blocks[0].items
    assert items[0].startswith("Risk factors: Ionising radiation")
    assert items[1].startswith("Risk factors: Neurofibromatosis type 2")
    assert items[2] == "Signs: headache; seizures"
    cards = [c.answer for c in candidates(items[0])]
    assert "Ionising radiation" in cards  # the em dash ends the answer


def test_mri_sequences_are_not_spinal_levels_and_an_acronym_does_not_hide_the_subject() -> None:
    assert not [
        c for c in candidates("Isointense on T1 and T2 images.") if c.rule.name == "spinal-level"
    ]
    found = candidates("Digital subtraction angiography (DSA) remains the gold standard.")
    assert "Digital subtraction angiography" in [c.answer for c in found]


# --- judged failures of seed 20261210 (docs/judging/2026-12-03-seed-20261210-verdicts.md) ---


def test_a_lay_description_glossed_with_its_term_is_asked_with_the_term() -> None:
    from neuroquiz.generate.units import technical_terms

    text = (
        "The key features are a partial or complete absence of the area of the brain "
        "between the two cerebellar hemispheres (cerebellar vermis)."
    )
    assert technical_terms(text) == (
        "The key features are a partial or complete absence of the cerebellar vermis."
    )
    # a gloss that names another word, or says "called", is left alone
    kept = "the bones of the skull (called the cranial sutures)"
    assert technical_terms(kept) == kept


def test_an_example_list_stops_where_the_next_example_list_begins() -> None:
    cards, _ = _plan(
        "Dandy-Walker Syndrome",
        "In older children, symptoms of increased intracranial pressure such as irritability "
        "and vomiting, and signs of cerebellar dysfunction such as unsteadiness, lack of "
        "muscle coordination, or jerky movements of the eyes may occur.",
    )
    assert cards and all("cerebellar dysfunction}}" not in c for c in cards)
    assert any("{{c1::irritability and vomiting}}" in c for c in cards)


def test_the_first_item_of_a_list_is_not_asked_alone() -> None:
    # "Other symptoms include [headache], confusion, ... ": any item fits the blank.
    cards, verdicts = _plan(
        "Moyamoya disease",
        "Affected people may also have disturbed consciousness, speech deficits (usually "
        "aphasia), sensory and cognitive impairments, involuntary movements, and vision problems.",
    )
    assert not any("{{c1::disturbed consciousness}}" in c for c in cards)
    assert any("one-of-many" in v for v in verdicts)


def test_an_item_of_a_semicolon_list_is_not_asked_alone() -> None:
    cards, _ = _plan(
        "Pineal cyst",
        "Pineal cysts may have other symptoms such as difficulty moving (ataxia); mental and "
        "emotional disturbances; seizures; sleep troubles; or secondary parkinsonism.",
    )
    assert not any("{{c1::difficulty moving" in c for c in cards)


def test_a_one_word_term_after_the_blank_is_learnt_with_it() -> None:
    cards, _ = _plan(
        "Von Hippel-Lindau disease",
        "Hemangioblastomas of the cerebellum in VHL disease can cause a loss of muscle "
        "coordination (ataxia).",
    )
    assert any("coordination (ataxia)}}" in c for c in cards), cards


def test_a_nested_list_under_the_last_item_is_kept_whole() -> None:
    from neuroquiz.generate.inline_list import inline_list

    found = inline_list(
        "Symptoms can include headache, weakness, seizures, pain, and problems with speech, "
        "vision, or movement."
    )
    assert found and found[1][-1] == "problems with speech, vision, or movement"
    # "absence of X and malformations of the heart, face, limbs": no flat list at all
    assert (
        inline_list(
            "It is associated with other disorders, including absence of the corpus "
            "callosum and malformations of the heart, face, limbs, fingers and toes."
        )
        is None
    )
    # "..., and difficulties with balance and walking": the last item is not split
    found = inline_list(
        "Symptoms include headache, seizures, vertigo, and trouble with balance and walking."
    )
    assert found and found[1][-1] == "trouble with balance and walking"


def test_items_of_a_semicolon_list_keep_their_commas() -> None:
    from neuroquiz.generate.inline_list import inline_list

    assert (
        inline_list(
            "Injuries may result in states such as stupor; coma, a state in which a person is "
            "unconscious, unresponsive, and unarousable; and a vegetative state."
        )
        is None
    )  # "coma, a state in" was an item: cut inside its clause


def test_a_three_item_semicolon_list_is_one_card() -> None:
    cards, _ = _plan(
        "Moyamoya disease",
        "Medications may include aspirin (to prevent small blood clots); calcium channel "
        "blockers (which may improve headaches); and anti-seizure medications (when needed).",
    )
    assert any("Medications may include — name all 3" in c for c in cards), cards


@pytest.mark.parametrize(
    "sentence",
    [
        "The tumors are slow-growing in these children and may not need treatment for years.",
        "Success is lower in infants younger than 6 months and after previous shunting.",
        "Other forms include MASA syndrome and X-linked hereditary spastic paraplegia type 1.",
    ],
)
def test_a_sentence_whose_subject_is_in_the_sentence_before_is_not_asked(sentence: str) -> None:
    from neuroquiz.generate.subjects import subject_problem

    assert subject_problem(sentence, True, "Childhood brain stem glioma") is not None


def test_a_restrictive_group_is_not_a_dangling_reference() -> None:
    from neuroquiz.generate.subjects import subject_problem

    sentence = "Treatment is often recommended for those individuals with cysts that bleed."
    assert subject_problem(sentence, False, "Pineal cyst") is None


def test_a_shorter_word_does_not_name_a_longer_topic() -> None:
    # "schwannoma" is not "Schwannomatosis": the lost subject was judged misleading.
    cards, _ = _plan(
        "Schwannomatosis",
        "The most common symptom is chronic pain, which can develop as a growing schwannoma "
        "presses on nerves.",
    )
    assert cards and all(c.startswith("Schwannomatosis: ") for c in cards)


def test_two_kinds_of_treatment_are_a_generic_answer() -> None:
    cards, _ = _plan(
        "Schwannomatosis",
        "Treatment of schwannomatosis may include medications and/or surgery.",
    )
    assert not any("{{c1::medications and/or surgery}}" in c for c in cards)


def test_a_number_shown_elsewhere_in_the_card_is_not_asked() -> None:
    cards, _ = _plan(
        "Childhood brain stem glioma",
        "Children younger than 3 years diagnosed with DIPG may have a better prognosis than "
        "children who are 3 years and older.",
    )
    assert not any("{{c1::3 years}}" in c for c in cards)
    # a name that holds a digit is not a number: "L1CAM" beside "L1 syndrome" is asked
    cards, _ = _plan(
        "L1 syndrome",
        "HSAS, like all forms of L1 syndrome, is caused by mutations in the L1CAM gene.",
    )
    assert any("::L1CAM gene}}" in c for c in cards), cards


def test_an_answer_never_runs_into_the_next_clause() -> None:
    cards, _ = _plan(
        "Acute spinal cord injury",
        "The cervical spine is the most frequently injured level, and incomplete tetraplegia "
        "is the most common neurological category.",
    )
    assert not any("level, and incomplete" in c.split("}}")[0] for c in cards if "{{" in c)


def test_a_second_blank_inside_the_first_ones_gloss_is_not_made() -> None:
    cards, _ = _plan(
        "Craniosynostosis",
        "Craniosynostosis can be gene-linked or caused by metabolic diseases (such as rickets )or "
        "an overactive thyroid.",
    )
    assert cards and all("}}{{" not in c and ")or" not in c for c in cards), cards


# --- judged failures of seed 20261211 (docs/judging/2026-12-03-seed-20261211-verdicts.md) ---


@pytest.mark.parametrize(
    ("title", "sentence", "answer"),
    [
        (
            "Medulloblastoma",
            "Signal transduction inhibitors are a type of targeted therapy.",
            "targeted therapy",
        ),
        (
            "Trigeminal neuralgia",
            "Trigeminal neuralgia is a nerve disorder that causes a stabbing pain in the face.",
            "nerve disorder",
        ),
        (
            "Neurofibromatosis",
            "The neurofibromatoses are genetic disorders that cause tumors to grow in the nerves.",
            "genetic disorders",
        ),
    ],
)
def test_a_category_of_the_kind_any_page_names_is_not_asked(
    title: str, sentence: str, answer: str
) -> None:
    cards, _ = _plan(title, sentence)
    assert not any(f"::{answer}}}}}" in c for c in cards), cards


def test_this_is_called_is_not_asked() -> None:
    from neuroquiz.generate.subjects import subject_problem

    assert subject_problem("This is called whole brain radiation therapy.", True, "PCNSL")


def test_a_pointer_to_genereviews_is_noise() -> None:
    assert noise_sentence(
        "GeneReviews offers more specific information about the signs of each form."
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "Treatment options depend on the following:",
        "Late effects may include the following:",
        "Staging is the process used to find out how much cancer there is and if it has spread.",
    ],
)
def test_the_lead_ins_every_cancer_summary_repeats_are_noise(sentence: str) -> None:
    assert noise_sentence(sentence) == "cancer-summary"


def test_an_answer_never_ends_on_even() -> None:
    from neuroquiz.generate.extract import candidates

    answers = [c.answer for c in candidates("Many people develop NPH even when no cause is found.")]
    assert all(not a.endswith(" even") for a in answers)


def test_these_factors_point_at_the_sentence_before() -> None:
    from neuroquiz.generate.subjects import subject_problem

    sentence = "Many people develop NPH when none of these factors are present."
    assert subject_problem(sentence, True, "Normal pressure hydrocephalus") == "dangling-reference"


def test_the_indication_of_a_treatment_is_asked() -> None:
    # Dev set: "surgery is recommended if medication fails" had no card (trigeminal
    # neuralgia/surgery_indication); a condition is a clause, not a noun phrase.
    cards, _ = _plan(
        "Trigeminal neuralgia",
        "If medication fails to relieve pain or produces intolerable side effects, surgical "
        "treatment may be recommended.",
    )
    assert any(
        "If {{c1::medication fails to relieve pain or produces intolerable side effects}}, "
        "surgical treatment may be recommended." in c
        for c in cards
    ), cards


def test_a_procedure_done_if_a_condition_holds_asks_both_apart() -> None:
    # It was "there is a [tumor making ACTH]": a definition made of a clause's "there is".
    cards, _ = _plan(
        "Pituitary tumors",
        "Venous sampling may be done if blood tests show there is a tumor making ACTH, but the "
        "pituitary gland looks normal in the imaging tests.",
    )
    assert any(
        "{{c1::Venous sampling}} may be done if {{c2::blood tests show there is a tumor making "
        "ACTH}}," in c
        for c in cards
    ), cards
    assert not any("{{c1::tumor making ACTH}}" in c for c in cards)


def test_a_condition_in_the_learners_words_is_not_asked() -> None:
    cards, verdicts = _plan(
        "Childhood CNS germ cell tumors",
        "If doctors think your child may have a CNS germ cell tumor, a biopsy may be done.",
    )
    assert not cards and any("lay-condition" in v for v in verdicts), (cards, verdicts)


def test_the_treatment_of_a_named_group_is_asked() -> None:
    cards, _ = _plan(
        "Childhood brain stem glioma",
        "Treatment of brain stem glioma in children with neurofibromatosis type 1 may be "
        "observation.",
    )
    assert any("may be {{c1::observation}}." in c for c in cards), cards


def test_a_leaflets_check_with_your_doctor_list_is_the_presentation() -> None:
    # Dev set: the symptoms of three PDQ pages had no card: the lead-in is noise.
    doc = StructuredDocument(
        Path("x.txt"),
        "Childhood Brain Stem Glioma",
        (
            Block(
                "list",
                text="Check with your child's doctor if your child has any of the following:",
                items=(
                    "Loss of balance and trouble walking.",
                    "Vision and hearing problems.",
                    "Morning headache or headache that goes away after vomiting.",
                ),
                headings=("What are the symptoms of Childhood Brain Stem Glioma ?",),
            ),
        ),
    )
    plans, _, _ = plan_document(doc)
    fronts = [p.text for p in plans if p.kind == "basic"]
    assert "Childhood Brain Stem Glioma: Signs and symptoms include — name all 3." in fronts
    assert all("Check with" not in f for f in fronts)
    assert any(p.source.startswith("Check with your child's doctor") for p in plans)


@pytest.mark.parametrize(
    ("title", "sentence", "answer"),
    [
        (  # seed 20261212 #16: the first item of a list whose last one holds a nested list
            "Dandy-Walker Syndrome",
            "Other symptoms include increased head circumference, bulging at the back of the "
            "skull, abnormal breathing problems, and problems with the nerves that control the "
            "eyes, face and neck.",
            "increased head circumference",
        ),
        (  # seed 20261212 #50: a clause follows the list
            "Pineal cyst",
            "Occasionally, pineal cysts may cause headaches, hydrocephalus, disturbances in "
            "vision (gaze palsy), Parinaud syndrome, and vertigo, in which case they are called "
            "symptomatic pineal cysts.",
            "headaches",
        ),
        (  # three items: blanking the first shows the other two, many fillers fit
            "Intervertebral disc disease",
            "Factors such as occupational stress, trauma, or obesity, together with genetic "
            "alterations, may result in the structural weakness of a disc.",
            "occupational stress",
        ),
        (  # seed 20261212 #81: each item has a gloss with commas
            "Traumatic Brain Injury",
            "Some common disabilities include problems with cognition (thinking, memory, and "
            "reasoning), sensory processing (sight, hearing, touch, taste, and smell), "
            "communication (expression and understanding), and behavior or mental health.",
            "problems with cognition",
        ),
    ],
)
def test_the_first_item_of_a_long_list_is_not_asked_alone(
    title: str, sentence: str, answer: str
) -> None:
    cards, _ = _plan(title, sentence)
    assert not any(f"{{{{c1::{answer}}}}}" in c for c in cards), cards


@pytest.mark.parametrize(
    ("title", "sentence", "cut"),
    [
        (  # seed 20261212 #32
            "Pituitary Tumors",
            "Signs and symptoms can be caused by the growth of the tumor and/or by hormones the "
            "tumor makes or by other conditions.",
            "tumor}} makes",
        ),
        (  # seed 20261212 #56
            "Childhood CNS Embryonal Tumors",
            "CNS neuroblastomas are a very rare type of neuroblastoma that form in the nerve "
            "tissue of the cerebrum or the layers of tissue that cover the brain and spinal cord.",
            "layers}} of",
        ),
        (  # seed 20261212 #47: "brain stem" is a noun, not "brain] stem"
            "Chiari malformation type 2",
            "The exact cause of the condition is not known but it appears to be due to a "
            "developmental failure of the brain stem and upper spine.",
            "brain}} stem",
        ),
    ],
)
def test_an_answer_never_stops_inside_a_phrase(title: str, sentence: str, cut: str) -> None:
    cards, _ = _plan(title, sentence)
    assert not any(cut in c for c in cards), cards


@pytest.mark.parametrize(
    "sentence",
    [
        "Other cases may result from new (de novo) mutations in the gene.",  # #43
        "Whether there are certain changes in the chromosomes, genes, or brain cells.",  # #75
    ],
)
def test_a_sentence_that_leans_on_the_one_before_is_not_asked(sentence: str) -> None:
    cards, _ = _plan("Schwannomatosis", sentence)
    assert not cards, cards


def test_signs_depend_on_the_following_is_cancer_summary_noise() -> None:
    # seed 20261212 #82: "Where the tumor forms; the size of the tumor; ..." fits any tumour
    assert noise_sentence("Signs and symptoms depend on the following:") == "cancer-summary"


@pytest.mark.parametrize(
    ("title", "sentence", "deletion"),
    [
        (  # dev set central_cord_syndrome/arms_more_than_legs: the phrase ran on past "and to"
            "Central Cord Syndrome",
            "Central cord syndrome is the most common form of incomplete spinal cord injury "
            "characterized by impairment in the arms and hands and to a lesser extent in the legs.",
            "{{c2::impairment in the arms and hands}} and to a lesser extent",
        ),
        (  # dev set chiari_malformation_type_2/definition
            "Chiari malformation type 2",
            "Chiari malformation type 2 (CM type II) is a type of Chiari malformation in which "
            "both the cerebellum and brain stem tissue extend into the foramen magnum.",
            "in which both the {{c1::cerebellum and brain stem tissue}} extend",
        ),
        (  # dev set tuberous_sclerosis/prognosis
            "Tuberous Sclerosis",
            "With appropriate medical care, most individuals with the disorder can look forward "
            "to normal life expectancy.",
            "{{c1::normal}} life expectancy",
        ),
        (  # dev set moyamoya_disease/age: a population word is the answer of "affects"
            "Moyamoya disease",
            "This condition usually affects children, but can affect adults.",
            "usually affects {{c1::children}}, but",
        ),
    ],
)
def test_facts_the_dev_set_missed_are_asked(title: str, sentence: str, deletion: str) -> None:
    cards, _ = _plan(title, sentence)
    assert any(deletion in c for c in cards), cards


def test_a_disease_in_which_cells_form_is_not_a_definition() -> None:
    # Every PDQ page opens "X is a disease in which malignant (cancer) cells form in ...".
    cards, _ = _plan(
        "Primary CNS Lymphoma",
        "Primary CNS lymphoma is a disease in which malignant (cancer) cells form in the lymph "
        "tissue of the brain.",
    )
    assert not any("in which {{c" in c for c in cards), cards


def test_birth_defect_is_a_category_no_answer() -> None:
    cards, _ = _plan(
        "Myelomeningocele",
        "Low levels of folic acid before and during early pregnancy are thought to play a part "
        "in this type of birth defect.",
    )
    assert not any("{{c1::birth defect}}" in c for c in cards), cards


def test_an_inline_list_follows_its_include_and_leaves_out_an_appositive() -> None:
    # Evalset: "options are — name 3 of 5 -> limited and include re-resection; ...; an
    # antibody against VEGF" (the list began at "are" and the gloss of the last item was one)
    from neuroquiz.generate.inline_list import inline_list

    assert inline_list(
        "At recurrence, options are limited and include re-resection, re-irradiation, "
        "lomustine, and bevacizumab, an antibody against vascular endothelial growth factor."
    ) == (
        "At recurrence, options are limited and include",
        ("re-resection", "re-irradiation", "lomustine", "bevacizumab"),
    )


def _list_doc(title: str, items: tuple[str, ...]) -> list[str]:
    doc = StructuredDocument(
        Path("x.txt"), title, (Block("list", text="", items=items, headings=("Key Points",)),)
    )
    plans, _, _ = plan_document(doc)
    return [p.text for p in plans if p.kind == "basic"]


def test_a_nested_list_whose_lead_counts_its_items_is_whole() -> None:
    # Dev set primary_cns_lymphoma/standard_treatments: the run is cut by a sentence, but
    # the lead-in says there are three
    fronts = _list_doc(
        "Primary CNS Lymphoma",
        (
            "Three standard treatments are used:",
            "Radiation therapy",
            "Chemotherapy",
            "Steroid therapy",
            "New types of treatment are being tested in clinical trials.",
        ),
    )
    assert "Primary CNS Lymphoma: Three standard treatments are used — name all 3." in fronts


def test_a_list_of_the_treatment_kinds_of_any_cancer_is_not_asked() -> None:
    fronts = _list_doc(
        "Pituitary Tumors",
        (
            "Four types of standard treatment are used:",
            "Surgery",
            "Radiation therapy",
            "Drug therapy",
            "Chemotherapy",
            "New types of treatment are being tested in clinical trials.",
        ),
    )
    assert not fronts, fronts


def test_a_symptom_list_after_may_cause_is_one_list_card() -> None:
    # The first item alone is one of many; the trailing "in which case ..." is no item.
    from neuroquiz.generate.inline_list import inline_list

    assert inline_list(
        "Occasionally, pineal cysts may cause headaches, hydrocephalus, disturbances in vision "
        "(gaze palsy), Parinaud syndrome, and vertigo, in which case they are called "
        "symptomatic pineal cysts."
    ) == (
        "Occasionally, pineal cysts may cause",
        (
            "headaches",
            "hydrocephalus",
            "disturbances in vision (gaze palsy)",
            "Parinaud syndrome",
            "vertigo",
        ),
    )


def test_what_a_rising_marker_means_is_asked() -> None:
    # Dev set childhood_cns_germ_cell_tumors/marker_followup; "increases" is read as a noun
    cards, _ = _plan(
        "Childhood CNS Germ Cell Tumors",
        "If the tumor marker level increases after initial treatment, the tumor may have recurred.",
    )
    assert any(
        "If {{c1::the tumor marker level increases after initial treatment}}, the tumor may "
        "have recurred." in c
        for c in cards
    ), cards


def test_a_participle_clause_is_no_list_item() -> None:
    from neuroquiz.generate.inline_list import inline_list

    assert (
        inline_list(
            "The aggressive nature of their growth can cause compression of the spinal cord "
            "and nerve roots; resulting in severe pain; weakness; other neurological symptoms"
        )
        is None
    )


@pytest.mark.parametrize(
    ("title", "sentence", "answer"),
    [
        (  # seed 20261213 #36
            "Cavernous Malformation",
            "Hereditary forms of CCM are caused by mutations in one of three CCM disease genes: "
            "CCM1, CCM2, and CCM3.",
            "CCM1, CCM2, and CCM3",
        ),
        (  # seed 20261213 #39: the cue spells the acronym
            "Tuberous Sclerosis",
            "In addition to the benign tumors that frequently occur in TSC, other common "
            "symptoms include seizures and skin abnormalities.",
            "TSC",
        ),
        (  # seed 20261213 #8 and #43: "nervous system" fits any neurological disease
            "Neurofibromatosis",
            "The neurofibromatoses are genetic disorders that cause tumors to grow in the "
            "nervous system.",
            "nervous system",
        ),
    ],
)
def test_judged_guessable_answers_of_seed_20261213_are_not_asked(
    title: str, sentence: str, answer: str
) -> None:
    cards, _ = _plan(title, sentence)
    assert not any(f"::{answer}}}}}" in c for c in cards), cards
