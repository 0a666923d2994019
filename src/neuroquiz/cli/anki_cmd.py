"""``neuroquiz export anki|tsv`` and ``neuroquiz import anki``: Anki interop commands.

Thin: decks come from the deck directory, progress from the store; the work is done by
:mod:`neuroquiz.anki`, which knows neither, and the merge of Anki's progress into the store
(``import anki --with-progress``) by :mod:`neuroquiz.study.anki_merge`.

Note modification times: Anki updates a note only when the package's note is newer than its
own, so each note carries when its own card's content last changed, as the store records it
(``cards.content_changed_ns``, set by the sync each export makes first: the deck file's time
when the change was synced). An edit of one card then updates that note only, and a note a
resident edited in Anki since keeps Anki's edit unless its card changed later in neuroquiz.
A card whose time the store does not know (or an export without a usable database) takes its
deck file's time, which the store then keeps for it. ``--timestamp`` sets ids and zip dates,
never a note's time.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from neuroquiz.cli.anki_echo import echo_merge
from neuroquiz.cli.anki_echo import plural as _plural
from neuroquiz.cli.context import AppContext, pass_app

if TYPE_CHECKING:
    from datetime import datetime

    from neuroquiz.anki import CardProgress, ExportReport, ImportResult
    from neuroquiz.decks import LoadedDeck
    from neuroquiz.models import Deck, ReviewLog
    from neuroquiz.store import ProgressStore

_OUTPUT_HELP = "File to write."


@click.group("export")
def export_group() -> None:
    """Export decks for Anki: a package (.apkg) or a text file (TSV).

    \b
    Example:
        neuroquiz export anki -o neuro.apkg
        neuroquiz export tsv skull-base -o skull-base.txt
    """


@export_group.command("anki")
@click.argument("deck_ids", metavar="[DECK]...", nargs=-1)
@click.option(
    "-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
    help=_OUTPUT_HELP,
)  # fmt: skip
@click.option(
    "--with-progress",
    is_flag=True,
    help="Carry each card's schedule (interval, ease, due day, reps, lapses, suspension), "
    "its review history and the leech mark (Anki's 'leech' tag).",
)
@click.option(
    "--timestamp",
    type=click.FloatRange(0, 4_102_444_800),  # zip entries cannot hold dates past 2107
    metavar="SECONDS",
    help="Unix time to use instead of the clock (ids, zip dates; a note's time is when its "
    "card last changed): same deck files, database and timestamp give a byte-identical file.",
)
@pass_app
def export_anki(
    app: AppContext,
    deck_ids: tuple[str, ...],
    output: Path,
    with_progress: bool,
    timestamp: float | None,
) -> None:
    """Write DECKs (all decks when none is named) to an Anki package.

    Each deck becomes NeuroQuiz::<title>. Notes keep a stable id, so importing a newer
    export into Anki updates the notes instead of duplicating them. With --with-progress,
    tick "Import any learning progress" in Anki's import dialog to keep your schedule.

    \b
    Example:
        neuroquiz export anki -o neuro.apkg
        neuroquiz export anki skull-base vascular -o two.apkg --with-progress
    """
    from neuroquiz.anki import export_apkg
    from neuroquiz.cli.clock import local_now
    from neuroquiz.store import DEFAULT_DAY_START_HOUR
    from neuroquiz.study import study_day

    now = local_now()
    loaded = _load(app)
    chosen = _select(loaded, deck_ids)
    progress: dict[str, CardProgress] | None = None
    history: dict[str, list[ReviewLog]] | None = None
    leeches: set[str] = set()
    day_start = DEFAULT_DAY_START_HOUR
    # The store is needed for the progress, and remembers what each export wrote, to say what
    # the next one leaves behind in Anki; without progress, an export works without it.
    store = _open_for_export(app, required=with_progress)
    try:
        if store is not None:
            day_start = store.day_start_hour()
            _sync(app, store, loaded)
        if with_progress and store is not None:
            progress = _progress(store, [item.deck for item in chosen])
            history = _history(store, progress)
            leeches = store.leech_cards()
        times, unknown = _content_times(chosen, store)
        report = export_apkg(
            [item.deck for item in chosen],
            output,
            # The study day, not the calendar date: between midnight and the day start it is
            # still yesterday, and due days count from it.
            today=study_day(now, day_start_hour=day_start),
            rollover=day_start,
            history=history,
            progress=progress,
            timestamp=timestamp if timestamp is not None else now.timestamp(),
            content_times=times,
            leeches=leeches,
        )
        left = []
        if store is not None:
            store.fill_content_times(unknown)
            left = _left_behind(store, loaded, chosen)
    finally:
        if store is not None:
            store.close()
    _echo_report(report)
    if with_progress:
        click.echo(
            f"  {_plural(report.review_cards, 'review card')}, {report.suspended_cards}"
            f" suspended, {_plural(report.reviews, 'review')} of history."
            ' In Anki, tick "Import any learning progress" when importing.'
        )
    if left:
        click.echo(
            "Left behind in Anki since the last export (importing into Anki never deletes or"
            " moves anything):"
        )
        for line in left:
            click.echo(f"  {line}")


def _open_for_export(app: AppContext, *, required: bool) -> ProgressStore | None:
    from neuroquiz.errors import NeuroquizError

    if required:
        return app.open_store()
    try:
        return app.open_store()
    except NeuroquizError as error:
        click.echo(f"warning: {error} (not compared with the last export)", err=True)
        return None


def _sync(app: AppContext, store: ProgressStore, loaded: Sequence[LoadedDeck]) -> None:
    """Sync the decks just read, like `sync` does: the store knows only synced cards, and
    records when each card's content changed (the deck file's time)."""
    from neuroquiz.cli.core_cmds import warn_if_moved
    from neuroquiz.decks.stamps import StampedDeck
    from neuroquiz.study.decks_dir import decks_dir_name

    items = [StampedDeck(item.path, item.deck, mtime_ns=_mtime_ns(item.path)) for item in loaded]
    warn_if_moved(app, store.sync_files(items, decks_dir=decks_dir_name(app.decks_dir)))


def _mtime_ns(path: Path) -> int | None:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return None


def _left_behind(
    store: ProgressStore, loaded: Sequence[LoadedDeck], chosen: Sequence[LoadedDeck]
) -> list[str]:
    """Compare this export with the last one, remember this one; the lines to print."""
    from dataclasses import astuple

    from neuroquiz.anki.left_behind import ExportedNote, advice, exported_notes, left_behind

    before = {row[0]: ExportedNote(*row) for row in store.anki_exported()}
    now = exported_notes([item.deck for item in chosen])
    known = (card.id for item in loaded for card in item.deck.cards)
    found = left_behind(before, now, known)
    store.record_anki_export(
        [astuple(note) for note in now], forget=[note.card_id for note in found.deleted]
    )
    return advice(found)


@export_group.command("tsv")
@click.argument("deck_ids", metavar="[DECK]...", nargs=-1)
@click.option(
    "-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
    help=_OUTPUT_HELP,
)  # fmt: skip
@pass_app
def export_tsv_command(app: AppContext, deck_ids: tuple[str, ...], output: Path) -> None:
    """Write DECKs (all decks when none is named) in Anki's text-import format.

    The notes are the same as in the .apkg. Anki needs the NeuroQuiz note types first:
    import an .apkg export once, then text files can add or update notes.

    \b
    Example:
        neuroquiz export tsv -o neuro.txt
    """
    from neuroquiz.anki import export_tsv

    chosen = _select(_load(app), deck_ids)
    _echo_report(export_tsv([item.deck for item in chosen], output))


@click.group("import")
def import_group() -> None:
    """Import decks from other programs.

    \b
    Example:
        neuroquiz import anki shared.apkg --out my-decks/
    """


@import_group.command("anki")
@click.argument("package", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Directory for the deck files (default: the deck directory given by --decks).",
)
@click.option("--force", is_flag=True, help="Overwrite deck files that differ from the package.")
@click.option(
    "--with-progress",
    is_flag=True,
    help="Also bring Anki's review history, schedule and leech tags into your progress "
    "database (the deck files go to the deck directory it studies; the newer last review "
    "wins).",
)
@pass_app
def import_anki(
    app: AppContext, package: Path, out_dir: Path | None, force: bool, with_progress: bool
) -> None:
    """Turn an Anki package (.apkg or .colpkg) into deck files, one per Anki deck.

    Notes become cards with origin "authored", one per Anki card, read through the note
    type's templates; HTML becomes plain text; images and sounds stay as [image: …] placeholders.
    Importing the same package again changes nothing. Nothing is written if any deck file
    would clash with an existing one (unless --force).

    With --with-progress (a package exported from Anki with scheduling), Anki's answers join
    your review log, marked as from Anki, never twice; each card takes Anki's schedule unless
    its last review in neuroquiz is newer.

    \b
    Example:
        neuroquiz import anki "Neuroanatomy.apkg" --out decks/
        neuroquiz --decks decks/ import anki phone.apkg --with-progress
    """
    from neuroquiz.anki import import_package
    from neuroquiz.paths import bundled_decks_dir

    bundled = app.decks_dir.resolve() == bundled_decks_dir().resolve()
    if with_progress:
        if out_dir is not None and out_dir.resolve() != app.decks_dir.resolve():
            raise click.UsageError(
                "--with-progress imports into the deck directory your progress database"
                f" studies ({app.decks_dir}): leave out --out, or give it as --decks"
            )
        out_dir = app.decks_dir
    elif out_dir is None:
        if bundled:
            raise click.UsageError(
                "give --out DIR (or --decks DIR): the bundled decks are read-only"
            )
        out_dir = app.decks_dir
    result = import_package(package, with_progress=with_progress)
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    plan, problems = _plan_import(result.decks, out_dir, force=force)
    if problems:
        for problem in problems:
            click.echo(f"neuroquiz: error: {problem}", err=True)
        click.echo("Nothing written.", err=True)
        raise SystemExit(1)
    if not with_progress:
        _write_import(plan, out_dir)
        return
    if bundled and any(action != "same" for _, action in plan):
        raise click.UsageError(
            "the bundled decks are read-only: give --decks DIR (a copy of them) to import"
            " notes that are new or changed in Anki"
        )
    _import_progress(app, package, result, plan)


# -- helpers ---------------------------------------------------------------------------------


def _load(app: AppContext) -> list[LoadedDeck]:
    from neuroquiz.decks import load_decks
    from neuroquiz.errors import NeuroquizError

    result = load_decks([app.decks_dir])
    for problem in result.problems:
        click.echo(f"warning: {problem}", err=True)
    if not result.decks:
        raise NeuroquizError("no deck to export", path=app.decks_dir)
    return list(result.decks)


def _select(loaded: Sequence[LoadedDeck], deck_ids: Sequence[str]) -> list[LoadedDeck]:
    if not deck_ids:
        return list(loaded)
    by_id = {item.deck.id: item for item in loaded}
    unknown = [deck_id for deck_id in deck_ids if deck_id not in by_id]
    if unknown:
        known = ", ".join(sorted(by_id))
        raise click.BadParameter(f"no deck {unknown[0]!r} (decks: {known})", param_hint="DECK")
    return [by_id[deck_id] for deck_id in dict.fromkeys(deck_ids)]


def _content_times(
    chosen: Sequence[LoadedDeck], store: ProgressStore | None
) -> tuple[dict[str, float], dict[str, int]]:
    """Each card's note time (epoch seconds), and the deck file times (ns) given to the cards
    whose time the store does not know, for it to keep."""
    ids = [card.id for item in chosen for card in item.deck.cards]
    known = store.content_times(ids) if store is not None else {}
    times: dict[str, float] = {}
    unknown: dict[str, int] = {}
    for item in chosen:
        file_ns = _mtime_ns(item.path)
        for card in item.deck.cards:
            changed = known.get(card.id)
            if changed is None and file_ns is not None:
                changed = unknown[card.id] = file_ns
            if changed is not None:
                # Whole seconds, as Anki compares them (a float of the ns could round up).
                times[card.id] = float(changed // 1_000_000_000)
    return times, unknown


def _history(store: ProgressStore, progress: dict[str, CardProgress]) -> dict[str, list[ReviewLog]]:
    history: dict[str, list[ReviewLog]] = {}
    for log in store.review_logs():
        if log.key in progress:
            history.setdefault(log.key, []).append(log)
    return history


def _progress(store: ProgressStore, decks: Sequence[Deck]) -> dict[str, CardProgress]:
    from neuroquiz.anki import CardProgress
    from neuroquiz.models import card_ordinals, study_key

    reps: dict[str, int] = {}
    last: dict[str, datetime] = {}
    for log in store.review_logs():
        reps[log.key] = reps.get(log.key, 0) + 1
        last[log.key] = log.reviewed_at
    progress: dict[str, CardProgress] = {}
    for deck in decks:
        for card in deck.cards:
            suspended = store.is_suspended(card.id)
            for ordinal in card_ordinals(card):
                key = study_key(card.id, ordinal)
                progress[key] = CardProgress(
                    state=store.state(key),
                    suspended=suspended,
                    reps=reps.get(key, 0),
                    modified=last.get(key),
                )
    return progress


def _echo_report(report: ExportReport) -> None:
    parts = (
        _plural(report.decks, "deck"),
        _plural(report.notes, "note"),
        _plural(report.cards, "card"),
    )
    click.echo(f"Wrote {report.path}: {', '.join(parts)}.")


def _plan_import(
    decks: Sequence[Deck], out_dir: Path, *, force: bool
) -> tuple[list[tuple[Deck, str]], list[str]]:
    """Decide per deck: 'create', 'update' or 'same'; list clashes that stop the import.

    A deck file is the same when the package holds nothing its export would not (what Anki
    cannot hold, such as a card's origin, does not count); an update keeps that from the file.
    """
    from neuroquiz.anki.notes import holds_same, keep_what_anki_drops
    from neuroquiz.decks import load_decks

    existing: dict[str, Deck] = {}
    owners: dict[str, str] = {}
    if out_dir.is_dir():
        for item in load_decks([out_dir]).decks:
            existing[item.deck.id] = item.deck
            owners.update({card.id: item.deck.id for card in item.deck.cards})
    plan: list[tuple[Deck, str]] = []
    problems: list[str] = []
    for deck in decks:
        path = out_dir / f"{deck.id}.yaml"
        clash = next((c.id for c in deck.cards if owners.get(c.id, deck.id) != deck.id), None)
        if clash is not None:
            problems.append(f"card id {clash!r} is already used by deck {owners[clash]!r}")
        elif deck.id in existing:
            old = existing[deck.id]
            if old == deck or holds_same(old, deck):
                plan.append((old, "same"))
            elif force:
                plan.append((keep_what_anki_drops(old, deck), "update"))
            else:
                problems.append(f"{path}: differs from the package (use --force to overwrite)")
        elif path.exists():
            problems.append(f"{path}: exists and does not load as a deck; not overwriting it")
        else:
            plan.append((deck, "create"))
    return plan, problems


def _import_progress(
    app: AppContext, package: Path, result: ImportResult, plan: Sequence[tuple[Deck, str]]
) -> None:
    """Write the deck files, sync the deck directory, merge the progress (one transaction)."""
    from neuroquiz.cli.core_cmds import load_and_sync
    from neuroquiz.study import study_day
    from neuroquiz.study.anki_merge import merge_anki_progress

    assert result.progress is not None  # asked for
    # Opened first: a database that cannot be opened stops the import before any write.
    store = app.open_store()
    try:
        _write_import(plan, app.decks_dir)
        load_and_sync(app, store)
        day_start = store.day_start_hour()
        report = merge_anki_progress(
            store,
            result.progress.cards,
            # Each answer's own local offset (summer time included), then the day start.
            day_of=lambda moment: study_day(moment.astimezone(), day_start),
        )
    finally:
        store.close()
    echo_merge(package, report, result.progress)


def _write_import(plan: Sequence[tuple[Deck, str]], out_dir: Path) -> None:
    from neuroquiz.decks import save_deck

    out_dir.mkdir(parents=True, exist_ok=True)
    verbs = {"create": "Created", "update": "Updated", "same": "Unchanged"}
    for deck, action in plan:
        path = out_dir / f"{deck.id}.yaml"
        if action != "same":
            save_deck(path, deck)
        click.echo(f"{verbs[action]} {path} ({len(deck.cards)} cards)")


COMMANDS = [export_group, import_group]
