"""What the Anki commands print of their reports (kept apart to keep :mod:`.anki_cmd` small)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from neuroquiz.anki.progress_in import AnkiProgress
    from neuroquiz.study.anki_merge import MergeReport


def plural(count: int, noun: str, many: str | None = None) -> str:
    """``count`` and ``noun``, in the plural (``many``, or ``noun`` + s) unless it is 1."""
    return f"{count} {noun}" if count == 1 else f"{count} {many or noun + 's'}"


def echo_merge(package: Path, report: MergeReport, progress: AnkiProgress) -> None:
    """Print what ``import anki --with-progress`` merged from ``package``."""
    skipped = sum(n for _, n in report.skipped) + sum(n for _, n in progress.skipped)
    click.echo(
        f"Progress from {package}: {plural(report.updated, 'card')} updated from Anki,"
        f" {plural(report.answers_added, 'review')} added, {skipped} skipped"
        f" ({report.unchanged} unchanged, {report.answers_known} of Anki's reviews already"
        " here)."
    )
    for reason, count in (*report.skipped, *progress.skipped):
        click.echo(f"  skipped {plural(count, 'card')}: {reason}")
    if report.suspended or report.unsuspended:
        click.echo(f"  {report.suspended} suspended, {report.unsuspended} unsuspended as in Anki")
    if report.leeches_marked or report.leeches_unmarked:
        click.echo(
            f"  {plural(report.leeches_marked, 'leech', 'leeches')} marked,"
            f" {report.leeches_unmarked} unmarked as in Anki ('leech' tag)"
        )
    if report.buried:
        click.echo(
            f"  {report.buried} buried in Anki: neuroquiz shows them when due (it buries"
            " siblings itself)"
        )
    if progress.deleted_card_answers:
        click.echo(
            f"  left out {plural(progress.deleted_card_answers, 'review')} of cards deleted in Anki"
        )
    if progress.other_entries:
        click.echo(
            f"  left out {plural(progress.other_entries, 'history entry', 'history entries')}"
            " that are no answers (a reset or a due day set in Anki)"
        )
