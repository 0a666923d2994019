"""Core commands: check, schema, sync, stats, config."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from neuroquiz.cli.context import AppContext, pass_app

if TYPE_CHECKING:
    from collections.abc import Iterator

    from neuroquiz.decks import DeckProblem
    from neuroquiz.decks.stamps import StampedDeck, UnchangedDeck
    from neuroquiz.store import ProgressStore, SyncReport


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@pass_app
def check(app: AppContext, paths: tuple[Path, ...]) -> None:
    """Validate deck files and report every problem as path:line:col: message.

    Checks the schema, duplicate card ids across files, clozes without a deletion or with an
    empty one, empty fields, distractors equal to the answer and cards with the same content.
    With no PATH, checks the deck directory. Exit 1 if any problem was found.

    \b
    Example:
        neuroquiz check decks/
        neuroquiz check decks/neuro-basics.yaml
    """
    from neuroquiz.decks import check_decks, load_decks

    targets = list(paths) or [app.decks_dir]
    problems = check_decks(targets)
    for problem in problems:
        click.echo(str(problem))
    if problems:
        noun = "problem" if len(problems) == 1 else "problems"
        click.echo(f"{len(problems)} {noun} found.", err=True)
        raise SystemExit(1)
    result = load_decks(targets)
    cards = sum(len(loaded.deck.cards) for loaded in result.decks)
    click.echo(f"OK: {len(result.decks)} decks, {cards} cards, no problems.")


@click.command()
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to this file."
)
def schema(output: Path | None) -> None:
    """Print the JSON Schema of a deck file (what decks/deck.schema.json holds).

    \b
    Example:
        neuroquiz schema -o decks/deck.schema.json
    """
    from neuroquiz.decks import deck_json_schema

    text = json.dumps(deck_json_schema(), indent=2) + "\n"
    if output is None:
        click.echo(text, nl=False)
        return
    from neuroquiz.fileio import write_text_atomic

    write_text_atomic(output, text)
    click.echo(f"Wrote {output}")


def _stream_decks(
    app: AppContext, store: ProgressStore, problems: list[DeckProblem]
) -> Iterator[StampedDeck | UnchangedDeck]:
    """The good deck files of the deck directory, read one at a time; problems collected.

    Files unchanged since the last sync are not parsed (see ``neuroquiz.decks.stamps``).
    """
    from neuroquiz.decks import DeckProblem
    from neuroquiz.decks.stamps import iter_deck_files

    for item in iter_deck_files([app.decks_dir], store.known_files(), store.deck_card_ids):
        if isinstance(item, DeckProblem):
            problems.append(item)
        else:
            yield item


def warn_if_moved(app: AppContext, report: SyncReport) -> None:
    """Print a warning if the sync read another deck directory than the database's last."""
    from neuroquiz.study.decks_dir import decks_dir_name, moved_warning

    warning = moved_warning(report, decks_dir_name(app.decks_dir))
    if warning is not None:
        click.echo(f"warning: {warning}", err=True)


def load_and_sync(app: AppContext, store: ProgressStore) -> list[DeckProblem]:
    """Load the deck directory, print bad files as warnings, and sync the good decks.

    A deck directory other than the one the database was last synced from is a warning.

    Returns:
        The problems found (already printed).
    """
    from neuroquiz.study.decks_dir import decks_dir_name

    problems: list[DeckProblem] = []
    report = store.sync_files(
        _stream_decks(app, store, problems), decks_dir=decks_dir_name(app.decks_dir)
    )
    for problem in problems:
        click.echo(f"warning: {problem}", err=True)
    warn_if_moved(app, report)
    return problems


@click.command()
@pass_app
def sync(app: AppContext) -> None:
    """Load the deck files into the progress database.

    New cards get a fresh SM-2 state, edited cards keep their progress, cards gone from their
    file are retired (their history stays). Exit 1 if a deck file has problems (the good decks
    are still synced).

    \b
    Example:
        neuroquiz --decks ./decks sync
    """
    store = app.open_store()
    problems: list[DeckProblem] = []
    synced = 0

    def decks() -> Iterator[StampedDeck | UnchangedDeck]:
        nonlocal synced
        for deck in _stream_decks(app, store, problems):
            synced += 1
            yield deck

    from neuroquiz.study.decks_dir import decks_dir_name

    report = store.sync_files(decks(), decks_dir=decks_dir_name(app.decks_dir))
    for problem in problems:
        click.echo(str(problem), err=True)
    warn_if_moved(app, report)
    click.echo(
        f"Synced {synced} decks from {app.decks_dir}: {report.added} added, "
        f"{report.changed} changed, {report.retired} retired, {report.restored} restored, "
        f"{report.unchanged} unchanged."
    )
    if problems:
        raise SystemExit(1)


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@pass_app
def stats(app: AppContext, as_json: bool) -> None:
    """Per deck: new, due today, learned, reviews today and retention over 30 days.

    \b
    Example:
        neuroquiz stats
        neuroquiz stats --json
    """
    from neuroquiz.cli.clock import local_now
    from neuroquiz.study import Stats, study_day

    store = app.open_store()
    load_and_sync(app, store)
    today = study_day(local_now(), store.day_start_hour())
    summaries = store.deck_summaries(today)
    service = Stats(store, today=today)
    retention = service.retention_by_deck(30)
    reviews_today = service.reviews_today_by_deck()
    rows = [
        {
            "deck": s.deck_id,
            "new": s.new,
            "due": s.due,
            "learned": s.learned,
            "reviews_today": reviews_today.get(s.deck_id, 0),
            "retention_30d": retention.get(s.deck_id),
        }
        for s in summaries
    ]
    if as_json:
        click.echo(json.dumps(rows, indent=2))
        return
    width = max([len("deck"), *(len(str(r["deck"])) for r in rows)])
    click.echo(
        f"{'deck':<{width}}  {'new':>5}  {'due':>5}  {'learned':>7}  {'today':>5}  retention"
    )
    for r in rows:
        ret = r["retention_30d"]
        shown = "-" if ret is None else f"{float(ret):.0%}"
        click.echo(
            f"{r['deck']!s:<{width}}  {r['new']:>5}  {r['due']:>5}  {r['learned']:>7}  "
            f"{r['reviews_today']:>5}  {shown:>9}"
        )
    click.echo(f"Study streak: {service.streak()} days")
    click.echo(f"Leeches: {service.leeches()} (is:leech in Browse)")


@click.command()
@click.option("--deck", "deck_id", help="Set the limits of one deck instead of the global ones.")
@click.option("--new-per-day", type=click.IntRange(0, 10_000), help="New cards a day.")
@click.option("--reviews-per-day", type=click.IntRange(0, 100_000), help="Reviews a day.")
@click.option(
    "--day-start-hour", type=click.IntRange(0, 23), help="Hour the study day starts (global)."
)
@click.option(
    "--bury-siblings/--no-bury-siblings",
    default=None,
    help="Show one study card of a card a day (a cloze's c1, c2...), as Anki does (global).",
)
@click.option(
    "--leech-lapses",
    type=click.IntRange(0, 1000),
    help="Lapses that make a card a leech, suspended (global; 0 = off; default 8).",
)
@pass_app
def config(
    app: AppContext,
    deck_id: str | None,
    new_per_day: int | None,
    reviews_per_day: int | None,
    day_start_hour: int | None,
    bury_siblings: bool | None,
    leech_lapses: int | None,
) -> None:
    """Show or set daily limits (global or per deck), the hour the study day starts and the
    study options (global).

    \b
    Example:
        neuroquiz config                              # show
        neuroquiz config --new-per-day 30
        neuroquiz config --deck neuro-basics --reviews-per-day 50
        neuroquiz config --day-start-hour 5
        neuroquiz config --no-bury-siblings
        neuroquiz config --leech-lapses 6            # 0 turns leeches off
    """
    from neuroquiz.errors import NeuroquizError

    store = app.open_store()
    if deck_id is not None and deck_id not in {d.id for d in store.decks()}:
        raise NeuroquizError(f"no deck with id {deck_id!r} (run 'neuroquiz sync' first?)")
    if day_start_hour is not None:
        if deck_id is not None:
            raise click.UsageError("--day-start-hour is global; it does not take --deck")
        store.set_day_start_hour(day_start_hour)
    if bury_siblings is not None:
        if deck_id is not None:
            raise click.UsageError("--bury-siblings is global; it does not take --deck")
        options = store.study_options()
        store.set_study_options(dataclasses.replace(options, bury_siblings=bury_siblings))
    if leech_lapses is not None:
        if deck_id is not None:
            raise click.UsageError("--leech-lapses is global; it does not take --deck")
        options = store.study_options()
        store.set_study_options(dataclasses.replace(options, leech_lapses=leech_lapses))
    if new_per_day is not None or reviews_per_day is not None:
        current = store.limits(deck_id)
        store.set_limits(
            current.__class__(
                new_per_day=current.new_per_day if new_per_day is None else new_per_day,
                reviews_per_day=(
                    current.reviews_per_day if reviews_per_day is None else reviews_per_day
                ),
            ),
            deck_id=deck_id,
        )
    limits = store.limits(deck_id)
    scope = f"deck {deck_id}" if deck_id else "global"
    click.echo(
        f"{scope}: {limits.new_per_day} new and {limits.reviews_per_day} reviews a day; "
        f"the study day starts at {store.day_start_hour()}:00."
    )
    options = store.study_options()
    click.echo(
        "leeches: "
        + (
            f"suspended at {options.leech_lapses} lapses (then every "
            f"{max(options.leech_lapses // 2, 1)} more)"
            if options.leech_lapses
            else "off"
        )
    )
    click.echo(
        "siblings: "
        + ("one a day (buried)" if options.bury_siblings else "all on the same day (not buried)")
    )


@click.command()
@click.option("--deck", "deck_id", help="Raise the limits of one deck instead of every deck.")
@click.option(
    "--extra-new", type=click.IntRange(0, 10_000), default=0, help="More new cards today."
)
@click.option(
    "--extra-reviews", type=click.IntRange(0, 100_000), default=0, help="More reviews today."
)
@pass_app
def custom(app: AppContext, deck_id: str | None, extra_new: int, extra_reviews: int) -> None:
    """Custom study: raise today's limits (for today only), as Anki's custom study does.

    Review ahead and cram sessions are started from the app (c on the decks screen).

    \b
    Example:
        neuroquiz custom --extra-new 10
        neuroquiz custom --deck neuro-basics --extra-reviews 50
    """
    from neuroquiz.cli.clock import local_now
    from neuroquiz.errors import NeuroquizError
    from neuroquiz.study import plan_today, study_day
    from neuroquiz.study.custom import add_extra_today

    if not extra_new and not extra_reviews:
        raise click.UsageError("give --extra-new N or --extra-reviews N (N above 0)")
    store = app.open_store()
    load_and_sync(app, store)
    if deck_id is not None and deck_id not in {d.id for d in store.decks()}:
        raise NeuroquizError(f"no deck with id {deck_id!r} (run 'neuroquiz sync' first?)")
    today = study_day(local_now(), store.day_start_hour())
    added = add_extra_today(store, today, new=extra_new, reviews=extra_reviews, deck_id=deck_id)
    scope = f"deck {deck_id}" if deck_id else "every deck"
    plan = plan_today(store, today, [deck_id] if deck_id else store.active_deck_ids())
    click.echo(
        f"today, {scope}: +{added.new} new and +{added.reviews} reviews; "
        f"today's session holds {plan.new} new and {plan.reviews} reviews."
    )


COMMANDS = [check, schema, sync, stats, config, custom]
