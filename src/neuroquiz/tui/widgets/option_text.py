"""Multiple-choice options shown in one form, so that no option stands out by its form.

Options come from different places (an author's answer, distractors typed in a hurry,
answers of other cards, generated text), so the right one can stand out by how it is
written: ``Bridging veins`` among ``sigmoid sinus`` and ``middle meningeal artery``, or the
only option ending in a full stop. :func:`display_options` shows them all the same way:

- surrounding spaces dropped and runs of spaces, tabs or line breaks made one space;
- the first letter upper-cased, unless the first word is already mixed-case or an acronym
  (``mRNA``, ``pH``, ``t-PA``, ``MCA`` stay as they are) or the letter is not a Latin one
  (``α-synuclein`` stays);
- a final full stop dropped when only some of the options have one (not from an
  abbreviation such as ``e.g.`` or ``etc.``).

This is for display only: the quiz compares answers by index, never by text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

_SPACES = re.compile(r"[ \t\r\n]+")
_ABBREVIATIONS = frozenset({"etc.", "al.", "vs.", "approx.", "min.", "max."})
"""Last words whose full stop belongs to the word, not to a sentence."""


def _is_latin_lower(ch: str) -> bool:
    return ch.islower() and unicodedata.name(ch, "").startswith("LATIN")


def capitalised(option: str) -> str:
    """``option`` with its first letter upper-cased, unless that would change a word's
    meaning or look (see the module docstring).

    Example:
        >>> [capitalised(o) for o in ("bridging veins", "mRNA", "c5", "α-synuclein")]
        ['Bridging veins', 'mRNA', 'C5', 'α-synuclein']
    """
    if not option or not _is_latin_lower(option[0]):
        return option
    first_word = option.split(" ", 1)[0]
    if any(ch.isupper() for ch in first_word):
        return option  # mixed case (mRNA, pH, t-PA): written that way on purpose
    upper = option[0].upper()
    return upper + option[1:] if len(upper) == 1 else option  # "ß".upper() is "SS"


def _ends_sentence(option: str) -> bool:
    """True if ``option`` ends with a full stop that closes a sentence."""
    if not option.endswith(".") or option.endswith(".."):
        return False
    last_word = option.rsplit(" ", 1)[-1]
    if last_word.casefold() in _ABBREVIATIONS or "." in last_word[:-1]:
        return False  # etc. / e.g. / U.S.
    return len(option) > 1


def display_options(options: Sequence[str]) -> list[str]:
    """The options as the quiz shows them: one case convention, one punctuation.

    Args:
        options: The options as stored, in the order shown.

    Returns:
        One display string per option, in the same order. Options that are different stay
        different (compared without case and spacing): when a change would make two of them
        equal, that change is not made.
    """
    tidy = [capitalised(_SPACES.sub(" ", option).strip(" ")) for option in options]
    stops = [_ends_sentence(option) for option in tidy]
    if any(stops) and not all(stops):
        trimmed = [text[:-1] if stop else text for text, stop in zip(tidy, stops, strict=True)]
        if _distinct(trimmed):
            tidy = trimmed
    # Options the quiz keeps apart stay apart, even at the cost of the convention.
    return tidy if _distinct(tidy) or not _distinct(options) else list(options)


def _distinct(options: Sequence[str]) -> bool:
    """True if no two options are the same, ignoring case and spacing (as the quiz does)."""
    return len({_SPACES.sub(" ", option).strip(" ").casefold() for option in options}) == len(
        options
    )
