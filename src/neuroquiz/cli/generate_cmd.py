"""``neuroquiz generate``: documents in, one deck file per document out."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from neuroquiz.cli.context import AppContext, pass_app


@click.command()
@click.argument("documents", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Directory for the deck files (default: the deck directory).",
)
@pass_app
def generate(app: AppContext, documents: tuple[Path, ...], out_dir: Path | None) -> None:
    """Generate study decks from documents (.txt, .md, .html, .pdf), offline.

    Writes one deck per document, named after its title. Running it again keeps every
    card an instructor authored or edited, never re-adds rejected cards, and adds new
    facts. Each bad document gets one line; the others are still processed. Exit 1 if any
    document failed.

    \b
    Example:
        neuroquiz generate notes/glomus.txt notes/spine.pdf --out decks/
    """
    from neuroquiz.generate import generate_decks

    target = out_dir if out_dir is not None else app.decks_dir
    if len(documents) > 1:
        with click.progressbar(length=len(documents), label="Generating", file=sys.stderr) as bar:
            report = generate_decks(list(documents), target, progress=lambda _path: bar.update(1))
    else:
        report = generate_decks(list(documents), target)
    for outcome in report.outcomes:
        for warning in outcome.warnings:
            click.echo(f"warning: {outcome.source}: {warning}", err=True)
        if outcome.error:
            click.echo(f"error: {outcome.source}: {outcome.error}", err=True)
        else:
            click.echo(f"{outcome.deck_path}: {outcome.cards} cards ({outcome.added} new)")
    if report.failed:
        failed = sum(1 for o in report.outcomes if o.error)
        click.echo(f"{failed} of {len(report.outcomes)} documents failed.", err=True)
        raise SystemExit(1)


COMMAND = generate
