"""Help: ``?`` lists the keys of the screen on top, read from the BINDINGS that drive them.

The list is made from the same bindings the footer and the command palette show — the
screen's own, those of neuroquiz's widgets on the focus path (the decks table's ``enter``),
then the app's — so it can never disagree with what the keys do. Keys that cannot act right
now (a grade before the answer is shown) are listed dimmed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from rich.table import Table
from rich.text import Text
from textual.actions import parse
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import Static


@dataclass(frozen=True)
class KeyHelp:
    """One action of a screen and the keys that run it.

    Attributes:
        keys: The keys as shown in the footer (``space``, ``enter``, ``^t``), in order.
        description: The short name (the footer's and the palette's).
        help: What it does (the binding's tooltip, else its description).
        available: False if the action cannot run right now (e.g. grading before the
            answer is shown).
    """

    keys: tuple[str, ...]
    description: str
    help: str
    available: bool


def declared_by_neuroquiz(node: object, binding: Binding) -> bool:
    """Whether ``binding`` is one of neuroquiz's own widget subclasses' keys (such as the
    decks table's ``enter``), not one a Textual widget brings (cursor keys, copy...)."""
    return any(
        isinstance(own, Binding) and own.action == binding.action
        for cls in _neuroquiz_classes(node)
        for own in cls.__dict__.get("BINDINGS", ())
    )


def _neuroquiz_classes(node: object) -> list[type]:
    return [cls for cls in type(node).__mro__ if cls.__module__.startswith("neuroquiz.")]


def _own_bindings(node: object) -> list[Binding]:
    """The bindings neuroquiz's classes of ``node`` declare, most derived class first."""
    found: list[Binding] = []
    for cls in _neuroquiz_classes(node):
        declared: list[BindingType] = cls.__dict__.get("BINDINGS", [])
        found.extend(Binding.make_bindings(declared))
    return found


def _available(node: DOMNode, action: str) -> bool:
    _, name, parameters = parse(action)
    return bool(node.check_action(name, parameters))


def screen_keys(screen: Screen[Any]) -> list[KeyHelp]:
    """The keys of ``screen``: its own, its focused neuroquiz widgets', then the app's.

    An action bound to several keys (``space,enter``) is one entry; a key taken by a nearer
    node (the focused widget before the screen, the screen before the app) is listed there
    only. Only bindings with a description are listed (the others are Textual's plumbing).

    Args:
        screen: The screen whose keys to list (the app's screen on top).
    """
    app: App[Any] = screen.app
    sources: list[tuple[DOMNode, list[Binding]]] = []
    focused = screen.focused
    if focused is not None:
        for node in focused.ancestors_with_self:
            if node is screen or node is app:
                break
            sources.append((node, _own_bindings(node)))
    sources.append((screen, _own_bindings(screen)))
    sources.append((app, _own_bindings(app)))
    entries: dict[tuple[int, str], tuple[list[str], Binding, DOMNode]] = {}
    taken: set[str] = set()
    for node, bindings in sources:
        for binding in bindings:
            if not binding.description or binding.key in taken:
                continue
            taken.add(binding.key)
            slot = (id(node), binding.action)
            if slot not in entries:
                entries[slot] = ([], binding, node)
            entries[slot][0].append(app.get_key_display(binding))
    listed = [
        KeyHelp(
            keys=tuple(keys),
            description=binding.description,
            help=binding.tooltip or binding.description,
            available=_available(node, binding.action),
        )
        for keys, binding, node in entries.values()
    ]
    palette = Binding(app.COMMAND_PALETTE_BINDING, "command_palette")
    quit_key = Binding("ctrl+q", "quit")
    listed += [
        KeyHelp(
            (app.get_key_display(palette),),
            "Commands",
            "Search every command (this screen's keys too)",
            True,
        ),
        KeyHelp((app.get_key_display(quit_key),), "Quit", "Quit neuroquiz", True),
    ]
    return listed


def keys_table(keys: list[KeyHelp]) -> Table:
    """The keys as a two-column table (key, what it does); unavailable ones dimmed."""
    table = Table(box=None, show_header=False, pad_edge=False, expand=True)
    table.add_column("key", style="bold", no_wrap=True)
    table.add_column("action", ratio=1)
    for entry in keys:
        style = "" if entry.available else "dim"
        table.add_row(
            Text(" ".join(entry.keys), style=style),
            Text(entry.help, style=style),
        )
    return table


class KeysHelpScreen(ModalScreen[None]):
    """The keys of the screen beneath; ``escape`` or ``?`` closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark", "close", "Close", tooltip="Close the list of keys"),
    ]

    def __init__(self, title: str, keys: list[KeyHelp]) -> None:
        """Create the panel.

        Args:
            title: What the keys are of (the screen's title), shown literally.
            keys: From :func:`screen_keys`.
        """
        super().__init__(id="keys-help")
        self._title = title
        self.keys = keys

    def compose(self) -> ComposeResult:
        """Title, the closing hint, the keys (scrollable: at the bottom, so that a short
        terminal cuts only the list, which the arrows scroll)."""
        with Vertical(id="keys-dialog"):
            yield Static(Text(f"Keys · {self._title}"), classes="dialog-title")
            yield Static(
                Text("escape or ? closes · dimmed: not available right now"), id="keys-hint"
            )
            with VerticalScroll(id="keys-body"):
                yield Static(keys_table(self.keys), id="keys-table")

    def action_close(self) -> None:
        """Close the panel."""
        self.dismiss(None)
