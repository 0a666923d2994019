"""Word lists the generator reasons with: medical morphology, vague words, term kinds.

Everything here is plain data (frozensets and tuples) so the rules stay readable and the
lists can grow without touching the code that uses them.
"""

from __future__ import annotations

from neuroquiz.generate.noisewords import ADMONITIONS, META_PATTERNS, NAV_PATTERNS

__all__ = ["ADMONITIONS", "META_PATTERNS", "NAV_PATTERNS"]


def split_words(text: str) -> list[str]:
    """The whitespace-separated words of ``text`` (word lists are written as text blocks)."""
    return text.split()


MEDICAL_SUFFIXES: tuple[str, ...] = (
    "oma",
    "omas",
    "ectomy",
    "ectomies",
    "otomy",
    "otomies",
    "ostomy",
    "plasty",
    "itis",
    "osis",
    "oses",
    "pathy",
    "algia",
    "emia",
    "aemia",
    "ology",
    "ologist",
    "ologists",
    "graphy",
    "gram",
    "scopy",
    "therapy",
    "therapies",
    "cyte",
    "cytes",
    "blast",
    "blasts",
    "plegia",
    "paresis",
    "ectasia",
    "genic",
    "trophy",
    "megaly",
    "rrhage",
    "rrhea",
    "ismus",
    "surgery",
    "surgeon",
    "surgeons",
    "uria",
    "esthesia",
    "lysis",
    "cele",
    "cytic",
    "oidal",
    "ocele",
    "spasm",
    "mater",
    "metry",
)
"""Word endings typical of medical terms (-oma, -ectomy, -itis, ...)."""

MEDICAL_PREFIXES: tuple[str, ...] = (
    "neuro",
    "myel",
    "crani",
    "cerebr",
    "cerebell",
    "spin",
    "vertebr",
    "intra",
    "extra",
    "peri",
    "hemi",
    "angio",
    "radio",
    "chemo",
    "encephal",
    "mening",
    "gli",
    "astro",
    "oligo",
    "epend",
    "schwann",
    "endo",
    "onco",
    "hemat",
    "haemat",
    "arteri",
    "ven",
    "dura",
    "sub",
    "para",
    "lapar",
    "thorac",
    "lumb",
    "sacr",
    "cervic",
    "hypo",
    "hyper",
    "pituit",
    "cortic",
    "ventric",
    "hydro",
    "micro",
    "stereo",
    "embol",
    "metasta",
    "carcin",
    "lymph",
    "osteo",
    "chondr",
    "fibr",
    "lipo",
    "myo",
    "derm",
    "ophthalm",
    "oto",
    "laryng",
    "pharyng",
    "nas",
)
"""Word beginnings typical of medical terms (neuro-, crani-, angio-, ...)."""

MEDICAL_WORDS: frozenset[str] = frozenset(
    split_words("""
    tumor tumors tumour tumours neoplasm neoplasms lesion lesions cyst cysts mass masses
    nerve nerves cord cords bulb artery arteries vein veins bone bones vertebra vertebrae
    dura membrane membranes root roots skull base foramen sinus sinuses lobe lobes ventricle
    ventricles canal lamina laminae disc discs disk disks spine brain brainstem cerebellum
    cortex skull fossa tissue vessel vessels blood fluid csf marrow lung lungs liver kidney
    tinnitus hearing loss pain weakness numbness tingling headache headaches seizure
    seizures vertigo ataxia nausea vomiting diplopia dysphagia hoarseness palsy palsies deficit
    deficits leak leaks infection infections bleeding hemorrhage haemorrhage stroke edema
    oedema swelling compression paralysis incontinence scar fibrosis necrosis calcification
    resection biopsy embolization radiosurgery radiotherapy radiation chemotherapy surgery
    laminectomy craniotomy decompression fusion shunt ablation excision debulking
    mri ct pet angiography ultrasound myelography imaging scan scans x-ray radiograph
    monitoring potentials evoked somatosensory motor sensory cells cell gene genes mutation
    mutations receptor receptors protein proteins grade stage staging histology pathology
    malignant benign metastasis metastases metastatic recurrence recurrent vascular
    hypervascular neurological neurologic cranial spinal jugular intramedullary
    extramedullary intradural extradural epidural subdural subarachnoid paraganglionic
    neuroendocrine pulsatile radicular gamma knife dose doses survival prognosis diagnosis
    symptom symptoms syndrome disease disorder anatomy morbidity mortality incidence
    prevalence feeders feeder neurosurgery otolaryngology radiology oncology neurology
    neurosurgeons anesthesiologists neurophysiologists radiologists oncologists
    paraganglioma paragangliomas hemangioma hemangiomas glomus jugulare meningioma
    schwannoma ependymoma astrocytoma glioma glioblastoma hydrocephalus aneurysm
    sacrum coccyx clivus vermis pons medulla thalamus hypothalamus hippocampus tentorium
    falx sella pedicle pedicles facet facets odontoid dens atlas notochord meninges
    drainage drain burr fixation clipping coiling stenting irradiation
    gland glands pituitary hormone hormones chiasm tonsil tonsils cistern cisterns aqueduct
    plexus fontanelle suture sutures meninges arachnoid pia optic olfactory hindbrain
    agonist agonists antagonist antagonists inhibitor inhibitors blocker blockers steroid
    steroids corticosteroid corticosteroids puncture ischemia infarction edema papilledema
    gait dementia coma stupor enhancing enhancement dural lumbar
    """)
)
"""Words that mark a phrase as medical knowledge even without a telling affix."""

GENERIC_MEDICAL: frozenset[str] = frozenset(
    split_words("""
    tumor tumors tumour tumours surgery disease diseases symptom symptoms syndrome anatomy
    tissue tissues blood fluid cell cells lesion lesions mass masses patient patients
    diagnosis prognosis recurrence recurrent malignant benign neurological neurologic spinal
    cranial grade stage imaging morbidity mortality growth surgeon surgeons monitoring
    treatment therapy removal operation brain body
    """)
)
"""Medical words too general to be an answer on their own ("tumor", "surgery")."""

VAGUE_HEADS: frozenset[str] = frozenset(
    split_words("""
    approach approaches challenge challenges ability abilities importance role roles factor
    factors outcome outcomes option options case cases way ways aspect aspects process
    processes patient patients individual individuals people person team teams strategy
    strategies goal goals chance chances quality life lives period periods time times year
    years month months day days week weeks nature concern concerns promise research advances
    advance interplay combination combinations variety range number numbers level levels
    extent degree degrees area areas part parts thing things kind kinds type types form forms
    manner method methods practice practices result results effect effects issue issues
    problem problems situation situations question questions sum overview information
    detail details need needs use uses attention consideration considerations status
    characteristics characteristic impact impacts benefit benefits advantage advantages
    improvement improvements innovation innovations technology technologies field fields
    progress development developments course courses potential tendency tendencies
    pressure presence absence response responses severity likelihood risk risks step steps
    structures structure modality modalities procedure procedures tool tools effort efforts
    precision execution planning preservation management treatment treatments care
    therapies technique techniques study studies option individuals function functions
    location locations size sizes health site sites diagnosis prognosis symptom symptoms sign
    signs complication complications finding findings feature features manifestation
    manifestations growth growths operation operations surgeon surgeons recovery
    regrowth enlargement shrinkage progression involvement worsening
    """)
)
"""Heads that carry no knowledge on their own ("approach", "challenges", "outcomes")."""

WEAK_HEADS: frozenset[str] = frozenset(
    split_words("""
    structures structure modality modalities procedure procedures technique techniques
    study studies therapies treatment treatments management care region regions
    tissue tissues function functions location size health sites site assessment
    assessments preservation planning monitoring options option potentials pressure
    """)
)
"""Heads that are knowledge only with a domain modifier ("imaging studies", not "studies")."""

VAGUE_MODIFIERS: frozenset[str] = frozenset(
    split_words("""
    significant various several some many certain particular potential possible thorough
    careful meticulous precise close prompt critical important vital crucial key major
    complex challenging specific overall further additional new novel improved better best
    effective optimal detailed general typical other such same different own entire whole
    nearby surrounding affected relevant appropriate proper given initial ongoing continued
    successful vigilant advanced modern current recent delicate considerable substantial
    subsequent early late good poor high low large small great increased decreased greater
    more most less least much very highly often sometimes also even only primary main
    standard common usual rich nuanced abnormal severe mild moderate progressive local
    outer inner upper lower left right adjacent neighboring distant short long
    characteristic classic classical newer definition normal higher lower larger smaller
    example instance dedicated formal
    """)
)
"""Modifiers trimmed from the edge of a deletion ("the thorough re-evaluation")."""

DETERMINERS: frozenset[str] = frozenset(
    split_words("""
    a an the this that these those their its his her our your my some any each every
    either neither no both all such another other which what whose
    """)
)

PRONOUNS: frozenset[str] = frozenset(
    split_words("it they them this that these those he she him her itself themselves one ones")
)

DISEASE_HEADS: frozenset[str] = frozenset(
    split_words("""
    tumor tumors tumour tumours neoplasm neoplasms lesion lesions mass masses growth growths
    cyst cysts disease diseases syndrome syndromes malformation malformations aneurysm
    aneurysms fracture fractures injury injuries hemorrhage hemorrhages infection infections
    stenosis disorder disorders condition conditions cancer cancers metastasis metastases
    """)
)
"""Heads of phrases that can be a document's subject and the referent of "these tumors"."""

ANAPHOR_HEADS: frozenset[str] = frozenset(
    split_words(
        "tumor tumors tumour tumours neoplasm neoplasms lesion lesions mass masses growths "
        "cancer cancers condition conditions disease diseases"
    )
)
"""Generic heads that "these ..." may use to refer back to the topic."""

DISCOURSE_MARKERS: tuple[str, ...] = (
    "however",
    "moreover",
    "furthermore",
    "additionally",
    "in addition",
    "in sum",
    "in summary",
    "in conclusion",
    "to conclude",
    "overall",
    "also",
    "thus",
    "therefore",
    "consequently",
    "notably",
    "importantly",
    "finally",
    "first",
    "second",
    "third",
    "firstly",
    "secondly",
    "lastly",
    "in short",
    "in general",
    "as such",
    "hence",
    "in fact",
    "indeed",
    "similarly",
    "likewise",
    "meanwhile",
    "nevertheless",
)
"""Sentence openers that connect to the text around and carry no knowledge."""

COMMON_ACRONYMS: frozenset[str] = frozenset(
    split_words("""
    MRI CT CSF EEG ECG EKG ICU IV DNA RNA PET WHO US USA UK OR ER ED CNS PNS HIV AIDS BMI
    """)
)
"""Acronyms every resident knows: "What does MRI stand for?" teaches nothing."""

CLINICAL_ADJECTIVES: frozenset[str] = frozenset(
    split_words("""
    rare uncommon common frequent infrequent benign malignant aggressive indolent high low
    slow rapid radiosensitive radioresistant chemosensitive vascular hypervascular avascular
    bilateral unilateral multiple solitary hereditary congenital asymptomatic curative
    palliative elevated reduced poor favorable unfavorable fatal contraindicated
    """)
)
"""Predicate adjectives that state a clinical fact ("metastasis is relatively uncommon")."""

LAY_TERMS: frozenset[str] = frozenset(
    split_words("""
    pain pains weakness numbness tingling headache headaches bleeding infection infections
    swelling nausea vomiting fever fatigue dizziness confusion imbalance disability
    """)
)
"""Clinical words every lay reader knows: weak answers on their own."""

RELATION_CUES: tuple[str, ...] = (
    "originating from",
    "originate from",
    "originates from",
    "arising from",
    "arise from",
    "arises from",
    "derived from",
    "caused by",
    "cause",
    "causes",
    "causing",
    "due to",
    "resulting in",
    "results in",
    "leading to",
    "leads to",
    "lead to",
    "associated with",
    "located in",
    "found in",
    "treated with",
    "diagnosed with",
    "confirmed by",
    "indicated for",
    "most common",
    "defined by",
    "characterized by",
    "marked by",
    "consists of",
)
"""Words before a phrase that make it the point of a relation (cause, origin, site)."""

GERUND_NOUNS: frozenset[str] = frozenset(
    split_words("""
    imaging bleeding hearing swelling staging grading monitoring screening tingling
    numbness functioning scarring clotting bruising wasting ringing dosing mapping
    planning positioning shunting
    """)
)
"""-ing words that are nouns in clinical text ("intraoperative bleeding")."""

EXTRA_TAGS: dict[str, str] = {
    "en": "JJ",  # "en bloc resection": part of the term
    "recurs": "VBZ",
    "recurred": "VBD",
    "recurring": "VBG",
    "metastasize": "VB",
    "metastasizes": "VBZ",
    "metastasized": "VBN",
    "resected": "VBN",
    "resect": "VB",
    "presents": "VBZ",
    "embolized": "VBN",
    "irradiated": "VBN",
    "biopsied": "VBN",
    "mimic": "VB",
    "mimics": "VBZ",
    "arise": "VB",
    "arises": "VBZ",
    "originates": "VBZ",
    "originate": "VB",
    "compress": "VB",
    "compresses": "VBZ",
    "infiltrates": "VBZ",
    "encases": "VBZ",
    "encase": "VB",
    "erodes": "VBZ",
    "erode": "VB",
    "enhances": "VBZ",
    "enhance": "VB",
}
"""Corrections to the general lexicon for verbs common in clinical prose."""


DRUG_SUFFIXES: tuple[str, ...] = tuple(
    split_words("""
    mab nib zole pril sartan olol dipine statin mycin cillin cycline floxacin asone olone
    omide tecan platin rubicin taxel mustine racetam toin goline criptine parin azepam
    barbital profen caine triptan setron pressin azepine
    """)
)
"""Endings of drug names (international nonproprietary name stems): "-mab", "-dipine"."""

NUMBER_WORDS: frozenset[str] = frozenset(
    split_words("""
    two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty
    fifty hundred thousand twice thrice half third thirds quarter quarters fourth fifth
    sixth seventh eighth ninth tenth eleventh twelfth
    """)
)
"""Numbers written as words: facts like numerals ("six cycles", "twice as common")."""

VERB_NOUNS: frozenset[str] = frozenset(
    split_words("""
    cause causes show shows form forms result results need needs affect affects increase
    increases decrease decreases reduce reduces mimic mimics spread spreads help helps
    lead leads produce produces contain contains damage damages block blocks drain drains
    control controls predict predicts release releases
    """)
)
"""Words the general lexicon reads as nouns that are verbs after a plural subject
("adenomas cause acromegaly")."""

EPONYM_HEADS: frozenset[str] = frozenset(
    split_words("""
    grade grades scale scales score classification criteria sign signs syndrome disease
    triad test maneuver reflex phenomenon operation protocol trial malformation
    """)
)
"""Heads of named things ("Simpson grade", "Cushing disease", "Stupp protocol")."""
