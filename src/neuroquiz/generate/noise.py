"""Noise rules: what never reaches a card, recognised by what it is.

Each rule is a named entry with the pattern it matches and a docstring-like note; a section
rule drops every block under a matching heading, a sentence rule drops one sentence. Nothing
here depends on the other documents of a run, so a document gives the same deck alone or
with three thousand others.

Example:
    >>> noise_sentence("You can use the MedlinePlus Medical Dictionary to look up terms.")
    'lookup-resources'
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class NoiseRule:
    """One kind of noise.

    Attributes:
        name: Shown by ``generate --explain``.
        pattern: What it matches (case-insensitive regular expression).
        note: What the rule is for, with an example.
    """

    name: str
    pattern: re.Pattern[str]
    note: str

    def matches(self, text: str) -> bool:
        """True if ``text`` is this kind of noise."""
        return self.pattern.search(text) is not None


def _rule(name: str, pattern: str, note: str) -> NoiseRule:
    return NoiseRule(name, re.compile(pattern, re.IGNORECASE), note)


SECTION_RULES: tuple[NoiseRule, ...] = (
    _rule(
        "research-section",
        r"\bresearch\b|clinical trials?\b.*\bbeing done|being studied",
        'NIH "What research is being done for X?" sections: funding, not medicine.',
    ),
    _rule(
        "about-summary",
        r"about (this|the) (pdq )?summary|^about pdq|editorial board",
        'PDQ "About This PDQ Summary" and its board, review and permission notes.',
    ),
    _rule(
        "help-section",
        r"find help|where to (get|find)|support groups?|organi[sz]ations?|"
        r"to learn more|for more information|related (articles|topics)|resources",
        "Where-to-find-help, organisations, further reading, related articles.",
    ),
    _rule(
        "registry-section",
        r"genetic testing registry|\bgtr\b|phenotype ontology|orphanet",
        "Genetic Testing Registry and Human Phenotype Ontology sections.",
    ),
    _rule(
        "references-section",
        r"^(references|bibliography|citations|sources|authors?)\b",
        "Reference lists and author lines.",
    ),
    _rule(
        "trials-section",
        r"clinical trials?|new types of treatment are being tested|"
        r"follow-up tests may be needed|taking part in a clinical trial",
        "PDQ paragraphs on trials and follow-up visits, the same on every cancer page.",
    ),
)

SENTENCE_RULES: tuple[NoiseRule, ...] = (
    _rule(
        "glued-bullets",
        r"(?-i:[a-z]\s+(?:[A-Z][a-z]+\s+)?(?:Of|The|In|And|For|To|With|On|An)\s+[a-z])",
        "Bullets flattened into one run of words, a capitalised word opening the next one "
        "mid-sentence: 'may include: Seizures Severe intellectual disability Spasticity Of "
        "note, HSAS is ...' (judged garbled, seed 20261213).",
    ),
    _rule(
        "hpo-table",
        r"phenotype ontology|approximate number of patients|"
        r"how often the symptom is seen|signs and symptoms approximate",
        "HPO frequency lists and their introductions.",
    ),
    _rule(
        "lookup-resources",
        r"medlineplus|genetic testing registry|\bgtr\b|orphanet|\bgard\b|genereviews|"
        r"offers? more information|"
        r"medical dictionary|look up|this resource|these resources|the resources section",
        '"You can use the MedlinePlus Medical Dictionary ..." and similar pointers.',
    ),
    _rule(
        "research-funding",
        r"\bninds\b|national institutes? of|\bnih\b|\bnci\b|"
        r"supports? (additional )?research|conducts research|research (is|are) (being|also)|"
        r"researchers? (are|have been)|funded|grants? to",
        "Institutes, funding and research statements.",
    ),
    _rule(
        "see-your-doctor",
        r"talk (to|with) (your|a|the) (doctor|health)|"
        r"check with your (child.s )?doctor|ask your doctor|your (child's )?doctor (may|can|will)|"
        r"contact (your|a) |call (your|a|the)|consult (your|a)",
        '"Talk to your doctor" advice.',
    ),
    _rule(
        "site-chrome",
        r"\bwebsite\b|\bweb site\b|\bclick\b|\bpdq\b|this summary|"
        r"\bsummary\b.*\b(section|describes|is about)|see the following|listed below|"
        r"\bvisit\b|www\.|https?://|\bemail\b|copyright|all rights reserved|\bpage\b",
        "Site navigation, summaries about themselves, links.",
    ),
    _rule(
        "trials-text",
        r"clinical trials?|taking part in|enter (a )?(clinical )?trial|"
        r"being tested|are being studied|new treatments?",
        "Recruitment text for clinical trials.",
    ),
    _rule(
        "information-about",
        r"^(for )?(more )?information (about|on)|"
        r"\bthe information (in|below)|^this (section|page|article|handout|summary)",
        "Text about the text.",
    ),
    _rule(
        "lay-procedure",
        r"injected into (?:the patient )?(?:through )?(?:a|the) vein|light up under a microscope|"
        r"radio waves|light-sensitive dye|passed in a stream|keep the head still|"
        r"(?:x-ray|a) machine|(?:make|makes|made by) (?:a series of )?(?:detailed )?pictures|"
        r"pictures (?:are|of areas)|(?:a|the) computer (?:to make|linked)|"
        r"(?:needle|sample)[^.]{0,40}\b(?:is|are) (?:checked|viewed|used to remove)|"
        r"put back in place|body cavity such as|(?:mainly|can) (?:affect|reach) cancer cells|"
        r"enter the bloodstream|stem cells are thawed|"
        r"is (?:a|the) (?:cancer )?treatment that uses|is a thin,? tube-like instrument|"
        r"is a type of (?:treatment|therapy) that uses|less harm to normal cells|"
        r"shows? up brighter|glows? in the picture|"
        r"treatment using more than one|is called adjuvant therapy|"
        r"stem cell rescue is a way|replacing blood\s?-?forming cells|"
        r"(?:uses|using) drugs to stop the growth of cancer cells|"
        r"high-energy x-rays or other types of radiation|late effects of (?:cancer )?treatment|"
        r"increases (?:the|your|a person's) (?:risk|chance) of getting a disease|"
        r"(?:the )?treatment plan depends on|"
        r"may be caused by [^.]{0,60} or by other conditions",
        "How a lay test or treatment works, repeated on every cancer page: 'A substance called "
        "gadolinium is injected into a vein' (judged no clinical content, issue 9).",
    ),
    _rule(
        "cancer-summary",
        r"^(?:the )?treatment options? (?:depends?|are based) on\b|"
        r"^late effects (?:may )?include\b|^staging is the process|"
        r"^(?:the )?signs and symptoms (?:of [^.:]{1,80} )?depends? on\b|"
        r"process used to find out (?:if|whether|how much) cancer",
        "The lead-ins every cancer summary repeats ('Treatment options depend on the following', "
        "'Late effects may include', 'Staging is the process used to find out ...'): judged "
        "generic, no clinical content (seed 20261211).",
    ),
    _rule(
        "lay-background",
        r"^tests that examine the [^.]{1,40} are used to (?:detect|diagnose|find)|"
        r"look for certain changes in the chromosomes|"
        r"^(?:the )?lymph(?:atic)? system is\b|made naturally in the body|"
        r"^steroids are\b|lessen (?:general |the )?symptoms|"
        r"^intervention programs|special schooling|special education",
        "Patient-leaflet background: what tests look at, the lymph system, what steroids are, "
        "symptomatic care and support programmes ('Tests that examine the brain and spinal "
        "cord are used to detect ...', 'Steroids are hormones made naturally in the body'): "
        "judged no clinical content (seed 20261214).",
    ),
    _rule(
        "restated-question",
        r"^(what|how|why|who|when|where|is|are|can|does|do)\b[^.!]*\?$",
        "A heading's question restated at the start of its answer.",
    ),
)


def noise_section(heading: str) -> str | None:
    """The name of the section rule ``heading`` matches, or None."""
    return next((r.name for r in SECTION_RULES if r.matches(heading)), None)


def noise_sentence(sentence: str) -> str | None:
    """The name of the sentence rule ``sentence`` matches, or None."""
    return next((r.name for r in SENTENCE_RULES if r.matches(sentence)), None)
