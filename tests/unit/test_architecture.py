"""The layers hold: the core never pulls in the UI, and nothing happens at import time."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

CORE = [
    "neuroquiz.models",
    "neuroquiz.sm2",
    "neuroquiz.decks",
    "neuroquiz.store",
    "neuroquiz.study",
    "neuroquiz.cohort",
    "neuroquiz.cohort.layout",
    "neuroquiz.cohort.export",
    "neuroquiz.generate",
    "neuroquiz.anki",
    "neuroquiz.paths",
]


def _run(code: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return result.stdout.strip()


def test_core_does_not_import_textual_or_click() -> None:
    out = _run(
        f"""
        import importlib, sys
        for name in {CORE!r}:
            importlib.import_module(name)
        print(sorted(m for m in ("textual", "click", "rich") if m in sys.modules))
        """
    )
    assert out == "[]"


def test_sm2_and_models_import_no_storage() -> None:
    out = _run(
        """
        import sys
        import neuroquiz.sm2, neuroquiz.models
        heavy = ("sqlite3", "sqlite_utils", "ruamel", "genanki")
        print(sorted(m for m in heavy if m in sys.modules))
        """
    )
    assert out == "[]"


def test_cli_help_imports_no_textual_and_no_database(tmp_path: object) -> None:
    out = _run(
        """
        import sys
        from click.testing import CliRunner
        from neuroquiz.cli import cli
        result = CliRunner().invoke(cli, ["--help"])
        assert result.exit_code == 0, result.output
        print(sorted(m for m in ("textual", "sqlite_utils", "pydantic") if m in sys.modules))
        """
    )
    assert out == "[]"


def test_the_first_frame_of_the_app_imports_no_card_models_nor_yaml(tmp_path: Path) -> None:
    """Until the home screen is drawn, the app loads neither pydantic (the card models) nor
    a YAML parser, nor the analytics libraries; the deck files load after it (#14)."""
    from neuroquiz.decks import load_decks
    from neuroquiz.paths import bundled_decks_dir
    from neuroquiz.store import open_store

    db = tmp_path / "p.db"
    store = open_store(db)
    store.sync([loaded.deck for loaded in load_decks([bundled_decks_dir()]).decks])
    store.close()
    out = _run(
        f"""
        import asyncio, random, sys
        from pathlib import Path
        import neuroquiz.cli, neuroquiz.cli.tui_cmd
        from neuroquiz.cli.clock import local_now
        from neuroquiz.store import open_store
        from neuroquiz.tui.app import NeuroquizApp, create_app

        HEAVY = ("pydantic", "neuroquiz.models", "ruamel", "yaml", "duckdb", "pyarrow")
        seen = []

        def first_frame_drawn(self):
            seen.append(sorted(m for m in HEAVY if m in sys.modules))
            seen.append(self.screen.query_one("#decks").row_count)
            self.exit()

        NeuroquizApp._start_initial_load = first_frame_drawn
        store = open_store(Path({str(db)!r}))
        app = create_app(
            store=store, decks_dir=Path({str(tmp_path)!r}), clock=local_now,
            rng=random.Random(), loaded=None,
        )

        async def main():
            async with app.run_test() as pilot:
                await pilot.pause()

        asyncio.run(main())
        print(seen)
        """
    )
    heavy, rows = eval(out)
    assert heavy == [] and rows > 0
