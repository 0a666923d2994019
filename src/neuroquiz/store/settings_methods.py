"""The settings methods of :class:`~neuroquiz.store.ProgressStore` (kept apart to keep the
store module small): daily limits, the study day, study options, the learner pseudonym,
the deck directory of the last sync and the app's theme. Values live in the ``settings`` table
(:mod:`neuroquiz.store.settings`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from neuroquiz.store import settings
from neuroquiz.store.settings import Extra, Limits, StudyOptions

if TYPE_CHECKING:
    from datetime import date

    from sqlite_utils import Database


class SettingsMethods:
    """Mixin of :class:`~neuroquiz.store.ProgressStore`: reads and writes its settings."""

    _db: Database

    def learner_pseudonym(self, make: Callable[[], str]) -> str:
        """The pseudonym this database's learner is exported under; ``make()`` gives one
        the first time, and it is kept."""
        return settings.learner_pseudonym(self._db, make)

    def last_decks_dir(self) -> str | None:
        """The deck directory of the last complete full sync, or None if never recorded."""
        return settings.last_decks_dir(self._db)

    def limits(self, deck_id: str | None = None) -> Limits:
        """The daily limits: global ones, or a deck's own (the global ones if it has none)."""
        if deck_id is not None:
            own = settings.own_limits(self._db, deck_id)
            if own is not None:
                return own
        return settings.own_limits(self._db, None) or Limits()

    def own_limits(self, deck_id: str) -> Limits | None:
        """A deck's own limits, or None if the global ones apply to it."""
        return settings.own_limits(self._db, deck_id)

    def deck_limits(self) -> dict[str, Limits]:
        """Every deck that has its own limits, with them."""
        return settings.all_deck_limits(self._db)

    def set_limits(self, limits: Limits, deck_id: str | None = None) -> None:
        """Store daily limits globally (``deck_id=None``) or for one deck."""
        settings.set_limits(self._db, limits, deck_id)

    def clear_limits(self, deck_id: str) -> None:
        """Remove a deck's own limits so that the global ones apply to it."""
        settings.clear_limits(self._db, deck_id)

    def day_start_hour(self) -> int:
        """The local hour at which a study day starts (default 4)."""
        return settings.day_start_hour(self._db)

    def set_day_start_hour(self, hour: int) -> None:
        """Store the hour (0-23) at which a study day starts.

        Raises:
            ValueError: if ``hour`` is not from 0 to 23.
        """
        settings.set_day_start_hour(self._db, hour)

    def study_options(self) -> StudyOptions:
        """Sibling burying and the leech threshold (the defaults for those never set)."""
        return settings.study_options(self._db)

    def set_study_options(self, options: StudyOptions) -> None:
        """Store the study options."""
        settings.set_study_options(self._db, options)

    def extras(self, day: date) -> dict[str, Extra]:
        """Custom study: what was added to study day ``day``'s limits, by scope (``''`` for
        the global limits, else a deck id)."""
        return settings.extras(self._db, day)

    def add_extra(self, day: date, extra: Extra, deck_id: str | None = None) -> Extra:
        """Custom study: add new cards and reviews to study day ``day``'s limits, globally
        (``deck_id=None``) or for one deck; return that scope's extras of the day."""
        return settings.add_extra(self._db, day, extra, deck_id)

    def theme(self) -> str | None:
        """The theme last chosen in the app (``ctrl+t``), or None if never chosen."""
        return settings.theme(self._db)

    def set_theme(self, name: str) -> None:
        """Remember the app's theme for the next start."""
        settings.set_theme(self._db, name)
