"""Helpers for browser tests of alerts: set a child's history back in time and scan, through
the same code the scheduler runs (the browser's server runs with its scheduler off)."""

from __future__ import annotations

import datetime as dt

from care_plans import due_dates
from care_plans.tables import Child
from scheduler.scan import scan
from scheduler.tables import Alert
from service import db as database
from service.settings import Settings
from tests.browser.conftest import db


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


def unseen_since_registration(child_id: str, days: int) -> None:
    """As if the child had been registered `days` ago and not seen since."""
    async def go():
        async with database.writing():
            await Child.update({Child.registered_at: utcnow() - dt.timedelta(days=days)}).where(
                Child.id == child_id)
            await due_dates.refresh_check_in_due([child_id], utcnow())
            await due_dates.lock_children([child_id])  # a change behind the service's back
    db(go())


def scan_now() -> dict:
    return db(scan(utcnow(), Settings.from_env()))


def went_missing(api, who: str, child_id: str, hours_ago: int = 3) -> dict:
    return api.post(who, f"/api/v1/children/{child_id}/missing-episodes", {
        "went_missing_at": (utcnow() - dt.timedelta(hours=hours_ago)).isoformat()})


def alert_row(kind: str, child_id: str) -> dict:
    (row,) = db(Alert.select(Alert.all_columns(), Alert.acknowledged_by.username.as_alias("ack_by"),
                             Alert.resolved_by.username.as_alias("res_by")).where(
        (Alert.kind == kind) & (Alert.child == child_id)))
    return row
