"""Two `haven scan --at T` processes started together: every alert and notification exists
once, and what the two report raising adds up to what is stored (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys

import pytest

from tests import engine as test_engine
from tests.engines.test_haven_demo_fills_an_empty_database_once import one, query


@pytest.fixture
def database(tmp_path):
    kind, url, _ = test_engine.demo_copy()
    env = {**os.environ, "HAVEN_DATABASE_URL": url, "HAVEN_SCHEDULER": "false", "HAVEN_SMTP_HOST": "127.0.0.1"}
    yield url, env, tmp_path
    test_engine.drop(kind, url)


def test_no_duplicates_and_counts_add_up(database):
    url, env, cwd = database
    at = (dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=10)).replace(microsecond=0)
    command = [sys.executable, "-m", "service.cli", "scan", "--at", at.isoformat()]
    procs = [subprocess.Popen(command, env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True) for _ in range(2)]
    outputs = [p.communicate(timeout=180) for p in procs]
    for (out, err), proc in zip(outputs, procs):
        assert out.strip(), f"a scan exited {proc.returncode} saying nothing; its stderr: {err}"
    summaries = [json.loads(out.strip().splitlines()[-1]) for out, _ in outputs]
    # A scan that found another one running says so, in its summary and its exit status.
    assert [p.returncode for p in procs] == [3 if "skipped" in s else 0 for s in summaries], outputs
    ran = [s for s in summaries if "skipped" not in s]
    assert ran, summaries

    assert one(url, "SELECT COUNT(*) FROM (SELECT kind, child, cause_key FROM alert "
                    "GROUP BY kind, child, cause_key HAVING COUNT(*) > 1) d") == 0
    assert one(url, "SELECT COUNT(*) FROM (SELECT alert, recipient, channel, event, sequence FROM notification "
                    "GROUP BY alert, recipient, channel, event, sequence HAVING COUNT(*) > 1) d") == 0
    raised_now = [r for r in query(url, "SELECT raised_at FROM alert") if _same(r[0], at)]
    assert sum(s["raised"] for s in ran) == len(raised_now) > 0
    queued_now = [r for r in query(url, "SELECT created_at FROM notification") if _same(r[0], at)]
    assert sum(s["notifications"] for s in ran) == len(queued_now) > 0


def _same(value, at: dt.datetime) -> bool:
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    return value == at
