"""Read any supported document into a :class:`~.blocks.StructuredDocument`.

The file checks (size, type, encoding, text layer) are :func:`~.read.read_document`'s;
the structure comes from the reader of each format: Markdown and HTML keep their headings,
lists and tables (:mod:`.structure_markup`); plain text and a PDF's laid-out text are read
by :mod:`.structure_text`.
"""

from __future__ import annotations

from pathlib import Path

from neuroquiz.generate.blocks import StructuredDocument
from neuroquiz.generate.read import FORMATS, MAX_BYTES, RawDocument, read_document
from neuroquiz.generate.structure_markup import html_blocks, markdown_blocks
from neuroquiz.generate.structure_text import text_blocks


def structure(raw: RawDocument) -> StructuredDocument:
    """The blocks of a document already read from disk."""
    kind = FORMATS.get(raw.path.suffix.lower(), "text")
    title: str | None
    if kind == "markdown" and raw.markup is not None:
        title, blocks = markdown_blocks(raw.markup)
    elif kind == "html" and raw.markup is not None:
        title, blocks = html_blocks(raw.markup)
    else:
        title, blocks = text_blocks(raw.text, raw.title_hint)
    name = title or raw.title_hint or raw.path.stem.replace("_", " ").replace("-", " ")
    return StructuredDocument(raw.path, " ".join(name.split()), blocks, raw.warnings)


def read_structured(path: Path, *, max_bytes: int = MAX_BYTES) -> StructuredDocument:
    """Read ``path`` and its structure.

    Raises:
        NeuroquizError: The file cannot be read (see :func:`~.read.read_document`).
    """
    return structure(read_document(path, max_bytes=max_bytes))
