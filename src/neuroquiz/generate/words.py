"""Every word list the fact-first generator uses, in one place.

Each list is a plain block of words (spaCy's habit), read once into a frozenset. The
tagger's own lexicon lives in :mod:`.lexicon`.
"""

from __future__ import annotations


def _words(block: str) -> frozenset[str]:
    return frozenset(block.split())


GENERIC_ANSWERS = _words("""
    base protein proteins gene genes mutation mutations change changes treatment treatments
    therapy tumor tumors tumour tumours disease diseases condition conditions disorder
    disorders symptom symptoms sign signs cell cells patient patients people person persons
    individual individuals body part parts area areas region type types kind kinds form forms
    problem problems thing things way ways factor factors cause causes effect effects result
    results case cases number numbers amount level levels time times artery arteries spine
    brain tissue tissues organ organs growth growths lesion lesions procedure procedures test
    tests option options information doctor doctors child children adult adults
    syndrome group groups health medicine drug drugs side system structure structures one
    others other some many most all several certain abnormal normal common rare use
    cancer cancers loss blood family members member risk risks scan scans studies study
    swelling damage time same targeted genetic nerve musculoskeletal birth defect defects
    nervous central
""")
"""A deletion made only of these teaches nothing: "base", "protein", "the tumor"."""

STOP = _words("""
    a an the of in on at to for from by with and or nor but as is are was were be been being
    that which who whom whose this these those it its they them their there here than then
    so such very also may might can could will would should must do does did has have had
    not no into onto over under between about after before during while when where why how
    what if because although though each every any both either neither more less most
    other some many much often usually sometimes generally typically commonly
""")
"""Function words: never the whole of an answer, ignored when comparing stems."""

PRONOUN_STARTS = _words("""
    it its this these they their them that those such he she his her another others
""")
"""A sentence opening with one of these has its subject elsewhere."""

CLAUSE_STOPS = _words("""
    that which who whom whose where when while because although though if unless since whether
    whereas but so thus therefore however as than until once
""")
"""Words that end an answer span: the clause after them is context, not answer."""

VERB_STOPS = _words("""
    is are was were be been being has have had do does did may might can could will would
    should must cause causes caused causing lead leads led include includes including
    involve involves involved affect affects affected make makes made occur occurs occurred
    develop develops developed form forms formed grow grows spread spreads allow allows
    helps help become becomes became remain remains seem seems appear appears
    characterized characterised marked defined located called known composed comprised
    consisting resulting involving affecting associated accompanied followed placed inserted
    performed done given used needed required
""")
"""Verbs that end an answer noun phrase ("headache {causes} ...")."""

LAY_ANATOMY_SUBJECTS = _words("""
    brain spinal cord cerebrum cerebellum skull nerves nerve spine meninges body blood
    pituitary gland glands heart lungs kidneys liver pineal ventricles glial
""")
"""Subjects of the lay anatomy asides of patient pages ("The brain controls ...")."""

LAY_ANATOMY_VERBS = _words("""
    controls control carries carry sends send connects connect helps help contains contain
    protects protect surrounds surround makes make is are
""")

GLOSSARY_LABELS = _words("""
    physical exam history neurological neurologic exam blood chemistry study studies
    complete count cbc biopsy ct scan cat mri pet x-ray x-rays ultrasound
""")
"""Labels of lay glossary items in patient pages ("Physical exam and history: An exam ...")."""

NUMBER_WORDS = _words("""
    one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty
    hundred thousand half third quarter twice double
""")

HEDGES = _words("may might can could often usually sometimes most many some generally rarely")
"""Words a card keeps as written: faithfulness needs the hedge."""

CLINICAL_ADJECTIVES = _words("""
    congenital acquired sporadic sporadically inherited hereditary familial benign malignant
    fatal asymptomatic incidental incidentally bilateral unilateral progressive slow-growing
    fast-growing aggressive invasive noninvasive curable incurable permanent reversible
    irreversible contagious infectious idiopathic unpredictable variable elderly unknown
""")
"""Adjectives that are the fact themselves: "Most AVMs are [congenital]"."""

QUANTIFIER_TAILS = _words("""
    one two three more several many some both either all any even only still
""")
"""Words an answer never ends on: "closure of one or more" is cut back to "closure"."""

FILLER_WORDS = _words("""
    based present each varied harm important using used related term terms described
    computer causing need needs imaging afterwards following monitoring closely presence
    signs within lot specific careful consideration possible benefits linked lifelong
    increased issues cosmetic psychological developmental faced several ways whether
    abnormality abnormalities difficulty difficulties trouble able unable certain
    essential advancing specialized highly localized trauma medications medication
    complications complication death severe even microscope symptoms examination
""")
"""Words of filler answers ("based on the signs and symptoms present in each person",
"careful consideration of possible benefits", "less harm"), judged to carry no clinical
content (issue 9); with the generic answers and vague heads and modifiers."""

SECTION_LABEL_WORDS = _words("""
    overall general clinical prognosis outcome outcomes treatment management diagnosis
    epidemiology background summary conclusion conclusions presentation pathology imaging
    introduction overview etiology aetiology causes symptoms signs follow-up follow up
    recurrence complications and
""")
"""Words of a run-in section label ("Overall Prognosis: The prognosis ..."), which is layout,
not the sentence's subject."""

TEAM_MEMBERS = _words("""
    neurosurgeons surgeons anesthesiologists anaesthetists neurophysiologists radiologists
    neuroradiologists oncologists neurologists pathologists neuropathologists nurses
    physicians doctors therapists physiotherapists psychologists psychiatrists pediatricians
    paediatricians endocrinologists ophthalmologists otolaryngologists specialists
    technicians pharmacists dietitians social workers geneticists counselors counsellors
""")
"""The professions of a care team: a list of them teaches nothing (judged, seed 20261213)."""


def team_list(items: tuple[str, ...]) -> bool:
    """True if every item names a profession of a care team ("neurosurgeons, nurses")."""
    return len(items) >= 2 and all(
        i.split() and i.split()[-1].lower() in TEAM_MEMBERS for i in items
    )


FREQUENCY_WORDS = _words("""
    rarely very few occasionally often usually sometimes seldom frequently commonly most
    many some several uncommonly rare almost nearly majority minority the a of
""")
"""A deletion made only of these asks how often, which anyone guesses: "[Rarely], a pineal
cyst may cause ...", "[Very few] pituitary tumors are malignant" (judged, seed 20261214)."""
