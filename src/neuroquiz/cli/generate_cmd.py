"""``neuroquiz generate``: documents in, one deck file per document out."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from neuroquiz.cli.context import AppContext, pass_app

if TYPE_CHECKING:
    from neuroquiz.generate import GenerateReport


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
@click.option(
    "--engine",
    type=click.Choice(["rules", "llm"]),
    default="rules",
    show_default=True,
    help="rules: offline. llm: ask an OpenAI-compatible server (sends the document text).",
)
@click.option("--llm-url", envvar="NEUROQUIZ_LLM_URL", help="Server base URL, e.g. .../v1.")
@click.option("--llm-model", envvar="NEUROQUIZ_LLM_MODEL", help="Model name on the server.")
@click.option("--llm-key-env", metavar="VAR", help="Environment variable holding the API key.")
@click.option(
    "--concurrency",
    type=click.IntRange(1, 32),
    default=2,
    show_default=True,
    help="Requests in flight at once (llm engine).",
)
@pass_app
def generate(
    app: AppContext,
    documents: tuple[Path, ...],
    out_dir: Path | None,
    explain: bool,
    engine: str,
    llm_url: str | None,
    llm_model: str | None,
    llm_key_env: str | None,
    concurrency: int,
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

    target = out_dir if out_dir is not None else app.decks_dir
    if engine == "llm":
        from neuroquiz.cli.generate_llm import run_llm

        url, model = llm_url or app.llm_url, llm_model or app.llm_model  # neuroquiz --llm-url
        key_env = llm_key_env or app.llm_key_env
        run_llm(documents, target, explain, url, model, key_env, concurrency)
        return
    if explain:
        _explain(documents)
        return

    if len(documents) > 1:
        with click.progressbar(length=len(documents), label="Generating", file=sys.stderr) as bar:
            report = generate_decks(list(documents), target, progress=lambda _path: bar.update(1))
    else:
        report = generate_decks(list(documents), target)
    print_report(report)


def print_report(report: GenerateReport) -> None:
    """One line per document (its deck or its error); exit 1 if any failed."""
    for outcome in report.outcomes:
        for warning in outcome.warnings:
            click.echo(f"warning: {outcome.source}: {warning}", err=True)
        if outcome.error:
            click.echo(f"error: {outcome.source}: {outcome.error}", err=True)
        elif outcome.deck_path is not None:
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
