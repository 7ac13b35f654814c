"""`haven backup PATH`: SQLite's online backup gives a complete, openable copy."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

from tests.conftest import ENGINE_KIND


def haven(*args, env=None):
    return subprocess.run([sys.executable, "-m", "service.cli", *args], capture_output=True,
                          text=True, env={**os.environ, **(env or {})}, timeout=120)


def test_backup_copies_every_table_with_its_rows(api, child, tmp_path):
    target = tmp_path / "copy.db"
    result = haven("backup", str(target))
    if ENGINE_KIND == "postgres":
        # PostgreSQL has its own consistent tool; Haven says so instead of half-doing it.
        assert result.returncode == 2 and "pg_dump" in result.stderr
        return
    assert result.returncode == 0, result.stderr
    copy = sqlite3.connect(target)
    assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    ids = [r[0] for r in copy.execute("SELECT id FROM child")]
    assert child["id"] in [str(i) for i in ids]


def test_backup_of_a_missing_database_says_so(tmp_path):
    result = haven("backup", str(tmp_path / "x.db"),
                   env={"HAVEN_DATABASE_URL": f"sqlite:///{tmp_path}/none.db"})
    assert result.returncode == 2
    assert "no database" in result.stderr
    assert not (tmp_path / "x.db").exists()
