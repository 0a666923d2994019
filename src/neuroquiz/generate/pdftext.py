"""The text layer of a PDF laid out as paragraphs: no running headers, no page numbers.

A PDF's text comes as lines, in page order, with no paragraph breaks and with words
hyphenated across line ends. This module undoes the layout:

- a line repeated at the top or bottom of several pages (a journal's running header) and
  a page number ("Page 1 of 2", "- 3 -") are dropped;
- lines are joined back into paragraphs; a paragraph ends at a line that stops short of the
  text width after a sentence end; a short line without a sentence end between paragraphs
  is a heading;
- "cerebel-" + "lar" is re-joined as "cerebellar".
"""

from __future__ import annotations

import re
from collections import Counter

_PAGE_NUMBER = re.compile(
    r"^(?:page\s*)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$|^[-–—]\s*\d{1,4}\s*[-–—]$", re.IGNORECASE
)
_EDGE = 3
"""Lines at the top and bottom of a page that may be running headers or footers."""
_TERMINAL = (".", "!", "?", ":", '."', ".)", "?)")
_SHORT = 0.85
"""A line shorter than this share of the text width, after a sentence end, ends a paragraph."""
_HEADING_WIDTH = 0.6
_HEADING_WORDS = 10


def _shape(line: str) -> str:
    return re.sub(r"\d+", "#", line.lower())


def _strip_page_furniture(pages: list[list[str]]) -> list[list[str]]:
    """Drop page numbers and lines repeated at the edges of several pages."""
    edges: Counter[str] = Counter()
    for lines in pages:
        edges.update({_shape(line) for line in lines[:_EDGE] + lines[-_EDGE:]})
    repeated = {shape for shape, n in edges.items() if n >= 2} if len(pages) >= 2 else set()
    kept: list[list[str]] = []
    for lines in pages:
        out = []
        for k, line in enumerate(lines):
            edge = k < _EDGE or k >= len(lines) - _EDGE
            if edge and (_shape(line) in repeated or _PAGE_NUMBER.match(line)):
                continue
            out.append(line)
        kept.append(out)
    return kept


def _width(lines: list[str]) -> int:
    """The text width in characters: the length most full lines reach."""
    lengths = sorted(len(line) for line in lines if len(line) > 20)
    if not lengths:
        return max((len(line) for line in lines), default=0)
    return lengths[int(0.9 * (len(lengths) - 1))]


def _is_heading(line: str) -> bool:
    return 0 < len(line.split()) <= _HEADING_WORDS and line[:1].isupper()


def layout_text(page_texts: list[str]) -> tuple[str, tuple[str, ...]]:
    """Paragraphs of a PDF's extracted page texts, and the headings found among them.

    Args:
        page_texts: The text of each page as the PDF library extracted it (lines).

    Returns:
        Text with blank lines between paragraphs, and the heading lines.
    """
    pages = [[" ".join(line.split()) for line in text.splitlines()] for text in page_texts]
    pages = [[line for line in lines if line] for lines in pages]
    lines = [line for page in _strip_page_furniture(pages) for line in page]
    width = _width(lines)
    blocks: list[str] = []
    headings: list[str] = []
    current = ""
    ended = True
    for line in lines:
        short = len(line) < _HEADING_WIDTH * width and not line.endswith(("-", ","))
        if ended and short and not line.endswith(_TERMINAL):
            # A short line on its own between paragraphs: a heading, a title, a byline.
            blocks.append(line)
            if _is_heading(line):
                headings.append(line)
            continue
        if current.endswith("-") and current[-2:-1].isalpha() and line[:1].islower():
            current = current[:-1] + line
        else:
            current = f"{current} {line}" if current else line
        ended = short or (line.endswith(_TERMINAL) and len(line) < _SHORT * width)
        if ended:
            blocks.append(current)
            current = ""
    if current:
        blocks.append(current)
    return "\n\n".join(blocks), tuple(headings)
