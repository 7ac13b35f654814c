"""A scan with nothing changed and nothing newly due reads and writes nothing: no alert, risk
state, wake instant, change mark or lease row is rewritten (SQLite: no commit by anyone, by
`PRAGMA data_version`; PostgreSQL: no row of any table gets a new version, by `xmin`/`ctid`).
A change to one child is then the only thing the next scan evaluates."""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3

from tests import engine as test_engine
from tests.api.alerting import registered_days_ago, scan_at, utcnow
from tests.api.development import assess, months_ago, register
from tests.conftest import DATABASE_URL, ENGINE_KIND


def _a_caseload_with_alerts(api) -> list[str]:
    ids = [register(api, months_ago(m)) for m in (3, 14, 40, 100, 150)]
    for cid in ids[:3]:
        registered_days_ago(cid, 45)
    assess(api, ids[1], months_ago(0), {"M09-LC-1": "not_yet"})
    api.post("cw", f"/api/v1/children/{ids[3]}/placements", json={
        "kind": "shelter", "started_on": utcnow().date().isoformat(), "planned": False})
    api.post("cw", f"/api/v1/children/{ids[4]}/missing-episodes", json={
        "went_missing_at": (utcnow() - dt.timedelta(hours=3)).isoformat()})
    return ids


def _versions() -> set:
    """Every row of every table, as the version PostgreSQL keeps of it."""
    async def read():
        import asyncpg

        conn = await asyncpg.connect(DATABASE_URL)
        try:
            tables = [r["tablename"] for r in await conn.fetch(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")]
            found = set()
            for table in tables:
                rows = await conn.fetch(f'SELECT ctid::text AS c, xmin::text AS x FROM "{table}"')
                found |= {(table, r["c"], r["x"]) for r in rows}
            return found
        finally:
            await conn.close()

    return test_engine.run_outside_loop(read())


def test_an_idle_rescan_writes_nothing(api):
    ids = _a_caseload_with_alerts(api)
    at = utcnow()
    first = scan_at(at)
    assert first["children"] == len(ids) and first["raised"] >= 5

    if ENGINE_KIND == "sqlite":
        with contextlib.closing(sqlite3.connect(DATABASE_URL.removeprefix("sqlite:///"))) as watcher:
            before = watcher.execute("PRAGMA data_version").fetchone()[0]
            again = scan_at(at + dt.timedelta(seconds=30))
            after = watcher.execute("PRAGMA data_version").fetchone()[0]
        assert after == before, "the idle rescan committed a write"
    else:
        before = _versions()
        again = scan_at(at + dt.timedelta(seconds=30))
        assert _versions() == before, "the idle rescan rewrote rows"
    assert again["children"] == 0 and again["raised"] == again["updated"] == again["resolved"] == 0


def test_a_change_to_one_child_is_all_the_next_scan_evaluates(api):
    ids = _a_caseload_with_alerts(api)
    at = utcnow()
    scan_at(at)
    seen = api.post("cw", f"/api/v1/children/{ids[0]}/check-ins", json={
        "occurred_at": utcnow().isoformat(), "mode": "in_person", "child_seen": True})
    assert seen.status_code == 201, seen.text
    after = scan_at(at + dt.timedelta(seconds=30))
    assert after["children"] == 1 and after["resolved"] >= 1
