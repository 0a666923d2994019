"""Part-of-speech tags (Penn Treebank) for clinical prose, offline.

The base is TextBlob's bundled Pattern tagger (Brill lexicon + contextual rules: no
download, no model file). Its lexicon comes from news text, so medical words it does not
know are re-tagged here by their morphology ("paraganglionic" is an adjective, "palsies" a
plural noun), and a few systematic slips are corrected ("can decrease" is a verb).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache, lru_cache
from typing import Any, Protocol

from neuroquiz.generate.lexicon import (
    DRUG_SUFFIXES,
    EXTRA_TAGS,
    GERUND_NOUNS,
    MEDICAL_WORDS,
    NUMBER_WORDS,
    VERB_NOUNS,
)


class _Lexicon(Protocol):
    def get(self, key: str, default: Any = None) -> Any: ...  # pragma: no cover


@cache
def _parser() -> tuple[Any, _Lexicon]:
    from textblob.en import lexicon, parser

    return parser, lexicon


@lru_cache(maxsize=65536)
def known_word(word: str) -> bool:
    """True if the general-English lexicon knows ``word`` (in any case).

    Unknown words in clinical text are mostly technical terms, so this is a rarity signal.
    """
    lexicon = _parser()[1]
    return lexicon.get(word) is not None or lexicon.get(word.lower()) is not None


_ADJ_SUFFIX = re.compile(
    r"(?:ic|al|ar|ous|ive|ary|oid|ile|ent|ant|genic|tic|ical|ular|eal|ial|ine)$"
)
_NOUN_SUFFIX = re.compile(
    r"(?:oma|ectomy|otomy|ostomy|plasty|itis|osis|sis|ia|ism|ogy|graphy|scopy|therapy|"
    r"ation|ization|ment|ness|ity|ure|cyte|blast|gram|mater|us|um|ion|megaly|omaly|cele)$"
)
_PLURAL_NOUN_SUFFIX = re.compile(r"(?:omas|ectomies|otomies|ies|ses|ologists|cytes|ae|es|ts|s)$")


def _morphology(word: str) -> str | None:
    """A tag from the shape of an unknown lower-case word, or None to keep the base tag."""
    if "-" in word:
        last = word.rsplit("-", 1)[1]
        return _morphology(last) or "JJ"
    if word.endswith(DRUG_SUFFIXES) and len(word) >= 7:
        return "NN"  # "nimodipine", "bevacizumab": drug names, not adjectives in -ine
    if _NOUN_SUFFIX.search(word):
        return "NN"
    if _PLURAL_NOUN_SUFFIX.search(word) and not word.endswith(("ous", "ss", "is", "us")):
        return "NNS"
    if _ADJ_SUFFIX.search(word):
        return "JJ"
    if word.endswith("ly") and len(word) > 6:
        return "RB"  # "histologically", "radiographically"
    return None


def tag(words: Sequence[str]) -> list[str]:
    """Tag a sentence's tokens.

    Args:
        words: The tokens of one sentence.

    Returns:
        One Penn Treebank tag per token.
    """
    if not words:
        return []
    parser, lexicon = _parser()
    tagged = parser.find_tags(list(words))
    tags: list[str] = [t for _, t in tagged]
    for i, word in enumerate(words):
        lower = word.lower()
        if lower in EXTRA_TAGS:
            tags[i] = EXTRA_TAGS[lower]
            continue
        if word in ("'s", "’s"):
            tags[i] = "POS"
            continue
        if word[:1].isdigit() or lower in NUMBER_WORDS:
            tags[i] = "CD"
            continue
        if len(word) > 1 and word.isupper() and word.isalpha():
            tags[i] = "NNP"  # "WHO", "ETV": an acronym, never the pronoun or a verb
            continue
        if "-" in word and word[:1].isalnum():
            hyphen_tag = _hyphenated(word)
            if hyphen_tag:
                tags[i] = hyphen_tag
                continue
        if not word[:1].isalnum():
            # Punctuation tags as itself (Penn style), so dashes never join noun phrases.
            tags[i] = word if word in (",", ".", ":", "(", ")") else ":"
            continue
        known = lexicon.get(word) is not None or (i == 0 and lexicon.get(lower) is not None)
        is_acronym = len(word) > 1 and word.isupper()
        if i == 0 and tags[i] == "NNP" and not is_acronym:
            # A capital letter at the start of a sentence says nothing about the word.
            base = lexicon.get(lower)
            tags[i] = base if base else (_morphology(lower) or "NN")
        elif not known and not is_acronym and word.isalpha() and word.islower():
            tags[i] = _morphology(lower) or tags[i]
        if tags[i] == "VBG" and (lower in GERUND_NOUNS or lower in MEDICAL_WORDS):
            tags[i] = "NN"
    _context_fixes(words, tags)
    return tags


def _hyphenated(word: str) -> str | None:
    """The tag of "IDH-wildtype" (a term: noun) or "re-irradiation" (by its last part)."""
    parts = word.split("-")
    if any(len(p) > 1 and p.isupper() and p[:1].isalpha() for p in parts):
        return "NN"  # a gene or acronym term: "IDH-wildtype", "MGMT-methylated"
    last = parts[-1].lower()
    if not last.isalpha() or not word.islower():
        return None
    base = _parser()[1].get(last)
    if base in ("NN", "NNS"):
        return str(base)
    if base is None:
        found = _morphology(last)
        return found if found in ("NN", "NNS") else None
    return None


_MOTION_PREPOSITIONS = frozenset(("from", "into", "across", "between", "through", "toward"))
"""After a plural-looking word, these make it a verb: "the score ranges from 3 to 15"."""
_OBJECT_TAGS = frozenset({"DT", "JJ", "NN", "NNS", "NNP", "PRP$", "RB", "CD"})
_FINITE = frozenset({"VBZ", "VBP", "VBD", "MD"})


def _context_fixes(words: Sequence[str], tags: list[str]) -> None:
    if len(words) > 1 and tags[0] == "JJ" and (words[1] == "," or tags[1] in _FINITE):
        tags[0] = "NN"  # "Nimodipine, an oral ...", "Dexamethasone reduces ...": a subject
    pronoun = words[0].lower() in ("it", "they", "he", "she")
    if len(words) > 2 and pronoun and tags[1] in ("NN", "NNS"):
        tags[1] = "VBZ" if words[1].lower().endswith("s") else "VBP"  # "It flows from ..."
    for i in range(1, len(words)):
        lower = words[i].lower()
        following = tags[i + 1] if i + 1 < len(words) else ""
        relative = (
            i >= 2
            and lower.isalpha()
            and words[i - 1].lower() in ("that", "which", "who")
            and tags[i - 2].startswith("NN")
        )
        unknown_verb = relative and not known_word(lower) and _morphology(lower) is None
        coordinated = (
            words[i - 1].lower() in ("and", "or")
            and any(t in _FINITE for t in tags[: i - 1])
            and lower in VERB_NOUNS
        )
        if (
            tags[i] in ("NN", "NNS", "JJ", "VB")
            and following in _OBJECT_TAGS
            and not words[i][:1].isupper()
            and (
                (lower in VERB_NOUNS and (tags[i - 1] in ("NN", "NNS", ")") or relative))
                or unknown_verb
                or coordinated
            )
        ):
            # "adenomas cause acromegaly", "adenomas that secrete ACTH": the verb of a clause
            tags[i] = "VBZ" if lower.endswith("s") and not lower.endswith("ss") else "VBP"
        if (
            tags[i] in ("NNS", "VBZ")
            and lower.endswith("ates")
            and not known_word(lower)
            and tags[i - 1].startswith("NN")
            and following in ("IN", "DT", "RB", "TO")
        ):
            tags[i] = "VBZ"  # "the hindbrain herniates into ...": a verb in -ates
        if tags[i] == "NNS" and words[i - 1] == ")" and following in ("DT", "PRP$"):
            tags[i] = "VBZ"  # "microvascular decompression (MVD) moves the vessel"
        if tags[i] == "VB" and tags[i - 1] in ("VBZ", "VBP", "VBD") and following.startswith("NN"):
            tags[i] = "JJ"  # "options include repeat surgery": a modifier, not a second verb
        prev = tags[i - 1]
        following = tags[i + 1] if i + 1 < len(words) else ""
        upper = words[i][:1].isupper()
        if prev == "MD" and tags[i] in ("NN", "NNS", "JJ", "VBP") and not upper:
            # "can decrease": a modal is followed by a verb.
            tags[i] = "VB" if words[i].lower() != "not" else tags[i]
        elif prev == "TO" and tags[i] in ("NN", "VBP") and not upper:
            # "to control recurrent tumors" (a verb) but "due to scar tissue" (a noun).
            tags[i] = "VB" if following in ("DT", "JJ", "PRP$", "RB", "PRP") else tags[i]
        if tags[i] == "VB" and prev in ("IN", "DT", "JJ") and following in ("NN", "NNS"):
            tags[i] = "JJ"  # "with repeat surgery": a verb form used as a modifier
        moving = i + 1 < len(words) and words[i + 1].lower() in _MOTION_PREPOSITIONS
        if (
            tags[i] == "NNS"
            and prev in ("NN", "NNP")
            and (following in ("DT", "JJ", "NN", "PRP$", "RB") or moving)
            and words[i].lower() not in MEDICAL_WORDS
        ):
            tags[i] = "VBZ"  # "the approach sacrifices residual hearing": a verb, not a noun
        if (
            tags[i] == "NNS"
            and words[i - 1].lower() in ("that", "which", "who")
            and following in ("DT", "PRP$", "JJ", "VBG", "NN", "NNS", "NNP")
        ):
            tags[i] = "VBZ"  # "an injury that tears the veins": the verb of the relative
        if (
            words[i].lower() in ("account", "accounts")
            and i + 1 < len(words)
            and words[i + 1].lower() == "for"
        ):
            tags[i] = "VBZ" if words[i].lower().endswith("s") else "VBP"  # "tumors account for"
        if tags[i] == "NNS" and tags[i - 1] == "RB" and following in ("DT", "PRP$"):
            tags[i] = "VBZ"  # "the head suddenly hits an object": a verb after its adverb
        if (
            tags[i] in ("VBP", "VB")
            and lower.isalpha()
            and not known_word(lower)
            and (prev in ("IN", "DT", "JJ") or (prev == "NN" and "-" in words[i - 1]))
        ):
            tags[i] = "NN"  # "with high-dose methotrexate": an unknown word in a phrase
        if lower in ("stem", "stems") and words[i - 1].lower() == "brain":
            tags[i] = "NNS" if lower.endswith("s") else "NN"  # "the brain stem": a noun
        if words[i].lower() == "present" and i + 1 < len(words) and words[i + 1] == "with":
            tags[i] = "VBP"
