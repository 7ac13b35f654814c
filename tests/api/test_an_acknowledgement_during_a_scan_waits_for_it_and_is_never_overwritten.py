"""While a scan works on the open alerts, nobody else can change them underneath it: an
acknowledgement made at that moment waits for the scan to commit, so the scan's escalation
cannot write the alert back to open over it. Then the acknowledgement goes through."""

import contextlib
import datetime as dt
import sqlite3

from scheduler import alerts as alert_writes
from tests import engine as test_engine
from tests.api.alerting import alerts, scan_at, utcnow
from tests.conftest import DATABASE_URL, ENGINE_KIND

WAIT = 0.3  # seconds the outside writer waits for the lock before giving up


def acknowledge_from_outside(alert_id) -> str:
    """What another connection's acknowledgement meets: `blocked`, or `done` if it got in."""
    sql = "UPDATE alert SET status = 'acknowledged' WHERE id = {} AND status = 'open'"
    if ENGINE_KIND == "sqlite":
        return _sqlite(sql.format("?"), str(alert_id))
    return test_engine.run_outside_loop(_postgres(sql.format("$1"), alert_id))


def _sqlite(sql: str, alert_id: str) -> str:
    with contextlib.closing(sqlite3.connect(DATABASE_URL.removeprefix("sqlite:///"), timeout=WAIT)) as conn:
        try:
            conn.execute(sql, (alert_id,))
            conn.commit()
        except sqlite3.OperationalError:
            return "blocked"
    return "done"


async def _postgres(sql: str, alert_id) -> str:
    import asyncpg

    conn = await asyncpg.connect(DATABASE_URL)
    try:
        await conn.execute(f"SET lock_timeout = '{int(WAIT * 1000)}ms'")
        await conn.execute(sql, alert_id)
    except asyncpg.exceptions.LockNotAvailableError:
        return "blocked"
    finally:
        await conn.close()
    return "done"


def test_the_scan_holds_the_alerts_it_escalates(api, child, monkeypatch):
    start = utcnow()
    went = api.post("cw", f"/api/v1/children/{child['id']}/missing-episodes",
                    json={"went_missing_at": (start - dt.timedelta(hours=1)).isoformat()})
    assert went.status_code == 201, went.text
    scan_at(start)
    (alert,) = alerts(kind="missing_from_care")  # critical, so escalated again after its window
    met = []
    original = alert_writes.write

    async def write_after_an_outside_acknowledgement(plan):
        met.append(acknowledge_from_outside(alert["id"]))
        await original(plan)

    monkeypatch.setattr(alert_writes, "write", write_after_an_outside_acknowledgement)
    scan_at(start + dt.timedelta(hours=25))
    monkeypatch.undo()

    assert met == ["blocked"]
    (row,) = alerts(kind="missing_from_care")
    assert row["status"] == "open" and row["escalated_at"] is not None

    done = api.post("cw", f"/api/v1/alerts/{alert['id']}/acknowledge", json={"note": "Visiting today."})
    assert done.status_code == 200, done.text
    assert done.json()["status"] == "acknowledged"
    scan_at(start + dt.timedelta(hours=50))
    (row,) = alerts(kind="missing_from_care")
    assert row["status"] == "acknowledged"
