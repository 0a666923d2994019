"""The topic of a document, from its title: what "these tumors" refers to, the card cue.

"The Recurrent Glomus Jugulare Tumor" gives the entity "recurrent glomus jugulare tumor";
"What is the typical progression of malignant spinal hemangiomas?" gives "malignant spinal
hemangiomas"; "The Intramedullary Spinal Cord Tumor Surgery" gives the entity
"intramedullary spinal cord tumor" and the cue "Intramedullary spinal cord tumor surgery".
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from neuroquiz.generate.lexicon import DISEASE_HEADS, split_words
from neuroquiz.generate.sentences import tokenize
from neuroquiz.generate.tagging import tag
from neuroquiz.generate.terms import is_acronym, noun_phrases, word_score

_QUESTION = re.compile(r"^(?:what|which|how|why|when|where|who)\b", re.IGNORECASE)
_GENERIC = frozenset(
    split_words(
        "tumor tumors tumour tumours surgery disease diseases recurrent malignant benign the a an "
        "of and treatment management overview progression typical"
    )
)


@dataclass(frozen=True)
class Topic:
    """What a document is about.

    Attributes:
        entity: The subject noun phrase, lower case except acronyms, singular or as titled.
        cue: Short context shown before a card that does not name the topic itself.
        key: The most distinctive word of the entity; a sentence containing it names the topic.
        title: The document title (its words are given away by the deck itself).
        aliases: Acronyms the text gives the topic ("subarachnoid hemorrhage (SAH)").
    """

    entity: str
    cue: str
    key: str
    title: str = ""
    aliases: tuple[str, ...] = ()

    @property
    def given_words(self) -> str:
        """Text every card of the deck gives away: the title, the entity and the cue."""
        return f"{self.title} {self.entity} {self.cue}"

    def named_in(self, text: str) -> bool:
        """True if ``text`` names the topic (contains its key word, singular or plural)."""
        if not self.key:
            return True
        stem = singular(self.key)
        if re.search(rf"\b{re.escape(stem)}", text, re.IGNORECASE) is not None:
            return True
        return any(re.search(rf"\b{re.escape(a)}\b", text) for a in self.aliases)


def singular(word: str) -> str:
    """Singular of a regular English or medical plural ("palsies" -> "palsy")."""
    lower = word.lower()
    if lower.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if lower.endswith(("ses", "xes", "ches", "shes")) and not lower.endswith("ases"):
        return word[:-2]
    if lower.endswith("ae"):
        return word[:-1]
    if lower.endswith("s") and not lower.endswith(("ss", "us", "is", "sis")):
        return word[:-1]
    return word


def plural(word: str) -> str:
    """Plural of a regular English or medical singular ("tumor" -> "tumors")."""
    lower = word.lower()
    if lower.endswith("s") and singular(word) != word:
        return word
    if lower.endswith("sis"):
        return word[:-2] + "es"
    if lower.endswith("y") and not lower.endswith(("ay", "ey", "oy", "uy")):
        return word[:-1] + "ies"
    if lower.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    return word + "s"


def is_disease_head(word: str) -> bool:
    """True for heads a document can be about: tumors, -omas, lesions, diseases."""
    lower = word.lower()
    return lower in DISEASE_HEADS or lower.endswith(("oma", "omas", "itis", "osis", "pathy"))


def detect_topic(title: str, body: list[str]) -> Topic:
    """Find the topic of a document from its title, with the casing the body uses.

    Args:
        title: The document title.
        body: The paragraphs of clean text.
    """
    text = _QUESTION.sub("", title).strip(" ?!.:")
    tokens = tokenize(text)
    words = [t.text if is_acronym(t.text) else t.text.lower() for t in tokens]
    tags = tag(words)
    phrases = noun_phrases(words, tags)
    entity_words: list[str] = []
    for phrase in phrases:
        heads = [k for k in range(phrase.core_start, phrase.end) if is_disease_head(words[k])]
        if heads:
            entity_words = words[phrase.core_start : heads[-1] + 1]
            break
    if not entity_words and phrases:
        best = max(phrases, key=lambda p: (p.end - p.core_start, -p.start))
        entity_words = words[best.core_start : best.end]
    if not entity_words:
        entity_words = [w for w in words if w.isalnum()]
    entity = _body_casing(" ".join(entity_words), body)
    main = re.split(r"\s*(?::|\s-\s|\s\|\s)\s*", text)[0]
    if _QUESTION.match(title) or not tokens or len(main.split()) > 8:
        cue_text = entity
    else:
        cue_text = _body_casing(re.sub(r"^(?:the|a|an)\s+", "", main.lower()), body)
        kept = {w.lower(): w for w in main.split() if is_acronym(w)}  # "FAQ" stays "FAQ"
        cue_text = " ".join(kept.get(w, w) for w in cue_text.split())
    keys = [w for w in entity_words if w.lower() not in _GENERIC and w.isalnum()]
    # A tumor's own name ("adenoma" of "pituitary adenoma") is the key; its site
    # ("pituitary") also names its neighbours ("pituitary apoplexy").
    named = [w for w in keys if w.lower().endswith(("oma", "omas"))]
    key = max(named or keys, key=lambda w: (word_score(w), len(w)), default="")
    return Topic(
        entity=entity,
        cue=cue_text[:1].upper() + cue_text[1:],
        key=key,
        title=title,
        aliases=_aliases(key, body),
    )


_ACRONYM = re.compile(r"\(([A-Z][A-Za-z0-9-]{1,7})\)")


def _aliases(key: str, body: list[str]) -> tuple[str, ...]:
    """Acronyms defined for the topic: "Subarachnoid hemorrhage (SAH)" gives "SAH"."""
    if not key:
        return ()
    stem = singular(key).lower()
    found: list[str] = []
    for paragraph in body:
        for match in _ACRONYM.finditer(paragraph):
            acronym = match.group(1)
            if not acronym[1:2].isupper() or acronym in found:
                continue
            before = paragraph[max(0, match.start() - 80) : match.start()].split()[-4:]
            if any(w.lower().startswith(stem) for w in before) and any(
                w[:1].upper() == acronym[0] for w in before
            ):
                found.append(acronym)
    return tuple(found)


def _body_casing(phrase: str, body: list[str]) -> str:
    """Write ``phrase`` the way the body text writes it mid-sentence (else lower case)."""
    if not phrase:
        return phrase
    pattern = re.compile(
        r"(?<=[a-z,;] )" + r"\s+".join(map(re.escape, phrase.split())), re.IGNORECASE
    )
    found: Counter[str] = Counter()
    for paragraph in body:
        found.update(m.group(0) for m in pattern.finditer(paragraph))
    if found:
        return found.most_common(1)[0][0]
    return " ".join(
        w if is_acronym(w) else w.upper() if _ROMAN.match(w.upper()) else w.lower()
        for w in phrase.split()
    )


_ROMAN = re.compile(r"^(?:I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII)$")
"""A Roman numeral keeps its capitals ("type I"), as an acronym does."""
