"""Find the answer of each fact rule in a sentence and check it is worth asking.

:func:`candidates` runs every :data:`~.factrules.RULES` entry on a sentence and cuts the
answer the rule points at: the noun phrase (or short list) after its trigger, the one before
it, or the matched number itself. :func:`gate` then applies the card rules that can be
checked mechanically, each named so that ``generate --explain`` can say why a candidate
was dropped.

Example:
    >>> [c.answer for c in candidates("Chordomas arise from remnants of the notochord.")]
    ['remnants of the notochord']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from neuroquiz.generate.factrules import RULES, FactRule
from neuroquiz.generate.lexicon import VAGUE_HEADS, VAGUE_MODIFIERS
from neuroquiz.generate.phrases import (
    MAX_ANSWER_WORDS,
    MAX_CLAUSE_WORDS,
    MAX_CLOZE_ITEMS,
    clause_after,
    conditional_subject,
    has_verb,
    phrase_after,
    phrase_before,
    tagged,
)
from neuroquiz.generate.terms import word_score
from neuroquiz.generate.words import (
    CLINICAL_ADJECTIVES,
    FILLER_WORDS,
    FREQUENCY_WORDS,
    GENERIC_ANSWERS,
    STOP,
    team_list,
)


@dataclass(frozen=True)
class Candidate:
    """A possible card: which rule found it and the answer's character span.

    Attributes:
        rule: The fact rule.
        start: Start of the answer in the sentence.
        end: End of the answer.
        items: The items when the answer is a list (one item otherwise).
    """

    rule: FactRule
    start: int
    end: int
    items: tuple[str, ...]
    sentence: str

    @property
    def answer(self) -> str:
        """The answer text as written in the sentence."""
        return self.sentence[self.start : self.end]

    @property
    def score(self) -> float:
        """Rule weight plus how technical the answer is, less its length."""
        words = self.answer.split()
        tech = max((word_score(w.strip(".,;:()")) for w in words), default=0.0)
        return self.rule.weight + 0.5 * tech - 0.1 * max(0, len(words) - 3)


_LAY_CONDITION = re.compile(
    r"(?i)\b(?:you|your|doctors? (?:think|suspects?|believes?)|needed|necessary|possible)\b"
)


def candidates(sentence: str) -> list[Candidate]:
    """Every answer a fact rule finds in ``sentence`` (not yet gated)."""
    out: list[Candidate] = []
    for rule in RULES:
        for match in rule.trigger.finditer(sentence):
            found: tuple[int, int, tuple[str, ...]] | None
            if rule.name == "definition" and conditional_subject(match.group(0)):
                found = None  # "Venous sampling may be done if ... there [is a tumor]"
            elif rule.side == "after":
                found = phrase_after(sentence, match.end(), rule.lists)
                colon = re.match(r"\s*:\s*", sentence[found[1] :]) if found else None
                if found and colon:  # "one of three CCM genes: CCM1, CCM2, and CCM3"
                    listed = phrase_after(sentence, found[1] + colon.end(), True)
                    found = listed if listed and len(listed[2]) > 1 else found
            elif rule.side == "before":
                found = phrase_before(sentence, match.start())
            elif rule.side == "clause":
                # after "If" it is a clause whatever the tagger says ("the level increases")
                found = clause_after(sentence, match.end(), verb=not match.group(0).endswith("If "))
            else:
                a, b = match.start(), match.end()
                digit = re.search(r"\d", match.group(0))
                if rule.name in ("age", "threshold", "ratio") and digit:
                    a += digit.start()
                found = (a, b, (sentence[a:b],))
            category = _CATEGORY.match(sentence, found[0]) if found is not None else None
            if found is not None and category:
                named = _NAMED.match(sentence, found[1])
                if named:  # "a type of spina bifida called [myelomeningocele]"
                    found = phrase_after(sentence, named.end(), False) or found
                elif category.end() < found[1]:  # "a form of [L1 syndrome]"
                    begin = (
                        category.end()
                        + len(sentence[category.end() :])
                        - len(sentence[category.end() :].lstrip())
                    )
                    found = (begin, found[1], (sentence[begin : found[1]],))
            if found is not None and found[1] > found[0]:
                out.append(Candidate(rule, found[0], found[1], found[2], sentence))
    return out


def stems(text: str) -> set[str]:
    """Content-word stems (first five letters) of ``text``, for give-away checks."""
    words = re.findall(r"[a-z0-9]+", text.lower())
    return {w[:5] for w in words if w not in STOP and (len(w) >= 4 or w.isdigit())}


def gate(candidate: Candidate, shown: str) -> str | None:
    """The name of the card rule ``candidate`` breaks, or None if it is fit to ask.

    Args:
        candidate: The candidate.
        shown: Everything the learner sees with the answer hidden (the context cue, the
            rest of the sentence, any other deletion).
    """
    answer = candidate.answer
    words = re.findall(r"[A-Za-z0-9][A-Za-z0-9'-]*", answer)
    if not words:
        return "empty-answer"
    lowers = [w.lower() for w in words]
    content = [w for w in lowers if w not in STOP]
    if not content and candidate.rule.side != "match":
        return "no-content"
    if lowers[0] in ("and", "or", "but", "nor"):
        return "fragment-answer"  # "[and ventriculoperitoneal shunt placement]"
    negative = candidate.rule.name == "negative-finding"
    if lowers[0] in _PRONOUNS or (lowers[-1] in ("type", "used", "form", "kind") and not negative):
        return "pronoun-answer"
    if lowers[0] in _VAGUE_OPENINGS or (lowers[0] == "having" and lowers[1:2] == ["certain"]):
        return "vague-answer"  # "[certain genetic conditions]", "[various factors]"
    if _CATEGORY.match(answer):
        return "category-answer"  # "Rituximab is a [type of monoclonal antibody]"
    if _one_of_many(candidate):
        return "one-of-many"  # one item blanked out of a long list: many fillers fit
    if re.search(r",\s+(?:a|an|the)\s", answer):
        return "appositive-answer"  # "giant-cell astrocytomas, a type of tumor"
    is_list = len(candidate.items) > 1
    if is_list and len(candidate.items) > MAX_CLOZE_ITEMS:
        return "long-list"
    if _GLOSS_CLAUSE.search(candidate.sentence[: candidate.start]):
        return "gloss-answer"  # "sporadic, which means they occur in [people with no ...]"
    if team_list(candidate.items):
        return "team-list"  # "a multidisciplinary team, including [neurosurgeons, ...]"
    if candidate.rule.side == "clause" and _LAY_CONDITION.search(answer):
        return "lay-condition"  # "If [doctors think your child may have a tumor], ..."
    longest = MAX_CLAUSE_WORDS if candidate.rule.side == "clause" else MAX_ANSWER_WORDS + negative
    if not is_list and len(words) > longest:
        return "long-answer"
    population = candidate.rule.name == "affects" and lowers[-1] in _POPULATIONS
    if (
        candidate.rule.side != "match"
        and not population  # "usually affects [children], but can affect adults"
        and all(w in GENERIC_ANSWERS or w in STOP for w in lowers)
    ):
        return "generic-answer"
    if candidate.rule.side != "match" and not population and all(w in _FILLER for w in lowers):
        return "filler-answer"
    if all(w in FREQUENCY_WORDS for w in lowers) or lowers in (["better"], ["worse"]):
        return "frequency-answer"  # "[Rarely], a pineal cyst ...", "prognosis is [better]"
    if _ANY_AGE.match(answer):
        return "filler-answer"  # "can occur in [people of any age]" (seed 20261216)
    if any(w in ("certain", "various") for w in lowers[1:]):
        return "vague-answer"  # "[problems with vision and certain physical changes]"
    if _acronym_shown(answer, shown):
        return "given-away"  # "[Neurofibromatosis type 2]: the NF2 gene ..."
    if _GROWTH.match(answer):
        return "generic-answer"  # "Medulloepitheliomas are [fast-growing tumors]" (seed 20261215)
    if _STOCK.match(answer):
        return "stock-answer"  # "Surgery is the [mainstay of treatment]"
    if lowers in (["biopsy"], ["a", "biopsy"]) and "diagnos" in candidate.sentence.lower():
        return "generic-answer"  # "The diagnosis is confirmed by [biopsy]": every tumour's
    if _NUMBER_TOKEN.search(answer) and (
        _RANGE_AFTER.match(candidate.sentence, candidate.end)
        or _RANGE_BEFORE.search(candidate.sentence[: candidate.start])
    ):
        return "half-range"  # "survival is [about 6] to 7 years"
    if lowers[-1] in ("unknown", "unclear") and _SOME_CASES.search(candidate.sentence):
        return "filler-answer"  # "In some cases, the cause is [unknown]" (seed 20261213)
    kinds = [w for w in content if w in _TREATMENT_KINDS]
    joined = any(w in ("and", "or", "and/or") for w in lowers)
    if joined and len(kinds) >= 2 and len(kinds) == len([w for w in content if w != "and/or"]):
        return "generic-answer"  # "[medications and/or surgery]" fits any disease (judged)
    if (
        candidate.rule.side != "match"
        and not _has_noun(answer)
        and not (len(lowers) <= 2 and lowers[-1] in CLINICAL_ADJECTIVES)
        and not (candidate.rule.fact == "prognosis" and lowers[-1] in _OUTCOME_WORDS)
    ):
        return "no-noun"
    if candidate.rule.side != "match":
        mine = stems(answer) - _GENERIC_STEMS
        given = stems(shown)
        if mine and (
            len(mine & given) * 2 >= len(mine) or _head(content) in given - _GENERIC_STEMS
        ):
            return "given-away"
        if _spelled_out(answer, shown):
            return "given-away"  # "Tuberous Sclerosis: ... occur in [TSC]"
        roots = _roots(answer)
        if roots and len(roots & _roots(shown)) * 2 > len(roots):
            return "given-away"  # "Pineoblastomas form in [pineal gland cells]", "VHL"
    numbers = set(_NUMBER_TOKEN.findall(answer))
    if numbers and numbers <= set(_NUMBER_TOKEN.findall(shown)):
        return "given-away"  # "younger than [3 years] ... who are 3 years and older"
    if re.search(r",\s+(?:and|but)\s", answer) and re.match(
        r"\s+(?:is|are|was|were|has|have)\b", candidate.sentence[candidate.end :]
    ):
        return "two-clauses"  # "the [most frequently injured level, and incomplete ...] is"
    if candidate.rule.side == "after" and _cut_phrase(candidate):
        return "cut-phrase"  # "by hormones [the tumor] makes", "the [cerebrum or the layers] of"
    rest = shown.replace("[...]", " ")
    if len(re.findall(r"[A-Za-z]{3,}", rest)) < 3:
        return "too-little-context"
    return None


def _cut_phrase(candidate: Candidate) -> bool:
    """True if the answer stops inside a phrase: right before the verb of a clause it is the
    subject of ("hormones the tumor] makes"), or before an "of" that completes its last noun
    ("[cerebrum or the layers] of tissue"), as judged (seed 20261212)."""
    after = candidate.sentence[candidate.end :]
    if (
        len(candidate.answer.split()) >= 2
        and re.match(r"\s+of\s", after)
        and (re.search(r"\b(?:or|and)\s+(?:the\s+)?\w+$", candidate.answer))
    ):
        return True
    nxt = [t for t in tagged(candidate.sentence) if t[1] >= candidate.end][:1]
    return bool(
        nxt
        and nxt[0][3] in ("VBZ", "VBP")
        and nxt[0][0].lower() not in _AUXILIARIES
        and re.search(r"\b(?:the|a|an|its|their)\s+\w+$", candidate.answer)
        and len(candidate.answer.split()) >= 4
    )


_STOCK = re.compile(
    r"(?i)^(?:the )?(?:mainstay|standard|treatment of choice|first-line|gold standard|"
    r"main|primary)(?: (?:of )?(?:treatment|care|therapy))?$"
)
_ANY_AGE = re.compile(
    r"(?i)^(?:(?:people|persons|individuals|patients|children|adults)\s+)?(?:of|at)?\s*"
    r"(?:any|all) ages?$"
)


def _acronym_shown(answer: str, shown: str) -> bool:
    """True if a numbered name is blanked while its acronym is shown: "[Neurofibromatosis
    type 2]" beside "the NF2 gene"."""
    digits = re.findall(r"\b\d+\b", answer)
    if not digits or not answer[:1].isalpha() or len(answer.split()) < 2:
        return False
    first = answer[0].upper()
    return any(re.search(rf"\b{first}[A-Z]+{d}\b", shown) for d in digits)


_GROWTH = re.compile(
    r"(?i)^(?:(?:very|rare|rapidly|slowly|fast|slow)[- ])*(?:fast|slow|rapidly|slowly)[- ]growing"
    r" (?:benign |malignant )?(?:tumou?rs?|cancers?|lesions?|masses)$"
)
_RANGE_AFTER = re.compile(r"\s*(?:to|–|-|and)\s*\d")
_RANGE_BEFORE = re.compile(r"\d\s*(?:to|–|-)\s*$")
_GLOSS_CLAUSE = re.compile(r"(?i)[,;(]\s*(?:which|this|that) means\b|,\s*meaning\b")
_SOME_CASES = re.compile(r"(?i)\b(?:in (?:some|many|most|a few) cases|sometimes|often)\b")
_POPULATIONS = frozenset(
    ["children", "adults", "infants", "women", "men", "elderly", "adolescents"]
)
_AUXILIARIES = frozenset(
    [
        "is",
        "are",
        "was",
        "were",
        "has",
        "have",
        "had",
        "does",
        "do",
        "did",
        "may",
        "can",
        "will",
        "should",
        "must",
        "might",
        "could",
    ]
)
_NUMBER_TOKEN = re.compile(r"(?<![\w.])[A-Za-z]{0,2}\d+(?:\.\d+)?(?![\w])")
"""A number or a numbered level ("3", "12.5", "C5"), not a name that holds digits ("L1CAM")."""
_VAGUE_OPENINGS = frozenset(["certain", "various", "other", "different", "specific"])
_NAMED = re.compile(r"\s+(?:called|known as|named|termed)\s+")
_CATEGORY = re.compile(r"(?:one\s+|a\s+)?(?:type|kind|form|sort|class)\s+of\b", re.I)


def _one_of_many(candidate: Candidate) -> bool:
    """True if a single-item answer sits among three or more items of a comma list
    ("fatigue, a change in [sleep patterns], behavioral changes, and ...")."""
    if len(candidate.items) > 1 or "," in candidate.answer:
        return False
    sentence = candidate.sentence
    start, end = candidate.start, candidate.end
    if sentence.count(";") >= 2 and re.match(r"\s*(?:\([^()]*\))?\s*;", sentence[end:]):
        return True  # "such as [difficulty moving] (ataxia); mental disturbances; seizures; ..."
    clause_start = max(sentence.rfind(";", 0, start), sentence.rfind(":", 0, start))
    ends = (sentence.find(";", end), sentence.find(":", end))
    clause_end = min((i for i in ends if i >= 0), default=len(sentence))
    before = sentence[clause_start + 1 : candidate.start]
    after = sentence[candidate.end : clause_end]
    listed = re.search(r",\s*(?:and\s+|or\s+)?(?:\S+\s+){0,3}$", before) and re.match(
        r"\s*(?:,|\s(?:and|or)\s)", after
    )
    if listed and before.count(",") + after.count(",") >= 3:
        return True
    # the first item of one: "Other symptoms include [increased head circumference],
    # bulging at the back of the skull, abnormal breathing problems, and problems with ..."
    # (a gloss "(thinking, memory)" is no item; the items end at the one after "and")
    items = re.sub(r"\s*\([^()]*\)", "", after).split(",")
    last = next((k for k, i in enumerate(items) if re.match(r"\s*(?:and|or)\s", i)), None)
    return (
        candidate.rule.side != "match"  # a number is no list item: "younger than [60 years], ..."
        and re.match(r"\s*,", re.sub(r"\s*\([^()]*\)", "", after)) is not None
        and last is not None
        and last >= 2
        and all(0 < len(i.split()) <= 8 and not has_verb(i) for i in items[1:last])
        and re.match(r"\s*(?:and|or|including|such as|like|especially|mainly)\s", items[1]) is None
    )


_PRONOUNS = frozenset(
    ["its", "their", "his", "her", "this", "these", "that", "those", "it", "they", "them"]
)
_GENERIC_STEMS = frozenset(w[:5] for w in GENERIC_ANSWERS)
_OUTCOMES = frozenset(["poor", "good", "excellent", "favorable", "favourable", "better", "worse"])
_FILLER = (
    GENERIC_ANSWERS
    | STOP
    | FILLER_WORDS
    | VAGUE_HEADS
    | (VAGUE_MODIFIERS - CLINICAL_ADJECTIVES - _OUTCOMES - {"normal", "fatal"})
)
_TREATMENT_KINDS = frozenset(
    [
        "medications",
        "medication",
        "medicines",
        "medicine",
        "drugs",
        "surgery",
        "surgical",
        "therapy",
        "therapies",
        "treatment",
        "treatments",
        "intervention",
        "interventions",
        "radiation",
        "radiotherapy",
        "chemotherapy",
        "steroids",
        "steroid",
    ]
)
_OUTCOME_WORDS = frozenset(
    ["poor", "good", "excellent", "favorable", "favourable", "better", "worse", "normal", "fatal"]
)


def _spelled_out(answer: str, shown: str) -> bool:
    """True if ``answer`` is an acronym whose first letters are the initials of capitalised
    words the learner sees ("Tuberous Sclerosis" for "TSC"), or a list of one acronym
    numbered ("CCM1, CCM2, and CCM3") where the acronym is shown."""
    numbered = re.findall(r"\b([A-Z]{2,6})\d+\b", answer)
    if len(numbered) >= 2 and len(set(numbered)) == 1 and re.search(rf"\b{numbered[0]}\b", shown):
        return True  # "three CCM disease genes: [CCM1, CCM2, and CCM3]": numbered names
    if not re.fullmatch(r"[A-Z]{2,6}", answer.strip()):
        return False
    capitals = re.findall(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)+", shown)
    initials = ["".join(w[0] for w in run.split()) for run in capitals]
    return any(len(i) >= 2 and answer.strip().startswith(i) for i in initials)


def _roots(text: str) -> set[str]:
    """Four-letter roots of the telling words of ``text``: words of six letters or more
    and acronyms ("pineal" and "pineoblastoma" share "pine")."""
    found = set()
    for word in re.findall(r"[A-Za-z][A-Za-z0-9]+", text):
        lower = word.lower()
        if lower in STOP or lower in GENERIC_ANSWERS or lower in _FILLER:
            continue
        if word.isupper() and len(word) >= 2:
            found.add(lower)
        elif len(lower) >= 6:
            found.add(lower[:4])
    return found


def _has_noun(text: str) -> bool:
    tags = [g for _w, _a, _b, g in tagged(text)]
    # a gerund ending the phrase is a noun: "watchful [waiting]", "intracranial [bleeding]"
    gerund = len(tags) >= 2 and tags[-1] == "VBG" and tags[-2] in ("JJ", "NN")
    return any(g.startswith("NN") or g == "CD" for g in tags) or gerund


def _head(content: list[str]) -> str:
    return content[-1][:5] if content else ""
