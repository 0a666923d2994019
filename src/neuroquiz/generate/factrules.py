"""Fact rules: the kinds of clinical statement a card is made from, as data.

Each :class:`FactRule` names a kind of fact (definition, origin, cause, genes, inheritance,
epidemiology, presentation, diagnosis, treatment, complication, prognosis, numbers), the
words that announce it, on which side of them the answer lies, and its weight in ranking.
A new kind of card is a new entry here plus its test, not a new branch in the code.

Example:
    >>> [r.name for r in RULES if r.trigger.search("VHL is inherited in an autosomal manner")]
    ['inheritance']
"""

from __future__ import annotations

from neuroquiz.generate.factrule import ART, NOT_PRONOUN, FactRule, Side, rule
from neuroquiz.generate.factrules_more import LATER_RULES

__all__ = ["RULES", "FactRule", "Side"]

_FIRST_RULES: tuple[FactRule, ...] = (
    rule(
        "definition",
        "definition",
        rf"^(?:(?:for|in|among|after|during|once) [^,;:()]{{3,40}},\s)?{NOT_PRONOUN}(?:most |the majority of )?[A-Za-z](?:[^,;:()]|\([A-Za-z0-9-]{{2,10}}\)){{1,70}}?\s(?:is|are)\s(?!not\b|also\b|sometimes\b|often\b|frequently\b|now\b|then\b|always\b|mostly\b|mainly\b|rarely\b|used\b|more\b|less\b|often\b|usually\b|thought\b|caused\b|inherited\b|treated\b|diagnosed\b|found\b|located\b|called\b|known\b|divided\b|based\b|associated\b|able\b|likely\b|unable\b|rare\b|common\b|present\b|seen\b|important\b|usually\b|generally\b|made\b|typically\b){ART}",
        "after",
        3.0,
        "Arachnoid cysts are cerebrospinal fluid-filled sacs.",
        lists=True,
    ),
    rule(
        "characterized-by",
        "definition",
        rf"\b(?:characterized|characterised|marked|defined|distinguished) (?:primarily |mainly |mostly )?(?:by|as)\s{ART}",
        "after",
        3.0,
        "Schwannomatosis is characterized by multiple schwannomas.",
        lists=True,
    ),
    rule(
        "alias",
        "definition",
        rf"\b(?:also |sometimes |often )?(?:called|known as|referred to as|termed)\s(?:the\s)?{ART}",
        "after",
        2.2,
        "These tumors are also called retinal angiomas.",
    ),
    rule(
        "origin",
        "origin",
        rf"\b(?:arises?|arising|originates?|originating|stems?|derived?) (?:from|in|within)\s{ART}",
        "after",
        3.0,
        "Chordomas arise from remnants of the notochord.",
    ),
    rule(
        "location",
        "origin",
        rf"\b(?:located|found|situated|occurs?|occurring|forms?|develops?|grows?|starts?|begins?|lies|arise) (?:most often |most commonly |usually |mainly |mostly |primarily |commonly |only )?(?:in|at|on|near|between|within|along|outside|inside)\s{ART}(?:(?:brain |nerve )?(?:cells|tissue) (?:in|of) (?:the )?)?",
        "after",
        2.4,
        "Most cysts form in the middle cranial fossa.",
    ),
    rule(
        "cause",
        "cause",
        rf"\b(?:caused by|results? from|resulting from|due to|the result of|triggered by|a complication of|associated with|linked (?:to|with))\s{ART}",
        "after",
        2.6,
        "Secondary cysts develop after meningitis and are the result of head injury.",
        lists=True,
    ),
    rule(
        "gene",
        "genes",
        r"\b(?:mutations?|changes?|variants?|alterations?|deletions?)(?: \(mutations?\))? (?:in|of|within) (?:the |one of (?:the )?(?:three |two )?|either the |both )?",
        "after",
        3.0,
        "VHL disease is caused by a mutation in the VHL gene.",
        lists=True,
    ),
    rule(
        "inheritance",
        "inheritance",
        r"\b(?:inherited|passed (?:down|on)) (?:in|with) an?\s|\b(?:is|are) inherited as an?\s|\binheritance (?:is|pattern is)\s(?:an?\s)?",
        "after",
        3.0,
        "The condition is inherited in an autosomal dominant manner.",
    ),
    rule(
        "risk-factors",
        "cause",
        r"\brisk factors?\b[^.;:]{0,60}?\b(?:include|includes|are|is)\s*:?\s|\bincreases? the risk of\s(?:an?\s|the\s|developing\s)?|\bat (?:higher|increased|greater) risk (?:of|for)\s(?:developing\s)?",
        "after",
        2.6,
        "Risk factors include NF1.",
        lists=True,
    ),
    rule(
        "presentation",
        "presentation",
        r"\b(?:symptoms?|signs?|features?|manifestations?|findings)\b[^.;:]{0,80}?\b(?:include|includes|including|are|consist of)\s*:?\s",
        "after",
        2.6,
        "Typical symptoms include headache and seizures.",
        lists=True,
    ),
    rule(
        "causes-symptom",
        "presentation",
        rf"\b(?:(?:can|may|often|usually|typically|commonly) (?:cause|causes|produce|present with|lead to|result in)|(?:that|which) causes?(?: some degree of)?|\bcauses(?: some degree of)?|(?:which|that) (?:leads?|led) to|\bleads to)\s{ART}",
        "after",
        2.2,
        "Hemangioblastomas can cause headaches and ataxia.",
        lists=True,
    ),
    rule(
        "presents-with",
        "presentation",
        rf"\b(?:presents?|presenting) (?:with|as)\s{ART}",
        "after",
        2.4,
        "Patients present with pulsatile tinnitus.",
        lists=True,
    ),
    rule(
        "diagnosis",
        "diagnosis",
        rf"\b(?:diagnosed|detected|confirmed|identified|seen|visualized|suspected|distinguished) (?:by|with|using|through|on|based on|from)\s{ART}",
        "after",
        2.6,
        "Chordoma is diagnosed by biopsy.",
        lists=True,
    ),
    rule(
        "diagnosis-involves",
        "diagnosis",
        rf"\b(?:diagnosis|work-?up|evaluation)\b[^.;:]{{0,40}}?\b(?:usually |often |typically )?(?:involves|requires|includes|is made (?:by|with|using)|is based on|is confirmed by)\s{ART}",
        "after",
        2.6,
        "Diagnosis usually involves a brain scan.",
        lists=True,
    ),
    rule(
        "treated-with",
        "treatment",
        rf"\b(?:treated|managed|removed|cured|controlled|relieved|repaired|corrected|drained|shrunk|approached|addressed|prevented|reduced) (?:primarily |mainly |usually |often |successfully )?(?:with|by|using|through|via)\s{ART}",
        "after",
        2.8,
        "Prolactinomas are treated with dopamine agonists.",
        lists=True,
    ),
    rule(
        "treatment-is",
        "treatment",
        rf"\btreatments?(?: options?)?(?: of choice)?(?: (?:for|of) [^,.;]{{1,60}}?)? (?:is|are|may be|may include|include|includes|usually involves|involves|consists of|is generally|is usually|often involves)\s{ART}",
        "after",
        2.8,
        "Treatment is surgical placement of a shunt.",
        lists=True,
    ),
    rule(
        "the-main-x",
        "treatment",
        r"\s(?:is|are|remains?) (?:the |a )?(?:gold standard|investigation of choice|treatment of choice|most common|most frequent|most severe|most serious|most feared|most dangerous|most aggressive|leading|main|primary|standard|first-line|preferred|mainstay|principal|definitive|only|best)\b",
        "before",
        3.0,
        "Surgery is the primary treatment.",
        lists=True,
    ),
    rule(
        "used-to",
        "diagnosis",
        r"\s(?:is|are|can be|may be|is often|is usually) (?:also )?used (?:to|for) (?!treat)[a-z]+",
        "before",
        2.6,
        "Diffusion-weighted MRI is used to distinguish cysts.",
    ),
    rule(
        "used-to-show",
        "diagnosis",
        rf"\bused to (?:indicate|show|detect|measure|assess|evaluate|check for|look for|determine|confirm|rule out|find|grade|stage)\s{ART}",
        "after",
        2.6,
        "Magnetic resonance imaging (MRI) is used to indicate the degree of spinal cord compression.",
        lists=True,
    ),
    rule(
        "classic-finding",
        "presentation",
        rf"\b(?:classic|typical|characteristic|hallmark|pathognomonic)\s(?:appearance|finding|"
        rf"sign|feature|presentation|symptom|triad|picture)s?\s(?:is|are|includes?|consists? of)\s{ART}",
        "after",
        2.8,
        "On MRI, the classic appearance is an irregular ring-enhancing mass.",
        lists=True,
    ),
    rule(
        "encodes",
        "genes",
        rf"\b(?:gene|genes)\b[^.;]{{0,30}}?\bencodes?\s{ART}",
        "after",
        2.8,
        "The MGMT gene encodes O6-methylguanine-DNA methyltransferase, a repair enzyme.",
    ),
    rule(
        "sufficient-for",
        "diagnosis",
        r"\b(?:is|are)\s(?:alone\s)?(?:enough|sufficient|required|necessary)\sfor\s(?:a\s)?(?:diagnosis of\s)?",
        "after",
        2.6,
        "Brain invasion alone is enough for grade 2.",
    ),
    rule(
        "test-for",
        "diagnosis",
        r"\s(?=to (?:check|test|screen) for\b|to (?:detect|rule out|confirm)\b)",
        "before",
        2.3,
        "Patients with mild injuries may receive skull and neck X-rays to check for fractures.",
    ),
    rule(
        "followed-by",
        "treatment",
        rf"\b(?:surgery|resection|removal|chemotherapy|radiation(?: therapy)?|radiotherapy|"
        rf"biopsy|embolization|drainage|shunting)\b[^.;]{{0,60}}?,?\s+followed by\s{ART}",
        "after",
        2.4,
        "Treatment is surgery to remove the tumor, followed by watchful waiting.",
        lists=True,
    ),
    rule(
        "to-treat",
        "treatment",
        rf"\b(?:approved|licensed|indicated|given|prescribed)\b[^.;]{{0,50}}?\bto treat\s{ART}",
        "after",
        2.6,
        "The FDA has approved the drug everolimus to treat subependymal giant cell astrocytomas.",
        lists=True,
    ),
)

RULES: tuple[FactRule, ...] = _FIRST_RULES + LATER_RULES
"""Every fact rule, most specific first."""
