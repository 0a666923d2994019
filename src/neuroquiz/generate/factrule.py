"""What a fact rule is (:class:`FactRule`) and the pattern pieces the rule tables share."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Side = Literal["after", "before", "match", "clause"]
ART = r"(?:(?:an?|the|one of the)\s+)?"
"""An optional article before an answer."""
NOT_PRONOUN = r"(?!(?:it|its|this|these|they|their|such|that|those|there|here|he|she|both|one|some|many|others|each|all)\b)"


@dataclass(frozen=True)
class FactRule:
    """One kind of fact and how its answer is found.

    Attributes:
        name: Shown by ``generate --explain``.
        fact: The kind of fact (CARD-QUALITY.md's list).
        trigger: The words announcing the fact (case-insensitive).
        side: Where the answer is: the noun phrase or list ``after`` the trigger, the one
            ``before`` it, the ``match`` itself (a number, a quantifier), or the ``clause``
            after it up to the next comma (a condition: "If [medication fails], ...").
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


def rule(
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
    """A :class:`FactRule` with its pattern compiled (case-insensitive unless ``case``)."""
    flags = 0 if case else re.IGNORECASE
    return FactRule(name, fact, re.compile(pattern, flags), side, weight, example, lists)
