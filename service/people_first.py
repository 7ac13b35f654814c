"""On SQLite, people's writes go before the scan's.

SQLite has one writer at a time, and a connection waiting for the write lock sleeps in SQLite's
busy handler, trying again after 1, 2, 5 … up to 100 ms. A scan's batches, one after another
(or from two processes taking turns), would take the lock back in those sleeps again and again:
a caseworker's save waited seconds behind a scan spread over two processes.

So a person's write raises a flag for as long as it waits for the lock and holds it: a shared
`flock` on a file beside the database (`<database>-writers`), held by every process with such a
write under way. A scan's batch, before it asks for the lock, waits until no flag is up: an
exclusive `flock` that it takes and gives back at once. The kernel drops a dead process's flag.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import os
import threading
import time

PATIENCE_SECONDS = 2.0  # a batch waits at most this long, so a stream of writes cannot stall a scan
POLL_SECONDS = 0.002


class _Flag:
    """This process's flag on one database: up while any of its people's writes is under way."""

    def __init__(self, path: str):
        self._fd = os.open(f"{path}-writers", os.O_RDWR | os.O_CREAT, 0o600)
        self._count, self._lock = 0, threading.Lock()

    def raise_(self) -> None:
        with self._lock:
            if self._count == 0:
                fcntl.flock(self._fd, fcntl.LOCK_SH)
            self._count += 1

    def lower(self) -> None:
        with self._lock:
            self._count -= 1
            if self._count == 0:
                fcntl.flock(self._fd, fcntl.LOCK_UN)


_flags: dict[str, _Flag] = {}
_flags_lock = threading.Lock()


def flag(path: str) -> _Flag:
    with _flags_lock:
        if path not in _flags:
            _flags[path] = _Flag(path)
        return _flags[path]


@contextlib.contextmanager
def person_writing(path: str):
    found = flag(path)
    found.raise_()
    try:
        yield
    finally:
        found.lower()


def nobody_writing(path: str) -> bool:
    """True if no process has a person's write under way (checked on a file description of its
    own, so this process's own flag counts too)."""
    fd = os.open(f"{path}-writers", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    finally:
        os.close(fd)  # closing gives the lock back
    return True


async def after_people(path: str, patience: float = PATIENCE_SECONDS) -> None:
    """Wait until no person's write is under way, or `patience` seconds have passed."""
    deadline = time.monotonic() + patience
    while not nobody_writing(path) and time.monotonic() < deadline:
        await asyncio.sleep(POLL_SECONDS)
