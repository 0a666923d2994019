"""Shared state of one CLI invocation: where the database and the decks are, and the LLM
server, if one is configured."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from neuroquiz.store import ProgressStore


@dataclass
class AppContext:
    """Paths chosen on the command line, with the store opened on first use.

    ``llm_url``, ``llm_model`` and ``llm_key_env`` name the LLM server (``neuroquiz
    --llm-url``..., or ``NEUROQUIZ_LLM_URL`` and ``NEUROQUIZ_LLM_MODEL``): the app's
    Generate screen offers it, and ``generate --engine llm`` uses it unless told another.
    """

    db_path: Path
    decks_dir: Path
    cohort_dirs: tuple[Path, ...] = field(default=())
    """The ``--cohort`` directories: the app then offers the cohort report."""
    llm_url: str | None = None
    llm_model: str | None = None
    llm_key_env: str | None = None

    @classmethod
    def create(
        cls,
        db_path: str | None,
        decks_dir: str | None,
        cohort_dirs: tuple[Path, ...] = (),
        *,
        llm_url: str | None = None,
        llm_model: str | None = None,
        llm_key_env: str | None = None,
    ) -> AppContext:
        """Resolve the options against the defaults (lazily imported paths module)."""
        from neuroquiz import paths

        return cls(
            db_path=Path(db_path).expanduser() if db_path else paths.default_db_path(),
            decks_dir=Path(decks_dir).expanduser() if decks_dir else paths.default_decks_dir(),
            cohort_dirs=tuple(path.expanduser() for path in cohort_dirs),
            llm_url=llm_url,
            llm_model=llm_model,
            llm_key_env=llm_key_env,
        )

    def open_store(self) -> ProgressStore:
        """Open (creating or migrating) the progress database."""
        from neuroquiz.store import open_store

        return open_store(self.db_path)


pass_app = click.make_pass_decorator(AppContext)
