"""Source context: the sentence a card was made from, and its paragraph in the document."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from neuroquiz.fileio import FileTooLargeError, read_regular_file, stays_inside
from neuroquiz.models import Source
from neuroquiz.tui.widgets.card_text import display_safe

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".rst", ".text")
"""Source documents read as plain text (others are named but not opened)."""
MAX_SOURCE_BYTES = 20_000_000
"""Larger files are not read for context (a guard against opening a huge file by mistake)."""

MAX_PARAGRAPH_CHARS = 1500
"""A blank-line block longer than this is not one paragraph (a file with one paragraph per
line, or no blank lines at all): the line(s) around the sentence are shown instead."""
CONTEXT_LINES = 2
"""Lines shown before and after a sentence that spans lines of an over-long block."""

_PARAGRAPH_BREAK_RE = re.compile(r"\n[ \t]*\n")
_EQUIVALENT = {
    "'": "'‘’‛`´",
    '"': '"“”„',
    "-": "-‐‑‒–—−",
}
"""Characters that extraction or typography swap for each other (curly quotes, dashes)."""
_CLASS_OF = {ch: f"[{re.escape(chars)}]" for chars in _EQUIVALENT.values() for ch in chars}


def sentence_pattern(sentence: str) -> re.Pattern[str] | None:
    """A regex matching ``sentence`` in a document despite re-flowed whitespace, case, and
    straight-versus-curly quotes or dashes. None for a blank sentence."""
    words = sentence.split()
    if not words:
        return None
    parts = ["".join(_CLASS_OF.get(ch, re.escape(ch)) for ch in word) for word in words]
    return re.compile(r"\s+".join(parts), re.IGNORECASE)


def find_paragraph(document: str, sentence: str) -> str | None:
    """The paragraph of ``document`` that contains ``sentence``, or None if it is not there.

    A paragraph is a block between blank lines. Whitespace, case, quotes and dashes are
    matched loosely, because extraction from PDF or wrapped text re-flows and re-types them.
    A block too long to be one paragraph gives the line holding the sentence (or the lines
    around it).

    Example:
        >>> find_paragraph("A one.\\n\\nB two. C\\nthree.", "c three.")
        'B two. C\\nthree.'
    """
    pattern = sentence_pattern(sentence)
    if pattern is None:
        return None
    for block in _PARAGRAPH_BREAK_RE.split(document.replace("\r\n", "\n")):
        match = pattern.search(block)
        if match is None:
            continue
        block = block.strip("\n")
        if len(block) <= MAX_PARAGRAPH_CHARS:
            return block.strip()
        match = pattern.search(block)
        assert match is not None
        lines = block.split("\n")
        first = block.count("\n", 0, match.start())
        last = block.count("\n", 0, match.end())
        if first == last:
            return lines[first].strip()
        low, high = max(0, first - CONTEXT_LINES), min(len(lines), last + CONTEXT_LINES + 1)
        return "\n".join(line.strip() for line in lines[low:high])
    return None


def find_document(sources_dir: Path, name: str, root: Path | None = None) -> Path | None:
    """The file of source document ``name`` in ``sources_dir``: the exact name, else same stem.

    Only a plain name is looked up (no path parts), and only a file that stays inside
    ``root`` (the deck folder: by default the parent of ``sources_dir``) once every symbolic
    link is followed, so neither a card nor a link in a shared deck folder can point
    outside it.
    """
    base = Path(name).name
    if not base or not sources_dir.is_dir():
        return None
    inside = root if root is not None else sources_dir.parent
    exact = sources_dir / base
    if _readable_text(exact, inside):
        return exact
    stem = Path(base).stem.casefold()
    for candidate in sorted(sources_dir.iterdir()):
        if candidate.stem.casefold() == stem and _readable_text(candidate, inside):
            return candidate
    return None


def _readable_text(path: Path, root: Path) -> bool:
    return path.suffix.lower() in TEXT_SUFFIXES and path.is_file() and stays_inside(path, root)


@dataclass(frozen=True)
class SourceContext:
    """What could be found about a card's source."""

    document: Path | None
    """The document file, if found."""
    paragraph: str | None
    """The paragraph holding the first sentence, if found."""
    note: str
    """Why there is no paragraph, when there is none."""


def load_context(source: Source, sources_dir: Path, root: Path | None = None) -> SourceContext:
    """Find ``source``'s document in ``sources_dir`` and the paragraph with its sentence.

    ``root`` is the folder the document must stay inside (see :func:`find_document`).
    """
    document = find_document(sources_dir, source.document, root)
    if document is None:
        if find_document(sources_dir, source.document, Path("/")) is not None:
            return SourceContext(
                None, None, "The document is a link that leads outside the deck folder: not opened."
            )
        return SourceContext(None, None, f"The document is not in {sources_dir}.")
    if not source.sentences:
        return SourceContext(document, None, "The card names no sentence.")
    try:
        # The resolved path, just checked to be inside the deck folder, is what is read.
        data = read_regular_file(Path(os.path.realpath(document)), MAX_SOURCE_BYTES)
    except FileTooLargeError:
        return SourceContext(document, None, "The document is too large to open here.")
    except OSError as error:
        reason = error.strerror or error
        return SourceContext(document, None, f"Could not read {document.name}: {reason}")
    text = data.decode("utf-8", errors="replace")
    paragraph = find_paragraph(text, source.sentences[0])
    if paragraph is None:
        return SourceContext(document, None, "The sentence was not found in the document.")
    return SourceContext(document, paragraph, "")


class SourceContextScreen(ModalScreen[None]):
    """A dialog with the card's source document, sentence(s) and paragraph."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,c,q", "dismiss", "Close", tooltip="Close the source context"),
    ]

    def __init__(self, source: Source, sources_dir: Path, root: Path | None = None) -> None:
        """Show ``source``; look for its document in ``sources_dir``, inside ``root``
        (the deck folder; by default the parent of ``sources_dir``)."""
        super().__init__(id="source-context")
        self.source = source
        self.sources_dir = sources_dir
        self.root = root

    def compose(self) -> ComposeResult:
        """The sentence at once; the paragraph when the worker has read the document."""
        with Vertical(id="source-dialog"):
            with VerticalScroll(id="source-body"):
                yield Static(self._sentences(), id="source-sentences")
                yield Static(Text("Looking for the paragraph…", style="dim"), id="source-paragraph")
            yield Static(Text.assemble(("escape", "bold"), " to close"), id="source-hint")

    def _sentences(self) -> Text:
        text = Text.assemble(("Document: ", "bold"), display_safe(self.source.document))
        if self.source.sentences:
            text.append("\n\nSentence:\n", style="bold")
            text.append(display_safe("\n".join(self.source.sentences)), style="italic")
        return text

    def on_mount(self) -> None:
        """Title the dialog; read the document in a worker (files can be large or slow)."""
        self.query_one("#source-dialog").border_title = "Source"
        self.load()

    @work(thread=True, exclusive=True)
    def load(self) -> None:
        """Find the paragraph off the UI thread, then show it."""
        context = load_context(self.source, self.sources_dir, self.root)
        self.app.call_from_thread(self._show, context)

    def _show(self, context: SourceContext) -> None:
        target = self.query_one("#source-paragraph", Static)
        if context.paragraph is None:
            target.update(Text(context.note, style="dim"))
            return
        name = context.document.name if context.document else ""
        text = Text()
        text.append(f"Paragraph in {display_safe(name)}:\n", style="bold")
        paragraph = display_safe(context.paragraph)
        body = Text(paragraph)
        pattern = sentence_pattern(display_safe(self.source.sentences[0]))
        found = pattern.search(paragraph) if pattern is not None else None
        if found is not None:
            body.stylize("reverse", found.start(), found.end())
        text.append_text(body)
        target.update(text)
