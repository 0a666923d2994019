"""The author form's fields: what the form shows, and which widget edits which field.

Only the layout lives here; :mod:`neuroquiz.tui.screens.author` fills and reads the form.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Label, Select, Static, TextArea

from neuroquiz.tui.widgets.safe_input import SafeInput, SafeTextArea

TYPE_LABELS = (("basic", "Basic: front and back"), ("cloze", "Cloze deletion"), ("mcq", "MCQ"))
"""The card types offered, with their labels."""
WIDGET_IDS: dict[str, str] = {
    "deck": "author-deck",
    "card_id": "author-id",
    "front": "author-front",
    "back": "author-back",
    "reverse": "author-reverse",
    "typed": "author-typed",
    "text": "author-text",
    "question": "author-question",
    "answer": "author-answer",
    "distractors": "author-distractors",
    "tags": "author-tags",
    "notes": "author-notes",
}
"""The widget that edits each draft field."""


def _field(label: str, widget: Widget, name: str) -> ComposeResult:
    yield Label(label, classes="author-label")
    yield widget
    yield Static(id=f"error-{name}", classes="field-error", markup=False)


def _area(name: str, placeholder: str = "") -> TextArea:
    return SafeTextArea(id=WIDGET_IDS[name], compact=True, placeholder=placeholder)


def compose_form() -> ComposeResult:
    """The fields of the form, top to bottom; each error line sits under its field."""
    with Horizontal(classes="author-row", id="author-deck-row"):
        yield Label("Deck")
        yield Select[str]([], id="author-deck", prompt="Choose a deck", compact=True)
        yield Button("New deck", id="author-new-deck", compact=True)
    yield Static(id="author-deck-title", markup=False)
    yield Static(id="error-deck", classes="field-error", markup=False)
    with Horizontal(classes="author-row"):
        yield Label("Type")
        yield Select[str](
            [(Text(label), value) for value, label in TYPE_LABELS],
            id="author-type",
            allow_blank=False,
            compact=True,
        )
    with Horizontal(classes="author-row"):
        yield Label("Id")
        yield SafeInput(id="author-id", compact=True)
    yield Static(id="error-card_id", classes="field-error", markup=False)
    with Vertical(id="fields-basic", classes="type-fields"):
        yield from _field("Front (the question)", _area("front"), "front")
        yield from _field("Back (the answer)", _area("back"), "back")
        yield Checkbox(
            "Reversed too: also ask back → front",
            id=WIDGET_IDS["reverse"],
            compact=True,
            tooltip="Two study cards: front → back and back → front (Anki's 'Basic (and"
            " reversed card)')",
        )
        yield Static(id="error-reverse", classes="field-error", markup=False)
        yield Checkbox(
            "Typed: type the answer in",
            id=WIDGET_IDS["typed"],
            compact=True,
            tooltip="Study asks for the answer in a box, shows the difference and proposes a"
            " grade (Anki's 'Basic (type in the answer)')",
        )
        yield Static(id="error-typed", classes="field-error", markup=False)
    with Vertical(id="fields-cloze", classes="type-fields"):
        yield from _field(
            "Text with {{c1::answer}} or {{c1::answer::hint}}",
            _area("text", "The {{c1::Monro-Kellie}} doctrine..."),
            "text",
        )
    with Vertical(id="fields-mcq", classes="type-fields"):
        yield from _field("Question", _area("question"), "question")
        yield from _field("Right answer", SafeInput(id="author-answer", compact=True), "answer")
        yield from _field(
            "Distractors: 2 to 5 wrong answers, one per line",
            _area("distractors"),
            "distractors",
        )
    yield from _field(
        "Tags (space or comma separated)",
        SafeInput(id="author-tags", compact=True, placeholder="e.g. trauma gcs"),
        "tags",
    )
    yield from _field("Notes, shown after the answer", _area("notes"), "notes")
    yield Static(id="error-general", classes="field-error", markup=False)
