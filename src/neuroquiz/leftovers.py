"""Stale leftovers of a killed neuroquiz: cleaned on the next start, never another's work.

A process killed mid-write leaves what it was writing: ``.<name>.<8 hex>.tmp`` files of an
atomic write (deck files, exports; see :func:`neuroquiz.fileio.write_text_atomic`),
``.<name>.<pid>.tmp`` full-size database copies of a backup or a restore (with their
``-journal``/``-wal``/``-shm``), and ``neuroquiz-anki-*`` folders of an import in the
system's temporary folder. :func:`clean_leftovers` removes only names of these patterns,
and only when nothing can still be writing them: untouched for :data:`STALE_AFTER_SECONDS`
(a writer changes the file's time as it writes), and for a pid-named file, the process
named is not running.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
from collections.abc import Iterable
from pathlib import Path

STALE_AFTER_SECONDS = 3600.0
"""A leftover untouched this long (1 hour) is stale: no run writes a file that slowly."""

_ATOMIC = re.compile(r"^\..+\.[0-9a-f]{8}\.tmp$")
_BY_PID = re.compile(r"^\..+\.(?P<pid>[0-9]+)\.tmp(?:-journal|-wal|-shm)?$")
IMPORT_DIR_PREFIX = "neuroquiz-anki-"
"""Prefix of the temporary folder of an Anki import (see :mod:`neuroquiz.anki.reader`)."""


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # it exists, but is not ours to signal
        return True
    return True


def _newest_time(path: Path) -> float:
    """The latest modification time of ``path`` and, for a folder, of anything in it."""
    newest = path.lstat().st_mtime
    if path.is_dir() and not path.is_symlink():
        for root, dirs, files in os.walk(path):
            for name in dirs + files:
                with contextlib.suppress(OSError):
                    newest = max(newest, os.lstat(os.path.join(root, name)).st_mtime)
    return newest


def is_leftover(path: Path, *, now: float) -> bool:
    """True if ``path`` is one of our leftovers that nothing can still be writing.

    Args:
        path: A file (or an import folder).
        now: The current time, as ``time.time()`` gives it.
    """
    name = path.name
    by_pid = _BY_PID.match(name)
    ours = bool(_ATOMIC.match(name) or by_pid)
    if not ours and not (name.startswith(IMPORT_DIR_PREFIX) and path.is_dir()):
        return False
    if path.is_symlink():
        return False
    if by_pid is not None and _running(int(by_pid.group("pid"))):
        return False
    try:
        return now - _newest_time(path) >= STALE_AFTER_SECONDS
    except OSError:
        return False


def clean_leftovers(
    folders: Iterable[Path], *, now: float, temp_dir: Path | None = None
) -> list[Path]:
    """Remove stale leftovers from ``folders`` (not recursive) and import folders.

    Errors are ignored: a leftover that cannot be removed stays for the next run.

    Args:
        folders: Folders where neuroquiz writes (the database's, its backups', the decks').
        now: The current time, as ``time.time()`` gives it.
        temp_dir: The system's temporary folder, searched for ``neuroquiz-anki-*`` folders
            owned by this user (None: not searched).

    Returns:
        What was removed.
    """
    removed: list[Path] = []
    candidates: list[Path] = []
    for folder in folders:
        with contextlib.suppress(OSError):
            candidates += [p for p in Path(folder).iterdir() if p.name.endswith(_TMP_ENDINGS)]
    if temp_dir is not None:
        with contextlib.suppress(OSError):
            candidates += [
                p
                for p in Path(temp_dir).iterdir()
                if p.name.startswith(IMPORT_DIR_PREFIX) and _owned(p)
            ]
    for path in candidates:
        if not is_leftover(path, now=now):
            continue
        try:
            if path.is_dir():
                shutil.rmtree(path)
            else:
                path.unlink()
        except OSError:
            continue
        removed.append(path)
    return removed


_TMP_ENDINGS = (".tmp", ".tmp-journal", ".tmp-wal", ".tmp-shm")


def _owned(path: Path) -> bool:
    try:
        return path.lstat().st_uid == os.getuid()
    except OSError:
        return False
