"""A one-line header whose first part (a title) gives way so the rest stays whole.

The study screen's line above the card reads ``<deck title> · <card type> · <state>``: at
80 columns a long generated deck title would push the state ("↻ re-drill: graded below 4
earlier") off the end. :class:`TitledLine` is a Rich renderable, so it is fitted again to
the width it is given at every render: on a wide terminal the whole title shows, on a
narrow one it ends in an ellipsis and the type and state are kept.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.measure import Measurement
from rich.text import Text

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult

SEPARATOR = " · "
"""Between the parts of the line."""
MIN_TITLE_CELLS = 12
"""The title keeps at least this much (with its ellipsis) before the rest is cut instead."""


def fit_titled(title: str, rest: Sequence[str], width: int, style: str = "") -> Text:
    """``title · rest[0] · rest[1]…`` in ``width`` cells: the title shortened first.

    The title is cut (with an ellipsis) to the room the rest leaves, down to
    :data:`MIN_TITLE_CELLS`; only then does the end of the line give way, again with an
    ellipsis. Text is plain (never markup).

    Args:
        title: The part that gives way (one line).
        rest: The parts kept whole if they can be.
        width: The cells available.
        style: The style of the whole line.
    """
    tail = "".join(SEPARATOR + part for part in rest)
    room = max(MIN_TITLE_CELLS, width - cell_len(tail))
    head = Text(title)
    if cell_len(title) > room:
        head.truncate(room, overflow="ellipsis")
    line = Text(style=style, no_wrap=True, overflow="ellipsis")
    line.append_text(head)
    line.append(tail)
    line.truncate(max(width, 1), overflow="ellipsis")
    return line


class TitledLine:
    """A renderable :func:`fit_titled` line, fitted to the width of wherever it is shown."""

    def __init__(self, title: str, rest: Sequence[str], style: str = "") -> None:
        """Keep the parts.

        Args:
            title: The part that gives way (one line, plain text).
            rest: The parts kept whole if they can be (plain text).
            style: The style of the whole line.
        """
        self.title = title
        self.rest = tuple(rest)
        self.style = style

    @property
    def plain(self) -> str:
        """The whole line, nothing cut."""
        return "".join((self.title, *(SEPARATOR + part for part in self.rest)))

    def __str__(self) -> str:
        """The whole line (what tests and logs read)."""
        return self.plain

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        """The line fitted to ``options.max_width``."""
        yield fit_titled(self.title, self.rest, options.max_width, self.style)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        """As wide as the whole line, at most the width available."""
        width = min(cell_len(self.plain), options.max_width)
        return Measurement(min(width, MIN_TITLE_CELLS), width)
