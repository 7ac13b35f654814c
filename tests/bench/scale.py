"""A generated caseload in a database of its own, for the benchmarks at scale.

`HAVEN_BENCH_CHILDREN` (default 10,000) children from `haven demo --synthetic`; with
`HAVEN_BENCH_LARGE=1`, also 100,000. `HAVEN_TEST_ENGINE` picks SQLite or PostgreSQL as for the
tests. Each size is generated once per run, in a folder of its own.
"""

from __future__ import annotations

import contextlib
import os
import resource
import shutil
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from tests import engine as test_engine

ROOT = Path(__file__).resolve().parents[2]


def sizes() -> list[int]:
    found = [int(os.environ.get("HAVEN_BENCH_CHILDREN", "10000"))]
    if os.environ.get("HAVEN_BENCH_LARGE") == "1":
        found.append(100_000)
    return found


@dataclass
class Caseload:
    kind: str
    url: str
    folder: Path
    children: int
    generated_in: float

    @property
    def env(self) -> dict:
        return {**os.environ, "HAVEN_DATABASE_URL": self.url, "HAVEN_SCHEDULER": "false",
                "PYTHONPATH": str(ROOT)}

    def haven(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "service.cli", *args], env=self.env, cwd=self.folder,
                              capture_output=True, text=True, check=check, timeout=3600)

    def copy(self, folder: Path) -> "Caseload":
        """A fresh copy to scan (SQLite: the file; PostgreSQL: a template database)."""
        folder.mkdir(parents=True, exist_ok=True)
        if self.kind == "sqlite":
            shutil.copy(self.url.removeprefix("sqlite:///"), folder / "haven.db")
            return Caseload(self.kind, f"sqlite:///{folder}/haven.db", folder, self.children, 0)
        name = f"{self.url.rsplit('/', 1)[1]}_c{int(time.time() * 1000) % 10**9}"
        test_engine.run_outside_loop(test_engine._admin(
            f'CREATE DATABASE "{name}" TEMPLATE "{self.url.rsplit("/", 1)[1]}"'))
        return Caseload(self.kind, self.url.rsplit("/", 1)[0] + "/" + name, folder, self.children, 0)

    def drop(self) -> None:
        test_engine.drop(self.kind, self.url)


def generate(children: int, folder: Path) -> Caseload:
    kind, url = test_engine.choose()
    if kind == "sqlite":
        url = f"sqlite:///{folder}/haven.db"
    folder.mkdir(parents=True, exist_ok=True)
    made = Caseload(kind, url, folder, children, 0)
    started = time.perf_counter()
    made.haven("init")
    made.haven("demo", "--synthetic", str(children), "--seed", "1")
    made.generated_in = time.perf_counter() - started
    return made


def timed(action) -> tuple[float, object]:
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def peak_rss_mb_of_children() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def data_version(url: str):
    """A SQLite watcher whose `PRAGMA data_version` moves when anyone else commits."""
    return contextlib.closing(sqlite3.connect(url.removeprefix("sqlite:///")))
