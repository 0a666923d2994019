"""Atomic file writes: a reader sees the old file or the new one, never half of either."""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from pathlib import Path


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temp file in the same directory, fsync and rename.

    The file keeps the permissions of the file it replaces; a new file gets the usual ones
    (0666 less the umask). On any error the original file (if any) is left untouched, the
    temp file removed, and the ``OSError`` raised.
    """
    path = Path(path)
    temp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(fd, "wb") as handle:
            if path.exists():
                os.chmod(temp, stat.S_IMODE(path.stat().st_mode))
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)


def write_text_atomic(path: Path, text: str) -> None:
    """Write UTF-8 ``text`` to ``path`` atomically (see :func:`write_bytes_atomic`)."""
    write_bytes_atomic(path, text.encode("utf-8"))


def fsync_path(path: Path) -> None:
    """Flush a file (or, on POSIX, a folder) to disk."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(directory: Path) -> None:
    """Flush a folder's entries, so that a rename in it survives a power loss."""
    # Makes a rename durable on POSIX; some systems cannot open a directory.
    with contextlib.suppress(OSError):
        fsync_path(directory)


def stays_inside(path: Path, directory: Path) -> bool:
    """True if ``path``, with every symbolic link followed, is inside ``directory``.

    Both are resolved (``os.path.realpath``, which never raises on a link loop), so a link
    that stays inside the folder is fine and one that leads out of it (``notes.txt ->
    /etc/passwd``, ``deck.yaml -> ../../elsewhere.yaml``) is not. A folder that is itself a
    link counts as the folder it leads to.

    Example:
        >>> stays_inside(Path("/tmp/decks/a.yaml"), Path("/tmp/decks"))  # doctest: +SKIP
        True
    """
    real = os.path.realpath(path)
    root = os.path.realpath(directory)
    return os.path.commonpath([real, root]) == root


class NotRegularFileError(OSError):
    """A path that names a directory, a pipe, a device or a socket instead of a file.

    Attributes:
        kind: What it is, in words ("a directory", "a named pipe (FIFO)", ...).
    """

    def __init__(self, kind: str) -> None:
        super().__init__(f"is {kind}, not a regular file")
        self.kind = kind


class FileTooLargeError(OSError):
    """A regular file larger than the limit it was read with.

    Attributes:
        size: Its size in bytes (at least ``limit + 1`` if it grew while being read).
    """

    def __init__(self, size: int) -> None:
        super().__init__(f"file is too large ({size} bytes)")
        self.size = size


def file_kind(mode: int) -> str:
    """What a ``st_mode`` names, in words ("a regular file", "a directory", ...)."""
    if stat.S_ISREG(mode):
        return "a regular file"
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a file"


def read_regular_file(path: Path, limit: int) -> bytes:
    """Read a regular file of at most ``limit`` bytes; refuse anything else before reading.

    The file is opened without blocking (so a FIFO cannot hang the caller), checked with
    ``fstat`` on the open descriptor (so what is checked is what is read), and read at most
    ``limit + 1`` bytes (so a file that grows, or a device such as ``/dev/zero`` presented
    as a file, cannot be read without end).

    Raises:
        NotRegularFileError: the path is a directory, a pipe, a device or a socket.
        FileTooLargeError: the file holds more than ``limit`` bytes.
        OSError: it cannot be opened or read (missing, no permission, a symlink loop).
    """
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFileError(file_kind(info.st_mode))
        if info.st_size > limit:
            raise FileTooLargeError(info.st_size)
        os.set_blocking(fd, True)
        chunks: list[bytes] = []
        remaining = limit + 1
        while remaining > 0:
            chunk = os.read(fd, min(remaining, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > limit:
        raise FileTooLargeError(len(data))
    return data
