"""Markdown and HTML to structured blocks: paragraphs, lists and tables under headings.

The structured counterpart of :mod:`.markup`: instead of flat text, each reader gives a
title and a tuple of :class:`~neuroquiz.generate.blocks.Block` values. A list keeps the
paragraph that introduces it ("Symptoms include:") when that paragraph ends with a colon;
nested list items fold into their parent ("parent: child1; child2"); a table keeps its
header and its rows, padded or cut to the header's width. HTML drops site chrome exactly as
:mod:`.markup` does. Neither reader raises on any text.

Example:
    >>> title, blocks = markdown_blocks("# X\\n\\nSigns include:\\n\\n- pain\\n- fever\\n")
    >>> title, blocks[0].text, blocks[0].items
    ('X', 'Signs include:', ('pain', 'fever'))
"""

from __future__ import annotations

from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from html.parser import HTMLParser

from markdown_it import MarkdownIt
from markdown_it.token import Token

from neuroquiz.generate import markup as _mk
from neuroquiz.generate.blocks import Block

_Row = tuple[list[str], bool]
"""A table row as read: its cells, and whether it is a header row."""


def _clean(text: str) -> str:
    return " ".join(text.split())


def _fold(text: str, children: Sequence[str]) -> str:
    """One list item from its own text and its nested items: ``"parent: a; b"``."""
    if not children:
        return text
    if not text:
        return "; ".join(children)
    return f"{text.rstrip(':').rstrip()}: {'; '.join(children)}"


class _Builder:
    """Turns reading events into blocks, keeping the heading path and the list lead-in."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.title: str | None = None
        self._path: list[tuple[int, str]] = []
        self._lead_ok = False

    @property
    def _headings(self) -> tuple[str, ...]:
        return tuple(text for _, text in self._path)

    def heading(self, level: int, text: str) -> None:
        """A heading: the first h1 is the title; any other sets the path at its level."""
        self._lead_ok = False
        if not text:
            return
        if level == 1 and self.title is None:
            self.title, self._path = text, []
            return
        while self._path and self._path[-1][0] >= level:
            self._path.pop()
        self._path.append((level, text))

    def paragraph(self, text: str) -> None:
        """A paragraph (nothing when ``text`` is empty)."""
        if text:
            self.blocks.append(Block("paragraph", text=text, headings=self._headings))
            self._lead_ok = True

    def list(self, items: Sequence[str]) -> None:
        """A list, taking the paragraph just before it as lead-in if it ends with ":"."""
        items = tuple(i for i in items if i)
        if not items:
            return
        lead = ""
        last = self.blocks[-1] if self.blocks else None
        if self._lead_ok and last and last.kind == "paragraph" and last.text.endswith(":"):
            lead = self.blocks.pop().text
        self.blocks.append(Block("list", text=lead, items=items, headings=self._headings))
        self._lead_ok = False

    def table(self, rows: Sequence[_Row], caption: str = "") -> None:
        """A table: the first header row is its header, the others its body."""
        self._lead_ok = False
        index = next((k for k, (_, is_header) in enumerate(rows) if is_header), None)
        header = rows[index][0] if index is not None else []
        body = [cells for k, (cells, _) in enumerate(rows) if k != index]
        width = len(header) or max((len(cells) for cells in body), default=0)
        head = tuple((header + [""] * width)[:width])
        body_rows = tuple(tuple((cells + [""] * width)[:width]) for cells in body)
        body_rows = tuple(row for row in body_rows if any(row))
        if width and body_rows:
            self.blocks.append(
                Block("table", text=caption, header=head, rows=body_rows, headings=self._headings)
            )

    def interrupt(self) -> None:
        """Something not kept (code, a rule) separates a paragraph from a following list."""
        self._lead_ok = False


# --- Markdown ------------------------------------------------------------------------

_MD = MarkdownIt("commonmark").enable("table")
_LIST_OPEN = ("bullet_list_open", "ordered_list_open")
_LIST_CLOSE = ("bullet_list_close", "ordered_list_close")


_SHORT_CHILD_WORDS = 8


def _nest(text: str, children: Sequence[str]) -> list[str]:
    """The items a list item and its nested items become: one folded item (``"Signs:
    headache; vomiting"``) when the nested items are short, else each nested item on its
    own under its parent's label (``"Risk factors: Ionising radiation — ..."``): sentences
    glued with ";" made one unreadable card (issue 9)."""
    if not children or all(len(c.split()) <= _SHORT_CHILD_WORDS for c in children):
        return [_fold(text, children)]
    label = text.rstrip().rstrip(":").strip()
    if label and len(label.split()) <= 4:
        return [c if c.lower().startswith(label.lower()) else f"{label}: {c}" for c in children]
    return ([text] if text else []) + list(children)


def _md_inline(token: Token) -> str:
    """The text of an inline token: markup, images and HTML tags removed."""
    parts: list[str] = []
    for child in token.children or ():
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return _clean("".join(parts))


def _md_list(tokens: Sequence[Token], i: int) -> tuple[list[str], int]:
    """Items of the list opening at ``tokens[i]``, and the index after its close."""
    items: list[str] = []
    parts: list[str] = []
    children: list[str] = []
    j = i + 1
    while j < len(tokens):
        token = tokens[j]
        if token.type in _LIST_OPEN:
            sub, j = _md_list(tokens, j)
            children.extend(sub)
            continue
        if token.type in _LIST_CLOSE:
            return items, j + 1
        if token.type == "list_item_open":
            parts, children = [], []
        elif token.type == "list_item_close":
            items.extend(_nest(_clean(" ".join(parts)), children))
        elif token.type == "inline":
            parts.append(_md_inline(token))
        j += 1
    return items, j


def _md_table(tokens: Sequence[Token], i: int) -> tuple[list[_Row], int]:
    """Rows of the table opening at ``tokens[i]``, and the index after its close."""
    rows: list[_Row] = []
    in_head = False
    j = i + 1
    while j < len(tokens) and tokens[j].type != "table_close":
        kind = tokens[j].type
        if kind in ("thead_open", "thead_close"):
            in_head = kind == "thead_open"
        elif kind == "tr_open":
            rows.append(([], in_head))
        elif kind == "inline" and rows:
            rows[-1][0].append(_md_inline(tokens[j]))
        j += 1
    return rows, j + 1


def markdown_blocks(markdown: str) -> tuple[str | None, tuple[Block, ...]]:
    """Read a Markdown document into blocks.

    Args:
        markdown: The document's text, possibly with YAML front matter.

    Returns:
        Its title (the first ``#`` heading, else the front matter's ``title:``, else
        None) and its paragraphs, lists and tables in reading order. Code is dropped.
    """
    lines = markdown.splitlines()
    skip, front_title = _mk._front_matter(lines)
    tokens = _MD.parse("\n".join(lines[skip:]) if skip else markdown)
    builder = _Builder()
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.type == "heading_open" and i + 1 < len(tokens):
            level = int(token.tag[1:]) if token.tag[1:].isdigit() else 6
            builder.heading(level, _md_inline(tokens[i + 1]))
            i += 3
            continue
        if token.type in _LIST_OPEN:
            items, i = _md_list(tokens, i)
            builder.list(items)
            continue
        if token.type == "table_open":
            rows, i = _md_table(tokens, i)
            builder.table(rows)
            continue
        if token.type == "inline":
            builder.paragraph(_md_inline(token))
        elif token.type in ("fence", "code_block", "html_block", "hr"):
            builder.interrupt()
        i += 1
    return builder.title or front_title, tuple(builder.blocks)


# --- HTML ----------------------------------------------------------------------------

_TEXT_TAGS = frozenset({"li", "dt", "dd", "td", "th", "caption", *_mk._HEADING_TAGS})
"""Elements whose text is collected into the element rather than into a paragraph."""
_CONTAINER_TAGS = frozenset({"ul", "ol", "dl", "table", "tr"})
_BOUNDARY_TAGS = (_mk._BLOCK_TAGS - {"br"}) | {"td", "th", "dl", "thead", "tbody", "caption"}
_HEADING_ENDERS = frozenset(
    {"p", "ul", "ol", "dl", "table", "blockquote", "section", "article", "main", *_mk._HEADING_TAGS}
)
"""Block starts that end an unclosed heading (a <div> may sit inside one; these may not)."""
_SIBLINGS = {
    "li": ({"li"}, {"ul", "ol"}),
    "dt": ({"dt", "dd"}, {"dl"}),
    "dd": ({"dt", "dd"}, {"dl"}),
    "tr": ({"tr", "td", "th"}, {"table"}),
    "td": ({"td", "th"}, {"tr", "table"}),
    "th": ({"td", "th"}, {"tr", "table"}),
}
"""Tags an opening tag implicitly closes, up to (not past) a barrier: ``<li>a<li>b``."""


@dataclass
class _Frame:
    """An open element the reader tracks: its text, its items or its rows."""

    tag: str
    parts: list[str] = field(default_factory=list)
    items: list[str] = field(default_factory=list)
    rows: list[_Row] = field(default_factory=list)
    caption: str = ""
    term: str | None = None
    in_head: bool = False


class _BlockParser(HTMLParser):
    """Feeds a :class:`_Builder` from HTML, skipping chrome, optionally only <main>."""

    def __init__(self, only_main: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.builder = _Builder()
        self.title: str | None = None
        self.h1: str | None = None
        self._only_main = only_main
        self._skip: list[str] = []
        self._main: list[str] = []
        self._frames: list[_Frame] = []
        self._para: list[str] = []
        self._capture: str | None = None
        self._captured: list[str] = []

    @property
    def _active(self) -> bool:
        return not self._skip and (bool(self._main) or not self._only_main)

    def parse_marked_section(self, i: int, report: bool = True) -> int:
        """Skip an unknown ``<![...]>`` section instead of failing an assertion."""
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            end = self.rawdata.find(">", i)
            return -1 if end < 0 else end + 1

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if self._capture == "h1" and tag in _HEADING_ENDERS:
            self._end_capture()  # an unclosed <h1> ends where a block starts
        if tag in ("title", "h1") and self._capture is None:
            self._capture, self._captured = tag, []
        if tag not in _mk._VOID_TAGS:
            if self._skip or _mk._is_noise(tag, attributes):
                self._skip.append(tag)
            elif self._main or tag in ("main", "article") or attributes.get("role") == "main":
                self._main.append(tag)
        if not self._active:
            return
        if tag in _HEADING_ENDERS:
            self._close_sibling(_mk._HEADING_TAGS, set())
        if tag in _BOUNDARY_TAGS:
            self._boundary()
        elif tag == "br":
            self.handle_data(" ")
        if tag in _SIBLINGS:
            self._close_sibling(*_SIBLINGS[tag])
        if tag in _TEXT_TAGS or tag in _CONTAINER_TAGS:
            self._frames.append(_Frame(tag, in_head=tag == "tr"))  # a <tr>: all <th> so far
        elif tag == "thead" and (table := self._innermost({"table"})):
            table.in_head = True

    def handle_endtag(self, tag: str) -> None:
        if tag == self._capture:
            self._end_capture()
        if self._skip:
            _mk._pop(self._skip, tag)
            return
        if not self._active:
            return
        if tag in _BOUNDARY_TAGS:
            self._boundary()
        if tag == "thead" and (table := self._innermost({"table"})):
            table.in_head = False
        for k in range(len(self._frames) - 1, -1, -1):
            if self._frames[k].tag == tag:
                self._close_to(k)
                break
        if self._main:
            _mk._pop(self._main, tag)
            if not self._main and self._only_main:
                self.finish()

    def _end_capture(self) -> None:
        text = _clean("".join(self._captured)) or None
        if self._capture == "title":
            self.title = self.title or text
        else:
            self.h1 = self.h1 or text
        self._capture = None

    def handle_data(self, data: str) -> None:
        if self._capture is not None:
            self._captured.append(data)
        if not self._active or self._capture == "title":
            return
        if not self._frames:
            self._para.append(data)
        elif self._frames[-1].tag in _TEXT_TAGS:
            self._frames[-1].parts.append(data)

    def finish(self) -> None:
        """Close every open element and the pending paragraph."""
        self._close_to(0)
        self._boundary()

    def _boundary(self) -> None:
        if self._frames:
            self._frames[-1].parts.append(" ")
        else:
            self.builder.paragraph(_clean("".join(self._para)))
            self._para.clear()

    def _innermost(self, tags: AbstractSet[str]) -> _Frame | None:
        return next((f for f in reversed(self._frames) if f.tag in tags), None)

    def _close_sibling(self, siblings: AbstractSet[str], barriers: AbstractSet[str]) -> None:
        for k in range(len(self._frames) - 1, -1, -1):
            if self._frames[k].tag in barriers:
                return
            if self._frames[k].tag in siblings:
                self._close_to(k)
                return

    def _close_to(self, k: int) -> None:
        """Close the frames from the innermost down to index ``k``."""
        while len(self._frames) > k:
            self._close(self._frames.pop())

    def _close(self, frame: _Frame) -> None:
        text = _clean("".join(frame.parts))
        tag, parent = frame.tag, self._innermost(_TEXT_TAGS | _CONTAINER_TAGS)
        if tag in _mk._HEADING_TAGS:
            self.builder.heading(int(tag[1]), text)
        elif tag in ("ul", "ol", "dl"):
            if parent is None or parent.tag not in _TEXT_TAGS:
                self.builder.list(frame.items)
            elif parent.tag == "li":
                parent.items.extend(frame.items)
            else:
                parent.parts.append(" " + "; ".join(frame.items) + " ")
        elif tag == "li":
            if owner := self._innermost({"ul", "ol", "dl"}):
                owner.items.extend(_nest(text, frame.items))
            else:  # a stray <li>
                self.builder.paragraph(_fold(text, frame.items))
        elif tag == "dt" and (dl := self._innermost({"dl"})):
            dl.term = text.rstrip(":").rstrip() or None
            dl.items.append(dl.term or "")
        elif tag == "dd" and text and (dl := self._innermost({"dl"})):
            if dl.term and dl.items and dl.items[-1] == dl.term:
                dl.items[-1] = f"{dl.term}: {text}"
            else:
                dl.items.append(f"{dl.term}: {text}" if dl.term else text)
        elif tag in ("td", "th") and (row := self._innermost({"tr"})):
            row.items.append(text)
            row.in_head = row.in_head and tag == "th"
        elif tag == "tr" and (table := self._innermost({"table"})):
            all_th = frame.in_head and bool(frame.items) and not table.rows
            table.rows.append((frame.items, table.in_head or all_th))
        elif tag == "caption" and (table := self._innermost({"table"})):
            table.caption = text
        elif tag == "table":
            self.builder.table(frame.rows, frame.caption)


def _parse_html(html: str, only_main: bool) -> _BlockParser:
    parser = _BlockParser(only_main)
    try:
        parser.feed(html)
        parser.close()
    except (AssertionError, ValueError, IndexError):  # html.parser on hostile input
        pass
    parser.finish()
    return parser


def html_blocks(html: str) -> tuple[str | None, tuple[Block, ...]]:
    """Read an HTML page into blocks: the article, not the site around it.

    Args:
        html: The page's markup, well-formed or not.

    Returns:
        Its title (the first ``<h1>``, else ``<title>``, else None) and its paragraphs,
        lists and tables in reading order. Only ``<main>``/``<article>`` is read when it
        holds at least 40 words; navigation, footers, cookie banners and the like never.
    """
    parser = _parse_html(html, only_main=True)
    if sum(b.word_count for b in parser.builder.blocks) < _mk._MIN_MAIN_WORDS:
        parser = _parse_html(html, only_main=False)
    return parser.builder.title or parser.h1 or parser.title, tuple(parser.builder.blocks)
