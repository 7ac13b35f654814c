"""`haven worker` runs the alert scan on its own: its first scan, at start-up, raises what is
already due (the catch-up after downtime), and asked to stop (SIGTERM, as a service manager
does, or Ctrl-C) it stops cleanly, leaving the scan lease free for the next scanner."""

from __future__ import annotations

import contextlib
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from tests import engine as test_engine
from tests.conftest import execute_sql
from tests.engines.test_haven_demo_fills_an_empty_database_once import one

PATIENCE = 120  # seconds: a bound for a slow machine, not a measure of anything


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    kind, url, _ = test_engine.demo_copy()
    env = {**os.environ, "HAVEN_DATABASE_URL": url, "HAVEN_SCHEDULER": "true", "HAVEN_SCAN_MINUTES": "600"}
    cwd = tmp_path_factory.mktemp("worker")
    yield url, env, cwd
    test_engine.drop(kind, url)


def forget_alerts(url: str) -> None:
    """The demo ends with a scan of its own; start from none, as if no scan had ever run."""
    for statement in ("DELETE FROM notification", "DELETE FROM alert", "DELETE FROM child_wake",
                      "UPDATE child SET changed = true"):
        if url.startswith("sqlite:///"):
            with contextlib.closing(sqlite3.connect(url.removeprefix("sqlite:///"))) as conn:
                conn.execute(statement)
                conn.commit()
        else:
            test_engine.run_outside_loop(execute_sql(url, statement))


def wait_for(condition) -> bool:
    deadline = time.monotonic() + PATIENCE
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.5)
    return False


def scanned(url: str) -> bool:
    return one(url, "SELECT COUNT(*) FROM alert") > 0 and one(
        url, "SELECT COUNT(*) FROM scan_lease WHERE expires_at IS NOT NULL") == 0


@pytest.mark.parametrize("stop_signal", [signal.SIGTERM, signal.SIGINT])
def test_the_first_scan_runs_at_start_and_the_worker_stops_on_request(database, stop_signal):
    url, env, cwd = database
    forget_alerts(url)  # as if the scheduler had been down while everything fell due
    worker = subprocess.Popen([sys.executable, "-m", "service.cli", "worker"], env=env, cwd=cwd,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert wait_for(lambda: scanned(url)), "no scan ran"
    finally:
        worker.send_signal(stop_signal)
        out, err = worker.communicate(timeout=PATIENCE)
    assert worker.returncode == 0, err
    assert "Traceback" not in err
    assert one(url, "SELECT COUNT(*) FROM alert WHERE kind = 'overdue_review'") == 1
    duplicates = "SELECT COUNT(*) FROM (SELECT kind, child, cause_key FROM alert GROUP BY kind, child, cause_key HAVING COUNT(*) > 1) d"
    assert one(url, duplicates) == 0
