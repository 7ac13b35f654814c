"""The benchmarks' database: `haven demo --synthetic N` children (10,000 unless
HAVEN_BENCH_CHILDREN says otherwise), scanned once so alerts exist, in a SQLite file kept
between runs when HAVEN_BENCH_DB names one (it is made on first use)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

CHILDREN = int(os.environ.get("HAVEN_BENCH_CHILDREN", "10000"))


def haven(args: list[str], url: str, cwd: Path) -> str:
    env = {**os.environ, "HAVEN_DATABASE_URL": url, "HAVEN_SCHEDULER": "false"}
    done = subprocess.run([sys.executable, "-m", "service.cli", *args], env=env, cwd=cwd,
                          text=True, capture_output=True)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def bench_database(folder: Path) -> tuple[str, dict]:
    """(database URL, login) for a filled, scanned database; the login is a team supervisor."""
    path = Path(os.environ.get("HAVEN_BENCH_DB") or folder / "haven.db").resolve()
    url, login_file = f"sqlite:///{path}", path.with_suffix(".login.json")
    if not path.exists() or not login_file.exists():
        printed = haven(["demo", "--synthetic", str(CHILDREN), "--seed", "1"], url, path.parent)
        found = re.search(r"e\.g\. (\S+)\), password (\S+)", printed)
        assert found, printed
        haven(["scan"], url, path.parent)
        login_file.write_text(json.dumps({"username": found[1], "password": found[2]}))
    return url, json.loads(login_file.read_text())
