"""Control characters in text that leaves neuroquiz (deck names, exported files).

A control character (Unicode category ``Cc``: C0 ``\\x00``-``\\x1f``, DEL, C1
``\\x80``-``\\x9f``) shows nothing, and some start terminal escape sequences: ``cat`` on a
file holding ``\\x1b]0;…\\x07`` sets the terminal's title. YAML's double-quoted escapes
(``"\\e"``) let a deck file hold them, so what is exported is cleaned here.
"""

from __future__ import annotations

import re

_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f-\x9f]")
"""Every character of Unicode category Cc (the same set, written as ranges)."""


def control_characters(text: str, *, allowed: str = "") -> list[str]:
    """The distinct control characters of ``text`` not in ``allowed``, in order of appearance.

    Example:
        >>> control_characters("a\\x1b]0;x\\x07 b")
        ['\\x1b', '\\x07']
    """
    found = dict.fromkeys(ch for ch in _CONTROL_RE.findall(text) if ch not in allowed)
    return list(found)


def strip_controls(text: str, *, keep: str = "") -> str:
    """``text`` without control characters (those in ``keep`` stay).

    Example:
        >>> strip_controls("Neuro\\x1b]0;x\\x07 basics")
        'Neuro]0;x basics'
    """
    return _CONTROL_RE.sub(lambda m: m.group(0) if m.group(0) in keep else "", text)


def describe_control(char: str) -> str:
    """A control character as a person can read it: ``U+001B``."""
    return f"U+{ord(char):04X}"
