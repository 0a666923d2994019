"""Key facts a resident must retain, hand-written per document: >= 90% must be tested.

A fact is tested when some card mentions every keyword (anywhere in the card) and its
answer part holds the key term. The held-out documents were written separately, with the
same kinds of noise, to check that the rules generalise beyond the seeds; the "unseen"
ones (see ``unseen_docs.py``) came later still, in HTML, Markdown, PDF, plain text and
question-and-answer form, to stress-test the rules; what they exposed was fixed by
general rules, never by a case for one of them.

A few unseen facts are worded so that a non-guessable card can test them: "IDH-mutant
grade 4 tumors are called astrocytoma" is given away by "astrocytic" in the same sentence,
so it is not a key fact here; the Stupp sentence names temozolomide twice, so the drug is
asked where the MGMT promoter is; "third ventricle" is given away by "third
ventriculostomy", so ETV's fact is where CSF goes (the subarachnoid cisterns).
"""

from __future__ import annotations

from tests.unit.generate.conftest import AnyCard, Run, answers, full_text

Fact = tuple[tuple[str, ...], str]

FACTS: dict[str, list[Fact]] = {
    "seed_glomus.txt": [
        (("glomus", "originat"), "paraganglionic cells"),
        (("jugular",), "jugular bulb"),
        (("classified",), "paraganglioma"),
        (("symptoms",), "pulsatile tinnitus"),
        (("symptoms",), "hearing loss"),
        (("complications",), "cranial nerve palsies"),
        (("complications",), "cerebrospinal fluid leak"),
        (("recurrence", "partially resected"), "radiotherapy"),
        (("imaging",), "angiography"),
        (("multidisciplinary",), "otolaryngology"),
        (("recurrent",), "stereotactic radiosurgery"),
        (("radiosurgical",), "gamma knife"),
        (("tumor feeders",), "embolization"),
        (("scar tissue",), "scar tissue formation"),
    ],
    "seed_intramedullary.txt": [
        (("histology",), "biopsy"),
        (("team",), "neurophysiologists"),
        (("vertebral bone",), "laminectomy"),
        (("monitoring",), "somatosensory"),
        (("outer membrane",), "dura mater"),
        (("goal",), "total resection"),
        (("adheres",), "subtotal resection"),
        (("intraoperative imaging",), "ultrasound"),
        (("complications",), "infection"),
        (("recur",), "chemotherapy"),
        (("postoperative",), "physical therapy"),
        (("diagnosis",), "magnetic resonance imaging"),
    ],
    # This document states half its facts with adverbs and adjectives ("grow rapidly",
    # "recur locally", "metastasis is relatively uncommon", "the recurrence rate can be
    # high"). CARD-QUALITY.md forbids hiding an adverb or a bare adjective, so those facts
    # are deliberately not carded; the key facts below are the ones a noun phrase carries.
    "seed_hemangioma.txt": [
        (("destroy",), "vertebrae"),
        (("destroy",), "neurological deficits"),
        (("compression",), "nerve roots"),
        (("metastasis",), "lungs"),
        (("symptoms",), "radicular pain"),
        (("worsen",), "spinal cord compression"),
    ],
    "heldout_vestibular_schwannoma.txt": [
        (("vestibular schwannoma",), "acoustic neuroma"),
        (("arises",), "eighth cranial nerve"),
        (("grow",), "internal auditory canal"),
        (("bilateral",), "neurofibromatosis type 2"),
        (("presenting symptom",), "sensorineural hearing loss"),
        (("compress",), "fourth ventricle"),
        (("gold standard",), "mri"),
        (("treatment options",), "stereotactic radiosurgery"),
        (("control rates",), "90 percent"),
        (("translabyrinthine",), "residual hearing"),
    ],
    "heldout_medulloblastoma.txt": [
        (("childhood", "malignant brain tumor"), "medulloblastoma"),
        (("arises",), "cerebellum"),
        (("embryonal",), "embryonal tumor"),
        (("grade",), "grade 4"),
        (("present",), "ataxia"),
        (("favorable prognosis",), "wnt"),
        (("spread",), "cerebrospinal fluid"),
        (("treatment",), "craniospinal irradiation"),
        (("children",), "cerebellar mutism"),
        (("five-year survival",), "80 percent"),
    ],
}


UNSEEN_FACTS: dict[str, list[Fact]] = {
    "meningioma.html": [
        (("meningiomas", "originate"), "arachnoid cap cells"),
        (("most common primary intracranial tumor",), "meningioma"),
        (("women",), "twice"),
        (("risk factor",), "radiation"),
        (("multiple meningiomas",), "neurofibromatosis type 2"),
        (("grade 3",), "anaplastic"),
        (("sense of smell",), "anosmia"),
        (("imaging study of choice",), "mri"),
        (("adjacent dura",), "dural tail"),
        (("overlying skull",), "hyperostosis"),
        (("simpson grade i",), "dural attachment"),
        (("3 cm",), "stereotactic radiosurgery"),
        (("highly vascular",), "embolization"),
    ],
    "subarachnoid_hemorrhage.md": [
        (("most common cause",), "saccular"),
        (("classic symptom",), "thunderclap headache"),
        (("clinical severity",), "hunt and hess"),
        (("amount of blood",), "fisher grade"),
        (("first test",), "non-contrast ct"),
        (("xanthochromia",), "lumbar puncture"),
        (("gold standard",), "digital subtraction angiography"),
        (("rebleeding",), "24 hours"),
        (("isat",), "coiling"),
        (("vasospasm",), "3 and 14"),
        (("21 days",), "nimodipine"),
        (("monitor", "vasospasm"), "transcranial doppler"),
        (("acute hydrocephalus",), "external ventricular drain"),
        (("hyponatremia",), "cerebral salt wasting"),
    ],
    "chiari_malformation.pdf": [
        (("foramen magnum",), "cerebellar tonsils"),
        (("tonsils",), "5 mm"),
        (("fluid-filled cavity",), "syringomyelia"),
        (("symptomatic patients",), "30 to 70 percent"),
        (("type ii",), "myelomeningocele"),
        (("type iii",), "encephalocele"),
        (("most common symptom",), "occipital headache"),
        (("cape-like",), "pain and temperature"),
        (("diagnostic study of choice",), "mri"),
        (("flow",), "cine mri"),
        (("symptomatic patients are treated",), "posterior fossa decompression"),
        (("suboccipital craniectomy",), "c1 laminectomy"),
        (("complications",), "pseudomeningocele"),
    ],
    "pituitary_adenoma.txt": [
        (("benign tumors",), "anterior pituitary"),
        (("smaller than 10 mm",), "microadenomas"),
        (("most common functioning",), "prolactinoma"),
        (("growth hormone",), "acromegaly"),
        (("adrenocorticotropic",), "cushing disease"),
        (("optic chiasm",), "bitemporal hemianopia"),
        (("sudden hemorrhage",), "pituitary apoplexy"),
        (("prolactinomas",), "dopamine agonists"),
        (("dopamine agonists",), "cabergoline"),
        (("symptomatic adenomas",), "transsphenoidal surgery"),
        (("pituitary surgery",), "diabetes insipidus"),
        (("normal gland",), "hypopituitarism"),
    ],
    "glioblastoma.txt": [
        (("most common primary malignant brain tumor",), "glioblastoma"),
        (("who",), "grade 4"),
        (("by definition",), "idh-wildtype"),
        (("histologically",), "microvascular proliferation"),
        (("mri",), "ring-enhancing"),
        (("corpus callosum",), "butterfly"),
        (("vasogenic edema",), "dexamethasone"),
        (("mgmt",), "temozolomide"),
        (("30 fractions",), "60 gy"),
        (("response to temozolomide",), "mgmt"),
        (("median overall survival",), "15 months"),
        (("recurrence",), "bevacizumab"),
        (("fluorescence",), "5-aminolevulinic acid"),
    ],
    "hydrocephalus_faq.htm": [
        (("accumulation",), "cerebrospinal fluid"),
        (("produced",), "choroid plexus"),
        (("absorbed",), "arachnoid granulations"),
        (("obstructive",), "aqueductal stenosis"),
        (("infants",), "head circumference"),
        (("eyes",), "sunset"),
        (("fontanelle", "bedside"), "ultrasound"),
        (("most common treatment",), "ventriculoperitoneal"),
        (("endoscopic third ventriculostomy",), "subarachnoid cisterns"),
        (("shunt infection",), "staphylococcus epidermidis"),
        (("most common complication",), "shunt obstruction"),
        (("triad",), "gait disturbance"),
        (("overdrainage",), "subdural hematoma"),
    ],
}


def is_tested(fact: Fact, cards: tuple[AnyCard, ...]) -> bool:
    keywords, term = fact
    for card in cards:
        text = full_text(card).lower()
        if all(k in text for k in keywords) and any(term in a.lower() for a in answers(card)):
            return True
    return False


def coverage(run: Run, name: str) -> tuple[float, list[Fact]]:
    cards = run.decks[name].cards
    facts = FACTS.get(name) or UNSEEN_FACTS[name]
    missing = [f for f in facts if not is_tested(f, cards)]
    return 1 - len(missing) / len(facts), missing


FLOOR = 0.43
"""Regression floor of the local key facts: 0.34 (44 of 130) when the fact-first design landed,
0.40 (52 of 130) with nested lists and clinical adjectives, 0.415 (54 of 130) with the
negative-finding and definition rules, 0.43 (56 of 130) with flattened PDQ lines read as
paragraphs and lists (issue 9's goal, 85%, is measured on ../shared/devset
with its own score.py)."""


def test_local_key_facts_do_not_regress(seed_run: Run, heldout_run: Run, unseen_run: Run) -> None:
    runs = [
        (seed_run, n) for n in ("seed_glomus.txt", "seed_intramedullary.txt", "seed_hemangioma.txt")
    ]
    runs += [
        (heldout_run, n)
        for n in ("heldout_vestibular_schwannoma.txt", "heldout_medulloblastoma.txt")
    ]
    runs += [(unseen_run, n) for n in sorted(UNSEEN_FACTS)]
    total = hit = 0
    for run, name in runs:
        facts = FACTS.get(name) or UNSEEN_FACTS[name]
        total += len(facts)
        hit += sum(is_tested(f, run.decks[name].cards) for f in facts)
    print(f"local key facts: {hit}/{total}")  # shown with -s
    assert hit / total >= FLOOR, f"{hit}/{total} key facts covered"


def test_the_coverage_check_can_fail(seed_run: Run) -> None:
    # A fact nobody wrote a card for is reported missing: the check is not vacuous.
    assert not is_tested(
        (("glomus",), "pituitary adenoma"), seed_run.decks["seed_glomus.txt"].cards
    )
