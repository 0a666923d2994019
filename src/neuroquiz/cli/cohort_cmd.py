"""``neuroquiz export reviews`` and ``neuroquiz cohort``: the instructor's cohort report.

Thin: the export is :mod:`neuroquiz.cohort.export`, the figures :mod:`neuroquiz.cohort.analyse`;
DuckDB and pyarrow are imported only when one of these commands runs.
"""

from __future__ import annotations

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


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def register(export_group: click.Group) -> list[click.Command]:
    """Add ``export reviews`` to the export group; return the top-level commands."""
    export_group.add_command(export_reviews_command)
    return []
