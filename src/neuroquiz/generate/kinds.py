"""What kind of thing a term names (an imaging study, a tumor, a procedure, ...).

Multiple-choice distractors must be of the same kind as the answer: another imaging study
for an imaging study, another tumor for a tumor. The kind comes from the head word and
its morphology; each kind has a small built-in pool used when the documents of the run
and the existing decks do not offer enough terms of that kind.
"""

from __future__ import annotations

import re

from neuroquiz.generate.lexicon import DRUG_SUFFIXES

_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "imaging",
        re.compile(
            r"(?:graphy|metry|mri|ct|pet|spect|ultrasound|x-ray|radiograph|scan|imaging|angiogram)$"
        ),
    ),
    ("specialist", re.compile(r"(?:ologists?|surgeons?|iatrists?|icians?|therapists?)$")),
    (
        "specialty",
        re.compile(
            r"^(?:neuro-?)?(?:surgery|otolaryngology|radiology|oncology|neurology|pathology|"
            r"anesthesiology|endocrinology|ophthalmology|neuroradiology|radiation oncology|"
            r"neuropathology|cardiology|neurosurgery|orthopedics|orthopaedics|rehabilitation|"
            r"physiatry|psychiatry|pediatrics|intensive care|critical care)$"
        ),
    ),
    ("complication", re.compile(r"(?:hematomas?|haematomas?)$")),
    ("tumor", re.compile(r"(?:omas?|tumou?rs?|neoplasms?|carcinomas?|cysts?)$")),
    (
        "therapy",
        re.compile(
            r"(?:therapy|therapies|radiation|radiosurgery|knife|chemotherapy|immunotherapy|"
            r"brachytherapy|observation)$"
        ),
    ),
    (
        "procedure",
        re.compile(
            r"(?:ectomy|ectomies|otomy|otomies|ostomy|plasty|resection|biopsy|biopsies|"
            r"embolization|decompression|fusion|shunt|ablation|excision|debulking|surgery|"
            r"fixation|drainage|clipping|coiling)$"
        ),
    ),
    ("monitoring", re.compile(r"(?:potentials|monitoring|electromyography|emg|sseps?|meps?)$")),
    (
        "symptom",
        re.compile(
            r"(?:tinnitus|pain|weakness|numbness|tingling|headaches?|seizures?|vertigo|ataxia|"
            r"nausea|vomiting|diplopia|dysphagia|hoarseness|paresthesias?|algia|plegia|paresis|"
            r"loss|incontinence|sensations?)$"
        ),
    ),
    (
        "complication",
        re.compile(
            r"(?:leaks?|infections?|palsy|palsies|bleeding|hemorrhage|haemorrhage|hematoma|"
            r"deficits?|meningitis|stroke|thrombosis|instability|deformity|kyphosis|edema)$"
        ),
    ),
    ("cell", re.compile(r"(?:cells?|cytes?|blasts?)$")),
    ("drug", re.compile(r"(?:" + "|".join(DRUG_SUFFIXES) + r"|agonists?|blockers?|inhibitors?)$")),
    ("organ", re.compile(r"(?:lungs?|liver|bones?|kidneys?|brain|heart|skin|breast|adrenals?)$")),
    (
        "anatomy",
        re.compile(
            r"(?:cord|nerves?|bulb|arter(?:y|ies)|veins?|vertebrae?|mater|membrane|roots?|base|"
            r"foramen|sinus|lobe|ventricles?|canal|lamina|discs?|fossa|cortex|brainstem|"
            r"cerebellum|ganglion|ganglia|plexus|dura|bone)$"
        ),
    ),
)

POOLS: dict[str, tuple[str, ...]] = {
    "imaging": (
        "CT",
        "MRI",
        "PET",
        "angiography",
        "myelography",
        "ultrasound",
        "plain radiography",
        "SPECT",
    ),
    "specialist": (
        "neurosurgeons",
        "neurologists",
        "radiologists",
        "oncologists",
        "anesthesiologists",
        "pathologists",
        "otolaryngologists",
    ),
    "specialty": (
        "neurology",
        "radiology",
        "oncology",
        "pathology",
        "otolaryngology",
        "ophthalmology",
        "endocrinology",
    ),
    "tumor": (
        "meningiomas",
        "schwannomas",
        "ependymomas",
        "astrocytomas",
        "hemangioblastomas",
        "paragangliomas",
        "chordomas",
        "hemangiomas",
    ),
    "therapy": (
        "radiotherapy",
        "chemotherapy",
        "stereotactic radiosurgery",
        "observation",
        "immunotherapy",
        "proton therapy",
    ),
    "procedure": (
        "laminectomy",
        "craniotomy",
        "embolization",
        "biopsy",
        "discectomy",
        "foraminotomy",
        "spinal fusion",
        "ventriculostomy",
    ),
    "monitoring": (
        "somatosensory evoked potentials",
        "motor evoked potentials",
        "electromyography",
        "brainstem auditory evoked potentials",
    ),
    "symptom": (
        "headache",
        "tinnitus",
        "vertigo",
        "diplopia",
        "hoarseness",
        "dysphagia",
        "radicular pain",
        "numbness",
    ),
    "complication": (
        "cerebrospinal fluid leak",
        "wound infection",
        "hematoma",
        "cranial nerve palsy",
        "meningitis",
        "venous thrombosis",
    ),
    "cell": (
        "chief cells",
        "Schwann cells",
        "arachnoid cap cells",
        "ependymal cells",
        "astrocytes",
        "neural crest cells",
    ),
    "organ": ("lungs", "liver", "bones", "brain", "kidneys", "adrenal glands"),
    "drug": (
        "dexamethasone",
        "mannitol",
        "nimodipine",
        "temozolomide",
        "bevacizumab",
        "cabergoline",
        "levetiracetam",
        "phenytoin",
    ),
    "anatomy": (
        "dura mater",
        "arachnoid mater",
        "pia mater",
        "jugular bulb",
        "nerve roots",
        "vertebral body",
        "internal carotid artery",
        "sigmoid sinus",
    ),
}
"""Fallback distractors per kind, used after the terms of the run and the decks."""


MCQ_KINDS = frozenset({"procedure", "tumor", "specialist", "specialty"})
"""Kinds whose members exclude each other in a sentence (one procedure does X): safe for
multiple choice outside definitions. Anatomy, symptoms and organs are often co-true."""


def kind_of(term: str) -> str:
    """The kind of ``term`` ("imaging", "tumor", "procedure", ...) or "" if unknown."""
    lower = term.lower().strip()
    for kind, rule in _RULES:
        if rule.search(lower):
            return kind
    return ""
