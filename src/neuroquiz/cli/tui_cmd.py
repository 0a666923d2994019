"""Launch the Textual app from the command line (Textual is imported only here, lazily)."""

from __future__ import annotations

import random

import click

from neuroquiz.cli.clock import local_now
from neuroquiz.cli.context import AppContext


def launch_tui(ctx: AppContext) -> None:
    """Run the app until the user quits; the decks are loaded and synced while it runs.

    The app opens at once on what the store holds and loads the deck files in the
    background (minutes of parsing for a large collection must not delay the home screen).
    Deck files with problems do not stop the app: it shows the problems on the home screen.
    Once it closes, a load that finished too late to apply is synced; a load still reading
    when the user quits is given up at once (the store stays as it was; the next start
    syncs). A :class:`~neuroquiz.errors.NeuroquizError` from opening or syncing the store,
    or the one that stopped the app, propagates; the CLI prints it on one line. An app that
    failed otherwise exits with its non-zero return code.

    With ``--cohort`` directories, their layout is checked first (directories and file
    names only, so that the start stays fast): a missing directory, one without learner
    data or a learner found twice is a :class:`~neuroquiz.errors.NeuroquizError` before the
    app starts. The files are read when the instructor opens the report, and a file of
    another shape is then said in the report screen.

    Args:
        ctx: The CLI context (database path, deck directory, cohort directories, LLM
            server if any).

    Raises:
        click.UsageError: the LLM server's URL or key variable is wrong (before anything
            is opened).
    """
    if ctx.cohort_dirs:
        from neuroquiz.cohort.dataset import find_learners

        find_learners(ctx.cohort_dirs, check_files=False)
    from neuroquiz.cli.generate_llm import llm_server

    llm = llm_server(ctx)
    store = ctx.open_store()
    try:
        from neuroquiz.tui.app import create_app

        app = create_app(
            store=store,
            decks_dir=ctx.decks_dir,
            clock=local_now,
            rng=random.Random(),
            loaded=None,
            cohort_dirs=ctx.cohort_dirs,
            llm=llm,
        )
        app.run()
        if app.fatal_error is not None:
            raise app.fatal_error  # e.g. the database file was replaced: nothing more saved
        if app.return_code:
            raise SystemExit(app.return_code)  # the app failed (Textual said why)
        warning = app.finish_loading()
        if warning is not None:
            click.echo(f"warning: {warning}", err=True)
    finally:
        store.close()
