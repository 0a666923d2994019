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
    r"complications?|risk factors?|abnormalities|lesions|tumou?rs)\b[^.;:]{0,120}?\b"
    r"(?:may include|can include|include|includes|are|consist of)\s*:?\s|"
    r"\b(?:such as|including)\s",
    re.IGNORECASE,
)
_LONG_GLOSS = re.compile(r"\s*\((?:[^()]*?\s){4,}[^()]*\)")
_CLAUSE = re.compile(r"\s+(?:that|which|who|because|when)\b.*$", re.IGNORECASE)
_LEADING = re.compile(r"^(?:and|or|and/or|as well as)\s+", re.IGNORECASE)
MAX_ITEMS = 12
_MAX_ITEM_WORDS = 10


def _top_level_split(text: str) -> list[str]:
    """``text`` split at the commas and semicolons outside parentheses."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif ch in ",;" and depth == 0:
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
    lead = sentence[: match.end()].strip().rstrip(":").strip()
    tail = _LONG_GLOSS.sub("", sentence[match.end() :]).strip().rstrip(".").strip()
    parts = _top_level_split(tail)
    last = parts[-1].strip()
    pair = re.split(r"\s+(?:and|or)\s+", last)
    if len(parts) > 1 and len(pair) == 2 and len(last.split()) <= 6 and "(" not in last:
        parts[-1:] = pair  # "seizures, ataxia and diplopia"
    items: list[str] = []
    for part in parts:
        item = _CLAUSE.sub("", _LEADING.sub("", part.strip())).strip()
        if not item or re.match(r"(?i)to\s", item):
            continue  # "..., to help them diagnose NPH": a purpose, not an item
        bare = re.sub(r"\([^()]*\)", "", item)  # a short gloss does not count
        if len(bare.split()) > _MAX_ITEM_WORDS or ("(" in item and ")" not in item):
            return None
        items.append(item)
    if not min_items <= len(items) <= MAX_ITEMS or len(lead.split()) < 2:
        return None
    return lead, tuple(items)
