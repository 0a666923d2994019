"""Clean a document: normalised text, the title, paragraphs with their headings, no noise.

Noise removed here is what one document shows on its own: the title echoed at the start or
end of paragraphs, site navigation and footers, link lists, broken whitespace and quotes.
Text repeated across the documents of a run is found later (see :mod:`.boilerplate`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from neuroquiz.generate.lexicon import ADMONITIONS, NAV_PATTERNS
from neuroquiz.generate.lists import ITEM_RE, fold_lists, is_item
from neuroquiz.generate.markup import BULLET
from neuroquiz.generate.read import RawDocument


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of clean text.

    Attributes:
        text: The paragraph, single-spaced, without its heading.
        heading: The heading it sits under ("Local Invasion" of "Local Invasion: ...").
        inline_heading: True if the heading was written inline as "Heading: text".
        section: For an inline heading, the heading of the section around it
            ("Grading" around "Grade 2: atypical meningiomas").
    """

    text: str
    heading: str | None = None
    inline_heading: bool = False
    section: str | None = None


@dataclass(frozen=True)
class CleanDocument:
    """A document reduced to its title and knowledge-bearing paragraphs."""

    path: Path
    title: str
    paragraphs: tuple[Paragraph, ...]
    warnings: tuple[str, ...] = ()

    @property
    def word_count(self) -> int:
        """Words of clean text (the basis of the card budget)."""
        return sum(len(p.text.split()) for p in self.paragraphs)


_NAV_RE = re.compile("|".join(NAV_PATTERNS), re.IGNORECASE)
_SEPARATOR_RE = re.compile(r"\s[-|»›>/•·]\s")
_LINK_SEPARATOR = re.compile(r"\s*[|»›•·]\s*")
_REFERENCES = re.compile(
    r"^(?:\d+\.?\s*)?(?:references|bibliography|works cited|literature cited|citations|"
    r"sources|further reading|suggested reading)\s*:?$",
    re.IGNORECASE,
)
_CITATION = re.compile(
    r"\bet al\.|\b(?:19|20)\d{2}\s*;\s*\d+\s*(?:\(\d+\))?\s*:\s*\d+|\bdoi:|\bPMID\b"
)
_NOISE_LABEL = re.compile(
    r"^(?:disclaimer|copyright|terms of use|privacy|about (?:the )?authors?|about us|"
    r"acknowledge?ments?|funding|conflicts? of interests?|disclosures?|competing interests|"
    r"author contributions|editorial policy|medical review|sources)$",
    re.IGNORECASE,
)
"""Headings of a page's or a paper's fine print: the paragraphs under them are not facts."""
_ADMONITION = re.compile(r"^(?:" + "|".join(ADMONITIONS) + r")\s*[:!.-]\s+", re.IGNORECASE)
_TERMINAL = (".", "!", "?", '"', "'", ")", ":", ";")
_INLINE_HEADING = re.compile(r"^([A-Z][^:.!?]{1,70}?):\s+(\S.*)$")

_REPLACEMENTS = {
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201b": "'",
    "\u2032": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u2033": '"',
    "\u00ab": '"',
    "\u00bb": '"',
    "\u2026": "...",
    "\u00a0": " ",
    "\u2002": " ",
    "\u2003": " ",
    "\u2009": " ",
    "\u202f": " ",
    "\u200b": "",
    "\u200c": "",
    "\u200d": "",
    "\ufeff": "",
    "\u00ad": "",
    "\u2013": "-",
    "\u2212": "-",
    "\t": " ",
}
_REPLACE_RE = re.compile("|".join(map(re.escape, _REPLACEMENTS)))


def normalise_text(text: str) -> str:
    """Fix mojibake, unify quotes/spaces/dashes and line ends; keep the em dash."""
    text = _fix_mojibake(text)
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _REPLACE_RE.sub(lambda m: _REPLACEMENTS[m.group(0)], text)
    text = re.sub(r"\s*--\s*", "—", text)
    return "\n".join(line.strip() for line in text.split("\n"))


def _fix_mojibake(text: str) -> str:
    # UTF-8 read as Windows-1252 shows as "â€™"; undo it only where it round-trips.
    if "â€" not in text and "Ã" not in text:
        return text

    def undo(match: re.Match[str]) -> str:
        try:
            return match.group(0).encode("cp1252").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            return match.group(0)

    return re.sub(r"[âÃ][\x80-\u2122]{1,2}", undo, text)


def clean_document(raw: RawDocument) -> CleanDocument:
    """Turn a raw document into its title and clean paragraphs.

    Args:
        raw: The document as read from disk.

    Returns:
        The clean document; paragraphs may be empty if nothing survived.
    """
    text = normalise_text(raw.text)
    blocks = _paragraphs(text)
    title = _clean_line(raw.title_hint) if raw.title_hint else ""
    if blocks and (not title or _same(blocks[0], title)) and _looks_like_title(blocks[0]):
        title = blocks.pop(0)
    if not title:
        title = _title_from_path(raw.path)
    headings = {_key(h) for h in raw.headings}
    blocks = [_strip_title(block, title) for block in _cut_references(blocks)]
    blocks = _drop_noise([b for b in blocks if b and not _same(b, title)])
    blocks = fold_lists(blocks, lambda b: _is_heading(b, headings) and not b.endswith("?"))
    blocks = [_drop_admonition(b) for b in blocks]
    return CleanDocument(
        path=raw.path,
        title=title,
        paragraphs=_attach_headings(blocks, headings),
        warnings=raw.warnings,
    )


def _drop_admonition(block: str) -> str:
    """ "Note: a small bleed may ..." -> "A small bleed may ...": the label is not a topic."""
    text = _ADMONITION.sub("", block)
    return text if text == block else text[:1].upper() + text[1:]


def _cut_references(blocks: list[str]) -> list[str]:
    """Drop a reference list: everything from a "References" heading in the second half on,
    and any paragraph that reads as a citation ("... et al. ... 1999;44:1005-17.")."""
    for k in range(len(blocks) - 1, len(blocks) // 2 - 1, -1):
        if _REFERENCES.match(blocks[k]):
            blocks = blocks[:k]
            break
    return [b for b in blocks if not (_CITATION.search(b) and len(b.split()) <= 80)]


def _clean_line(text: str) -> str:
    return " ".join(normalise_text(text).split())


def _same(a: str, b: str) -> bool:
    return _key(a) == _key(b)


def _key(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def _paragraphs(text: str) -> list[str]:
    """Split into paragraphs: blank lines separate; hard-wrapped lines are re-joined.

    A line that starts with a bullet ("- ", "• ", "1. ") starts a list item of its own.
    """
    paragraphs: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        lines = [" ".join(line.split()) for line in block.split("\n") if line.strip()]
        current = ""
        for line in lines:
            bullet = ITEM_RE.match(line)
            if bullet:
                line = BULLET + line[bullet.end() :]
            if current and not bullet and _continues(current, line):
                joiner = "" if current.endswith("-") and current[-2:-1].isalpha() else " "
                current = current[:-1] + line if joiner == "" else f"{current} {line}"
            else:
                if current:
                    paragraphs.append(current)
                current = line
        if current:
            paragraphs.append(current)
    return paragraphs


def _continues(previous: str, line: str) -> bool:
    # A wrapped line: the previous one stops mid-sentence and this one starts in lower case.
    return not previous.endswith(_TERMINAL) and (line[:1].islower() or previous.endswith(","))


def _looks_like_title(block: str) -> bool:
    words = block.split()
    return 0 < len(words) <= 20 and not re.search(r"[.!;]\s", block) and not block.endswith(".")


def _title_from_path(path: Path) -> str:
    stem = re.sub(r"^\d+[_-]+", "", path.stem)
    words = re.split(r"[-_\s]+", stem)
    return " ".join(w.capitalize() for w in words if w) or "Untitled"


def _title_pattern(title: str) -> str:
    variants = {title}
    bare = re.sub(r"^(?:the|a|an)\s+", "", title, flags=re.IGNORECASE)
    variants.add(bare)
    escaped = sorted((r"\s+".join(map(re.escape, v.split())) for v in variants if v), key=len)
    return "(?:" + "|".join(reversed(escaped)) + ")"


def _strip_title(block: str, title: str) -> str:
    """Remove the title where it is glued to a paragraph as a running header or footer."""
    pattern = _title_pattern(title)
    # At the start (or after a sentence end) and followed by a new sentence or the end.
    lead = re.compile(rf"(^|(?<=[.!?\"')]))\s*{pattern}(?=\s+[A-Z0-9\"(]|\s*$)")
    # At the end, after a sentence end.
    tail = re.compile(rf"(?<=[.!?\"')])\s*{pattern}\s*$")
    previous = None
    while previous != block:
        previous = block
        block = lead.sub(lambda m: m.group(1) + " ", block).strip()
        block = tail.sub("", block).strip()
    return " ".join(block.split())


def _is_nav(block: str) -> bool:
    if is_item(block):
        # "Grade 2 - atypical meningiomas" is a labelled item, not "Home - Contact".
        block = block.removeprefix(BULLET)
        return bool(_NAV_RE.search(block)) and len(block.split()) <= 14
    words = block.split()
    pieces = [p for p in _LINK_SEPARATOR.split(block) if p]
    if len(pieces) >= 3 and all(len(p.split()) <= 6 for p in pieces[1:]):
        return True  # "Home | Find a Doctor | Locations", "More in X: A · B · C"
    if len(words) > 14:
        return False
    if _NAV_RE.search(block):
        return True
    return len(words) <= 10 and bool(_SEPARATOR_RE.search(block)) and not block.endswith(".")


def _is_short_line(block: str) -> bool:
    return len(block.split()) <= 10 and not block.endswith((".", "!", "?", ":"))


def _drop_noise(blocks: list[str]) -> list[str]:
    """Drop navigation, footers, link lists, duplicate paragraphs."""
    keep = [not _is_nav(b) for b in blocks]
    # A run of 3+ short non-sentences is a menu or a link list, not headings.
    i = 0
    while i < len(blocks):
        j = i
        while j < len(blocks) and _is_short_line(blocks[j]) and not is_item(blocks[j]):
            j += 1
        if j - i >= 3:
            for k in range(i, j):
                keep[k] = False
        i = max(j, i + 1)
    # Short non-sentences after the last real paragraph are a footer.
    for k in range(len(blocks) - 1, -1, -1):
        if not keep[k]:
            continue
        if _is_short_line(blocks[k]) and not is_item(blocks[k]):
            keep[k] = False
        else:
            break
    seen: set[str] = set()
    result = []
    for block, kept in zip(blocks, keep, strict=True):
        key = _key(block)
        if kept and key and key not in seen:
            seen.add(key)
            result.append(block)
    return result


def _is_heading(block: str, headings: set[str]) -> bool:
    if _key(block) in headings and len(block.split()) <= 20:
        return True
    return _is_short_line(block) or (block.endswith("?") and len(block.split()) <= 16)


def _attach_headings(blocks: list[str], headings: set[str]) -> tuple[Paragraph, ...]:
    paragraphs: list[Paragraph] = []
    heading: str | None = None
    for index, block in enumerate(blocks):
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if _is_heading(block, headings):
            if following is not None and not _is_heading(following, headings):
                heading = block.rstrip(":").strip()
            continue
        inline = _INLINE_HEADING.match(block)
        if (inline and _NOISE_LABEL.match(inline.group(1).strip())) or (
            heading and _NOISE_LABEL.match(heading)
        ):
            continue
        if inline and len(inline.group(1).split()) <= 6:
            text = inline.group(2)
            if len(text.split()) >= 6 and text[:1].islower():
                text = text[:1].upper() + text[1:]  # "Surgery: resection is ..." starts a sentence
            paragraphs.append(Paragraph(text, inline.group(1).strip(), True, heading))
        else:
            paragraphs.append(Paragraph(block, heading, False))
    return tuple(paragraphs)
