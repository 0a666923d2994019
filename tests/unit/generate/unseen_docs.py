"""The "unseen" documents: six pages from other sources, in every supported format.

They were written after the generator was tuned, with the noise real pages carry: a
hospital page's menus, cookie banner and footer (HTML), a Markdown handout with front
matter, a table and a table of contents, a journal PDF with running headers, hyphenated
line breaks and a reference list, two articles of one site sharing a disclaimer, and a
question-and-answer page. The PDF is built here from its page text with pypdf, so that no
binary file is committed and the text layer is exactly what a PDF writer lays out.

Run as a script to write the documents (PDF included) to a directory for the CLI:
``python tests/unit/generate/unseen_docs.py /tmp/unseen``.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

UNSEEN = Path(__file__).parent / "data" / "unseen"
COPIED = (
    "meningioma.html",
    "subarachnoid_hemorrhage.md",
    "pituitary_adenoma.txt",
    "glioblastoma.txt",
    "hydrocephalus_faq.htm",
)
PDF_SOURCE = "chiari_malformation.pages"
PDF_NAME = "chiari_malformation.pdf"
NAMES = (*COPIED[:2], PDF_NAME, *COPIED[2:])
"""Every unseen document, as generated together in one run."""
PAGE_BREAK = "<<PAGE>>"


def _escape(line: str) -> str:
    return line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def build_pdf(pages: list[list[str]], path: Path) -> None:
    """Write a PDF whose pages show ``pages`` line by line (Helvetica, 11 pt)."""
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    writer = PdfWriter()
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
            NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
        }
    )
    font_ref = writer._add_object(font)
    for lines in pages:
        page = writer.add_blank_page(width=612, height=792)
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font_ref})}
        )
        ops = ["BT", "/F1 11 Tf", "14 TL", "60 740 Td"]
        ops.extend(f"({_escape(line)}) Tj T*" for line in lines)
        ops.append("ET")
        stream = DecodedStreamObject()
        stream.set_data("\n".join(ops).encode("cp1252"))
        page[NameObject("/Contents")] = writer._add_object(stream)
    with path.open("wb") as handle:
        writer.write(handle)


def pdf_pages() -> list[list[str]]:
    """The lines of each page of the PDF document."""
    text = (UNSEEN / PDF_SOURCE).read_text(encoding="utf-8")
    return [page.strip("\n").split("\n") for page in text.split(PAGE_BREAK)]


def write_unseen(directory: Path) -> list[Path]:
    """Write every unseen document to ``directory``; return their paths in run order."""
    directory.mkdir(parents=True, exist_ok=True)
    for name in COPIED:
        shutil.copy(UNSEEN / name, directory / name)
    build_pdf(pdf_pages(), directory / PDF_NAME)
    return [directory / name for name in NAMES]


if __name__ == "__main__":  # pragma: no cover - a helper for reading the decks by hand
    for written in write_unseen(Path(sys.argv[1])):
        print(written)
