"""What `/healthz` and `/metrics` say about the scan and the outbox.

The last successful scan is kept in this process's memory by the scheduler job that ran it
(`scheduler.wiring.scan_job`), not in the database: an idle scan writes nothing, by design, and
must stay so. So the health of the scan is known where the scheduler runs: an instance with the
scheduler on is unhealthy once its last successful scan is older than three scan intervals (a
scan skipped because another instance held the SQLite lease counts as successful: that scan is
running and renewing the lease). An instance with the scheduler off says so and is not judged.
"""

from __future__ import annotations

import datetime as dt

from service import db

STALE_AFTER_INTERVALS = 3
_last = {"ok_at": None, "started_at": None}


def started(wall_now: dt.datetime) -> None:
    """The scheduler started: the first scan is owed from here."""
    _last["started_at"] = wall_now


def scan_succeeded(wall_now: dt.datetime) -> None:
    _last["ok_at"] = wall_now


def scan_state(wall_now: dt.datetime, scheduler_on: bool, scan_minutes: int) -> dict:
    if not scheduler_on:
        return {"scheduler": "off", "last_scan_at": None, "healthy": True}
    since = _last["ok_at"] or _last["started_at"] or wall_now
    limit = dt.timedelta(minutes=STALE_AFTER_INTERVALS * scan_minutes)
    return {"scheduler": "on", "healthy": wall_now - since <= limit,
            "last_scan_at": _last["ok_at"].isoformat() if _last["ok_at"] else None,
            "stale_after_seconds": int(limit.total_seconds())}


async def database_ok() -> bool:
    try:
        async with db.reading():
            await db.fetch("SELECT 1 AS one")
        return True
    except Exception:  # any failure to reach the database is what this reports
        return False


async def gauges(wall_now: dt.datetime) -> dict:
    """Open alerts by severity and the outbox's depth and oldest age: set-based, no child ids."""
    async with db.reading():
        open_alerts = await db.fetch("SELECT severity, COUNT(*) AS n FROM alert WHERE status = 'open' GROUP BY severity")
        outbox = await db.fetch("SELECT channel, COUNT(*) AS n, MIN(created_at) AS oldest FROM notification "
                                "WHERE sent_at IS NULL GROUP BY channel")
    return {
        "haven_open_alerts": ("Open (not yet acknowledged) alerts, by severity.", {
            "labels": ("severity",), "values": {(r["severity"],): r["n"] for r in open_alerts}}),
        "haven_outbox_depth": ("Notifications waiting to be delivered, by channel.", {
            "labels": ("channel",), "values": {(r["channel"],): r["n"] for r in outbox}}),
        "haven_outbox_oldest_age_seconds": ("Age of the oldest notification waiting, by channel.", {
            "labels": ("channel",), "values": {(r["channel"],): _age(r["oldest"], wall_now) for r in outbox}}),
    }


def _age(oldest, wall_now: dt.datetime) -> float:
    if isinstance(oldest, str):  # SQLite gives the stored text back from an aggregate
        oldest = dt.datetime.fromisoformat(oldest)
    if oldest.tzinfo is None:
        oldest = oldest.replace(tzinfo=dt.timezone.utc)
    return max(0.0, (wall_now - oldest).total_seconds())
