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

import re
from dataclasses import dataclass
from typing import Literal

Side = Literal["after", "before", "match"]
_ART = r"(?:(?:an?|the|one of the)\s+)?"
_NOT_PRONOUN = r"(?!(?:it|its|this|these|they|their|such|that|those|there|here|he|she|both|one|some|many|others|each|all)\b)"


@dataclass(frozen=True)
class FactRule:
    """One kind of fact and how its answer is found.

    Attributes:
        name: Shown by ``generate --explain``.
        fact: The kind of fact (CARD-QUALITY.md's list).
        trigger: The words announcing the fact (case-insensitive).
        side: Where the answer is: the noun phrase or list ``after`` the trigger, the one
            ``before`` it, or the ``match`` itself (a number, a quantifier).
        weight: Its rank among the candidates of a sentence and a document.
        example: A sentence it is made for (tested).
        lists: True if the answer may be a list of items.
    """

    name: str
    fact: str
    trigger: re.Pattern[str]
    side: Side
    weight: float
    example: str
    lists: bool = False


def _r(
    name: str,
    fact: str,
    pattern: str,
    side: Side,
    weight: float,
    example: str,
    *,
    lists: bool = False,
    case: bool = False,
) -> FactRule:
    flags = 0 if case else re.IGNORECASE
    return FactRule(name, fact, re.compile(pattern, flags), side, weight, example, lists)


RULES: tuple[FactRule, ...] = (
    _r(
        "definition",
        "definition",
        rf"^(?:(?:for|in|among|after|during|once) [^,;:()]{{3,40}},\s)?{_NOT_PRONOUN}(?:most |the majority of )?[A-Za-z](?:[^,;:()]|\([A-Za-z0-9-]{{2,10}}\)){{1,70}}?\s(?:is|are)\s(?!not\b|also\b|sometimes\b|often\b|frequently\b|now\b|then\b|always\b|mostly\b|mainly\b|rarely\b|used\b|more\b|less\b|often\b|usually\b|thought\b|caused\b|inherited\b|treated\b|diagnosed\b|found\b|located\b|called\b|known\b|divided\b|based\b|associated\b|able\b|likely\b|unable\b|rare\b|common\b|present\b|seen\b|important\b|usually\b|generally\b|made\b|typically\b){_ART}",
        "after",
        3.0,
        "Arachnoid cysts are cerebrospinal fluid-filled sacs.",
        lists=True,
    ),
    _r(
        "characterized-by",
        "definition",
        rf"\b(?:characterized|characterised|marked|defined|distinguished) (?:primarily |mainly |mostly )?(?:by|as)\s{_ART}",
        "after",
        3.0,
        "Schwannomatosis is characterized by multiple schwannomas.",
        lists=True,
    ),
    _r(
        "alias",
        "definition",
        rf"\b(?:also |sometimes |often )?(?:called|known as|referred to as|termed)\s(?:the\s)?{_ART}",
        "after",
        2.2,
        "These tumors are also called retinal angiomas.",
    ),
    _r(
        "origin",
        "origin",
        rf"\b(?:arises?|arising|originates?|originating|stems?|derived?) (?:from|in|within)\s{_ART}",
        "after",
        3.0,
        "Chordomas arise from remnants of the notochord.",
    ),
    _r(
        "location",
        "origin",
        rf"\b(?:located|found|situated|occurs?|occurring|forms?|develops?|grows?|starts?|begins?|lies|arise) (?:most often |most commonly |usually |mainly |mostly |primarily |commonly |only )?(?:in|at|on|near|between|within|along|outside|inside)\s{_ART}(?:(?:brain |nerve )?(?:cells|tissue) (?:in|of) (?:the )?)?",
        "after",
        2.4,
        "Most cysts form in the middle cranial fossa.",
    ),
    _r(
        "cause",
        "cause",
        rf"\b(?:caused by|results? from|resulting from|due to|the result of|triggered by|a complication of|associated with|linked (?:to|with))\s{_ART}",
        "after",
        2.6,
        "Secondary cysts develop after meningitis and are the result of head injury.",
        lists=True,
    ),
    _r(
        "gene",
        "genes",
        r"\b(?:mutations?|changes?|variants?|alterations?|deletions?)(?: \(mutations?\))? (?:in|of|within) (?:the |one of (?:the )?(?:three |two )?|either the |both )?",
        "after",
        3.0,
        "VHL disease is caused by a mutation in the VHL gene.",
        lists=True,
    ),
    _r(
        "inheritance",
        "inheritance",
        r"\b(?:inherited|passed (?:down|on)) (?:in|with) an?\s|\b(?:is|are) inherited as an?\s|\binheritance (?:is|pattern is)\s(?:an?\s)?",
        "after",
        3.0,
        "The condition is inherited in an autosomal dominant manner.",
    ),
    _r(
        "risk-factors",
        "cause",
        r"\brisk factors?\b[^.;:]{0,60}?\b(?:include|includes|are|is)\s*:?\s|\bincreases? the risk of\s(?:an?\s|the\s|developing\s)?|\bat (?:higher|increased|greater) risk (?:of|for)\s(?:developing\s)?",
        "after",
        2.6,
        "Risk factors include NF1.",
        lists=True,
    ),
    _r(
        "presentation",
        "presentation",
        r"\b(?:symptoms?|signs?|features?|manifestations?|findings)\b[^.;:]{0,80}?\b(?:include|includes|including|are|consist of)\s*:?\s",
        "after",
        2.6,
        "Typical symptoms include headache and seizures.",
        lists=True,
    ),
    _r(
        "causes-symptom",
        "presentation",
        rf"\b(?:(?:can|may|often|usually|typically|commonly) (?:cause|causes|produce|present with|lead to|result in)|(?:that|which) causes?(?: some degree of)?|\bcauses(?: some degree of)?|(?:which|that) (?:leads?|led) to|\bleads to)\s{_ART}",
        "after",
        2.2,
        "Hemangioblastomas can cause headaches and ataxia.",
        lists=True,
    ),
    _r(
        "presents-with",
        "presentation",
        rf"\b(?:presents?|presenting) (?:with|as)\s{_ART}",
        "after",
        2.4,
        "Patients present with pulsatile tinnitus.",
        lists=True,
    ),
    _r(
        "diagnosis",
        "diagnosis",
        rf"\b(?:diagnosed|detected|confirmed|identified|seen|visualized|suspected|distinguished) (?:by|with|using|through|on|based on|from)\s{_ART}",
        "after",
        2.6,
        "Chordoma is diagnosed by biopsy.",
        lists=True,
    ),
    _r(
        "diagnosis-involves",
        "diagnosis",
        rf"\b(?:diagnosis|work-?up|evaluation)\b[^.;:]{{0,40}}?\b(?:usually |often |typically )?(?:involves|requires|includes|is made (?:by|with|using)|is based on|is confirmed by)\s{_ART}",
        "after",
        2.6,
        "Diagnosis usually involves a brain scan.",
        lists=True,
    ),
    _r(
        "treated-with",
        "treatment",
        rf"\b(?:treated|managed|removed|cured|controlled|relieved|repaired|corrected|drained|shrunk|approached|addressed|prevented|reduced) (?:primarily |mainly |usually |often |successfully )?(?:with|by|using|through|via)\s{_ART}",
        "after",
        2.8,
        "Prolactinomas are treated with dopamine agonists.",
        lists=True,
    ),
    _r(
        "treatment-is",
        "treatment",
        rf"\btreatments?(?: options?)?(?: of choice)?(?: for [^,.;]{{1,40}}?)? (?:is|are|may be|may include|include|includes|usually involves|involves|consists of|is generally|is usually|often involves)\s{_ART}",
        "after",
        2.8,
        "Treatment is surgical placement of a shunt.",
        lists=True,
    ),
    _r(
        "the-main-x",
        "treatment",
        r"\s(?:is|are|remains?) (?:the |a )?(?:gold standard|investigation of choice|treatment of choice|most common|most frequent|most severe|most aggressive|leading|main|primary|standard|first-line|preferred|mainstay|principal|definitive|only|best)\b",
        "before",
        3.0,
        "Surgery is the primary treatment.",
        lists=True,
    ),
    _r(
        "used-to",
        "diagnosis",
        r"\s(?:is|are|can be|may be|is often|is usually) (?:also )?used (?:to|for) (?!treat)[a-z]+",
        "before",
        2.6,
        "Diffusion-weighted MRI is used to distinguish cysts.",
    ),
    _r(
        "used-to-show",
        "diagnosis",
        rf"\bused to (?:indicate|show|detect|measure|assess|evaluate|check for|look for|determine|confirm|rule out|find|grade|stage)\s{_ART}",
        "after",
        2.6,
        "Magnetic resonance imaging (MRI) is used to indicate the degree of spinal cord compression.",
        lists=True,
    ),
    _r(
        "classic-finding",
        "presentation",
        rf"\b(?:classic|typical|characteristic|hallmark|pathognomonic)\s(?:appearance|finding|"
        rf"sign|feature|presentation|symptom|triad|picture)s?\s(?:is|are|includes?|consists? of)\s{_ART}",
        "after",
        2.8,
        "On MRI, the classic appearance is an irregular ring-enhancing mass.",
        lists=True,
    ),
    _r(
        "encodes",
        "genes",
        rf"\b(?:gene|genes)\b[^.;]{{0,30}}?\bencodes?\s{_ART}",
        "after",
        2.8,
        "The MGMT gene encodes O6-methylguanine-DNA methyltransferase, a repair enzyme.",
    ),
    _r(
        "sufficient-for",
        "diagnosis",
        r"\b(?:is|are)\s(?:alone\s)?(?:enough|sufficient|required|necessary)\sfor\s(?:a\s)?(?:diagnosis of\s)?",
        "after",
        2.6,
        "Brain invasion alone is enough for grade 2.",
    ),
    _r(
        "test-for",
        "diagnosis",
        r"\s(?=to (?:check|test|screen) for\b|to (?:detect|rule out|confirm)\b)",
        "before",
        2.3,
        "Patients with mild injuries may receive skull and neck X-rays to check for fractures.",
    ),
    _r(
        "followed-by",
        "treatment",
        rf"\b(?:surgery|resection|removal|chemotherapy|radiation(?: therapy)?|radiotherapy|"
        rf"biopsy|embolization|drainage|shunting)\b[^.;]{{0,60}}?,?\s+followed by\s{_ART}",
        "after",
        2.4,
        "Treatment is surgery to remove the tumor, followed by watchful waiting.",
        lists=True,
    ),
    _r(
        "to-treat",
        "treatment",
        rf"\b(?:approved|licensed|indicated|given|prescribed)\b[^.;]{{0,50}}?\bto treat\s{_ART}",
        "after",
        2.6,
        "The FDA has approved the drug everolimus to treat subependymal giant cell astrocytomas.",
        lists=True,
    ),
    _r(
        "complication",
        "complication",
        r"\b(?:complications?|risks?|side effects?)\b[^.;:]{0,60}?\b(?:include|includes|are|such as)\s*:?\s",
        "after",
        2.6,
        "Complications include CSF leak and infection.",
        lists=True,
    ),
    _r(
        "prognosis",
        "prognosis",
        rf"\b(?:prognosis|outlook|survival|life expectancy|recovery)\b[^.;:]{{0,40}}?\b(?:is|are|depends on|depend on|varies with)\s(?:generally |usually |often |very |relatively )?{_ART}",
        "after",
        2.8,
        "The prognosis is poor.",
        lists=True,
    ),
    _r(
        "most-common-in",
        "epidemiology",
        rf"\b(?:is|are) (?:most|more) (?:common|frequent|prevalent|often seen) (?:in|among)\s{_ART}",
        "after",
        2.8,
        "NPH can occur at any age, but it is most common in the elderly.",
    ),
    _r(
        "affects",
        "epidemiology",
        rf"\b(?:usually|mostly|mainly|primarily|typically|most often|commonly|often) affects?\s{_ART}",
        "after",
        2.6,
        "This condition usually affects children, but can affect adults.",
    ),
    _r(
        "means",
        "definition",
        r"\bmeans\s[\"“]?",
        "after",
        2.4,
        'The name "moyamoya" means "puff of smoke" in Japanese.',
    ),
    _r(
        "needs",
        "treatment",
        rf"\b(?:may |often |usually |will |typically )?(?:need|needs|require|requires|undergo|undergoes)\s{_ART}",
        "after",
        2.4,
        "Children who also have hydrocephalus may need a ventricular peritoneal shunt placed.",
    ),
    _r(
        "effective-for",
        "treatment",
        r"\s(?:is|are) (?:generally |usually |often |highly |very )?effective (?:in|for|at) (?:treating )?",
        "before",
        2.6,
        "Anticonvulsant medicines are generally effective in treating trigeminal neuralgia.",
    ),
    _r(
        "negative-finding",
        "treatment",
        r"\b(?:(?:has|have) not been shown to (?:be effective|help|work|improve)|(?:is|are) not (?:usually |generally |routinely )?(?:used|helpful|effective|needed|required|recommended)|(?:does|do) not (?:restore|improve|prevent|cure)|do not have any (?:signs or )?symptoms|have no (?:signs or )?symptoms|cause (?:few or )?no symptoms|remains? stable)\b",
        "match",
        2.6,
        "Surgery is not used to treat primary CNS lymphoma.",
    ),
    _r(
        "occurs-how",
        "inheritance",
        r"\b(?:occurs?|arises?|appears?|develops?) (?:typically |usually |mostly |most often |generally )?(?=sporadic|spontaneous|de novo)",
        "after",
        2.6,
        "Chiari malformation type 2 typically occurs sporadically.",
    ),
    _r(
        "spreads-via",
        "prognosis",
        rf"\b(?:tend to |may |can |often |usually )?spreads? (?:through|via|along|into)\s{_ART}",
        "after",
        2.6,
        "CNS embryonal tumors tend to spread through the cerebrospinal fluid (CSF).",
    ),
    _r(
        "raises-risk",
        "cause",
        r"\s(?:may |can |is thought to |also )?(?:increases?|raises?) (?:the |a person's |your )?risk (?:of|for)\b",
        "before",
        2.6,
        "Having a weakened immune system may increase the risk of developing lymphoma.",
    ),
    _r(
        "born-with",
        "presentation",
        rf"\b(?:are|is) (?:typically |usually |often |commonly )?born with\s{_ART}",
        "after",
        2.6,
        "Males with HSAS are typically born with severe hydrocephalus and adducted thumbs.",
        lists=True,
    ),
    _r(
        "most-have",
        "presentation",
        r"^(?:most|many|the majority of|affected) (?:people|individuals|patients|children|adults|persons)\b[^,;]{0,60}?\s(?:generally |usually |often |typically |also )?(?:have|develop|experience)\s",
        "after",
        2.4,
        "Most individuals with schwannomatosis have significant pain.",
        lists=True,
    ),
    _r(
        "found-incidentally",
        "diagnosis",
        r"\b(?:discovered|found|detected|diagnosed|seen) (?:only |often |usually |mostly )?(?=incidentally)",
        "after",
        2.4,
        "The malformations tend to be discovered only incidentally.",
    ),
    _r(
        "classified-as",
        "classification",
        rf"\b(?:classified|categori[sz]ed|regarded|considered|grouped) as\s{_ART}",
        "after",
        2.6,
        "Glomus jugulare tumors are classified as paragangliomas, which are generally benign.",
    ),
    _r(
        "options-like",
        "list",
        r"\b(?:options|techniques|drugs|agents|therapies|modalities|procedures|approaches|tests) like\s",
        "after",
        1.8,
        "Radiosurgical options like Gamma Knife have improved tumor control.",
        lists=True,
    ),
    _r(
        "used-as",
        "treatment",
        rf"\bused as\s{_ART}",
        "after",
        2.4,
        "Chemotherapy may be used as palliative treatment for pituitary carcinomas.",
    ),
    _r(
        "such-as",
        "list",
        r"\bsuch as\s",
        "after",
        1.6,
        "Treatments such as gabapentin.",
        lists=True,
    ),
    _r(
        "include",
        "list",
        r"\b(?:include|includes|including)\s*:?\s",
        "after",
        1.8,
        "Options include surgery.",
        lists=True,
    ),
    _r(
        "form-of",
        "classification",
        rf"\b(?:most (?:common|severe|frequent|aggressive|benign|malignant) )?(?:form|type|kind|variant|subtype) of\s{_ART}",
        "after",
        2.4,
        "Myelomeningocele is the most severe form of spina bifida.",
    ),
    _r(
        "measures",
        "diagnosis",
        r"\b(?:scores|assesses|measures|grades|evaluates|rates|quantifies)\s(?:the\s)?",
        "after",
        2.4,
        "The Glasgow Coma Scale scores eyes, verbal response and motor response.",
        lists=True,
    ),
    _r(
        "threshold",
        "numbers",
        r"\b(?:score|level|count|value|pressure|size|diameter|dose) (?:of |above |below |under |over )?(?:less than |more than |at least )?\d+(?:\.\d+)?",
        "match",
        2.8,
        "A score of 8 or less defines coma.",
    ),
    _r(
        "labelled-definition",
        "definition",
        r"^[A-Z][^:.!?]{1,60}:\s+(?:an?\s+|the\s+)?(?=[a-z])",
        "after",
        2.6,
        "Hydrocephalus: abnormal accumulation of cerebrospinal fluid in the ventricles.",
        lists=True,
        case=True,
    ),
    _r(
        "category-label",
        "association",
        r"^(?:[A-Z][a-z]+\s)?(?:[Rr]isk factors?|[Cc]auses?|[Tt]reatments?|[Ss]ymptoms?|[Ss]igns?|"
        r"[Ii]nvestigations?|[Ff]irst[- ]line|[Gg]old standard|[Cc]omplications?|[Aa]ssociations?|"
        r"[Ii]ndications?|[Cc]ontraindications?)(?:\s[a-z]+)?:\s+(?=[A-Z][a-z])",
        "after",
        2.5,
        "Risk factors: Ionising radiation, the best-established environmental cause.",
        lists=True,
        case=True,
    ),
    _r(
        "few",
        "epidemiology",
        r"^(?:very few|few|only a few|rarely|only rarely)\b",
        "match",
        2.6,
        "Very few pituitary tumors are malignant.",
    ),
    _r(
        "ratio",
        "epidemiology",
        r"\bratio (?:of )?(?:about |approximately |roughly )?\d+(?:\.\d+)?\s?:\s?\d+(?:\.\d+)?\b|"
        r"(?<=[FM]:[MF] )\d+(?:\.\d+)?\s?:\s?\d+\b",
        "match",
        2.8,
        "The female to male ratio about 2:1 in intracranial tumours.",
    ),
    _r(
        "spinal-level",
        "anatomy",
        r"(?:(?<=\bat )|(?<=\babove )|(?<=\bbelow )|(?<=\bfrom )|(?<=\bto )|(?<=\bof ))(?-i:[CTLS])\d{1,2}(?:\s?[-–]\s?(?-i:[CTLS])?\d{1,2})?"
        r"(?![\w/-])(?! and (?-i:T)\d)(?!\s?-?weighted)",
        "match",
        2.7,
        "Autonomic dysreflexia occurs in chronic injuries at T6 or above.",
    ),
    _r(
        "percent",
        "epidemiology",
        r"(?<![\w.])(?:\d+(?:[.,]\d+)?|(?:one|two|three|four|five|ten|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-\w+)?)(?:\s?(?:-|–|to|and)\s?(?:\d+(?:[.,]\d+)?|(?:ten|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-\w+)?))?\s?(?:%|percent\b|per cent\b)(?:\s?percent\b)?",
        "match",
        3.0,
        "About 10 percent of people develop these tumors.",
    ),
    _r(
        "quantity",
        "numbers",
        r"(?<![\w.])\d+(?:[.,]\d+)?(?:\s?(?:-|–|to|and)\s?\d+(?:[.,]\d+)?)?\s?(?:years?|months?|weeks?|days?|hours?|minutes?|mm|cm|millimet(?:er|re)s?|centimet(?:er|re)s?|ml|mg|gy|grays?|fractions?|cycles?|times|grades?)\b",
        "match",
        2.8,
        "Sciatica improves within 4 to 6 weeks.",
    ),
    _r(
        "times",
        "epidemiology",
        r"\b(?:two|three|four|five|six|ten|twice|half|three-quarters)(?= (?:times|as (?:common|likely)|of\b))",
        "match",
        2.8,
        "Males are four times more likely to have cysts.",
    ),
    _r(
        "age",
        "epidemiology",
        r"\b(?:before|after|over|under|between) (?:the )?(?:ages? (?:of )?)?\d+(?: and \d+)?",
        "match",
        2.4,
        "Symptoms develop before the age of 20.",
    ),
)
"""Every fact rule, most specific first."""
