"""``neuroquiz export reviews`` and ``neuroquiz cohort``: the instructor's cohort report.

Thin: the export is :mod:`neuroquiz.cohort.export`, the figures :mod:`neuroquiz.cohort.analyse`;
DuckDB and pyarrow are imported only when one of these commands runs.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import click

from neuroquiz.cli.context import AppContext, pass_app


@click.command("reviews")
@click.option(
    "--out",
    "out_dir",
    required=True,
    type=click.Path(path_type=Path),
    help="The cohort dataset directory; your files go to DIR/learner=<id>/.",
)
@click.option(
    "--learner",
    metavar="NAME",
    help="Export under this name instead of your database's pseudonym.",
)
@pass_app
def export_reviews_command(app: AppContext, out_dir: Path, learner: str | None) -> None:
    """Write your review log and card states as Parquet for your instructor's cohort report.

    Writes DIR/learner=<id>/reviews.parquet (every answer: card, deck, time, study day,
    grade, interval and E-Factor before and after, re-drill or not, neuroquiz or Anki) and
    DIR/learner=<id>/cards.parquet (each card's current state). The id is a pseudonym kept
    in your database unless --learner NAME is given; nothing else about you is written.
    Exporting again replaces your files in one step.

    \b
    Example:
        neuroquiz export reviews --out /shared/cohort-2026
        neuroquiz export reviews --out cohort/ --learner resident-07
    """
    from neuroquiz.cohort.export import export_reviews

    result = export_reviews(app.db_path, out_dir, learner=learner)
    click.echo(
        f"Wrote {result.directory}: {_plural(result.reviews, 'review')}, "
        f"{_plural(result.redrills, 're-drill')}, {_plural(result.cards, 'study card')}."
    )


_DATE = click.DateTime(formats=["%Y-%m-%d"])


@click.command("cohort")
@click.argument(
    "dirs",
    metavar="DIR...",
    nargs=-1,
    required=True,
    type=click.Path(path_type=Path),
)
@click.option(
    "--decks",
    "cohort_decks",
    type=click.Path(path_type=Path),
    help="Deck directory for the hardest cards' text (default: the deck directory).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option("--since", type=_DATE, metavar="DATE", help="Count only answers from this day.")
@click.option(
    "--as-of", "as_of", type=_DATE, metavar="DATE", help="Day the streaks end on (default today)."
)
@click.option(
    "--top", default=20, show_default=True, type=click.IntRange(0), help="Hardest cards shown."
)
@pass_app
def cohort_command(
    app: AppContext,
    dirs: tuple[Path, ...],
    cohort_decks: Path | None,
    as_json: bool,
    since: datetime | None,
    as_of: datetime | None,
    top: int,
) -> None:
    """Report on a cohort's exports: the cards it struggles with, decks, learners.

    Each DIR holds learner=<id>/ directories written by 'neuroquiz export reviews' (or is
    one of them). Prints per card the learners who saw it, answers, lapse rate, mean first
    grade and leech share; the hardest cards with their text; per deck the retention and
    cards learned per learner; per learner progress and streak; generated vs authored.

    \b
    Example:
        neuroquiz cohort /shared/cohort-2026 --decks decks/
        neuroquiz cohort cohort/ --since 2026-01-01 --json > report.json
    """
    from neuroquiz.cohort.service import cohort_report

    run = cohort_report(
        dirs,
        decks_dir=cohort_decks if cohort_decks is not None else app.decks_dir,
        today=as_of.date() if as_of is not None else _today(),
        since=since.date() if since is not None else None,
        hardest=top,
    )
    for problem in run.deck_problems:
        click.echo(f"warning: {problem}", err=True)
    report = run.report
    if as_json:
        click.echo(json.dumps(report.to_json(), indent=2, ensure_ascii=False))
    else:
        from neuroquiz.cli.cohort_table import render

        click.echo(render(report))


def _today() -> date:
    from neuroquiz.cli.clock import local_now
    from neuroquiz.store import DEFAULT_DAY_START_HOUR
    from neuroquiz.study import study_day

    return study_day(local_now(), DEFAULT_DAY_START_HOUR)


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def register(export_group: click.Group) -> list[click.Command]:
    """Add ``export reviews`` to the export group; return the top-level commands."""
    export_group.add_command(export_reviews_command)
    return [cohort_command]
