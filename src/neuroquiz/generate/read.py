"""Read a document (.txt, .md, .html, .pdf) into plain text, or fail with one clear line.

Every failure is a :class:`~neuroquiz.errors.NeuroquizError` naming the file: an empty file,
a binary file, a PDF without a text layer, an unsupported extension, a file too large.
A text that is not UTF-8 is decoded with a fallback and the fact is reported as a warning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from neuroquiz.errors import NeuroquizError
from neuroquiz.generate.lexicon import split_words

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
    """

    path: Path
    text: str
    title_hint: str | None = None
    warnings: tuple[str, ...] = ()


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
    if kind == "html":
        text, title = html_to_text(text)
    elif kind == "markdown":
        text, title = markdown_to_text(text)
    else:
        title = None
    if not text.strip():
        raise NeuroquizError("no text found in the file", path=path)
    return RawDocument(path=path, text=text, title_hint=title, warnings=warnings)


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
    except NeuroquizError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError):
        raise NeuroquizError("not a readable PDF", path=path) from None
    text = "\n\n".join(page.strip() for page in pages if page.strip())
    if not text.strip():
        raise NeuroquizError("the PDF has no text layer (a scan?); run OCR on it first", path=path)
    return RawDocument(path=path, text=text)


_SKIP_TAGS = frozenset(
    split_words(
        "script style nav footer header aside noscript form svg button select template iframe"
    )
)
_BLOCK_TAGS = frozenset(
    split_words(
        "p div br li ul ol h1 h2 h3 h4 h5 h6 tr table section article blockquote dd dt pre "
        "figcaption main title hr"
    )
)


class _TextExtractor(HTMLParser):
    """Collects visible text, one block per line; remembers <title> and the first <h1>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip_depth = 0
        self.title: str | None = None
        self.h1: str | None = None
        self._capture: str | None = None
        self._captured: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self.skip_depth += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")
        if tag in ("title", "h1") and self._capture is None:
            self._capture, self._captured = tag, []

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS and self.skip_depth:
            self.skip_depth -= 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")
        if tag == self._capture:
            text = " ".join("".join(self._captured).split())
            if tag == "title" and self.title is None:
                self.title = text or None
            elif tag == "h1" and self.h1 is None:
                self.h1 = text or None
            self._capture = None

    def handle_data(self, data: str) -> None:
        if self._capture is not None:
            self._captured.append(data)
        if self.skip_depth or self._capture == "title":
            return
        self.parts.append(data)


def html_to_text(html: str) -> tuple[str, str | None]:
    """Visible text of an HTML page, one block per paragraph, and its title (h1 first)."""
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    raw = "".join(parser.parts)
    blocks = [" ".join(block.split()) for block in re.split(r"\n\s*\n", raw)]
    return "\n\n".join(block for block in blocks if block), parser.h1 or parser.title


_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1")


def markdown_to_text(markdown: str) -> tuple[str, str | None]:
    """Plain text of a Markdown document and its first ``#`` heading as the title."""
    title: str | None = None
    lines: list[str] = []
    in_code = False
    for line in markdown.splitlines():
        stripped = line.strip()
        if stripped.startswith(("```", "~~~")):
            in_code = not in_code
            continue
        if in_code or stripped.startswith("|") or re.fullmatch(r"[-=*_ ]{3,}", stripped):
            continue
        stripped = re.sub(r"<[^>]+>", "", stripped)
        stripped = _MD_LINK.sub(lambda m: m.group(1), stripped)
        stripped = _MD_EMPHASIS.sub(lambda m: m.group(2), stripped)
        heading = re.match(r"(#{1,6})\s+(.*?)\s*#*$", stripped)
        if heading:
            text = heading.group(2)
            if title is None and len(heading.group(1)) == 1:
                title = text
            lines.extend(["", text, ""])
            continue
        stripped = re.sub(r"^(?:>\s*)+", "", stripped)
        stripped = re.sub(r"^(?:[-*+]|\d+[.)])\s+", "", stripped)
        lines.append(stripped)
    return "\n".join(lines), title
