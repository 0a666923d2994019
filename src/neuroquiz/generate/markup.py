"""HTML and Markdown to plain text: the article, not the site around it.

Both readers give the same shape of text: one block per paragraph (blank lines between),
list items as lines starting with ``"• "`` (see :mod:`.lists`), and the headings they found,
so that cleaning can tell a heading from a one-line paragraph.

An HTML page keeps only its ``<main>``/``<article>`` when it has one, and never the parts
a site wraps around every page: navigation, cookie banners, breadcrumbs, share bars,
"related articles", footers, scripts and styles, found by tag, ARIA role, or class/id.
A Markdown file loses its YAML front matter, code blocks and tables.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from neuroquiz.generate.lexicon import split_words

BULLET = "• "
"""Prefix of a list item in the text the readers give."""

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
_VOID_TAGS = frozenset(split_words("area base br col embed hr img input link meta source wbr"))
_HEADING_TAGS = frozenset(split_words("h1 h2 h3 h4 h5 h6"))
_NOISE_NAMES = frozenset(
    split_words("""
    cookie cookies consent gdpr breadcrumb breadcrumbs nav navbar navigation menu menubar
    footer share sharing social related sidebar widget advert advertisement ads promo
    newsletter subscribe skip banner byline toolbar pagination pager comments comment
    feedback helpful rating print disclaimer signup login search modal popup cta tags
    updated copyright sitemap header masthead topbar
    """)
)
"""Words of a class or id that mark site chrome rather than the article."""
_NOISE_ROLES = frozenset(split_words("navigation banner contentinfo search complementary"))
_MIN_MAIN_WORDS = 40
"""A <main>/<article> shorter than this is a fragment: the whole page is read instead."""


def _is_noise(tag: str, attrs: dict[str, str | None]) -> bool:
    if tag in _SKIP_TAGS:
        return True
    if (attrs.get("role") or "").lower() in _NOISE_ROLES:
        return True
    if "hidden" in attrs or (attrs.get("aria-hidden") or "").lower() == "true":
        return True
    names = f"{attrs.get('class') or ''} {attrs.get('id') or ''}".lower()
    return bool(_NOISE_NAMES & set(re.split(r"[^a-z0-9]+", names)))


class _TextExtractor(HTMLParser):
    """Collects visible text, one block per line; remembers <title>, <h1> and headings."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.main_parts: list[str] = []
        self.headings: list[str] = []
        self.title: str | None = None
        self.h1: str | None = None
        self._skip: list[str] = []
        self._main: list[str] = []
        self._capture: str | None = None
        self._captured: list[str] = []

    def _emit(self, text: str) -> None:
        self.parts.append(text)
        if self._main:
            self.main_parts.append(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag not in _VOID_TAGS:
            if self._skip or _is_noise(tag, attributes):
                self._skip.append(tag)
            elif self._main or tag in ("main", "article") or attributes.get("role") == "main":
                self._main.append(tag)
        if (tag in _HEADING_TAGS or tag == "title") and self._capture is None:
            self._capture, self._captured = tag, []
        if self._skip:
            return
        if tag == "li":
            self._emit("\n\n" + BULLET)
        elif tag == "dd":
            self._emit(" ")  # "<dt>Red flags</dt><dd>...</dd>" reads "Red flags: ..."
        elif tag in _BLOCK_TAGS:
            self._emit("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == self._capture:
            self._end_capture(tag)
        if self._skip:
            _pop(self._skip, tag)
            return
        if tag == "dt":
            self._emit(":")
        elif tag in _BLOCK_TAGS:
            self._emit("\n\n")
        if self._main:
            _pop(self._main, tag)

    def _end_capture(self, tag: str) -> None:
        text = " ".join("".join(self._captured).split())
        self._capture = None
        if not text:
            return
        if tag == "title":
            self.title = self.title or text
            return
        if tag == "h1" and self.h1 is None:
            self.h1 = text
        if not self._skip:
            self.headings.append(text)

    def handle_data(self, data: str) -> None:
        if self._capture is not None:
            self._captured.append(data)
        if self._skip or self._capture == "title":
            return
        self._emit(data)


def _pop(stack: list[str], tag: str) -> None:
    """Close ``tag`` on ``stack`` (and any unclosed element inside it, like a bare <p>)."""
    for k in range(len(stack) - 1, -1, -1):
        if stack[k] == tag:
            del stack[k:]
            return


def _blocks(parts: list[str]) -> list[str]:
    raw = "".join(parts)
    blocks = (" ".join(block.split()) for block in re.split(r"\n\s*\n", raw))
    return [b for b in blocks if b and b != BULLET.strip()]


def html_to_text(html: str) -> tuple[str, str | None, tuple[str, ...]]:
    """Visible article text of an HTML page, its title (h1 first) and its headings."""
    parser = _TextExtractor()
    try:
        parser.feed(html)
        parser.close()
    except AssertionError:
        pass  # html.parser gives up on a bogus marked section ("<![ab]>"): keep what it read
    blocks = _blocks(parser.main_parts)
    if sum(len(b.split()) for b in blocks) < _MIN_MAIN_WORDS:
        blocks = _blocks(parser.parts)
    return "\n\n".join(blocks), parser.h1 or parser.title, tuple(parser.headings)


_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1")
_MD_BULLET = re.compile(r"^(?:[-*+]|\d+[.)])\s+")
_FRONT_TITLE = re.compile(r"^title:\s*[\"']?(.*?)[\"']?\s*$", re.IGNORECASE)


def _front_matter(lines: list[str]) -> tuple[int, str | None]:
    """Lines taken by a leading YAML front matter block, and its ``title:`` if any."""
    if not lines or lines[0].strip() != "---":
        return 0, None
    title = None
    for k in range(1, len(lines)):
        if lines[k].strip() in ("---", "..."):
            return k + 1, title
        match = _FRONT_TITLE.match(lines[k].strip())
        if match and match.group(1):
            title = match.group(1)
    return 0, None


def markdown_to_text(markdown: str) -> tuple[str, str | None, tuple[str, ...]]:
    """Plain text of a Markdown document, its title (first ``#``) and its headings."""
    lines_in = markdown.splitlines()
    skip, title = _front_matter(lines_in)
    first_h1: str | None = None
    headings: list[str] = []
    lines: list[str] = []
    in_code = False
    for line in lines_in[skip:]:
        stripped = line.strip()
        if stripped.startswith(("```", "~~~")):
            in_code = not in_code
            continue
        if in_code or stripped.startswith("|") or re.fullmatch(r"[-=*_ ]{3,}", stripped):
            if lines and lines[-1]:
                lines.append("")  # a table or a rule ends the paragraph before it
            continue
        stripped = re.sub(r"<[^>]+>", "", stripped)
        stripped = _MD_LINK.sub(lambda m: m.group(1), stripped)
        stripped = _MD_EMPHASIS.sub(lambda m: m.group(2), stripped)
        heading = re.match(r"(#{1,6})\s+(.*?)\s*#*$", stripped)
        if heading:
            text = heading.group(2)
            if first_h1 is None and len(heading.group(1)) == 1:
                first_h1 = text
            headings.append(text)
            lines.extend(["", text, ""])
            continue
        stripped = re.sub(r"^(?:>\s*)+", "", stripped)
        if _MD_BULLET.match(stripped):
            lines.extend(["", BULLET + _MD_BULLET.sub("", stripped)])
            continue
        lines.append(stripped)
    return "\n".join(lines), first_h1 or title, tuple(headings)
