"""Text made safe to draw: control characters visible, never interpreted by the terminal.

A light module (no card models, no widgets), so the home screen can use it at start-up;
:mod:`neuroquiz.tui.widgets.card_text` builds card text on it.
"""

from __future__ import annotations

_VISIBLE: dict[int, str] = {code: chr(0x2400 + code) for code in range(0x20)}
_VISIBLE[0x7F] = "\u2421"  # DEL -> ␡
_VISIBLE.update({code: f"\\x{code:02x}" for code in range(0x80, 0xA0)})
_BIDI = (*range(0x202A, 0x202F), *range(0x2066, 0x206A))
_VISIBLE.update({code: f"<U+{code:04X}>" for code in _BIDI})
_VISIBLE[ord("\n")] = "\n"
_VISIBLE[ord("\t")] = "    "
"""What each control character is shown as (one ``str.translate`` pass, fast on 100 KB)."""


def display_safe(raw: str) -> str:
    """Return ``raw`` with every control character made visible, for display only.

    Newlines are kept; ``\\r\\n`` and lone ``\\r`` become newlines; tabs become four spaces.
    Other C0 controls and DEL become their Unicode "control picture" (``\\x1b`` -> ``␛``), C1
    controls (``\\x80``-``\\x9f``, e.g. the 8-bit CSI) become ``\\x9b``-style escapes, and
    bidirectional overrides become ``<U+202E>``-style text so that they cannot reorder a line.

    Example:
        >>> display_safe("a\\x1b[31mb")
        'a␛[31mb'
    """
    return raw.replace("\r\n", "\n").replace("\r", "\n").translate(_VISIBLE)


def single_line(raw: str) -> str:
    """``raw`` made display-safe on one line: line breaks and runs of spaces become one space.

    For places that have one line only: a dropdown, a plot label, a caption.

    Example:
        >>> single_line("Spine\\n  [b]trauma[/b]\\x1b")
        'Spine [b]trauma[/b]␛'
    """
    return " ".join(display_safe(raw).split())
