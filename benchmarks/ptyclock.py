"""Time a terminal app as a user does: from exec to its first frame, then ctrl+q to exit.

The command runs in a pseudo-terminal (120x40, xterm-256color), as it would in a real
terminal: the clock starts before the process is spawned (interpreter start, imports and
opening the store included) and stops when its output first holds ``marker`` (a text the
frame shows only once the screen is filled). Linux and macOS only (``pty``).
"""

from __future__ import annotations

import fcntl
import os
import pty
import select
import struct
import subprocess
import termios
import time


def _drain(fd: int, timeout: float) -> bytes:
    ready, _, _ = select.select([fd], [], [], timeout)
    if not ready:
        return b""
    try:
        return os.read(fd, 65536)
    except OSError:  # the child closed the terminal
        return b"\0EOF"


def exec_to_frame(argv: list[str], marker: bytes, *, timeout: float = 60) -> tuple[float, float]:
    """Seconds from exec to the first output holding ``marker``, and from ctrl+q to exit.

    Raises:
        TimeoutError: the marker never appeared, or the app did not exit.
    """
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    env = dict(os.environ, TERM="xterm-256color", COLUMNS="120", LINES="40")
    start = time.perf_counter()
    proc = subprocess.Popen(
        argv, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
    )
    os.close(slave)
    try:
        seen = b""
        while marker not in seen:
            if time.perf_counter() - start > timeout:
                raise TimeoutError(f"{marker!r} never shown")
            seen = seen[-len(marker) :] + _drain(master, 0.02)
        frame = time.perf_counter() - start
        os.write(master, b"\x11")  # ctrl+q
        quit_start = time.perf_counter()
        while proc.poll() is None:
            if time.perf_counter() - quit_start > timeout:
                raise TimeoutError("the app did not exit")
            if _drain(master, 0.02) == b"\0EOF":
                proc.wait(timeout)
        return frame, time.perf_counter() - quit_start
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        os.close(master)
