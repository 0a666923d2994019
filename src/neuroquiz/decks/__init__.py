"""Deck files: YAML <-> :class:`~neuroquiz.models.Deck`, with problems at file:line:col.

One YAML file per deck; its name without ``.yaml`` is the deck id. Files are refused when
too large, not UTF-8, or using anchors and aliases, and validated into frozen models; a
good file is read fast with libyaml's parser (:mod:`.fastread`), any other with ruamel.yaml
in round-trip mode, which reports every problem as ``path:line:col: message``. Saving
edits an existing file in place, so an instructor's comments and formatting survive.
Each name below is loaded from its module on first use (PEP 562), so that importing one
light module of the package (the problems, the listing) does not load the YAML parsers.

Example:
    >>> from pathlib import Path
    >>> result = load_decks([Path("decks")])          # doctest: +SKIP
    >>> for problem in result.problems:               # doctest: +SKIP
    ...     print(problem)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from neuroquiz.lazy import lazy_getattr

if TYPE_CHECKING:
    from neuroquiz.decks.check import card_content_key, check_decks, study_content_keys
    from neuroquiz.decks.dump import dump_deck
    from neuroquiz.decks.load import deck_files, load_deck, load_decks
    from neuroquiz.decks.problems import DeckError, DeckProblem, LoadedDeck, LoadResult
    from neuroquiz.decks.save import delete_card, save_deck, upsert_card
    from neuroquiz.decks.schema import deck_json_schema
    from neuroquiz.decks.yamlio import MAX_FILE_BYTES, SCHEMA_COMMENT

_WHERE = {
    "MAX_FILE_BYTES": "yamlio",
    "SCHEMA_COMMENT": "yamlio",
    "DeckError": "problems",
    "DeckProblem": "problems",
    "LoadResult": "problems",
    "LoadedDeck": "problems",
    "card_content_key": "check",
    "check_decks": "check",
    "deck_files": "load",
    "deck_json_schema": "schema",
    "delete_card": "save",
    "dump_deck": "dump",
    "load_deck": "load",
    "load_decks": "load",
    "save_deck": "save",
    "study_content_keys": "check",
    "upsert_card": "save",
}
"""The module of ``neuroquiz.decks`` that defines each public name."""

__all__ = [
    "MAX_FILE_BYTES",
    "SCHEMA_COMMENT",
    "DeckError",
    "DeckProblem",
    "LoadResult",
    "LoadedDeck",
    "card_content_key",
    "check_decks",
    "deck_files",
    "deck_json_schema",
    "delete_card",
    "dump_deck",
    "load_deck",
    "load_decks",
    "save_deck",
    "study_content_keys",
    "upsert_card",
]


__getattr__ = lazy_getattr(__name__, _WHERE, globals())
