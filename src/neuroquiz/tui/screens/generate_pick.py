"""The pick step of the Generate screen: the document tree and the engine choice.

The engine choice (the offline rules, or the configured LLM server) is shown only when the
app was started with a server (see :class:`LlmServer`); the rules stay the default, and the
note under the choice says what the LLM choice sends, and where.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Literal

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import DirectoryTree, Label, Select, Static

from neuroquiz.generate.read import FORMATS
from neuroquiz.tui.screens.generate_review import LlmServer
from neuroquiz.tui.widgets.card_text import display_safe

Engine = Literal["rules", "llm"]
"""Which generator makes the candidates."""


class DocumentTree(DirectoryTree):
    """A directory tree showing folders and the documents the generator reads."""

    def filter_paths(self, paths: Iterable[Path]) -> Iterable[Path]:
        """Hide dot files and files the generator cannot read."""
        return [
            path
            for path in paths
            if not path.name.startswith(".") and (path.is_dir() or path.suffix.lower() in FORMATS)
        ]


class EngineChoice(Vertical):
    """A compact choice between ``rules (offline)`` and ``LLM: <model> at <url>``."""

    DEFAULT_CSS = """
    EngineChoice { height: auto; margin-top: 1; }
    EngineChoice #gen-engine-line { height: auto; }
    EngineChoice #gen-engine-line Label { padding-right: 1; }
    EngineChoice #gen-engine { width: 1fr; }
    EngineChoice #gen-engine-note { color: $text-muted; height: auto; }
    """

    def __init__(self, server: LlmServer) -> None:
        """Offer the rules and ``server``.

        Args:
            server: The LLM server configured at start-up.
        """
        super().__init__(id="gen-engine-choice")
        self.server = server

    def compose(self) -> ComposeResult:
        """The label, the choice and the note on what is sent."""
        with Horizontal(id="gen-engine-line"):
            yield Label("Engine")
            yield Select[str](
                [
                    (Text("rules (offline)"), "rules"),
                    (Text(display_safe(self.server.label)), "llm"),
                ],
                value="rules",
                allow_blank=False,
                id="gen-engine",
                compact=True,
            )
        yield Static(
            Text(
                "The LLM choice sends the document's text to "
                f"{display_safe(self.server.config.url)}; the rules send nothing anywhere."
            ),
            id="gen-engine-note",
        )

    @property
    def engine(self) -> Engine:
        """The engine chosen."""
        return "llm" if self.query_one("#gen-engine", Select).value == "llm" else "rules"


class ChunkDone(Message):
    """The LLM worker has an answer for one more chunk of the document."""

    def __init__(self, done: int, total: int) -> None:
        """Carry the count.

        Args:
            done: Chunks answered so far.
            total: Chunks in all.
        """
        super().__init__()
        self.done = done
        self.total = total
