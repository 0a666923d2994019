"""Bulleted lists turned back into the sentences they abbreviate.

Readers mark list items with ``"• "`` (HTML ``<li>``, Markdown ``-``, a plain-text bullet).
A list is folded according to what its items are:

- short items (terms, not sentences) join the sentence that introduces them:
  "Risk factors for aneurysm rupture:" + "Hypertension" + "Cigarette smoking" gives "Risk
  factors for aneurysm rupture include hypertension and cigarette smoking." ("include"
  only when the introduction has no verb of its own), so the list makers see a sentence;
- labelled items ("Grade 2 – atypical meningiomas", "Surgery: resection is ...") become
  "Label: text" paragraphs, which cleaning keeps as inline headings;
- items that are sentences stay paragraphs of their own.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from neuroquiz.generate.lexicon import split_words
from neuroquiz.generate.markup import BULLET
from neuroquiz.generate.sentences import tokenize
from neuroquiz.generate.tagging import known_word, tag

ITEM_RE = re.compile(r"^(?:[-*+•◦▪‣]|\d{1,2}[.)])\s+(?=\S)")
"""A line that starts a list item in plain text."""
_LABEL = re.compile(r"^([A-Z0-9][^:.!?]{0,48}?)(?::|\s[-—]\s)\s*(\S.*)$")
_MAX_LABEL_WORDS = 5
_MAX_SHORT_WORDS = 8
_CONNECTORS = frozenset(
    split_words("""
    include includes including are is were was as like with of by from contain contains
    involve involves comprise comprises namely are: such
    """)
)
_FINITE = frozenset({"VBZ", "VBP", "VBD", "MD"})


def is_item(block: str) -> bool:
    """True if ``block`` is a list item (as the readers mark them)."""
    return block.startswith(BULLET)


def _has_verb(text: str) -> bool:
    words = [t.text for t in tokenize(text)]
    return any(t in _FINITE for t in tag(words))


def _lower_first(text: str) -> str:
    first = text.split(" ", 1)[0]
    if first[1:].islower() and known_word(first.lower()):
        return text[:1].lower() + text[1:]
    return text


def _join(items: list[str], comma: str = ",") -> str:
    if len(items) <= 2:
        return " and ".join(items)
    return f"{comma} ".join(items[:-1]) + f"{comma} and " + items[-1]


def _plural(heading: str) -> bool:
    last = heading.split()[-1].lower() if heading.split() else ""
    return last.endswith("s") and not last.endswith(("ss", "sis", "us"))


def _labelled(item: str) -> tuple[str, str] | None:
    match = _LABEL.match(item)
    if match is None or len(match.group(1).split()) > _MAX_LABEL_WORDS:
        return None
    return match.group(1).strip(), match.group(2).strip()


def _is_sentence(item: str) -> bool:
    return item.endswith((".", "!", "?")) and len(item.split()) > _MAX_SHORT_WORDS - 2


def _capitalize(text: str) -> str:
    return text[:1].upper() + text[1:]


def _finish(text: str) -> str:
    return text if text.endswith((".", "!", "?", ":")) else text + "."


def fold_list(intro: str | None, items: list[str], heading: str | None = None) -> list[str]:
    """The paragraphs a list (and the sentence introducing it, if any) stands for.

    Args:
        intro: The paragraph before the list if it ends with a colon, else None.
        items: The items' text, without bullets.
        heading: The heading right above a list that has no introduction ("Causes"):
            "Causes include A, B, and C." Items that are phrases, however long, are
            joined (with semicolons when they hold commas of their own).

    Returns:
        Paragraphs replacing the introduction and the items.
    """
    items = [" ".join(i.split()) for i in items if i.strip()]
    phrases = all(not _is_sentence(i) and _labelled(i) is None for i in items)
    short = phrases and all(len(i.split()) <= _MAX_SHORT_WORDS for i in items)
    if intro is None and heading and phrases and items and not _has_verb(" ".join(items)):
        parts = [_lower_first(i.rstrip(".;,")) for i in items]
        verb = "include" if _plural(heading) else "includes"
        return [f"{heading} {verb} {_join(parts, ';' if any(',' in p for p in parts) else ',')}."]
    if short and items:
        joined = _join([_lower_first(i.rstrip(".;,")) for i in items])
        if intro is None:
            return [joined + "."]
        base = intro.rstrip(": ")
        last = base.split()[-1].lower() if base.split() else ""
        if last in _CONNECTORS:
            return [f"{base} {joined}."]
        if _has_verb(base):
            return [f"{base}: {joined}."]
        return [f"{base} include {joined}."]
    out = [intro] if intro is not None else []
    for item in items:
        label = _labelled(item)
        if label is not None:
            out.append(f"{label[0]}: {_finish(_capitalize(label[1]))}")
        else:
            out.append(_finish(_capitalize(item)))
    return out


def fold_lists(blocks: list[str], is_heading: Callable[[str], bool]) -> list[str]:
    """Every run of list items in ``blocks`` folded (see :func:`fold_list`).

    Args:
        blocks: Paragraphs, list items marked with :data:`BULLET`.
        is_heading: Tells a heading from a paragraph (a list under a heading, with no
            sentence of its own to introduce it, is introduced by the heading).
    """
    out: list[str] = []
    i = 0
    while i < len(blocks):
        if not is_item(blocks[i]):
            out.append(blocks[i])
            i += 1
            continue
        j = i
        while j < len(blocks) and is_item(blocks[j]):
            j += 1
        items = [b[len(BULLET) :] for b in blocks[i:j]]
        intro = out.pop() if out and out[-1].endswith(":") else None
        heading = out[-1] if intro is None and out and is_heading(out[-1]) else None
        out.extend(fold_list(intro, items, heading))
        i = j
    return out
