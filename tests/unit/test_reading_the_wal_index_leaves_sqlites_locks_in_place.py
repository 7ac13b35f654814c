"""Reading how much of the WAL waits (`db.wal_pending`) leaves this process's SQLite locks on the
WAL-index in place. Closing any descriptor of a file drops every POSIX lock the process holds on
it, SQLite's included: without its lock on the WAL-index, another process opening the database
takes it for unused and resets it under this process's connections (two scans started together
once had one die of SIGBUS so). Linux shows a process's locks in /proc/locks."""

from __future__ import annotations

import contextlib
import os
import sqlite3

from service import db

WAL_INDEX_IN_USE = 128  # the byte of `-shm` every connection holds a shared lock on (walformat.html)


def _locked_bytes(path: str) -> set[int]:
    """The first bytes of this process's POSIX locks on the file at `path`."""
    st = os.stat(path)
    inode = f"{os.major(st.st_dev):02x}:{os.minor(st.st_dev):02x}:{st.st_ino}"
    found = set()
    with open("/proc/locks") as locks:
        for line in locks:
            fields = line.split()
            if fields[1] == "POSIX" and fields[4] == str(os.getpid()) and fields[5] == inode:
                found.add(int(fields[6]))
    return found


def test_the_wal_index_lock_is_held_after_every_read_of_it(tmp_path):
    path = str(tmp_path / "haven.db")
    with contextlib.closing(sqlite3.connect(path, isolation_level=None)) as held:
        held.execute("PRAGMA journal_mode=WAL")
        held.execute("CREATE TABLE t (x)")
        held.execute("INSERT INTO t VALUES (1)")
        assert WAL_INDEX_IN_USE in _locked_bytes(f"{path}-shm")
        for _ in range(3):
            assert db.wal_pending(path) > 0  # written, not yet copied back
            assert WAL_INDEX_IN_USE in _locked_bytes(f"{path}-shm")
