"""A block's units: the sentences and list items a card may be made from, cleaned of the
page layout's run-in headings and split where one sentence holds several facts."""

from __future__ import annotations

import re

from neuroquiz.generate.blocks import Block
from neuroquiz.generate.phrases import finite_verb
from neuroquiz.generate.sentences import split_sentences
from neuroquiz.generate.words import SECTION_LABEL_WORDS

MIN_WORDS, MAX_WORDS = 6, 45
"""A unit shorter or longer than this is not one fact."""
LABEL = re.compile(r"^([A-Z][^:.!?]{1,60}):\s+(\S.*)$")
"""A glossary item, "Term: explanation"."""
LAY_DEFINITION = re.compile(
    r"^(?:an?|the) (?:procedure|test|exam|examination|type of|method|way|substance|drug|"
    r"machine|device|picture|dye|instrument)\b",
    re.IGNORECASE,
)
"""The start of a lay definition of a test or procedure."""


_REPEATED_HEAD = re.compile(r"^((?:[\w()/-]+ ){1,6}?)(?=\1)")
_GLUED_HEAD = re.compile(
    r"^(?:[A-Z][\w/-]*)(?: [\w/-]+){0,5} (?=(?:Most|The|A|An|In|These|This|There|It|Some|"
    r"Many|If|When|About|Because|Although|After|For|Certain|Other|Children|Patients|"
    r"Treatment|Surgery)\s)"
)


def unglue_heading(sentence: str) -> str:
    """A sentence without the run-in heading glued to its start by the page's layout:
    "Medulloblastomas Most CNS embryonal tumors are medulloblastomas." gives "Most CNS
    embryonal tumors are medulloblastomas." (the heading gave the answer away)."""
    repeated = _REPEATED_HEAD.match(sentence + " ")
    if repeated and len(sentence) > 2 * len(repeated.group(1)):
        rest = sentence[2 * len(repeated.group(1)) :]
        if rest[:1].isupper():
            return rest  # "Recurrent Tumor Recurrent Tumor Preoperative planning is ..."
        return sentence[len(repeated.group(1)) :]
    glued = _GLUED_HEAD.match(sentence)
    if glued and not finite_verb(glued.group(0)) and not re.search(r"[,;:.]", glued.group(0)):
        return sentence[glued.end() :]
    label = _SECTION_LABEL.match(sentence)
    if label and set(label.group(1).lower().split()) <= SECTION_LABEL_WORDS:
        return sentence[label.end() :]  # "Overall Prognosis: The prognosis ... depends on"
    return sentence


_SECTION_LABEL = re.compile(r"^([A-Z][A-Za-z ]{2,40}):\s+(?=[A-Z][a-z]+ )")


_SEMI_ITEM = re.compile(r";\s*(?:and\s+|or\s+)?")


def split_long(sentence: str) -> list[str]:
    """A sentence too long for one fact whose colon opens a list of semicolon-separated
    items, as one sentence per item under the lead-in: "Three types of brain tumors are
    associated with TSC: cortical tubers, which ...; subependymal nodules, which ..."."""
    if len(sentence.split()) <= MAX_WORDS or ":" not in sentence:
        return [sentence]
    lead, rest = sentence.split(":", 1)
    items = [i.strip(" .") for i in _SEMI_ITEM.split(rest) if i.strip(" .")]
    if len(items) < 2 or len(lead.split()) < 3 or any(len(i.split()) > 30 for i in items):
        return [sentence]
    return [f"{lead.strip()}: {item}." for item in items]


_INCLUDE_LEAD = re.compile(
    r"^(?P<stem>[A-Z][^:;]{0,120}?\b(?:may include|include|includes|may be|is|are|may cause|"
    r"causes|cause))(?: the following)?:$"
)
_MAX_FUSED_ITEMS = 4
LONG_GLOSS = re.compile(
    r"\s*\((?!(?:also\s+)?(?:called|known|termed|named)\b)(?:[^()\s]+\s+){3,}[^()]*\)"
)
_GENERIC_HEADINGS = frozenset(["key points", "treatment", "treatment options", "overview"])


def fused_stem(block: Block) -> tuple[str, str]:
    """The lead of a list whose items complete it ("Treatment may include" for "Treatment
    may include the following:"), and the heading that says what it is about, or ("", "")."""
    if block.kind != "list" or not block.text.rstrip().endswith(":"):
        return "", ""
    lead = _INCLUDE_LEAD.match(split_sentences(block.text)[-1].strip())
    if not lead:
        return "", ""
    heading = block.heading or ""
    if heading.endswith("?") or heading.lower() in _GENERIC_HEADINGS:
        heading = ""
    if len(block.items) > _MAX_FUSED_ITEMS:
        return "", heading  # one item of a long list alone has many right answers (judged)
    return lead.group("stem"), heading


def units(block: Block, fuse: bool = False) -> list[tuple[str, str, str]]:
    """(kind, text, label) units of a block: its sentences, and its items as sentences.

    The label is the term a glossary item explains ("Lumbar puncture : A procedure ..."):
    the item's later sentences are about it, so it is their context cue. With ``fuse``, an
    item that is only a noun phrase completes its list's lead ("Treatment may include" +
    "Drug therapy to stop the tumor making prolactin."), under its heading's cue: a long
    treatment list had no card at all (issue 9)."""
    stem, heading = fused_stem(block) if fuse else ("", "")
    out: list[tuple[str, str, str]] = []
    if block.text and block.kind != "table":
        sentences = split_sentences(block.text)
        if block.kind == "list" and sentences and sentences[-1].endswith(":"):
            sentences = sentences[:-1]
        sentences = [unglue_heading(s) for s in sentences]
        out.extend(("sentence", s, "") for part in sentences for s in split_long(part))
    for item in block.items:
        parts = [s for part in split_sentences(item) for s in split_long(unglue_heading(part))]
        label = LABEL.match(parts[0]) if parts else None
        term = label.group(1).strip() if label and len(label.group(1).split()) <= 10 else ""
        if stem and parts and not label and not finite_verb(parts[0]):
            first = parts[0]
            if first[1:2].islower() or first.split()[0] in ("A", "An", "The"):
                first = first[0].lower() + first[1:]
            out.append(("item", f"{stem} {first}", heading))
            out.extend(("item", s, "") for s in parts[1:])
            continue
        if heading and not label:  # "Surgery followed by chemotherapy": for which tumor?
            out.extend(("item", s, heading) for s in parts)
            continue
        out.extend(("item", s, term if i else "") for i, s in enumerate(parts))
    return out


_LAY_THEN_TERM = re.compile(
    r"\b(?:the|an?)\s+(?:(?:small|large|thin|outer|inner|lower|upper|back|front)\s+)?"
    r"(?:area|part|region|portion|section|layer|group|bundle|network|band|channel|structure|"
    r"opening|membrane|lining|covering|sac|canal)s?\b[^(),;.]{0,120}?\s"
    r"\((?!(?:a|an|the|called|known|also)\b)([a-z][a-z-]*(?: [a-z][a-z-]*){0,3})\)"
)


def technical_terms(text: str) -> str:
    """``text`` with a lay description replaced by the term its gloss gives: "absence of
    the area of the brain between the two cerebellar hemispheres (cerebellar vermis)" reads
    "absence of the cerebellar vermis" (a resident learns the term, not the lay paraphrase;
    patient-leaflet anatomy was judged low-yield, issue 9)."""
    return _LAY_THEN_TERM.sub(lambda m: f"the {m.group(1)}", text)


def tidy_parentheses(text: str) -> str:
    """``text`` with a source's spacing slips around a closing parenthesis mended: "(such as
    rickets )or" reads "(such as rickets) or" (a blank then ran into ")or", judged garbled)."""
    return re.sub(r"\)(?=[A-Za-z])", ") ", re.sub(r"\s+\)", ")", text))
