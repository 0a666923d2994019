"""Where neuroquiz keeps things; computed lazily, never at import time."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "neuroquiz"
DB_ENV = "NEUROQUIZ_DB"
DECKS_ENV = "NEUROQUIZ_DECKS"


def default_db_path() -> Path:
    """The progress database: ``$NEUROQUIZ_DB`` or ``progress.db`` in the user data directory."""
    env = os.environ.get(DB_ENV)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / "progress.db"


def bundled_decks_dir() -> Path:
    """The decks shipped with neuroquiz (package data in a wheel, ``decks/`` in a clone)."""
    here = Path(__file__).resolve().parent
    packaged = here / "_bundled_decks"
    if packaged.is_dir():
        return packaged
    return here.parent.parent / "decks"


def default_decks_dir() -> Path:
    """The deck directory to use: ``$NEUROQUIZ_DECKS`` or the bundled decks."""
    env = os.environ.get(DECKS_ENV)
    if env:
        return Path(env).expanduser()
    return bundled_decks_dir()


LLM_CACHE_ENV = "NEUROQUIZ_LLM_CACHE"


def default_llm_cache_dir() -> Path:
    """The LLM engine's response cache: ``$NEUROQUIZ_LLM_CACHE`` or the user cache directory."""
    env = os.environ.get(LLM_CACHE_ENV)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_cache_path

    return user_cache_path(APP_NAME, appauthor=False) / "llm"
