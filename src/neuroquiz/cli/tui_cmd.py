"""Launch the Textual app from the command line (Textual is imported only here, lazily)."""

from __future__ import annotations

import random

from neuroquiz.cli.clock import local_now
from neuroquiz.cli.context import AppContext


def launch_tui(ctx: AppContext) -> None:
    """Load the decks, sync them into the store and run the app until the user quits.

    Deck files with problems do not stop the app: it starts on the good decks and shows the
    problems on the home screen. A :class:`~neuroquiz.errors.NeuroquizError` from opening the
    store propagates; the CLI prints it on one line.

    Args:
        ctx: The CLI context (database path and deck directory).
    """
    from neuroquiz.decks import load_decks

    store = ctx.open_store()
    try:
        loaded = load_decks([ctx.decks_dir])
        store.sync([item.deck for item in loaded.decks])

        from neuroquiz.tui.app import create_app

        app = create_app(
            store=store,
            decks_dir=ctx.decks_dir,
            clock=local_now,
            rng=random.Random(),
            loaded=loaded,
        )
        app.run()
    finally:
        store.close()
