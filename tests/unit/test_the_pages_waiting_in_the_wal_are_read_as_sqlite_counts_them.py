"""The scan copies the WAL back into the database once enough of it waits (`db.checkpoint`). How
much waits is read from the WAL-index (`db.wal_pending`): it must be what SQLite itself counts,
before and after a checkpoint, and after the WAL starts again from its beginning (the file
keeps its size then, so its size cannot tell)."""

from __future__ import annotations

import contextlib
import sqlite3

from service import db


def test_wal_pending_is_the_frames_sqlite_has_not_yet_copied_back(tmp_path):
    path = str(tmp_path / "wal.db")
    db.prepare_sqlite_file(path)
    with contextlib.closing(sqlite3.connect(path, isolation_level=None)) as conn:
        conn.execute("PRAGMA wal_autocheckpoint = 0")
        conn.execute("CREATE TABLE t (x TEXT)")
        for _ in range(3):
            conn.execute("INSERT INTO t VALUES (hex(randomblob(3000)))")
        waiting = db.wal_pending(path)
        busy, frames, copied = conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
        assert (busy, waiting) == (0, frames) and frames > 3
        assert copied == frames and db.wal_pending(path) == 0
        size = (tmp_path / "wal.db-wal").stat().st_size
        conn.execute("INSERT INTO t VALUES ('again')")  # the WAL starts over, in the same file
        assert db.wal_pending(path) == conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()[1] == 1
        assert (tmp_path / "wal.db-wal").stat().st_size == size


def test_no_wal_index_means_nothing_waits(tmp_path):
    assert db.wal_pending(str(tmp_path / "none.db")) == 0
