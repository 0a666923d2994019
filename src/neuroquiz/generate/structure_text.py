"""Plain text (and a PDF's laid-out text) read into blocks under headings.

What a plain-text page shows of its structure, read as such:

- the first line is the title when it is short and has no sentence end;
- a line that asks a question ("What causes X ?") or a short line without a sentence end,
  between paragraphs, is a heading (the NIH question-and-answer layout);
- bullets written inline after a wide gap ("include:    - A    - B") or at a line start
  ("- A", "• A", "1. A") are the items of a list; the sentence before them ending in ":"
  is the list's lead-in;
- "Key Points" summaries are a list like any other.

Example:
    >>> doc = text_blocks("X\\n\\nWhat causes X ?\\nMutations in ABC cause X.")
    >>> doc[1][0].headings
    ('What causes X ?',)
"""

from __future__ import annotations

import re

from neuroquiz.generate.blocks import Block

_BULLET_LINE = re.compile(r"^\s*(?:[-*+•◦▪‣]|\d{1,2}[.)])\s+(?=\S)")
_INLINE_BULLET = re.compile(r"(?:^|\s{2,}|(?<=:)\s*)[-•]\s+(?=\S)")
_QUESTION = re.compile(r"\?\s*$")
_MAX_HEADING_WORDS = 12
_MAX_QUESTION_WORDS = 20
_MAX_BARE_ITEM_WORDS = 30
_WIDE_GAP = re.compile(r"(?<=[^\s\-•*+])[ \t]{3,}(?=\S)")
_ENDS_SENTENCE = re.compile(r"[.:?!]\)?$")


def _segments(line: str) -> list[str]:
    """A line's parts where a page flattened paragraphs, subheadings and bullets into one.

    NIH PDQ pages print a whole section as one line: "... tumors:     Germinomas    Germinomas
    are the most common ...     - Headache.    - Vision loss.     Too much ACTH may cause:".
    A gap of three or more spaces there is a line break. A line is cut only when at least two
    of its parts end a sentence, so a text table's aligned cells stay one line.
    """
    parts = _WIDE_GAP.split(line.strip())
    if len(parts) < 3 or sum(bool(_ENDS_SENTENCE.search(p)) for p in parts) < 2:
        return [line]
    return parts


def _is_heading(line: str, following: str | None) -> bool:
    words = line.split()
    if not words or following is None:
        return False
    if _QUESTION.search(line) and len(words) <= _MAX_QUESTION_WORDS:
        return True
    if len(words) > _MAX_HEADING_WORDS or line.rstrip()[-1:] in ".!;,:" or _BULLET_LINE.match(line):
        return False
    return words[0][:1].isupper() or words[0][:1].isdigit()


def _split_inline(text: str) -> tuple[str, list[str]]:
    """A line's lead text and the bullets written inline after it."""
    parts = _INLINE_BULLET.split(text)
    if len(parts) < 2:
        return text.strip(), []
    lead = parts[0].strip()
    items = [" ".join(p.split()) for p in parts[1:] if p.strip()]
    return lead, items


def text_blocks(text: str, title_hint: str | None = None) -> tuple[str, tuple[Block, ...]]:
    """Read plain text into its title and blocks.

    Args:
        text: The document's text, lines as written.
        title_hint: A title the format gave (a PDF's metadata), preferred to the first line.

    Returns:
        The title ("" when none) and the blocks in reading order.
    """
    lines: list[str] = []
    cut: set[int] = set()  # lines that were parts of one flattened line, after its first
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        for n, part in enumerate(_segments(line)):
            if n:
                cut.add(len(lines))
            lines.append(
                " ".join(part.split()) if not _INLINE_BULLET.search(part) else part.strip()
            )
    nonblank = [i for i, line in enumerate(lines) if line]
    title = title_hint or ""
    start = 0
    if nonblank:
        first = lines[nonblank[0]]
        if not title and len(first.split()) <= _MAX_HEADING_WORDS and first[-1:] not in ".!;,":
            title, start = first, nonblank[0] + 1
        elif title and " ".join(first.split()).lower() == " ".join(title.split()).lower():
            start = nonblank[0] + 1
    blocks: list[Block] = []
    headings: tuple[str, ...] = ()
    pending_items: list[str] = []
    pending_lead = ""
    bare_items = False  # the pending list's items had no bullets (flattened PDQ lists)

    def flush() -> None:
        nonlocal pending_items, pending_lead
        if pending_items:
            blocks.append(
                Block("list", text=pending_lead, items=tuple(pending_items), headings=headings)
            )
        elif pending_lead:
            blocks.append(Block("paragraph", text=pending_lead, headings=headings))
        pending_items, pending_lead = [], ""

    body = lines[start:]
    for k, raw in enumerate(body):
        line = raw.strip()
        if not line:
            continue
        following = next((x for x in body[k + 1 :] if x.strip()), None)
        mid_paragraph = bool(pending_lead) and not pending_lead.endswith((".", "!", "?", ":"))
        if not mid_paragraph and _is_heading(" ".join(line.split()), following):
            flush()
            headings = (" ".join(line.split()),)
            bare_items = False
            continue
        if (
            start + k in cut
            and not _BULLET_LINE.match(line)
            and not line.endswith(":")
            and len(line.split()) <= _MAX_BARE_ITEM_WORDS
            and pending_lead.endswith(":")
            and (bare_items or not pending_items)
        ):
            pending_items.append(line)  # "depends on:    The type of tumor.    Its size."
            bare_items = True
            continue
        bare_items = False
        if _BULLET_LINE.match(line):
            item = _BULLET_LINE.sub("", line)
            lead, inline = _split_inline(item)
            pending_items.extend([" ".join(lead.split()), *inline] if lead else inline)
            continue
        lead, items = _split_inline(line)
        if items:
            flush()
            pending_lead = lead
            pending_items = items
            flush()
            continue
        text = " ".join(line.split())
        if pending_lead and not pending_items and not pending_lead.endswith((".", "!", "?", ":")):
            pending_lead = f"{pending_lead} {text}"  # a hard-wrapped paragraph goes on
        else:
            flush()
            pending_lead = text
        if pending_lead.endswith(":"):
            continue
    flush()
    return title, tuple(_merge_leads(_strip_title_echoes(blocks, title)))


def _strip_title_echoes(blocks: list[Block], title: str) -> list[Block]:
    """Drop the title echoed at the start or end of paragraphs, and paragraphs of it alone."""
    if not title.strip():
        return blocks
    echo = re.compile(
        r"^\s*"
        + re.escape(title.strip())
        + r"(?:\s+(?=(?-i:[A-Z]))|\s*$)|\s+"
        + re.escape(title.strip())
        + r"\s*$",
        re.IGNORECASE,
    )
    out: list[Block] = []
    for block in blocks:
        text = block.text
        while text and echo.search(text):  # "Title Title Text": every echo goes
            stripped = echo.sub("", text).strip()
            if stripped == text:
                break
            text = stripped
        if block.kind == "paragraph" and not text:
            continue
        out.append(Block(block.kind, text, block.items, block.header, block.rows, block.headings))
    return out


def _merge_leads(blocks: list[Block]) -> list[Block]:
    """A paragraph ending in ":" followed by a list becomes that list's lead-in."""
    out: list[Block] = []
    for block in blocks:
        prev = out[-1] if out else None
        if (
            block.kind == "list"
            and not block.text
            and prev is not None
            and prev.kind == "paragraph"
            and prev.text.endswith(":")
            and prev.headings == block.headings
        ):
            out[-1] = Block("list", text=prev.text, items=block.items, headings=block.headings)
        else:
            out.append(block)
    return out
