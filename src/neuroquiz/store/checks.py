"""The check of a database file at open: SQLite's quick check, bounded in size and steps.

Every command that opens the progress database runs it (through a read-only connection,
before anything is written), so a damaged page is refused with one line instead of being
read, written over, or shown as a traceback. ``neuroquiz doctor`` runs the full check.
"""

from __future__ import annotations

import sqlite3

from neuroquiz.store.failures import Failure, failure_of

QUICK_CHECK_MAX_BYTES = 100 * 1024 * 1024
"""The check at open runs on databases (with their -wal) up to this size: SQLite walks every
b-tree page in one step, about 0.15 s for 60 MB (10,000 cards and 100,000 answers) on the
test machine. A larger one is not checked at open; ``neuroquiz doctor`` checks any size."""
QUICK_CHECK_OPS = 4_000_000
"""SQLite virtual-machine steps the rest of the check at open (record by record) may take."""


def quick_check_bounded(
    conn: sqlite3.Connection, size: int, *, max_bytes: int | None = None
) -> str | None:
    """SQLite's first finding of ``PRAGMA quick_check`` on a database of ``size`` bytes.

    The check of every b-tree page (not of index contents: that is ``doctor``'s full
    integrity check) runs only on a database of at most ``max_bytes`` (default
    :data:`QUICK_CHECK_MAX_BYTES`), and stops after :data:`QUICK_CHECK_OPS` steps; what it
    did not reach counts as sound. A file too damaged for the check to run is a finding.

    Args:
        conn: A (read-only) connection to the database.
        size: The size of the database file and its ``-wal``.
        max_bytes: Check only up to this size.

    Returns:
        The first finding, or None (sound, or not checked).

    Raises:
        sqlite3.OperationalError: for other failures (a lock held elsewhere...).
    """
    if size > (QUICK_CHECK_MAX_BYTES if max_bytes is None else max_bytes):
        return None
    steps = 0
    budget = max(1, QUICK_CHECK_OPS // 1000)

    def tick() -> int:
        nonlocal steps
        steps += 1
        return 1 if steps > budget else 0  # non-zero interrupts the statement

    conn.set_progress_handler(tick, 1000)
    try:
        rows = [str(row[0]) for row in conn.execute("PRAGMA quick_check(1)")]
    except sqlite3.OperationalError as error:
        if steps > budget:
            return None  # interrupted: nothing found in the part it checked
        if failure_of(error) is Failure.CORRUPT:
            return str(error)
        raise
    except sqlite3.DatabaseError as error:
        return str(error)
    finally:
        conn.set_progress_handler(None, 0)
    if rows == ["ok"]:
        return None
    lines = [line.strip() for row in rows for line in row.splitlines()]
    found = [line for line in lines if line and not line.startswith("*** in database")]
    return found[0] if found else "quick check failed"
