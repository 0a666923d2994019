"""The layers hold: the core never pulls in the UI, and nothing happens at import time."""

from __future__ import annotations

import subprocess
import sys
import textwrap

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
