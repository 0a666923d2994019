"""The ``neuroquiz`` command line: a thin layer over the services.

Heavy modules (pydantic models, sqlite-utils, Textual) are imported inside the commands so
that ``neuroquiz --help`` answers fast. Exit codes: 0 ok, 1 problems found, 2 usage error.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path
from typing import Any

import click

from neuroquiz import __version__
from neuroquiz.cli.context import AppContext, pass_app
from neuroquiz.errors import NeuroquizError


class _Group(click.Group):
    """A group that turns :class:`NeuroquizError` into one line on stderr and exit 1.

    So does a SQLite failure it can explain (a damaged page found after the check at open,
    a full disk, a lock held elsewhere): see :mod:`neuroquiz.store.failures`.
    """

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except NeuroquizError as error:
            click.echo(f"neuroquiz: error: {error}", err=True)
            ctx.exit(1)
        except sqlite3.DatabaseError as error:
            from neuroquiz.store.failures import database_error

            where = ctx.obj.db_path if isinstance(ctx.obj, AppContext) else None
            explained = database_error(error, where, writing=False)
            if explained is None:
                raise  # not a problem of the file: a bug, shown as such
            click.echo(f"neuroquiz: error: {explained}", err=True)
            ctx.exit(1)
        except KeyboardInterrupt:
            click.echo("neuroquiz: interrupted", err=True)
            ctx.exit(130)


@click.group(
    cls=_Group,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(__version__, prog_name="neuroquiz")
@click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False),
    envvar="NEUROQUIZ_DB",
    help="Progress database file (default: the user data directory; env NEUROQUIZ_DB).",
)
@click.option(
    "--decks",
    "decks_dir",
    type=click.Path(file_okay=False),
    envvar="NEUROQUIZ_DECKS",
    help="Directory of deck files (default: the bundled decks; env NEUROQUIZ_DECKS).",
)
@click.option(
    "--cohort",
    "cohort_dirs",
    metavar="DIR",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Open the app with the instructor's 'Cohort report' (command palette) on the "
    "exports in DIR (repeatable; see 'neuroquiz cohort').",
)
@click.option(
    "--llm-url",
    envvar="NEUROQUIZ_LLM_URL",
    help="OpenAI-compatible server the Generate screen may ask (env NEUROQUIZ_LLM_URL).",
)
@click.option(
    "--llm-model",
    envvar="NEUROQUIZ_LLM_MODEL",
    help="Model name on that server (env NEUROQUIZ_LLM_MODEL).",
)
@click.option("--llm-key-env", metavar="VAR", help="Environment variable holding its API key.")
@click.pass_context
def cli(
    ctx: click.Context,
    db_path: str | None,
    decks_dir: str | None,
    cohort_dirs: tuple[Path, ...],
    llm_url: str | None,
    llm_model: str | None,
    llm_key_env: str | None,
) -> None:
    """Learn neurosurgery from the terminal: SM-2 flashcards and quizzes.

    With no command, opens the study app on your decks.

    \b
    Example:
        neuroquiz                      # open the app on the bundled decks
        neuroquiz --decks ./my-decks   # open it on your own decks
        neuroquiz --cohort /shared/cohort-2026   # with the cohort report in the palette
        neuroquiz check decks/
        neuroquiz --llm-url http://127.0.0.1:8080/v1 --llm-model local  # LLM in Generate
    """
    if cohort_dirs and ctx.invoked_subcommand is not None:
        raise click.UsageError(
            "--cohort opens the app's cohort report; for the report on the command line "
            "use 'neuroquiz cohort DIR'"
        )
    ctx.obj = AppContext.create(
        db_path,
        decks_dir,
        cohort_dirs,
        llm_url=llm_url,
        llm_model=llm_model,
        llm_key_env=llm_key_env,
    )
    if ctx.invoked_subcommand is None:
        from neuroquiz.cli.generate_llm import check_llm_options

        check_llm_options(ctx, llm_url, llm_model, llm_key_env)
    _clean_leftovers(ctx.obj)
    if ctx.invoked_subcommand is None:
        from neuroquiz.cli.tui_cmd import launch_tui

        launch_tui(ctx.obj)


def _clean_leftovers(app: AppContext) -> None:
    """Remove what a killed run left behind (stale temporary files; see neuroquiz.leftovers)."""
    import tempfile
    import time

    from neuroquiz.leftovers import clean_leftovers
    from neuroquiz.store.backup import backups_dir

    folders = [app.db_path.parent, backups_dir(app.db_path), app.decks_dir]
    clean_leftovers(folders, now=time.time(), temp_dir=Path(tempfile.gettempdir()))


def _register() -> None:
    from neuroquiz.cli import anki_cmd, cohort_cmd, core_cmds, generate_cmd, maintenance_cmds

    commands = [*core_cmds.COMMANDS, generate_cmd.COMMAND, *anki_cmd.COMMANDS]
    commands += cohort_cmd.register(anki_cmd.export_group)
    for command in [*commands, *maintenance_cmds.COMMANDS]:
        cli.add_command(command)


_register()


def main() -> None:
    """Console-script entry point."""
    sys.exit(cli.main(prog_name="neuroquiz"))


__all__ = ["AppContext", "cli", "main", "pass_app"]
