"""A document split along its structure into chunks that fit the model's context.

The blocks are those the rules engine reads (:func:`~neuroquiz.generate.structure.structure`);
a chunk is consecutive blocks under the same top heading, cut before it would exceed the
character budget. Sections the noise rules drop are left out: they are never sent.

Example:
    >>> from pathlib import Path
    >>> from neuroquiz.generate.blocks import Block, StructuredDocument
    >>> doc = StructuredDocument(Path("x.txt"), "Chordoma",
    ...     (Block("paragraph", text="Chordomas arise from the notochord."),))
    >>> chunk_document(doc, 1000)
    ['Chordoma\\n\\nChordomas arise from the notochord.']
"""

from __future__ import annotations

from neuroquiz.generate.blocks import Block, StructuredDocument
from neuroquiz.generate.gate import noise_section


def block_text(block: Block) -> str:
    """A block as plain text: its paragraph, its list items as bullets, its table rows."""
    lines = [block.text] if block.text else []
    lines.extend(f"- {item}" for item in block.items)
    if block.header:
        lines.append(" | ".join(block.header))
    lines.extend(" | ".join(row) for row in block.rows)
    return "\n".join(lines)


def chunk_document(doc: StructuredDocument, max_chars: int) -> list[str]:
    """The chunks of ``doc``, each headed by the document title and its section heading.

    A single block longer than ``max_chars`` is cut at line boundaries, then hard.
    """
    chunks: list[str] = []
    parts: list[str] = []
    section: tuple[str, ...] | None = None
    size = 0

    def flush() -> None:
        nonlocal parts, size
        if parts:
            head = " — ".join((doc.title, *(section or ())))
            chunks.append(head + "\n\n" + "\n\n".join(parts))
        parts, size = [], 0

    for block in doc.blocks:
        if any(noise_section(h) for h in block.headings):
            continue
        text = block_text(block)
        if not text.strip():
            continue
        top = block.headings[:1]
        if top != section or size + len(text) > max_chars:
            flush()
            section = top
        for piece in _pieces(text, max_chars):
            if size + len(piece) > max_chars:
                flush()
            parts.append(piece)
            size += len(piece) + 2
    flush()
    return chunks


def _pieces(text: str, max_chars: int) -> list[str]:
    if len(text) <= max_chars:
        return [text]
    out: list[str] = []
    current = ""
    for line in text.split("\n"):
        while len(line) > max_chars:
            cut = line.rfind(" ", 0, max_chars)
            cut = cut if cut > 0 else max_chars
            out.append(line[:cut])
            line = line[cut:].lstrip()
        if current and len(current) + len(line) + 1 > max_chars:
            out.append(current)
            current = ""
        current = f"{current}\n{line}" if current else line
    if current:
        out.append(current)
    return out
