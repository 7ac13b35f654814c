"""The audit trail is tamper-evident: `haven audit verify` passes on the demo; the database
refuses to change or remove an entry; and an entry changed behind the service's back (its
guard switched off, as only someone holding the database could) is named by `verify`, which
then exits non-zero. SQLite and PostgreSQL alike."""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import subprocess
import sys

import pytest

from tests import engine as test_engine
from tests.conftest import execute_sql
from tests.engines.test_haven_demo_fills_an_empty_database_once import one


@pytest.fixture
def demo(tmp_path):
    kind, url, _ = test_engine.demo_copy()
    env = {**os.environ, "HAVEN_DATABASE_URL": url, "HAVEN_SCHEDULER": "false"}
    yield kind, url, env, tmp_path
    test_engine.drop(kind, url)


def verify(env, cwd) -> tuple[int, dict]:
    done = subprocess.run([sys.executable, "-m", "service.cli", "audit", "verify"], env=env, cwd=cwd,
                          capture_output=True, text=True, timeout=300)
    return done.returncode, json.loads(done.stdout.strip().splitlines()[-1])


def refused(kind: str, url: str, sql: str) -> bool:
    try:
        execute(kind, url, [sql])
    except Exception as error:  # the driver's own error type: what matters is the refusal
        return "append-only" in str(error)
    return False


def execute(kind: str, url: str, statements: list[str]) -> None:
    if kind == "sqlite":
        with contextlib.closing(sqlite3.connect(url.removeprefix("sqlite:///"))) as conn:
            for sql in statements:
                conn.execute(sql)
            conn.commit()
        return
    for sql in statements:
        test_engine.run_outside_loop(execute_sql(url, sql))


def test_verify_passes_the_trail_refuses_changes_and_a_forged_entry_is_named(demo):
    kind, url, env, cwd = demo
    code, found = verify(env, cwd)
    assert code == 0 and found["ok"] and found["entries"] == one(url, "SELECT COUNT(*) FROM audit_entry") > 100

    assert refused(kind, url, "UPDATE audit_entry SET actor = 'someone' WHERE seq = 7")
    assert refused(kind, url, "DELETE FROM audit_entry WHERE seq = 7")

    forged = one(url, "SELECT id FROM audit_entry WHERE seq = 7")
    guard_off = (["DROP TRIGGER audit_entry_no_update"] if kind == "sqlite"
                 else ["ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_append_only"])
    execute(kind, url, [*guard_off, "UPDATE audit_entry SET actor = 'someone' WHERE seq = 7"])
    code, found = verify(env, cwd)
    assert code == 1 and not found["ok"]
    assert found["first_bad"] == {"seq": 7, "id": str(forged)} and found["entries"] == 6
