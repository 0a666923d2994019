"""A footer that shows and dims its keys in place instead of rebuilding itself.

Textual's :class:`~textual.widgets.Footer` recomposes on every change of the screen's
bindings: it removes all its keys and mounts new ones, which restyles each of them and
leaves garbage for the collector. On the study screen the bindings change with every
reveal and every answer (the "Show answer" key comes and goes, "Source" dims on a card
without one), and that rebuild was most of the time between a grade key and the next card.

:class:`SteadyFooter` looks at what the stock footer would show. When those keys are,
in order, among the ones it already holds, it shows those (dimmed or not, as the stock
footer would) and hides the others; anything else (a key it never held, key groups) goes
through the stock rebuild. What is drawn is the same either way.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple, Protocol, cast

from textual.widgets import Footer

if TYPE_CHECKING:
    from textual.screen import Screen
    from textual.widget import Widget


class _Entry(NamedTuple):
    """One key as the stock footer composes it."""

    key: str
    key_display: str
    description: str
    action: str
    tooltip: str | None
    palette: bool  # the command palette's key, docked right


class _FooterKey(Protocol):
    """What the footer's key widgets (``FooterKey``, not exported by Textual) carry."""

    key: str
    key_display: str
    description: str
    action: str
    _disabled: bool


PALETTE_CLASS = "-command-palette"
"""The class Textual's footer gives the command palette's key."""


class SteadyFooter(Footer):
    """Textual's footer, updated in place when it already holds the keys to show."""

    def __init__(self) -> None:
        """Create the footer (empty until the screen's bindings are known)."""
        super().__init__()
        self._pending = False  # an update is waiting for the next refresh

    def bindings_changed(self, screen: Screen[object]) -> None:
        """Show the screen's current keys after the next refresh, as the stock footer does.

        Several changes before that refresh make one update: it reads the bindings then.
        """
        if self.is_attached and screen is self.screen and screen.app.app_focus and self.children:
            if not self._pending:
                self._pending = True
                self.call_after_refresh(self._show_keys, screen)
        else:
            super().bindings_changed(screen)

    async def _show_keys(self, screen: Screen[object]) -> None:
        """Show the keys in place if they are all held; otherwise rebuild."""
        self._pending = False
        if not self.is_attached or screen is not self.screen:
            return
        if not self._update_in_place(screen):
            await self.recompose()

    def _wanted(self, screen: Screen[object]) -> list[tuple[_Entry, bool]] | None:
        """The keys the stock footer would compose now, with whether each is enabled.

        None if it would group some of them (those are always rebuilt).
        """
        active = screen.active_bindings
        first_by_action: dict[str, tuple[_Entry, bool]] = {}
        for _node, binding, enabled, tooltip in active.values():
            if not binding.show:
                continue
            if binding.group is not None:
                return None
            if binding.action not in first_by_action:
                entry = _Entry(
                    binding.key,
                    self.app.get_key_display(binding),
                    binding.description,
                    binding.action,
                    tooltip or None,
                    palette=False,
                )
                first_by_action[binding.action] = (entry, enabled)
        wanted = list(first_by_action.values())
        if self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE:
            palette = active.get(self.app.COMMAND_PALETTE_BINDING)
            if palette is not None:
                _node, binding, enabled, _tooltip = palette
                entry = _Entry(
                    binding.key,
                    self.app.get_key_display(binding),
                    binding.description,
                    binding.action,
                    binding.tooltip or binding.description or None,
                    palette=True,
                )
                wanted.append((entry, enabled))
        return wanted

    def _update_in_place(self, screen: Screen[object]) -> bool:
        """Show the wanted keys among the ones held; False (nothing changed) if not all are."""
        wanted = self._wanted(screen)
        held = list(self.query_children("FooterKey"))
        if wanted is None or not held or any(not hasattr(key, "_disabled") for key in held):
            return False
        plan: list[tuple[Widget, bool | None]] = []  # each held key: enabled, None = hidden
        position = 0
        for widget in held:
            if position < len(wanted) and _held_entry(widget) == wanted[position][0]:
                plan.append((widget, wanted[position][1]))
                position += 1
            else:
                plan.append((widget, None))
        if position < len(wanted):
            return False
        for widget, enabled in plan:
            widget.display = enabled is not None
            if enabled is not None:
                # FooterKey keeps its state in `_disabled` (a click on a disabled key rings
                # the bell) and shows it with the `-disabled` class, as its constructor does.
                cast("_FooterKey", widget)._disabled = not enabled
                widget.set_class(not enabled, "-disabled")
        return True


def _held_entry(widget: Widget) -> _Entry:
    key = cast("_FooterKey", widget)
    tooltip = widget.tooltip if isinstance(widget.tooltip, str) else None
    return _Entry(
        key.key,
        key.key_display,
        key.description,
        key.action,
        tooltip or None,
        palette=widget.has_class(PALETTE_CLASS),
    )
