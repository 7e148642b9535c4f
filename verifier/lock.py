"""One job per results folder: an exclusive, non-blocking flock on <out>/.lock, taken by
`verifier verify` and by each scheduled run, so cron and `verifier schedule` never write
the same results at once. The kernel drops the lock when its holder dies, however it
dies, so a killed run never leaves a stale lock behind. The file itself stays (removing a
locked file would let two processes lock two different files); it holds the holder's pid
while locked, for the message the second job prints.

The lock file is opened with O_NOFOLLOW and must be a regular file with one name: a
symbolic or hard link planted at results/.lock would otherwise make a run truncate and
write whatever file it points to.
"""

from __future__ import annotations

import errno
import fcntl
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

LOCK_NAME = ".lock"


class AlreadyRunning(Exception):
    """Another process holds the results folder's lock."""

    def __init__(self, path: Path, pid: int | None) -> None:
        holder = f"process {pid}" if pid else "another process"
        super().__init__(f"another verifier run is using {path.parent} ({holder} holds {path})")
        self.path = path
        self.pid = pid


@contextmanager
def run_lock(out_dir: Path) -> Iterator[Path]:
    """Hold the lock on out_dir for the block; raise AlreadyRunning at once if it is taken."""
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / LOCK_NAME
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC, 0o644)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise OSError(errno.ELOOP, "is a symbolic link; refusing to follow it", str(path)) from None
        raise
    try:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode) or status.st_nlink != 1:
            raise OSError(errno.EPERM, "is not a plain file of its own (a link or a device); refusing to use it",
                          str(path))
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise AlreadyRunning(path, _read_pid(fd)) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        try:
            yield path
        finally:
            os.ftruncate(fd, 0)
    finally:
        os.close(fd)  # closing the descriptor releases the flock


def _read_pid(fd: int) -> int | None:
    text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    return int(text) if text.isdecimal() else None
