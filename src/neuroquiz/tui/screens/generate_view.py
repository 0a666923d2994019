"""What the Generate review shows of one candidate: its position line and its body.

Pure functions of the card and its decision, kept apart from the screen's keys and steps.
"""

from __future__ import annotations

from typing import Literal

from rich.console import Group
from rich.text import Text

from neuroquiz.tui.screens.generate_review import AnyCard
from neuroquiz.tui.widgets.card_text import plain, review_back, review_front, review_kind

Decision = Literal["accepted", "rejected", "undecided"]
"""What the instructor said about one candidate."""
MARKS: dict[str, tuple[str, str]] = {
    "accepted": ("✓ accepted", "bold"),
    "rejected": ("✗ rejected", "bold"),
    "undecided": ("undecided", "dim"),
}
"""How each decision is shown: label, style."""


def position_line(index: int, count: int, card: AnyCard, decision: Decision) -> Text:
    """`` Card 2 of 9 · basic · ✓ accepted``: where the review is, and what was decided."""
    label, style = MARKS[decision]
    return Text.assemble(
        (f" Card {index + 1} of {count} ", "bold"),
        f"· {review_kind(card)} · ",
        (label, style),
    )


def candidate_body(card: AnyCard) -> Group:
    """The candidate's front, back, source sentence and tags (card text shown literally)."""
    parts: list[Text] = [Text("Front", style="italic dim"), review_front(card)]
    parts += [Text("\nBack", style="italic dim"), review_back(card)]
    if card.source is not None and card.source.sentences:
        parts.append(Text("\nFrom the sentence", style="italic dim"))
        parts.append(plain(" ".join(card.source.sentences), "italic"))
    if card.tags:
        parts.append(plain("\ntags: " + " ".join(card.tags), "dim"))
    return Group(*parts)


def lost_decisions(accepted: int, rejected: int) -> str | None:
    """What leaving the review would throw away, e.g. ``2 accepted and 1 rejected card``;
    None if nothing was decided (leaving then asks nothing)."""
    if not accepted and not rejected:
        return None
    parts = [f"{accepted} accepted"] if accepted else []
    parts += [f"{rejected} rejected"] if rejected else []
    noun = "card" if accepted + rejected == 1 else "cards"
    return f"{' and '.join(parts)} {noun}"
