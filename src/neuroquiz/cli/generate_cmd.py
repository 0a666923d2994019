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
@click.option(
    "--explain",
    is_flag=True,
    help="Write nothing; show for each sentence which rules fired and why a card was made.",
)
@pass_app
def generate(
    app: AppContext, documents: tuple[Path, ...], out_dir: Path | None, explain: bool
) -> None:
    """Generate study decks from documents (.txt, .md, .html, .pdf), offline.

    Writes one deck per document, named after its title. Running it again keeps every
    card an instructor authored or edited, never re-adds rejected cards, and adds new
    facts. Each bad document gets one line; the others are still processed. Exit 1 if any
    document failed.

    \b
    Example:
        neuroquiz generate notes/glomus.txt notes/spine.pdf --out decks/
        neuroquiz generate --explain notes/glomus.txt
    """
    from neuroquiz.generate import generate_decks

    if explain:
        _explain(documents)
        return

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


def _explain(documents: tuple[Path, ...]) -> None:
    """Print each document's units, the verdict of every rule on them, and the cards."""
    from neuroquiz.errors import NeuroquizError
    from neuroquiz.generate.pipeline import explain_document

    failed = 0
    for path in documents:
        try:
            traces = explain_document(path)
        except NeuroquizError as error:
            click.echo(f"error: {error}", err=True)
            failed += 1
            continue
        click.echo(f"== {path}")
        for trace in traces:
            mark = "CARD" if trace.plan is not None else "    "
            where = f" [{trace.heading}]" if trace.heading else ""
            click.echo(f"{mark} {trace.unit}{where}")
            for verdict in trace.verdicts:
                click.echo(f"       {verdict}")
            if trace.plan is not None:
                back = f"  ->  {trace.plan.back}" if trace.plan.back else ""
                click.echo(f"    => {trace.plan.text}{back}")
    if failed:
        raise SystemExit(1)


COMMAND = generate
