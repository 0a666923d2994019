"""The structure of a document as the generator reads it: blocks under headings.

Every reader (plain text, Markdown, HTML, PDF) gives the same shape: a title and a flat
sequence of :class:`Block` values, each carrying the path of headings it sits under. A
paragraph is prose; a list keeps its lead-in sentence and its items; a table keeps its
header and its rows, so that a row can become a fact of its row label and column header.

Example:
    >>> Block("list", text="Symptoms include:", items=("headache", "vomiting"),
    ...       headings=("What are the symptoms of X?",)).kind
    'list'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

BlockKind = Literal["paragraph", "list", "table"]


@dataclass(frozen=True)
class Block:
    """One block of a document.

    Attributes:
        kind: ``paragraph``, ``list`` or ``table``.
        text: The paragraph's text; for a list, the sentence that introduces it ("Signs
            include:"), or "" when there is none; for a table, its caption or "".
        items: The items of a list, each single-spaced, without its bullet.
        header: The header cells of a table ("" where a cell is empty).
        rows: The body rows of a table, cells single-spaced.
        headings: The headings above the block, outermost first (the document title is
            not one of them).
    """

    kind: BlockKind
    text: str = ""
    items: tuple[str, ...] = ()
    header: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    headings: tuple[str, ...] = ()

    @property
    def heading(self) -> str | None:
        """The nearest heading above the block, if any."""
        return self.headings[-1] if self.headings else None

    @property
    def word_count(self) -> int:
        """Words of text the block holds."""
        words = len(self.text.split()) + sum(len(i.split()) for i in self.items)
        return words + sum(len(c.split()) for row in self.rows for c in row)


@dataclass(frozen=True)
class StructuredDocument:
    """A document read into blocks.

    Attributes:
        path: The file it came from.
        title: Its title: the format's title, else its first line.
        blocks: Its blocks in reading order.
        warnings: Notes for the user (a fallback decoding, say).
    """

    path: Path
    title: str
    blocks: tuple[Block, ...]
    warnings: tuple[str, ...] = field(default=())

    @property
    def word_count(self) -> int:
        """Words of the document's blocks."""
        return sum(b.word_count for b in self.blocks)
