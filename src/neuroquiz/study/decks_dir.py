"""Which deck directory a database follows, and what to say when it is opened with another.

A full sync retires the decks missing from the directory it reads. Opened with another
``--decks`` directory, a database would hide most decks without a word; the store records
the directory of each complete full sync (``SyncReport.moved_from`` names the one before),
and :func:`moved_warning` words the change for the CLI and the app.
"""

from __future__ import annotations

from pathlib import Path

from neuroquiz.store import SyncReport


def decks_dir_name(path: Path) -> str:
    """The name under which a deck directory is recorded: its absolute, resolved path."""
    return str(path.expanduser().resolve())


def moved_warning(report: SyncReport, decks_dir: str) -> str | None:
    """One line saying that the sync read another deck directory than the last one, or None.

    Args:
        report: The report of a full sync given ``decks_dir``.
        decks_dir: The directory that sync read (as :func:`decks_dir_name` names it).

    Example:
        >>> report = SyncReport(retired=30, retired_decks=2, moved_from="/home/a/decks")
        >>> moved_warning(report, "/tmp/decks")  # doctest: +NORMALIZE_WHITESPACE
        'this database was last synced from /home/a/decks, not /tmp/decks: 2 decks not in
        /tmp/decks are hidden and 30 cards retired (progress kept; --decks /home/a/decks
        brings them back)'
    """
    before = report.moved_from
    if before is None:
        return None
    head = f"this database was last synced from {before}, not {decks_dir}"
    if not report.retired_decks and not report.retired:
        return f"{head}; it follows {decks_dir} from now on"
    one = report.retired_decks == 1
    decks = "1 deck" if one else f"{report.retired_decks:,} decks"
    cards = "1 card" if report.retired == 1 else f"{report.retired:,} cards"
    verb = "is" if one else "are"
    hidden = f"{decks} not in {decks_dir} {verb} hidden and " if report.retired_decks else ""
    return f"{head}: {hidden}{cards} retired (progress kept; --decks {before} brings them back)"
