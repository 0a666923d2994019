"""The author form's live preview: the card as it will look when studied."""

from __future__ import annotations

from rich.console import Group
from rich.text import Text

from neuroquiz.models import REVERSE_ORDINAL, card_ordinals
from neuroquiz.tui.screens.author_draft import AnyCard, Checked, Draft, preview_card
from neuroquiz.tui.widgets.card_text import card_back, card_front, plain

PREVIEW_CLOZES = 3
"""Cloze study cards shown in the preview (the rest are counted)."""
PREVIEW_CHARS = 2_000
"""Characters of each part shown in the preview; the preview is drawn again on every
keystroke, and wrapping a 100 KB field each time would make typing lag."""


def _capped(text: Text, limit: int = PREVIEW_CHARS) -> Text:
    """``text`` cut to ``limit`` characters, saying how many more there are."""
    extra = len(text) - limit
    if extra <= 0:
        return text
    text = text.copy()
    text.right_crop(extra)
    text.append(f" … ({extra:,} more characters)", style="dim italic")
    return text


def _label(draft: Draft, ordinal: int) -> str:
    """What names study card ``ordinal`` in the preview: ``c2 ``, ``Reversed: ``, or nothing."""
    if draft.type == "cloze":
        return f"c{ordinal} "
    if ordinal == REVERSE_ORDINAL:
        return "Reversed: "
    return ""


def render_preview(draft: Draft, checked: Checked, original: AnyCard | None) -> Group:
    """The front and back of each study card of the draft, its notes, and its status.

    A draft that does not validate yet is shown as typed (built without validation), so the
    preview follows every keystroke; card text is rendered as data, never as markup.

    Args:
        draft: The form values.
        checked: The outcome of checking them.
        original: The card being edited (its source is shown), or None.
    """
    card = checked.card or preview_card(draft)
    problems = sum(len(messages) for messages in checked.errors.values())
    parts: list[Text] = [Text("Preview, as studied", style="bold underline")]
    if problems:
        parts.append(Text(f"✗ {problems} problem{'s' if problems > 1 else ''} to fix"))
    else:
        parts.append(Text(f"✓ ready to save as {card.id}", style="bold"))
    if draft.type == "basic":
        ordinals: tuple[int, ...] = (0, REVERSE_ORDINAL) if draft.reverse else (0,)
    elif draft.type != "cloze":
        ordinals = (0,)
    else:
        ordinals = card_ordinals(card) if checked.card is not None else (1,)
    for ordinal in ordinals[:PREVIEW_CLOZES]:
        label = _label(draft, ordinal)
        parts.append(Text(f"\n{label}Front", style="italic dim"))
        parts.append(_capped(card_front(card, ordinal)))
        parts.append(Text(f"{label}Back", style="italic dim"))
        parts.append(_capped(card_back(card, ordinal)))
    if len(ordinals) > PREVIEW_CLOZES:
        parts.append(Text(f"\n… {len(ordinals)} study cards in all", style="dim"))
    if draft.notes.strip():
        parts.append(Text("\nNotes", style="italic dim"))
        parts.append(_capped(plain(draft.notes, "italic")))
    if original is not None and original.source is not None:
        parts.append(Text("\nSource (kept)", style="italic dim"))
        parts.append(_capped(plain(original.source.document)))
    return Group(*parts)
