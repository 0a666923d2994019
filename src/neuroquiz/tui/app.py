"""The neuroquiz Textual app and its factory, used by ``neuroquiz`` and by the tests.

The app holds what every screen needs — the progress store, the deck directory, the loaded
decks, the clock and the random generator — and opens screens by name. A screen module that
does not exist yet is replaced by a placeholder, so each screen can land on its own.

Started without loaded decks (the CLI), the app opens at once on what the store already
knows, and loads and syncs the deck files in a worker; ``decks_loading`` says when that runs.

Memory: the app keeps what it shows of each deck file (:class:`DeckFileInfo`: id, title,
description, path, card count), never the card models. The files are read one at a time
and each deck is fingerprinted as it is read (``prepare_decks``), so only decks that changed
since the last sync keep their cards until the sync; screens that need cards read them
from the store or from the one deck file they need.
"""

from __future__ import annotations

import gc
import random
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.reactive import reactive
from textual.screen import Screen
from textual.worker import Worker, get_current_worker

from neuroquiz.decks.listing import DeckFileInfo, DeckListing
from neuroquiz.decks.problems import LoadResult
from neuroquiz.errors import DatabaseGoneError, NeuroquizError
from neuroquiz.study.day import study_day
from neuroquiz.study.decks_dir import decks_dir_name, moved_warning
from neuroquiz.tui.deck_read import DeckRead, Known, LoadCancelledError, read_deck_files
from neuroquiz.tui.screen_registry import SCREENS, ScreenSpec, import_screen_class
from neuroquiz.tui.screens.home import HomeScreen
from neuroquiz.tui.theme import DARK_THEME, LIGHT_THEME, remember_theme, starting_theme

if TYPE_CHECKING:
    from neuroquiz.models import BasicCard, ClozeCard, McqCard
    from neuroquiz.store import DeckInfo, ProgressStore
    from neuroquiz.tui.screens.generate_review import LlmServer

__all__ = [
    "DARK_THEME",
    "LIGHT_THEME",
    "SCREENS",
    "NeuroquizApp",
    "ScreenSpec",
    "create_app",
    "read_deck_files",
]


class NeuroquizApp(App[None]):
    """The neuroquiz app: decks home, study, stats, and the screens opened from home.

    Build it with :func:`create_app`. Screens reach the shared services through ``self.app``
    (typed as this class): :attr:`store`, :attr:`decks_dir`, :attr:`loaded`, :attr:`clock`,
    :attr:`rng`, :attr:`llm`, :meth:`today`, :meth:`deck_path`, :meth:`reload_decks`.
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
        # Not in the footer either: it would cost every screen a footer slot; the palette
        # and the README name it.
        Binding(
            "question_mark",
            "show_keys",
            "Keys",
            tooltip="Show the keys of this screen (escape or ? closes)",
            show=False,
        ),
    ]

    decks_version: reactive[int] = reactive(0)
    """Bumped each time the deck files were reloaded and synced; screens watch it to refresh.

    The load at start-up bumps it only if the sync changed the store (the screens already
    show what the store holds).
    """

    decks_loading: reactive[bool] = reactive(False)
    """True while the deck files are being loaded and synced in the background."""

    def __init__(
        self,
        *,
        store: ProgressStore,
        decks_dir: Path,
        clock: Callable[[], datetime],
        rng: random.Random,
        loaded: LoadResult | DeckListing | None,
        day_start_hour: int | None = None,
        theme: str | None = None,
        cohort_dirs: Sequence[Path] = (),
        llm: LlmServer | None = None,
    ) -> None:
        """Create the app; prefer :func:`create_app`.

        Args:
            store: The open progress store (already synced with ``loaded``).
            decks_dir: The deck directory (its ``sources/`` holds source documents).
            clock: Returns the current aware datetime; the only clock the app reads.
            rng: The random generator (session order, quiz shuffles).
            loaded: The deck files as loaded, with any problems; None to start on what the
                store holds and load (and sync) the deck files in a worker once mounted.
            day_start_hour: The hour at which a new study day starts (default: the store's).
            theme: The theme to start with; None: the one last chosen (kept in the store's
                settings), else the dark one.
            cohort_dirs: Cohort datasets (``--cohort``): the palette then offers the
                instructor's cohort report on them.
            llm: The LLM server the Generate screen may ask; None offers only the rules.
        """
        super().__init__()
        self.store = store
        self.decks_dir = decks_dir
        self.clock = clock
        self.rng = rng
        self.llm = llm
        """The configured LLM server, or None (nothing is ever sent anywhere then)."""
        if isinstance(loaded, LoadResult):
            loaded = DeckListing.of(loaded)
        self.loaded: DeckListing = loaded if loaded is not None else DeckListing()
        """The deck files as last loaded: their info and problems, no card models."""
        self._load_on_mount = loaded is None
        self._load_generation = 0  # loads started
        self._applied_generation = 0  # the last load whose result was synced
        self._unapplied: tuple[int, DeckRead] | None = None
        # Titles and descriptions as last synced: what the screens show until the files load.
        self._stored_decks = {info.id: info for info in store.decks()} if loaded is None else {}
        self.day_start_hour = store.day_start_hour() if day_start_hour is None else day_start_hour
        self._remember_theme = False  # from on_mount on: the user's choices, not the start
        self.theme = starting_theme(store, theme, self.available_themes)
        self.cohort_dirs: tuple[Path, ...] = tuple(cohort_dirs)
        """The cohort datasets the cohort report reads (none: no report offered)."""
        self.fatal_error: NeuroquizError | None = None
        """Why the app stopped, if it had to: nothing more could be saved (see
        :meth:`store_failed`); the CLI prints it once the app has closed."""

    def on_mount(self) -> None:
        """Start loading the deck files, if the app was created without them.

        The load starts once the first frame is drawn: reading the stamps and importing
        the deck reader would otherwise delay the home screen, which the store fills alone.
        The home screen says the decks are loading from its first frame on.
        """
        self._remember_theme = True
        if self._load_on_mount:
            self._load_on_mount = False
            self.decks_loading = True
            self.call_after_refresh(self._start_initial_load)

    def _start_initial_load(self) -> None:
        if not self._load_generation:  # no reload started meanwhile (it reads the files too)
            self.start_loading(initial=True)

    def on_unmount(self) -> None:
        """Give the objects frozen after a load back to the garbage collector."""
        gc.unfreeze()

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

    def loaded_deck(self, deck_id: str) -> DeckFileInfo | None:
        """The loaded deck ``deck_id`` (path, title, card count; no cards), if any."""
        return self.loaded.find(deck_id)

    def deck_title(self, deck_id: str) -> str:
        """The human title of deck ``deck_id`` (as last synced before the files load; its id
        if it is unknown)."""
        loaded = self.loaded_deck(deck_id)
        if loaded is not None:
            return loaded.title
        stored = self.stored_deck(deck_id)
        return stored.title if stored is not None else deck_id

    def stored_deck(self, deck_id: str) -> DeckInfo | None:
        """Deck ``deck_id`` as the store knew it at start-up, while the files are loading.

        None once the deck files have loaded (:attr:`loaded` then knows every deck).
        """
        return self._stored_decks.get(deck_id)

    def has_screen(self, name: str) -> bool:
        """True if the screen ``name`` of :data:`SCREENS` exists (is not a placeholder)."""
        return import_screen_class(SCREENS[name]) is not None

    def build_screen(self, name: str, **kwargs: Any) -> Screen[Any]:
        """Build the screen ``name`` of :data:`SCREENS` with ``kwargs``, or its placeholder."""
        spec = SCREENS[name]
        screen_class = import_screen_class(spec)
        if screen_class is None:
            from neuroquiz.tui.screens.placeholder import PlaceholderScreen

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

    def reload_decks(self) -> Worker[None]:
        """Reload the deck files in a worker, then sync them into the store and tell the screens.

        Call this after a deck file was written (author, generate). A reload started while
        another runs replaces it: only the newest result is applied.

        Returns:
            The worker (``await app.workers.wait_for_complete()`` waits for it in tests).
        """
        return self.start_loading(initial=False)

    def start_loading(self, *, initial: bool) -> Worker[None]:
        """Set :attr:`decks_loading` and start the load-and-sync worker.

        Args:
            initial: The load at start-up: :attr:`decks_version` moves only if the sync
                changed the store.
        """
        self._load_generation += 1
        self.decks_loading = True
        # Read here: the store's connection belongs to the UI thread.
        known = (self.store.deck_fingerprints(), self.store.known_files())
        return self._load_decks(self._load_generation, initial, known)

    # A description, or Textual would name the worker after its arguments.
    @work(thread=True, exclusive=True, group="reload-decks", description="load the deck files")
    def _load_decks(self, generation: int, initial: bool, known: Known) -> None:
        """Parse the deck files off the UI thread; the sync runs on the UI thread, whose
        SQLite connection the store holds (a connection is not shared across threads)."""

        worker = get_current_worker()

        def cancelled() -> bool:
            return worker.is_cancelled

        def card_ids(deck_ids: Sequence[str]) -> dict[str, list[str]]:
            if cancelled():  # the app may be closing: never wait on its loop then
                raise LoadCancelledError
            return self.call_from_thread(self.store.deck_card_ids, deck_ids)

        # A quit cancels this worker, and Python waits for the thread before it exits: the
        # read stops at the next file, so quitting never waits for the rest of the decks.
        # Only reads happen here; the sync is one transaction on the UI thread, so a load
        # given up leaves the store as it was, and the next start syncs.
        try:
            result = read_deck_files(self.decks_dir, known, card_ids, cancelled)
        except LoadCancelledError:
            return
        gc.collect()  # the garbage of parsing goes now, not at a later keystroke (see below)
        if worker.is_cancelled:
            # Replaced by a newer load, or the app is closing: finish_loading() may sync it.
            self._unapplied = (generation, result)
        else:
            self.call_from_thread(self._loaded, generation, result, initial)

    def _loaded(self, generation: int, result: DeckRead, initial: bool) -> None:
        if generation == self._load_generation:  # else a newer load runs: its result wins
            self.apply_loaded(result, initial=initial)

    def finish_loading(self) -> str | None:
        """After the app has stopped, sync a deck load that finished too late to apply.

        A load that finished after the screen closed is synced now. A load the quit cut
        short is not resumed (quitting must not wait for it): the store stays as it was, and
        the next start syncs. If no load ran at all (the app quit before it was mounted),
        the decks are loaded and synced here. Called by the CLI once :meth:`run` returns.

        Returns:
            The warning to print if that sync read another deck directory than the
            database's last one (see :func:`neuroquiz.study.decks_dir.moved_warning`).

        Raises:
            NeuroquizError: the sync failed (e.g. the database is locked).
        """
        if self._applied_generation == self._load_generation and self._load_generation:
            return None
        unapplied = self._unapplied
        if unapplied is not None and unapplied[0] == self._load_generation:
            result = unapplied[1]
        elif self._load_generation:
            return None  # cut short by the quit
        else:
            known = (self.store.deck_fingerprints(), self.store.known_files())
            result = read_deck_files(self.decks_dir, known, self.store.deck_card_ids)
        if result.error is not None:
            raise result.error
        name = decks_dir_name(self.decks_dir)
        report = self.store.sync_prepared(result.prepared, decks_dir=name)
        self.loaded = result.listing
        self._applied_generation = self._load_generation
        return moved_warning(report, name)

    def apply_loaded(self, result: DeckRead, *, initial: bool = False) -> None:
        """Sync freshly read decks into the store (on the UI thread) and bump the version.

        Args:
            result: The deck files as read by :func:`read_deck_files`.
            initial: The load at start-up (see :meth:`start_loading`).
        """
        self.decks_loading = False
        self._applied_generation = self._load_generation
        try:
            if result.error is not None:
                raise result.error
            name = decks_dir_name(self.decks_dir)
            report = self.store.sync_prepared(result.prepared, decks_dir=name)
        except NeuroquizError as error:
            self.store_failed(error, title="Could not sync the decks")
            return
        warning = moved_warning(report, name)
        if warning is not None:
            self.notify(
                warning[0].upper() + warning[1:] + ".",
                title="Another deck folder",
                severity="warning",
                timeout=30,
                markup=False,
            )
        self.loaded = result.listing
        self._stored_decks = {}
        # What exists now lives as long as the app; left to the garbage collector, every
        # full pass walks it again (slow at 100,000 cards, every second or two of studying):
        # the collector leaves it alone until the app closes (see on_unmount).
        gc.freeze()
        if report.touched or not initial:
            self.decks_version += 1

    def store_failed(self, error: NeuroquizError, title: str = "Not saved") -> None:
        """Say why a write to the progress store failed (it was rolled back: nothing of it
        is stored), and stop the app if nothing can be saved any more.

        A busy or full database, or a read-only one, is a notification: the screen keeps
        what it showed, and the user can try again. A database file deleted or replaced
        while the app ran ends the app, with the reason kept in :attr:`fatal_error`.
        """
        if isinstance(error, DatabaseGoneError):
            self.fatal_error = error
            self.exit(return_code=1)
            return
        self.notify(str(error), title=title, severity="error", timeout=8, markup=False)

    def action_toggle_theme(self) -> None:
        """Switch between the light and the dark theme."""
        self.theme = LIGHT_THEME if self.theme == DARK_THEME else DARK_THEME

    def watch_theme(self, name: str) -> None:
        """Remember a theme chosen (``ctrl+t`` or the palette) for the next start."""
        if self._remember_theme and (problem := remember_theme(self.store, name)) is not None:
            self.notify(problem, title="Theme not remembered", severity="warning", markup=False)

    def action_show_keys(self) -> None:
        """Show the keys of the screen on top in a panel (``?`` again closes it)."""
        from neuroquiz.tui.screens.keys_help import KeysHelpScreen, screen_keys

        screen = self.screen
        if isinstance(screen, KeysHelpScreen):
            screen.dismiss(None)
            return
        title = screen.sub_title or screen.title or type(screen).__name__
        self.push_screen(KeysHelpScreen(title, screen_keys(screen)))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Textual's commands plus every described key binding of the screen and the app.

        Each binding with a description becomes a palette command with the same name, so
        every action reachable by a key is also reachable from the command palette.
        """
        from neuroquiz.tui.screens.keys_help import declared_by_neuroquiz

        yield from super().get_system_commands(screen)
        if self.cohort_dirs and screen.id != "cohort":
            where = ", ".join(str(path) for path in self.cohort_dirs)
            yield SystemCommand(
                "Cohort report",
                f"Hardest cards, decks and learners of the cohort in {where}",
                partial(self.open_screen, "cohort", dirs=self.cohort_dirs),
            )
        seen = {"quit", "command_palette"}
        # Of the app's bindings only neuroquiz's own: Textual's (focus next, copy...) are noise.
        own = {binding.action for binding in self.BINDINGS if isinstance(binding, Binding)}
        for active in screen.active_bindings.values():
            binding = active.binding
            if active.node is self and binding.action not in own:
                continue
            if active.node not in (screen, self) and not declared_by_neuroquiz(
                active.node, binding
            ):
                continue
            if not binding.description:
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
    loaded: LoadResult | DeckListing | None = None,
    day_start_hour: int | None = None,
    theme: str | None = None,
    cohort_dirs: Sequence[Path] = (),
    llm: LlmServer | None = None,
) -> NeuroquizApp:
    """Build the app. The CLI passes the real clock and a fresh ``random.Random()``; tests pass
    a fixed clock and a seeded generator.

    Args:
        store: The open progress store.
        decks_dir: The deck directory.
        clock: Returns the current aware datetime.
        rng: The random generator.
        loaded: The decks as loaded (and already synced into ``store``). If None, the app
            opens on what the store holds and loads and syncs the decks in ``decks_dir`` in
            a worker once it is mounted (:attr:`NeuroquizApp.decks_loading` meanwhile).
        day_start_hour: The hour at which a new study day starts (default: the store's).
        theme: The theme to start with (:data:`DARK_THEME` or :data:`LIGHT_THEME`); None:
            the one last chosen with ``ctrl+t`` (kept in the store), else the dark one.
        cohort_dirs: Cohort datasets for the instructor's cohort report (palette command
            "Cohort report"); none: the command is not offered.
        llm: The LLM server configured (``neuroquiz --llm-url URL --llm-model NAME``, or
            ``NEUROQUIZ_LLM_URL`` and ``NEUROQUIZ_LLM_MODEL``): the Generate screen offers
            it beside the rules engine. None: only the rules engine.

    Returns:
        The app, ready to ``run()`` or ``run_test()``.
    """
    return NeuroquizApp(
        store=store,
        decks_dir=decks_dir,
        clock=clock,
        rng=rng,
        loaded=loaded,
        day_start_hour=day_start_hour,
        theme=theme,
        cohort_dirs=cohort_dirs,
        llm=llm,
    )
