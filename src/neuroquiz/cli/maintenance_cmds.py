"""Maintenance commands: backup and doctor (a thin layer over neuroquiz.store.maintenance)."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from neuroquiz.cli.context import AppContext, pass_app

if TYPE_CHECKING:
    from neuroquiz.store.maintenance import Checkup


def _now() -> datetime:
    # Looked up at call time, so that tests can replace neuroquiz.cli.clock.local_now.
    from neuroquiz.cli import clock

    return clock.local_now()


def _can_ask() -> bool:
    """True if a person can answer a question on this terminal."""
    return sys.stdin.isatty()


@click.command()
@click.argument("path", required=False, type=click.Path(path_type=Path))
@pass_app
def backup(app: AppContext, path: Path | None) -> None:
    """Copy the progress database to a backup file; safe while neuroquiz is running.

    Uses SQLite's online backup API, so the copy is consistent even if answers are being
    written. With no PATH the copy goes to backups/<name>-YYYYMMDD-HHMMSS.db next to the
    database; if PATH is a folder, the copy goes in it with that name. Prints the file written.

    \b
    Example:
        neuroquiz backup
        neuroquiz backup ~/sync/neuroquiz-before-exam.db
    """
    from neuroquiz.store.backup import backup_database, default_backup_path

    if path is None:
        target = default_backup_path(app.db_path, _now())
    elif path.is_dir():
        target = default_backup_path(app.db_path, _now(), folder=path)
    else:
        target = path
    click.echo(str(backup_database(app.db_path, target)))


@click.command()
@click.option(
    "--restore", is_flag=True, help="If problems are found, restore the newest sound backup."
)
@click.option("--yes", "-y", "assume_yes", is_flag=True, help="Restore without asking (scripts).")
@pass_app
def doctor(app: AppContext, restore: bool, assume_yes: bool) -> None:
    """Check the progress database and report any problem in plain words, one per line.

    Runs SQLite's integrity check and foreign-key check and checks the schema version.
    Exit 1 if problems are found. With --restore (close neuroquiz first), replaces a damaged
    database with the newest backup that passes the same checks, keeping the damaged file as
    <name>.damaged-YYYYMMDD-HHMMSS. It asks first; without a terminal it restores only
    with --yes.

    \b
    Example:
        neuroquiz doctor
        neuroquiz doctor --restore
        neuroquiz doctor --restore --yes    # from a script
    """
    from neuroquiz.store.maintenance import check_database

    checkup = check_database(app.db_path)
    _report(checkup)
    if checkup.ok and (checkup.exists or not restore):
        return
    if not restore:
        click.echo("Run 'neuroquiz doctor --restore' to restore the newest sound backup.")
        raise SystemExit(1)
    _restore(app.db_path, assume_yes)


def _report(checkup: Checkup) -> None:
    from neuroquiz.store.backup import list_backups

    where = checkup.path
    if not checkup.exists:
        click.echo(f"{where}: no database yet (neuroquiz creates it when it first runs)")
        return
    for problem in checkup.problems:
        click.echo(f"{where}: {problem}")
    if checkup.ok:
        click.echo(f"{where}: OK (integrity, foreign keys, schema version {checkup.version})")
    for note in checkup.notes:
        click.echo(f"{where}: {note}")
    backups = list_backups(where)
    if not checkup.ok:
        count = len(checkup.problems)
        click.echo(f"{count} {'problem' if count == 1 else 'problems'} found.", err=True)
    elif backups:
        click.echo(f"Newest backup: {backups[0]}")
    else:
        click.echo("No backup yet: run 'neuroquiz backup'.")


def _restore(db_path: Path, assume_yes: bool) -> None:
    from neuroquiz.errors import NeuroquizError
    from neuroquiz.store.maintenance import check_database, choose_backup, restore_backup

    choice = choose_backup(db_path)
    for skipped, reason in choice.rejected:
        click.echo(f"Skipping backup {skipped}: {reason}")
    if choice.backup is None:
        raise NeuroquizError("no sound backup to restore from", path=db_path)
    taken = datetime.fromtimestamp(choice.backup.stat().st_mtime).astimezone()
    question = (
        f"Restore {db_path} from {choice.backup} (written {taken:%Y-%m-%d %H:%M})? "
        "Answers given since then are not in it; the damaged file is kept."
    )
    if not assume_yes:
        if not _can_ask():
            raise NeuroquizError(
                "not restoring without confirmation: no terminal to ask on; "
                "run 'neuroquiz doctor --restore --yes' to restore anyway",
                path=db_path,
            )
        if not click.confirm(question, default=False):
            click.echo("Nothing restored.")
            raise SystemExit(1)
    damaged = restore_backup(db_path, choice.backup, now=_now())
    click.echo(f"Restored {db_path} from {choice.backup}.")
    if damaged is not None:
        click.echo(f"The damaged file is kept as {damaged}.")
    after = check_database(db_path)
    for problem in after.problems:
        click.echo(f"{db_path}: {problem}")
    if not after.ok:
        raise SystemExit(1)


COMMANDS = [backup, doctor]
