"""The neuroquiz Textual app and its factory, used by ``neuroquiz`` and by the tests.

The app holds what every screen needs — the progress store, the deck directory, the loaded
decks, the clock and the random generator — and opens screens by name. A screen module that
does not exist yet is replaced by a placeholder, so each screen can land on its own.
"""

from __future__ import annotations

import importlib
import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import Any, ClassVar

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.reactive import reactive
from textual.screen import Screen

from neuroquiz.decks import LoadedDeck, LoadResult, load_decks
from neuroquiz.errors import NeuroquizError
from neuroquiz.models import BasicCard, ClozeCard, McqCard
from neuroquiz.store import ProgressStore
from neuroquiz.study import study_day
from neuroquiz.tui.screens.home import HomeScreen
from neuroquiz.tui.screens.placeholder import PlaceholderScreen

DARK_THEME = "textual-dark"
"""The dark theme (the default)."""
LIGHT_THEME = "textual-light"
"""The light theme."""


@dataclass(frozen=True)
class ScreenSpec:
    """Where a named screen lives and what its placeholder says until it exists."""

    module: str
    """Module path, e.g. ``neuroquiz.tui.screens.quiz``."""
    class_name: str
    """The Screen subclass in that module, e.g. ``QuizScreen``."""
    title: str
    """Human name of the screen."""
    about: str
    """One sentence for the placeholder: what the screen will do."""


SCREENS: dict[str, ScreenSpec] = {
    "quiz": ScreenSpec(
        "neuroquiz.tui.screens.quiz",
        "QuizScreen",
        "Quiz",
        "Multiple-choice questions from chosen decks or tags, with a score at the end.",
    ),
    "browse": ScreenSpec(
        "neuroquiz.tui.screens.browse",
        "BrowseScreen",
        "Browse",
        "A searchable table of every card, its source, SM-2 state and review history.",
    ),
    "author": ScreenSpec(
        "neuroquiz.tui.screens.author",
        "AuthorScreen",
        "Author",
        "Add, edit and delete cards with a live preview; saving writes the deck's YAML file.",
    ),
    "generate": ScreenSpec(
        "neuroquiz.tui.screens.generate",
        "GenerateScreen",
        "Generate",
        "Make candidate cards from a document, then accept, reject or edit each one.",
    ),
    "stats": ScreenSpec(
        "neuroquiz.tui.screens.stats",
        "StatsScreen",
        "Statistics",
        "Reviews per day, due forecast, retention per deck, E-Factors and streak.",
    ),
}
"""Screens opened by name with :meth:`NeuroquizApp.open_screen`."""


def _screen_class(spec: ScreenSpec) -> type[Screen[Any]] | None:
    """Import the screen class of ``spec``; None only if its module does not exist yet."""
    try:
        module = importlib.import_module(spec.module)
    except ModuleNotFoundError as error:
        if error.name != spec.module:
            raise  # a real import error inside the screen module: show it, do not hide it
        return None
    screen_class: type[Screen[Any]] = getattr(module, spec.class_name)
    return screen_class


class NeuroquizApp(App[None]):
    """The neuroquiz app: decks home, study, stats, and the screens opened from home.

    Build it with :func:`create_app`. Screens reach the shared services through ``self.app``
    (typed as this class): :attr:`store`, :attr:`decks_dir`, :attr:`loaded`, :attr:`clock`,
    :attr:`rng`, :meth:`today`, :meth:`deck_path`, :meth:`reload_decks`.
    """

    CSS_PATH = "app.tcss"
    TITLE = "neuroquiz"
    BINDINGS: ClassVar[list[BindingType]] = [
        # Not in the footer (room is short at 80 columns); in the palette as "Light/dark".
        Binding(
            "ctrl+t",
            "toggle_theme",
            "Light/dark",
            tooltip="Switch between the light and the dark theme",
            show=False,
        ),
    ]

    decks_version: reactive[int] = reactive(0)
    """Bumped each time the deck files were reloaded and synced; screens watch it to refresh."""

    def __init__(
        self,
        *,
        store: ProgressStore,
        decks_dir: Path,
        clock: Callable[[], datetime],
        rng: random.Random,
        loaded: LoadResult,
        day_start_hour: int | None = None,
        theme: str = DARK_THEME,
    ) -> None:
        """Create the app; prefer :func:`create_app`.

        Args:
            store: The open progress store (already synced with ``loaded``).
            decks_dir: The deck directory (its ``sources/`` holds source documents).
            clock: Returns the current aware datetime; the only clock the app reads.
            rng: The random generator (session order, quiz shuffles).
            loaded: The deck files as loaded, with any problems.
            day_start_hour: The hour at which a new study day starts (default: the store's).
            theme: The theme to start with.
        """
        super().__init__()
        self.store = store
        self.decks_dir = decks_dir
        self.clock = clock
        self.rng = rng
        self.loaded = loaded
        self.day_start_hour = store.day_start_hour() if day_start_hour is None else day_start_hour
        self.theme = theme

    def get_default_screen(self) -> Screen[Any]:
        """The decks home screen."""
        return HomeScreen()

    def today(self) -> date:
        """The study day now (a day starts at :attr:`day_start_hour`)."""
        return study_day(self.clock(), day_start_hour=self.day_start_hour)

    def deck_path(self, deck_id: str) -> Path | None:
        """The file of deck ``deck_id``, if it was loaded."""
        loaded = self.loaded_deck(deck_id)
        return loaded.path if loaded else None

    def loaded_deck(self, deck_id: str) -> LoadedDeck | None:
        """The loaded deck ``deck_id`` (path and model), if any."""
        for loaded in self.loaded.decks:
            if loaded.deck.id == deck_id:
                return loaded
        return None

    def deck_title(self, deck_id: str) -> str:
        """The human title of deck ``deck_id`` (its id if it is not loaded)."""
        loaded = self.loaded_deck(deck_id)
        return loaded.deck.title if loaded else deck_id

    def has_screen(self, name: str) -> bool:
        """True if the screen ``name`` of :data:`SCREENS` exists (is not a placeholder)."""
        return _screen_class(SCREENS[name]) is not None

    def build_screen(self, name: str, **kwargs: Any) -> Screen[Any]:
        """Build the screen ``name`` of :data:`SCREENS` with ``kwargs``, or its placeholder."""
        spec = SCREENS[name]
        screen_class = _screen_class(spec)
        if screen_class is None:
            return PlaceholderScreen(spec.title, spec.about)
        return screen_class(**kwargs)

    def open_screen(
        self,
        name: str,
        callback: Callable[[Any], None] | None = None,
        **kwargs: Any,
    ) -> None:
        """Push the screen ``name`` (see :data:`SCREENS`), built with ``kwargs``.

        Args:
            name: A key of :data:`SCREENS`.
            callback: Called with the screen's result when it is dismissed.
            **kwargs: Passed to the screen's constructor.
        """
        self.push_screen(self.build_screen(name, **kwargs), callback)

    def edit_card(
        self,
        card: BasicCard | ClozeCard | McqCard | None,
        deck_id: str | None,
        callback: Callable[[Any], None] | None = None,
    ) -> None:
        """Open the author screen on ``card`` of deck ``deck_id`` (None, None: a new card)."""
        deck_path = self.deck_path(deck_id) if deck_id else None
        self.open_screen("author", callback, card=card, deck_path=deck_path)

    @work(thread=True, exclusive=True, group="reload-decks")
    def reload_decks(self) -> None:
        """Reload the deck files in a worker, then sync them into the store and tell the screens.

        Call this after a deck file was written (author, generate).
        """
        result = load_decks([self.decks_dir])
        self.call_from_thread(self.apply_loaded, result)

    def apply_loaded(self, result: LoadResult) -> None:
        """Sync freshly loaded decks into the store (on the UI thread) and bump the version."""
        try:
            self.store.sync([loaded.deck for loaded in result.decks])
        except NeuroquizError as error:
            self.notify(
                str(error), title="Could not sync the decks", severity="error", markup=False
            )
            return
        self.loaded = result
        self.decks_version += 1

    def action_toggle_theme(self) -> None:
        """Switch between the light and the dark theme."""
        self.theme = LIGHT_THEME if self.theme == DARK_THEME else DARK_THEME

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Textual's commands plus every described key binding of the screen and the app.

        Each binding with a description becomes a palette command with the same name, so
        every action reachable by a key is also reachable from the command palette.
        """
        yield from super().get_system_commands(screen)
        seen = {"quit", "command_palette"}
        # Of the app's bindings only neuroquiz's own: Textual's (focus next, copy...) are noise.
        own = {binding.action for binding in self.BINDINGS if isinstance(binding, Binding)}
        for active in screen.active_bindings.values():
            binding = active.binding
            if active.node is self and binding.action not in own:
                continue
            if active.node not in (screen, self) or not binding.description:
                continue
            if binding.action in seen or not active.enabled:
                continue
            seen.add(binding.action)
            key = self.get_key_display(binding)
            help_text = f"{binding.tooltip or binding.description}  [{key}]"
            callback = partial(self.run_action, binding.action, active.node)
            yield SystemCommand(binding.description, help_text, callback)


def create_app(
    *,
    store: ProgressStore,
    decks_dir: Path,
    clock: Callable[[], datetime],
    rng: random.Random,
    loaded: LoadResult | None = None,
    day_start_hour: int | None = None,
    theme: str = DARK_THEME,
) -> NeuroquizApp:
    """Build the app. The CLI passes the real clock and a fresh ``random.Random()``; tests pass
    a fixed clock and a seeded generator.

    Args:
        store: The open progress store.
        decks_dir: The deck directory.
        clock: Returns the current aware datetime.
        rng: The random generator.
        loaded: The decks as loaded (and already synced into ``store``). If None, the decks in
            ``decks_dir`` are loaded and synced here.
        day_start_hour: The hour at which a new study day starts (default: the store's).
        theme: The theme to start with (:data:`DARK_THEME` or :data:`LIGHT_THEME`).

    Returns:
        The app, ready to ``run()`` or ``run_test()``.
    """
    if loaded is None:
        loaded = load_decks([decks_dir])
        store.sync([item.deck for item in loaded.decks])
    return NeuroquizApp(
        store=store,
        decks_dir=decks_dir,
        clock=clock,
        rng=rng,
        loaded=loaded,
        day_start_hour=day_start_hour,
        theme=theme,
    )
