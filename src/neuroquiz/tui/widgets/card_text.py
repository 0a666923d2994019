"""Card text as display data: ``rich.text.Text`` built piece by piece, never parsed as markup.

A card may contain anything a person can type or a document can hold: ``[bold]``, ``[/]``,
backslashes, ANSI escape sequences, other control characters. None of it is interpreted; control
characters are made visible (``ESC`` shows as ``␛``) so that they cannot move the cursor or
change colours in the terminal. The stored card is never changed: this is for display only.
"""

from __future__ import annotations

from rich.text import Text

from neuroquiz.models import CLOZE_RE, REVERSE_ORDINAL, BasicCard, ClozeCard, McqCard
from neuroquiz.tui.widgets.safe_text import display_safe as display_safe
from neuroquiz.tui.widgets.safe_text import single_line as single_line

AnyCard = BasicCard | ClozeCard | McqCard
"""Any card model."""

DELETION_FRONT_STYLE = "bold"
"""Style of the ``[...]`` / ``[hint]`` gap on the front of a cloze."""
DELETION_BACK_STYLE = "bold reverse"
"""Style of the revealed deletion on the back of a cloze."""
ANSWER_STYLE = "bold"
"""Style of the answer on the back of a basic or multiple-choice card."""


def plain(raw: str, style: str = "") -> Text:
    """A :class:`Text` holding ``raw`` made display-safe, with an optional whole-text style."""
    return Text(display_safe(raw), style=style)


def cloze_text(text: str, ordinal: int, *, revealed: bool) -> Text:
    """Render a cloze for study card ``ordinal``.

    Args:
        text: The cloze text with ``{{cN::answer}}`` / ``{{cN::answer::hint}}`` deletions.
        ordinal: Which deletion is being asked (N of ``cN``).
        revealed: False for the front (the deletion shows as ``[hint]`` or ``[...]``), True
            for the back (the deletion's answer is highlighted).

    Returns:
        The rendered text; deletions of other numbers show their answer as plain text.
    """
    result = Text()
    position = 0
    for match in CLOZE_RE.finditer(text):
        result.append(display_safe(text[position : match.start()]))
        number, answer, hint = int(match.group(1)), match.group(2), match.group(3)
        if number != ordinal:
            result.append(display_safe(answer))
        elif revealed:
            result.append(display_safe(answer), style=DELETION_BACK_STYLE)
        else:
            gap = f"[{hint}]" if hint and hint.strip() else "[...]"
            result.append(display_safe(gap), style=DELETION_FRONT_STYLE)
        position = match.end()
    result.append(display_safe(text[position:]))
    return result


def mcq_options(card: McqCard) -> list[str]:
    """The answer and the distractors in a stable order (case-insensitive alphabetical)."""
    return sorted((card.answer, *card.distractors), key=lambda option: option.casefold())


def card_front(card: AnyCard, ordinal: int) -> Text:
    """The prompt of a study card: the question, or the cloze with its gap (the back, for
    the back-to-front card of a reversed basic card)."""
    if isinstance(card, ClozeCard):
        return cloze_text(card.text, ordinal, revealed=False)
    if isinstance(card, McqCard):
        return plain(card.question)
    return plain(card.back if ordinal == REVERSE_ORDINAL else card.front)


def card_back(card: AnyCard, ordinal: int) -> Text:
    """What the reveal adds: the answer (for a cloze, the whole text with the deletion lit).

    For a multiple-choice card the options are listed after the answer, the right one marked.
    """
    if isinstance(card, ClozeCard):
        return cloze_text(card.text, ordinal, revealed=True)
    if isinstance(card, McqCard):
        back = plain(card.answer, ANSWER_STYLE)
        back.append("\n\nOptions:")
        for option in mcq_options(card):
            mark = "✓" if option == card.answer else "·"
            back.append(f"\n {mark} ")
            back.append(display_safe(option), style=ANSWER_STYLE if option == card.answer else "")
        return back
    return plain(card.front if ordinal == REVERSE_ORDINAL else card.back, ANSWER_STYLE)


def card_kind(card: AnyCard, ordinal: int) -> str:
    """A short label of the card type: ``basic``, ``cloze c2`` or ``multiple choice``;
    ``basic, reversed`` (back to front) and ``basic, forward`` for the two study cards of a
    reversed basic card."""
    if isinstance(card, ClozeCard):
        return f"cloze c{ordinal}"
    if isinstance(card, McqCard):
        return "multiple choice"
    if ordinal == REVERSE_ORDINAL:
        kind = "basic, reversed"
    else:
        kind = "basic, forward" if card.reverse else "basic"
    return f"{kind}, typed" if card.typed else kind


def cloze_all_text(text: str, *, revealed: bool) -> Text:
    """Render a cloze with every deletion marked, for reviewing a candidate card.

    A reviewer accepts all the study cards of a cloze at once, so each deletion is shown:
    on the front as its gap, on the back as its highlighted answer. With more than one
    number each mark says which study card it belongs to (``[c2: hint]``,
    ``answer (c2)``); a cloze of one number looks as it does in study.

    Args:
        text: The cloze text with ``{{cN::answer}}`` / ``{{cN::answer::hint}}`` deletions.
        revealed: False for the gaps, True for the answers.

    Example:
        ``"{{c1::a}} and {{c2::b::h}}"`` gives ``"[c1: ...] and [c2: h]"`` unrevealed and
        ``"a (c1) and b (c2)"`` revealed.
    """
    numbered = len({match.group(1) for match in CLOZE_RE.finditer(text)}) > 1
    result = Text()
    position = 0
    for match in CLOZE_RE.finditer(text):
        result.append(display_safe(text[position : match.start()]))
        number, answer, hint = int(match.group(1)), match.group(2), match.group(3)
        if revealed:
            result.append(display_safe(answer), style=DELETION_BACK_STYLE)
            if numbered:
                result.append(f" (c{number})", style="dim")
        else:
            shown = display_safe(hint) if hint and hint.strip() else "..."
            gap = f"[c{number}: {shown}]" if numbered else f"[{shown}]"
            result.append(gap, style=DELETION_FRONT_STYLE)
        position = match.end()
    result.append(display_safe(text[position:]))
    return result


def review_kind(card: AnyCard) -> str:
    """:func:`card_kind` naming every study card of a cloze: ``cloze c1, c2``."""
    if isinstance(card, ClozeCard):
        return "cloze " + ", ".join(f"c{number}" for number in card.ordinals)
    if isinstance(card, BasicCard):
        return basic_label(card)
    return card_kind(card, 0)


def basic_label(card: BasicCard) -> str:
    """``basic``, ``basic + reversed``, ``basic, typed`` or ``basic + reversed, typed``."""
    label = "basic + reversed" if card.reverse else "basic"
    return f"{label}, typed" if card.typed else label


def review_front(card: AnyCard) -> Text:
    """The prompt of a candidate: for a cloze, the text with every deletion as its gap."""
    if isinstance(card, ClozeCard):
        return cloze_all_text(card.text, revealed=False)
    return card_front(card, 0)


def review_back(card: AnyCard) -> Text:
    """The answer of a candidate: for a cloze, the text with every deletion's answer lit."""
    if isinstance(card, ClozeCard):
        return cloze_all_text(card.text, revealed=True)
    return card_back(card, 0)
