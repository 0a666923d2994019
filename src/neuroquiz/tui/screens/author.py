"""Author: add, edit and delete cards in a form with a live preview and inline errors.

The form is checked on every keystroke with the rules of ``neuroquiz check`` (see
:mod:`neuroquiz.tui.screens.author_draft`); each error shows under its field and saving is
refused until there are none. Saving edits the deck's YAML file in place
(:func:`neuroquiz.decks.upsert_card`), so the instructor's comments and formatting stay;
the card keeps its id, so its progress stays too. The screen is dismissed with the saved
card (None after a delete or a cancel).

With ``write=False`` the same form edits a card that is not in a deck file yet (a generated
candidate): saving only checks it and dismisses with it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, cast

from rich.cells import cell_len
from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Checkbox, Footer, Header, Input, Select, Static, TextArea

from neuroquiz.decks import LoadedDeck, delete_card, upsert_card
from neuroquiz.decks.load import iter_decks
from neuroquiz.errors import NeuroquizError
from neuroquiz.tui.screens.author_dialogs import ConfirmDialog, NewDeck, NewDeckDialog
from neuroquiz.tui.screens.author_draft import (
    GENERAL,
    AnyCard,
    Checked,
    Draft,
    check_draft,
    content_index,
    draft_from_card,
    new_card_id,
)
from neuroquiz.tui.screens.author_form import TYPE_LABELS, WIDGET_IDS, compose_form
from neuroquiz.tui.screens.author_preview import render_preview
from neuroquiz.tui.widgets.card_text import display_safe, single_line

if TYPE_CHECKING:
    from neuroquiz.tui.app import NeuroquizApp


class AuthorScreen(Screen[AnyCard | None]):
    """The card form, its live preview, and save / delete / new deck."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # priority: text areas bind ctrl+d (delete right) and would hide these keys.
        Binding("ctrl+s", "save", "Save", tooltip="Save the card to its deck file", priority=True),
        Binding(
            "ctrl+s",
            "keep",
            "Done",
            tooltip="Keep the edited card (written with the deck later)",
            priority=True,
        ),
        Binding(
            "ctrl+d",
            "delete",
            "Delete",
            tooltip="Delete this card from its deck file (asks first)",
            priority=True,
        ),
        Binding("ctrl+n", "new_deck", "New deck", tooltip="Create a new deck file", priority=True),
        Binding("escape", "cancel", "Cancel", tooltip="Close without saving (asks if changed)"),
        # priority: move the focus as soon as tab arrives. Textual's own tab binding runs
        # once the key has gone through the field and back, and the keys typed after it
        # (already handed to the old field) landed there: a fast "tab ctrl+u" wiped it.
        Binding(
            "tab",
            "app.focus_next",
            "Next field",
            tooltip="Go to the next field",
            show=False,
            priority=True,
        ),
        Binding(
            "shift+tab",
            "app.focus_previous",
            "Previous field",
            tooltip="Go to the previous field",
            show=False,
            priority=True,
        ),
    ]

    def __init__(
        self,
        card: AnyCard | None = None,
        deck_path: Path | None = None,
        *,
        write: bool = True,
        target_deck: str | None = None,
    ) -> None:
        """Create the form.

        Args:
            card: The card to edit, or None for a new card.
            deck_path: The deck file of ``card`` (for a new card: the deck to suggest).
            write: False to edit a card that is in no deck file yet: "Done" checks it and
                dismisses with it, nothing is written, and there is no deck choice.
            target_deck: With ``write=False``, the deck the card is meant for (its id).
        """
        super().__init__(id="author")
        self.card = card
        self.write = write
        self._target_deck = target_deck
        self._deck_path = deck_path
        self._deck_paths: dict[str, Path] = {}
        self._deck_titles: dict[str, str] = {}
        self._index: dict[str, tuple[str, str]] | None = None
        self._initial: tuple[str | None, Draft] | None = None
        self._checked = Checked(card=None)
        self._touched: set[str] = set()
        self._show_all = card is not None

    @property
    def nq(self) -> NeuroquizApp:
        """The app, typed."""
        return cast("NeuroquizApp", self.app)

    @property
    def checked(self) -> Checked:
        """The outcome of the latest check of the form."""
        return self._checked

    # -- layout ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        """The form on the left, the preview on the right."""
        yield Header()
        with Horizontal(id="author-columns"):
            with VerticalScroll(id="author-form"):
                yield from compose_form()
            with VerticalScroll(id="author-preview"):
                yield Static(id="preview")
        yield Footer()

    def on_mount(self) -> None:
        """Fill the form from the card, start the duplicate index, focus the first field."""
        app = self.nq
        self.sub_title = f"Edit card {self.card.id}" if self.card else "New card"
        if not self.write:
            self.sub_title = f"Edit candidate {self.card.id}" if self.card else "New candidate"
            self.query_one("#author-deck-row").display = False
        self._deck_paths = {loaded.id: loaded.path for loaded in app.loaded.decks}
        self._deck_titles = {loaded.id: loaded.title for loaded in app.loaded.decks}
        self._fill_decks(self._deck_id_of_path(self._deck_path))
        draft = draft_from_card(self.card) if self.card is not None else Draft()
        self._set_draft(draft)
        card_id = self.query_one("#author-id", Input)
        if self.card is not None:
            card_id.disabled = True
            card_id.tooltip = "The id cannot change: the card's progress is kept by its id."
        self._initial = (self.deck_id, draft)
        self._build_index([loaded.path for loaded in app.loaded.decks])
        self.refresh_checks()
        first = "author-front" if draft.type == "basic" else WIDGET_IDS[_first_field(draft.type)]
        self.query_one(f"#{first}").focus()

    def _deck_id_of_path(self, path: Path | None) -> str | None:
        if path is None:
            return None
        for deck_id, known in self._deck_paths.items():
            if known == path:
                return deck_id
        return None

    def _fill_decks(self, selected: str | None) -> None:
        titles = [single_line(self._deck_titles.get(d, d)) for d in self._deck_paths]
        options = [
            # Two decks may share a title: then the id tells them apart.
            (Text(title if titles.count(title) == 1 else f"{title} ({deck_id})"), deck_id)
            for title, deck_id in zip(titles, self._deck_paths, strict=True)
        ]
        select = self.query_one("#author-deck", Select)
        select.set_options(options)
        if selected is not None and selected in self._deck_paths:
            select.value = selected
        elif len(options) == 1:
            select.value = options[0][1]
        self.call_after_refresh(self._show_deck_title)

    def _show_deck_title(self) -> None:
        """Put the chosen deck's whole title in the tooltip of the dropdown, and under it when
        the dropdown (one line, app.tcss) cuts it short.
        """
        select = self.query_one("#author-deck", Select)
        line = self.query_one("#author-deck-title", Static)
        if not self.write:  # no deck choice on show
            line.display = False
            return
        deck_id = select.value if isinstance(select.value, str) else None
        title = display_safe(self._deck_titles.get(deck_id, deck_id)) if deck_id else ""
        # A Text, not a str: a str tooltip would be parsed as markup.
        select.tooltip = Text(title) if title else None
        room = select.query_one("SelectCurrent > #label").content_region.width
        cut = bool(title) and cell_len(single_line(title)) > room
        line.update(Text(title) if cut else "")
        line.display = cut

    def on_resize(self, _event: events.Resize) -> None:
        """The room for the deck title changes with the width."""
        if self.is_mounted:
            self.call_after_refresh(self._show_deck_title)

    def _set_draft(self, draft: Draft) -> None:
        self.query_one("#author-type", Select).value = draft.type
        self.query_one("#author-id", Input).value = draft.card_id
        for name in ("front", "back", "text", "question", "distractors", "notes"):
            self.query_one(f"#{WIDGET_IDS[name]}", TextArea).load_text(getattr(draft, name))
        self.query_one("#author-answer", Input).value = draft.answer
        self.query_one("#author-tags", Input).value = draft.tags
        self.query_one("#author-reverse", Checkbox).value = draft.reverse
        self.query_one("#author-typed", Checkbox).value = draft.typed
        self._show_type(draft.type)

    def _show_type(self, card_type: str) -> None:
        shown = next((k for k, _ in TYPE_LABELS if self.query_one(f"#fields-{k}").display), None)
        if shown != card_type and {shown, card_type} == {"basic", "mcq"}:
            self._carry_fields(to_mcq=card_type == "mcq")
        for kind, _ in TYPE_LABELS:
            self.query_one(f"#fields-{kind}").display = kind == card_type

    def _carry_fields(self, *, to_mcq: bool) -> None:
        """Changing between basic and MCQ keeps what was typed: the front is the question and
        the back the right answer, so the text of the fields left follows to the new ones."""
        front = self.query_one("#author-front", TextArea)
        back = self.query_one("#author-back", TextArea)
        question = self.query_one("#author-question", TextArea)
        answer = self.query_one("#author-answer", Input)
        if to_mcq:
            if front.text.strip():
                question.load_text(front.text)
            if back.text.strip():
                answer.value = " ".join(back.text.split())
        else:
            if question.text.strip():
                front.load_text(question.text)
            if answer.value.strip():
                back.load_text(answer.value)

    # -- reading and checking -------------------------------------------------------------

    @property
    def deck_id(self) -> str | None:
        """The chosen deck, if any."""
        if not self.write:
            return self._target_deck or "candidates"
        value = self.query_one("#author-deck", Select).value
        return value if isinstance(value, str) else None

    def current_draft(self) -> Draft:
        """What the form holds now."""
        card_type = self.query_one("#author-type", Select).value
        areas = {
            name: self.query_one(f"#{WIDGET_IDS[name]}", TextArea).text
            for name in ("front", "back", "text", "question", "distractors", "notes")
        }
        return Draft(
            type=card_type if isinstance(card_type, str) else "basic",
            card_id=self.query_one("#author-id", Input).value,
            answer=self.query_one("#author-answer", Input).value,
            tags=self.query_one("#author-tags", Input).value,
            reverse=self.query_one("#author-reverse", Checkbox).value,
            typed=self.query_one("#author-typed", Checkbox).value,
            **areas,
        )

    def _is_taken(self, card_id: str) -> bool:
        # The store knows every synced card, removed ones included: an id is never reused,
        # so that a new card cannot inherit the progress of a deleted one.
        return self.nq.store.deck_id_of(card_id) is not None

    # A description, or Textual would repr() every card to name the worker (1 s at 100k).
    @work(thread=True, exclusive=True, group="author-index", description="index card contents")
    def _build_index(self, deck_paths: list[Path]) -> None:
        """Index every card's content for the duplicate check (slow at 100,000 cards).

        The decks are read from their files one at a time (the app keeps no card models).
        """
        index = content_index(
            item.deck for item in iter_decks(deck_paths) if isinstance(item, LoadedDeck)
        )
        self.app.call_from_thread(self._index_ready, index)

    def _index_ready(self, index: dict[str, tuple[str, str]]) -> None:
        self._index = index
        if self.is_mounted:
            self.refresh_checks()

    def refresh_checks(self) -> None:
        """Check the form, show every error next to its field, and redraw the preview."""
        draft = self.current_draft()
        deck_id = self.deck_id
        self._checked = check_draft(
            draft,
            deck_id=deck_id,
            original=self.card,
            is_taken=self._is_taken,
            content_index=self._index,
        )
        if self._initial is not None:
            initial = self._initial[1]
            self._touched.update(
                name
                for name in WIDGET_IDS
                if getattr(draft, name, None) != getattr(initial, name, None)
            )
        for name in (*WIDGET_IDS, GENERAL):
            messages = self._checked.errors.get(name, [])
            if not (self._show_all or name in self._touched or name in ("deck", GENERAL)):
                # A new card's empty fields are not errors yet: say so once they are touched
                # or on saving. The preview still counts them.
                messages = []
            error = self.query_one(f"#error-{name}", Static)
            error.update("\n".join(f"✗ {message}" for message in messages))
            error.set_class(bool(messages), "-shown")
            if name in WIDGET_IDS:
                self.query_one(f"#{WIDGET_IDS[name]}").set_class(bool(messages), "-invalid")
        if self.card is None:
            auto = new_card_id(deck_id or "card", draft.prompt(), self._is_taken)
            self.query_one("#author-id", Input).placeholder = f"automatic: {auto}"
        preview = render_preview(draft, self._checked, self.card)
        self.query_one("#preview", Static).update(preview)

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(Checkbox.Changed)
    def _field_changed(self, event: Any) -> None:
        event.stop()
        if self._initial is not None:
            self.refresh_checks()

    @on(Select.Changed)
    def _select_changed(self, event: Select.Changed) -> None:
        event.stop()
        if event.select.id == "author-type" and isinstance(event.value, str):
            self._show_type(event.value)
        if event.select.id == "author-deck":
            self._show_deck_title()
        if self._initial is not None:
            self.refresh_checks()

    # -- actions -------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Delete only exists for a card already in a deck file; "Done" replaces "Save",
        and there is no new deck, when nothing is written.
        """
        if action == "delete":
            return self.write and self.card is not None
        if action in ("save", "new_deck"):
            return self.write
        if action == "keep":
            return not self.write
        return True

    def action_keep(self) -> None:
        """Check the card and dismiss with it, writing nothing."""
        self._show_all = True
        self.refresh_checks()
        if self._checked.card is None:
            self.notify("Fix the problems marked in red first.", severity="error", timeout=4)
            self._focus_first_error()
            return
        self.dismiss(self._checked.card)

    def action_save(self) -> None:
        """Save the card if the form has no error; then reload the decks and close."""
        self._show_all = True
        self.refresh_checks()
        card = self._checked.card
        deck_id = self.deck_id
        if card is None or deck_id is None:
            self.notify("Fix the problems marked in red first.", severity="error", timeout=4)
            self._focus_first_error()
            return
        path = self._deck_paths[deck_id]
        old_deck = self._initial[0] if self._initial is not None else None
        try:
            upsert_card(path, card, root=self.nq.decks_dir)
            if self.card is not None and old_deck is not None and old_deck != deck_id:
                # Moved: it is not a rejection, so generation may still propose it there.
                delete_card(
                    self._deck_paths[old_deck],
                    card.id,
                    remember_rejected=False,
                    root=self.nq.decks_dir,
                )
        except NeuroquizError as error:
            self._show_save_error(error)
            return
        self.nq.reload_decks()
        self.notify(f"Saved {card.id} in {path.name}.", timeout=3, markup=False)
        self.dismiss(card)

    def _show_save_error(self, error: NeuroquizError) -> None:
        general = self.query_one("#error-general", Static)
        general.update(f"✗ Not saved: {error}")
        general.add_class("-shown")
        self.notify(str(error), title="Not saved", severity="error", markup=False)

    def _focus_first_error(self) -> None:
        for name, widget_id in WIDGET_IDS.items():
            if name in self._checked.errors:
                widget = self.query_one(f"#{widget_id}")
                widget.focus()
                widget.scroll_visible(animate=False)
                return

    def action_delete(self) -> None:
        """Delete the card from its deck file, after asking."""
        card = self.card
        old_deck = self._initial[0] if self._initial is not None else None
        if card is None or old_deck is None:
            return
        path = self._deck_paths[old_deck]
        note = (
            " It was generated: its id is remembered so that generation never adds it again."
            if card.origin == "generated"
            else ""
        )
        message = (
            f"Card {card.id} will be removed from {path.name}. Its review history stays in the "
            f"database.{note}"
        )

        def confirmed(yes: bool | None) -> None:
            if not yes:
                return
            try:
                delete_card(path, card.id, root=self.nq.decks_dir)
            except NeuroquizError as error:
                self._show_save_error(error)
                return
            self.nq.reload_decks()
            self.notify(f"Deleted {card.id} from {path.name}.", timeout=3, markup=False)
            self.dismiss(None)

        self.app.push_screen(ConfirmDialog("Delete this card?", message, "Delete"), confirmed)

    def action_new_deck(self) -> None:
        """Create a new deck file and choose it for this card."""

        def created(new: NewDeck | None) -> None:
            if new is None:
                return
            self._deck_paths[new.deck_id] = new.path
            self._deck_titles[new.deck_id] = new.title
            self._fill_decks(new.deck_id)
            self.notify(f"Created {new.path.name}.", timeout=3, markup=False)
            self.nq.reload_decks()

        dialog = NewDeckDialog(self.nq.decks_dir, lambda deck_id: deck_id in self._deck_paths)
        self.app.push_screen(dialog, created)

    @on(Button.Pressed, "#author-new-deck")
    def _new_deck_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_new_deck()

    def action_cancel(self) -> None:
        """Close without saving; ask first if anything was changed."""
        if self._initial is None or (self.deck_id, self.current_draft()) == self._initial:
            self.dismiss(None)
            return

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmDialog(
                "Discard your changes?", "The card was changed and not saved.", "Discard"
            ),
            confirmed,
        )


def _first_field(card_type: str) -> str:
    return {"basic": "front", "cloze": "text", "mcq": "question"}.get(card_type, "front")
