"""Read a document (.txt, .md, .html, .pdf) into plain text, or fail with one clear line.

Every failure is a :class:`~neuroquiz.errors.NeuroquizError` naming the file: an empty file,
a binary file, a PDF without a text layer, an unsupported extension, a file too large.
A text that is not UTF-8 is decoded with a fallback and the fact is reported as a warning.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from neuroquiz.errors import NeuroquizError
from neuroquiz.generate.markup import html_to_text, markdown_to_text
from neuroquiz.generate.pdftext import layout_text

__all__ = [
    "FORMATS",
    "MAX_BYTES",
    "RawDocument",
    "decode_text",
    "html_to_text",
    "markdown_to_text",
    "read_document",
]

FORMATS: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
}
"""Supported file extensions and the reader each one uses."""

MAX_BYTES = 20 * 1024 * 1024
"""Largest accepted input; a bigger file is refused rather than risking memory."""


@dataclass(frozen=True)
class RawDocument:
    """A document read from disk: its plain text and what the format told about it.

    Attributes:
        path: The file read.
        text: Plain text; paragraphs on their own lines, blank lines between blocks.
        title_hint: A title given by the format (HTML ``<title>``/``<h1>``, Markdown ``#``).
        warnings: Things the user should know, e.g. the text was not UTF-8.
        headings: Lines the format marks as headings (HTML ``<h2>``, Markdown ``##``, a
            short line between paragraphs of a PDF).
    """

    path: Path
    text: str
    title_hint: str | None = None
    warnings: tuple[str, ...] = ()
    headings: tuple[str, ...] = ()
    markup: str | None = None


def read_document(path: Path, *, max_bytes: int = MAX_BYTES) -> RawDocument:
    """Read ``path`` according to its extension.

    Args:
        path: A .txt, .md, .html or .pdf file.
        max_bytes: Size limit; larger files are refused.

    Returns:
        The document's plain text and metadata.

    Raises:
        NeuroquizError: The file is missing, unsupported, empty, binary, too large, or a PDF
            without a text layer.
    """
    path = Path(path)
    kind = FORMATS.get(path.suffix.lower())
    if kind is None:
        supported = ", ".join(sorted(FORMATS))
        raise NeuroquizError(
            f"unsupported file type {path.suffix or '(none)'!r}; use {supported}", path=path
        )
    try:
        size = path.stat().st_size
    except OSError as error:
        raise NeuroquizError(f"cannot read: {error.strerror or error}", path=path) from None
    if size > max_bytes:
        raise NeuroquizError(
            f"file too large ({size / 1_048_576:.1f} MB; limit {max_bytes / 1_048_576:.0f} MB)",
            path=path,
        )
    try:
        data = path.read_bytes()
    except OSError as error:
        raise NeuroquizError(f"cannot read: {error.strerror or error}", path=path) from None
    if not data.strip():
        raise NeuroquizError("the file is empty", path=path)
    if kind == "pdf":
        return _read_pdf(path, data)
    text, warning = decode_text(data, path)
    warnings = (warning,) if warning else ()
    headings: tuple[str, ...] = ()
    markup = text if kind in ("html", "markdown") else None
    if kind == "html":
        text, title, headings = html_to_text(text)
    elif kind == "markdown":
        text, title, headings = markdown_to_text(text)
    else:
        title = None
    if not text.strip():
        raise NeuroquizError("no text found in the file", path=path)
    return RawDocument(
        path=path, text=text, title_hint=title, warnings=warnings, headings=headings, markup=markup
    )


def decode_text(data: bytes, path: Path) -> tuple[str, str | None]:
    """Decode bytes as UTF-8, falling back to cp1252 then latin-1.

    Returns:
        The text and a warning when a fallback was used (None for UTF-8).

    Raises:
        NeuroquizError: The bytes look binary rather than text.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError:
            raise NeuroquizError("binary file, not text", path=path) from None
    head = data[:8192]
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    if b"\x00" in head or controls > len(head) // 20:
        raise NeuroquizError("binary file, not text", path=path)
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "not valid UTF-8; decoded as Windows-1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "not valid UTF-8; decoded as Latin-1"


def _read_pdf(path: Path, data: bytes) -> RawDocument:
    import io

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise NeuroquizError("the PDF is encrypted", path=path)
        pages = [page.extract_text() or "" for page in reader.pages]
        title = _pdf_title(reader)
    except NeuroquizError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError):
        raise NeuroquizError("not a readable PDF", path=path) from None
    if not any(page.strip() for page in pages):
        raise NeuroquizError("the PDF has no text layer (a scan?); run OCR on it first", path=path)
    text, headings = layout_text(pages)
    return RawDocument(path=path, text=text, title_hint=title, headings=headings)


def _pdf_title(reader: object) -> str | None:
    """The title in a PDF's metadata, if it looks like one (not a file name)."""
    metadata = getattr(reader, "metadata", None)
    title = getattr(metadata, "title", None) if metadata is not None else None
    if not isinstance(title, str) or not title.strip():
        return None
    title = " ".join(title.split())
    lowered = title.lower()
    if lowered.endswith((".doc", ".docx", ".pdf", ".tex", ".indd")) or lowered == "untitled":
        return None
    return title
