"""Typed answers (``typed: true``): compare what was typed with the answer, propose a grade.

Pure functions, no UI: the study screen shows :attr:`TypedResult.segments` as a diff and
offers :attr:`TypedResult.grade`, which the learner can change with the usual grade keys.

The proposed grade, from the strictest comparison that holds:

- **5** the same text (runs of spaces and line breaks count as one space: a one-line box
  cannot hold the line breaks of a multi-line answer);
- **4** the same but for case, accents and spaces (``Abducens`` for ``abducens``,
  ``3to15`` for ``3 to 15``, ``Horner`` for ``Hörner``);
- **3** a small slip in a word: at most one edit (a letter added, dropped or changed) per
  :data:`CHARS_PER_EDIT` letters of the answer once case, accents and spaces are set aside
  (``abducns`` for ``abducens``), for answers of at least :data:`MIN_SLIP_CHARS` letters,
  and the same digits in the same order (``C5`` for ``C6`` is wrong, not a slip);
- **1** anything else (wrong, but the answer is seen now);
- **0** nothing typed (a blackout).
"""

from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass
from typing import Literal

CHARS_PER_EDIT = 8
"""One edit is forgiven per this many letters of the answer (grade 3)."""
MIN_SLIP_CHARS = 5
"""Shorter answers forgive no edit: one letter of ``CN4`` or ``L5`` is the whole answer."""

SegmentKind = Literal["same", "wrong", "missing"]
"""A diff segment: typed and right (``same``), typed but not in the answer (``wrong``), in
the answer but not typed (``missing``)."""


@dataclass(frozen=True)
class TypedResult:
    """What comparing a typed answer with the right one found.

    Attributes:
        typed: What was typed, spaces tidied.
        expected: The right answer, spaces tidied.
        grade: The proposed SM-2 grade (see the module).
        verdict: A few words on why that grade.
        segments: The diff, in reading order: ``(kind, text)``. The ``same`` and ``wrong``
            segments spell ``typed``; the ``same`` and ``missing`` ones spell ``expected``.
    """

    typed: str
    expected: str
    grade: int
    verdict: str
    segments: tuple[tuple[SegmentKind, str], ...]


def tidy(text: str) -> str:
    """``text`` with runs of whitespace (line breaks too) as one space, ends stripped."""
    return " ".join(text.split())


def fold(text: str) -> str:
    """``text`` without case, accents or whitespace, for the lenient comparison.

    Example:
        >>> fold(" Hörner  Syndrome ")
        'hornersyndrome'
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    kept = (c for c in decomposed if not unicodedata.combining(c) and not c.isspace())
    return unicodedata.normalize("NFC", "".join(kept))


def within_edits(a: str, b: str, limit: int) -> bool:
    """True if ``a`` becomes ``b`` in at most ``limit`` edits: a character added, dropped or
    changed, or two neighbours swapped (the optimal string alignment distance).

    Only a band of ``2 * limit + 1`` diagonals is computed, so a long answer costs
    ``len * limit`` steps, not ``len ** 2``.

    Example:
        >>> within_edits("abducens", "abducns", 1), within_edits("abducens", "trochlear", 2)
        (True, False)
        >>> within_edits("trochlaer", "trochlear", 1)
        True
    """
    if abs(len(a) - len(b)) > limit:
        return False
    big = limit + 1
    before = [big] * (len(b) + 1)
    previous = [j if j <= limit else big for j in range(len(b) + 1)]
    for i in range(1, len(a) + 1):
        low, high = max(1, i - limit), min(len(b), i + limit)
        current = [big] * (len(b) + 1)
        current[0] = i if i <= limit else big
        for j in range(low, high + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            best = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                best = min(best, before[j - 2] + 1)
            current[j] = min(best, big)
        if min(current) > limit:
            return False
        before, previous = previous, current
    return previous[len(b)] <= limit


def diff_segments(typed: str, expected: str) -> tuple[tuple[SegmentKind, str], ...]:
    """A character diff of ``typed`` against ``expected`` (see :class:`TypedResult`).

    Example:
        >>> diff_segments("abducns", "abducens")
        (('same', 'abduc'), ('missing', 'e'), ('same', 'ns'))
    """
    matcher = difflib.SequenceMatcher(None, typed, expected, autojunk=False)
    segments: list[tuple[SegmentKind, str]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            segments.append(("same", typed[i1:i2]))
            continue
        if i2 > i1:
            segments.append(("wrong", typed[i1:i2]))
        if j2 > j1:
            segments.append(("missing", expected[j1:j2]))
    return tuple(segments)


def compare_typed(typed: str, expected: str) -> TypedResult:
    """Compare a typed answer with the right one and propose a grade (see the module).

    Args:
        typed: What the learner typed.
        expected: The card's answer (the back, or the front of a reversed card's second
            study card).

    Example:
        >>> compare_typed("Abducens", "abducens").grade
        4
    """
    mine, right = tidy(typed), tidy(expected)
    segments = diff_segments(mine, right)
    if not mine:
        return TypedResult(mine, right, 0, "nothing typed", (("missing", right),))
    if mine == right:
        return TypedResult(mine, right, 5, "exactly right", segments)
    loose_mine, loose_right = fold(mine), fold(right)
    if loose_mine == loose_right:
        return TypedResult(mine, right, 4, "case, accents or spaces only", segments)
    limit = max(1, len(loose_right) // CHARS_PER_EDIT)
    same_digits = _digits(loose_mine) == _digits(loose_right)
    slip = len(loose_right) >= MIN_SLIP_CHARS and same_digits
    if slip and within_edits(loose_mine, loose_right, limit):
        return TypedResult(mine, right, 3, "a small slip", segments)
    return TypedResult(mine, right, 1, "not the answer", segments)


def _digits(text: str) -> str:
    return "".join(char for char in text if char.isdigit())
