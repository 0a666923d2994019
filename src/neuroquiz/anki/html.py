"""Card text <-> Anki field HTML.

Card text is data, never markup: every character a card holds must show literally in Anki,
so :func:`to_html` escapes ``&``, ``<``, ``>`` and quotes, turns line breaks into ``<br>`` and
escapes the ``[`` of ``[sound:…]``, ``[latex]``, ``[$]``, ``[$$]`` and ``[anki:…]``, which Anki
would otherwise play or typeset.
:func:`to_text` goes the other way for imported notes: tags dropped, entities decoded, block
elements and ``<br>`` turned into line breaks, and media (images, sounds, videos) replaced by
a visible ``[image: name]`` placeholder, since a terminal cannot show them.

:func:`convert` also reads back the few ``class="nq-…"`` elements our own note types use to
keep the source, the notes and the MCQ choices apart inside one field.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SOUND_RE = re.compile(r"\[sound:([^\]]*)\]")
_ANKI_TAG_RE = re.compile(r"\[(?=sound:|latex\]|\$\]|\$\$\]|anki:)", re.IGNORECASE)
"""The ``[`` opening text Anki would play or typeset ([sound:…], [latex], [$], [$$], TTS);
written as ``&#91;`` it shows literally, and Anki's tag patterns no longer match."""
_BLOCK_TAGS = frozenset(
    {"div", "p", "li", "tr", "ul", "ol", "table", "h1", "h2", "h3", "h4", "h5", "h6", "hr"}
)
_CELL_TAGS = frozenset({"td", "th"})
_CELL_SEPARATOR = " | "
"""Between the cells of one table row, so that ``<td>a</td><td>b</td>`` reads ``a | b``."""
_SKIP_TAGS = frozenset({"script", "style", "head", "title"})
_MEDIA_TAGS = {"img": "image", "audio": "sound", "video": "video", "source": "media"}
_VOID_TAGS = frozenset(
    {"br", "img", "hr", "input", "meta", "link", "source", "wbr", "area", "base", "col", "embed"}
)
_SPACES_RE = re.compile(r"[ \t\xa0\u200b]+")
MARKER_PREFIX = "neuroquiz-deck:"
"""Start of the HTML comment that carries our deck id inside an Anki deck description."""


def to_html(text: str) -> str:
    """Escape card text for an Anki field: shows literally, line breaks become ``<br>``.

    Control characters (other than tab and newline; C1 ``\\x80``-``\\x9f`` too) are dropped:
    they cannot be shown, some are terminal escapes, and ``\\x1f`` is Anki's own field
    separator.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL_RE.sub("", text)
    escaped = html.escape(text, quote=True).replace("\n", "<br>")
    return _ANKI_TAG_RE.sub("&#91;", escaped)


def tagged(tag: str, css_class: str, text: str, *, order: int | None = None) -> str:
    """One element ``<tag class="css_class">`` holding escaped ``text``.

    ``order`` becomes a ``data-order`` attribute (read back in :attr:`Converted.orders`).
    """
    extra = f' data-order="{order}"' if order is not None else ""
    return f'<{tag} class="{css_class}"{extra}>{to_html(text)}</{tag}>'


@dataclass
class Converted:
    """Plain text of an HTML field, the media it referred to, and any nq-tagged parts."""

    text: str
    media: list[str] = field(default_factory=list)
    parts: dict[str, list[str]] = field(default_factory=dict)
    orders: dict[str, list[str | None]] = field(default_factory=dict)
    """Per part, the ``data-order`` attribute of each element (None where absent)."""
    marker: str | None = None


class _Parser(HTMLParser):
    """Collects text, media references and ``nq-`` tagged parts of one field."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.media: list[str] = []
        self.parts: dict[str, list[str]] = {}
        self.orders: dict[str, list[str | None]] = {}
        self.marker: str | None = None
        self._skip = 0
        self._stack: list[tuple[str, str | None]] = []
        self._cells = 0
        """Cells started in the current table row."""

    def _current_part(self) -> str | None:
        for _tag, part in reversed(self._stack):
            if part is not None:
                return part
        return None

    def _emit(self, text: str) -> None:
        self.out.append(text)
        part = self._current_part()
        if part is not None:
            self.parts[part][-1] += text

    def _newline(self) -> None:
        if self.out and not self.out[-1].endswith("\n"):
            self.out.append("\n")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self._skip += 1
            return
        values = dict(attrs)
        if tag == "br":
            self._emit("\n")
            return
        if tag in _MEDIA_TAGS:
            name = values.get("src") or ""
            if name:
                self.media.append(name)
                self._emit(f"[{_MEDIA_TAGS[tag]}: {name}]")
        if tag in _BLOCK_TAGS:
            self._newline()
        if tag == "tr":
            self._cells = 0
        if tag in _CELL_TAGS:
            if self._cells:
                self._emit(_CELL_SEPARATOR)
            self._cells += 1
        if tag in _VOID_TAGS:
            return
        classes = (values.get("class") or "").split()
        part = next((c for c in classes if c.startswith("nq-")), None)
        if part is not None:
            self.parts.setdefault(part, []).append("")
            self.orders.setdefault(part, []).append(values.get("data-order"))
        self._stack.append((tag, part))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID_TAGS and self._stack and self._stack[-1][0] == tag:
            self._stack.pop()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self._skip = max(0, self._skip - 1)
            return
        for index in range(len(self._stack) - 1, -1, -1):
            if self._stack[index][0] == tag:
                del self._stack[index:]
                break
        if tag in _BLOCK_TAGS:
            self._newline()

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        # Raw newlines in HTML are only whitespace; line breaks come from <br> and blocks.
        self._emit(data.replace("\r", "").replace("\n", " "))

    def handle_comment(self, data: str) -> None:
        data = data.strip()
        if data.startswith(MARKER_PREFIX):
            self.marker = data[len(MARKER_PREFIX) :].strip()


def convert(field_html: str, *, exact: bool = False) -> Converted:
    """Turn one Anki field into plain text.

    Args:
        field_html: The field as Anki stores it.
        exact: Keep whitespace as it is (for fields we wrote ourselves, so that a round trip
            gives back the card text unchanged). Otherwise runs of spaces collapse and blank
            lines at the ends go, as a person would expect from Anki's rendering.

    Returns:
        The text, the media file names referred to, and the ``nq-`` tagged parts.
    """
    parser = _Parser()
    sounds = _SOUND_RE.findall(field_html)
    source = _SOUND_RE.sub(lambda m: f"[sound: {m.group(1)}]", field_html)
    parser.feed(source)
    parser.close()
    text = "".join(parser.out)
    if not exact:
        text = _tidy(text)
    media = sounds + parser.media
    return Converted(
        text=text, media=media, parts=parser.parts, orders=parser.orders, marker=parser.marker
    )


def _tidy(text: str) -> str:
    lines = [_SPACES_RE.sub(" ", line).strip() for line in text.split("\n")]
    tidy = "\n".join(lines).strip("\n")
    return re.sub(r"\n{3,}", "\n\n", tidy)


def to_text(field_html: str) -> str:
    """Plain text of an Anki field (see :func:`convert`), whitespace tidied."""
    return convert(field_html).text
