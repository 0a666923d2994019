"""Lists written inside one sentence, too long for a cloze: "Symptoms of NF1 may include
light brown spots on the skin, two or more growths on the iris, a tumor on the optic nerve,
a larger than normal head circumference, and abnormalities of the bone."

Such a sentence is too long for one fact, and a blank on one of its items lets any other
item fit. Asked as a list ("name 3 of 5") it is one fact a resident must retain.

Example:
    >>> inline_list("Typical signs include headache, vomiting, seizures, ataxia and diplopia.")
    ('Typical signs include', ('headache', 'vomiting', 'seizures', 'ataxia', 'diplopia'))
"""

from __future__ import annotations

import re

_TRIGGER = re.compile(
    r"\b(?:symptoms?|signs?|features?|findings|manifestations?|conditions|causes|"
    r"complications?|risk factors?|abnormalities|lesions|tumou?rs|medications|drugs|"
    r"treatments?|therapies|options)\b[^.;:]{0,120}?\b"
    r"(?:may include|can include|include|includes|are|consist of)\s*:?\s|"
    r"\b(?:such as|including)\s|"
    r"\b(?:may|can|often|commonly|typically|usually) (?:cause|produce|lead to|result in)\s",
    re.IGNORECASE,
)
_AFTER_LIST = re.compile(
    r"(?i)\s*(?:an?|the|in which|which|who|that|because|when|where|although|but|depending)\s"
)
_INCLUDE = re.compile(r"\b(?:may include|can include|include|includes|including)\s", re.I)
_LONG_GLOSS = re.compile(r"\s*\((?:[^()]*?\s){4,}[^()]*\)")
_CLAUSE = re.compile(r"\s+(?:that|which|who|because|when)\b.*$", re.IGNORECASE)
_LEADING = re.compile(r"^(?:and|or|and/or|as well as)\s+", re.IGNORECASE)
MAX_ITEMS = 12
_MAX_ITEM_WORDS = 12


def _top_level_split(text: str) -> list[str]:
    """``text`` split at the commas and semicolons outside parentheses (at the semicolons
    only when it has any: "coma, a state in which ...; vegetative state, ...")."""
    parts, depth, start = [], 0, 0
    marks = ";" if ";" in text else ",;"
    for i, ch in enumerate(text):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif ch in marks and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return parts


def inline_list(sentence: str, *, min_items: int = 4) -> tuple[str, tuple[str, ...]] | None:
    """(lead-in, items) of the list a sentence ends with, or None.

    The list runs from its trigger ("symptoms ... include", "such as") to the end of the
    sentence; long parenthetical glosses are dropped, a relative clause ending an item is
    cut ("a headache that gets worse" gives "a headache"). Each item is at most ten words.
    """
    match = _TRIGGER.search(sentence)
    if match is None:
        return None
    end = match.end()
    again = _INCLUDE.search(sentence, end)
    if again and not re.search(r"[,;]", sentence[end : again.start()]):
        end = again.end()  # "options are limited and include [...]": the list follows "include"
    lead = sentence[:end].strip().rstrip(":").strip()
    tail = _LONG_GLOSS.sub("", sentence[end:]).strip().rstrip(".").strip()
    parts = _top_level_split(tail)
    if (
        len(parts) > 2
        and re.search(r"\s(?:and|or)\s.*\bof\b", parts[0])
        and all(len(p.split()) <= 3 for p in parts[1:])
    ):
        # "absence of the corpus callosum and malformations of the heart, face, limbs and
        # toes": the short items list what the last phrase is of, not items of their own
        return None
    closing = next((i for i, p in enumerate(parts[:-1]) if i and _LEADING.match(p.strip())), None)
    if closing is not None and all(
        len(p.split()) <= 3 and not re.match(r"\s*to\s", p) for p in parts[closing + 1 :]
    ):
        # "headache, pain, and problems with speech, vision, or movement": the list closed
        # at "and", what follows is that item's own list (split apart it was judged garbled)
        parts = [*parts[:closing], ",".join(parts[closing:])]
    if closing is not None and all(_AFTER_LIST.match(p) for p in parts[closing + 1 :]):
        # "..., and bevacizumab, an antibody against VEGF", "..., and vertigo, in which
        # case they are called symptomatic pineal cysts": not items
        parts = parts[: closing + 1]
    last = parts[-1].strip()
    pair = re.split(r"\s+(?:and|or)\s+", last)
    closed = _LEADING.match(last) is not None  # "..., and difficulties with balance and walking"
    short = len(last.split()) <= 6 and "(" not in last
    if len(parts) > 1 and len(pair) == 2 and short and not closed:
        parts[-1:] = pair  # "seizures, ataxia and diplopia"
    items: list[str] = []
    for part in parts:
        item = _CLAUSE.sub("", _LEADING.sub("", part.strip())).strip()
        if not item or re.match(r"(?i)to\s", item):
            continue  # "..., to help them diagnose NPH": a purpose, not an item
        if re.match(r"(?i)(?:resulting|leading|causing|giving)\s", item):
            return None  # "compression of the cord; resulting in severe pain; ...": a clause
        if re.search(r"\s(?:in|of|on|at|by|for|with|to|from)$", item):
            return None  # "a state in [which ...]": the item was cut inside a clause
        bare = re.sub(r"\([^()]*\)", "", item)  # a short gloss does not count
        if len(bare.split()) > _MAX_ITEM_WORDS or ("(" in item and ")" not in item):
            return None
        items.append(item)
    if not min_items <= len(items) <= MAX_ITEMS or len(lead.split()) < 2:
        return None
    return lead, tuple(items)
