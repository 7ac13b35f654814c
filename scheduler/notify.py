"""Queueing notifications: one outbox row per alert change, recipient and channel.

Who hears of each kind is the access policy's `alert_audience`. The outbox's unique key
(alert, recipient, channel, event, sequence) makes queueing the same change twice a no-op.
The people are those of the batch of children being scanned (`scheduler.facts`).
"""

from __future__ import annotations

import datetime as dt

from scheduler.alerts import Change
from service import db
from service.access import alert_audience
from service.ids import new_id

COLUMNS = ("id", "alert", "recipient", "channel", "event", "sequence", "created_at", "next_attempt_at",
           "attempts", "last_error")


async def queue(changes: list[Change], now: dt.datetime, settings, children: dict, supervisors: dict) -> int:
    """`children` are the batch's facts by id; `supervisors` each team's active supervisors."""
    rows = [(new_id(), c.row["id"], user["id"], channel, c.event, c.sequence, now, now, 0, "")
            for c in changes
            for user in _recipients(c.row, children, supervisors)
            for channel in _channels(user, settings)]
    return await _insert(rows)


async def _insert(rows: list[tuple]) -> int:
    return await db.insert_counted("notification", COLUMNS, rows, ONCE)


ONCE = 'ON CONFLICT (alert, recipient, channel, "event", "sequence") DO NOTHING'


async def tell_resolved(alert_ids: list, now: dt.datetime) -> int:
    """Alerts resolved by a person (a case closing): each is told as resolved to everyone who
    was told of it, on the channels they were told on, once (the outbox's unique key). One
    read and one insert, however many alerts."""
    if not alert_ids:
        return 0
    told = await db.fetch_rows(
        "SELECT DISTINCT alert, recipient, channel FROM notification "
        f"WHERE alert IN ({db.placeholders(len(alert_ids))}) AND \"event\" <> 'resolved'", list(alert_ids))
    return await _insert([(new_id(), alert, recipient, channel, "resolved", 0, now, now, 0, "")
                          for alert, recipient, channel in told])


def _channels(user: dict, settings) -> list[str]:
    return ["inapp", "email"] if settings.smtp_host and user["email"] else ["inapp"]


def _recipients(row: dict, children: dict, supervisors: dict) -> list[dict]:
    child = children.get(row["child"])
    if child is None:
        return []
    found = {}
    for who in alert_audience(row["kind"]):
        if who == "caseworker":
            found[child.caseworker] = {"id": child.caseworker, "email": child.caseworker_email}
        elif who == "supervisor":
            found.update({u["id"]: u for u in supervisors.get(child.team, [])})
        elif who == "care_team":
            found.update({u["id"]: u for u in child.care_team})
    return list(found.values())
