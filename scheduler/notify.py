"""Queueing notifications: one outbox row per alert change, recipient and channel.

Who hears of each kind is the access policy's `alert_audience`. The outbox's unique key
(alert, recipient, channel, event, sequence) makes queueing the same change twice a no-op.
"""

from __future__ import annotations

import datetime as dt
import uuid

from care_plans.tables import CareTeamMember, Child
from scheduler.alerts import Change
from scheduler.tables import Notification
from service.access import SUPERVISOR, alert_audience
from service.accounts.tables import User

BATCH = 2000  # rows per statement: 11 columns each, inside both engines' parameter limits


async def queue(changes: list[Change], now: dt.datetime, settings) -> int:
    if not changes:
        return 0
    people = await _people({c.row["child"] for c in changes})
    rows = [_row(c, user, channel, now) for c in changes
            for user in _recipients(c.row, people)
            for channel in _channels(user, settings)]
    queued = 0
    for i in range(0, len(rows), BATCH):
        done = await Notification.insert(*rows[i:i + BATCH]).on_conflict(
            target=(Notification.alert, Notification.recipient, Notification.channel,
                    Notification.event, Notification.sequence),
            action="DO NOTHING").returning(Notification.id)
        queued += len(done)
    return queued


def _row(change: Change, user: dict, channel: str, now: dt.datetime) -> Notification:
    return Notification(id=uuid.uuid4(), alert=change.row["id"], recipient=user["id"], channel=channel,
                        event=change.event, sequence=change.sequence, created_at=now,
                        next_attempt_at=now, attempts=0, last_error="")


def _channels(user: dict, settings) -> list[str]:
    return ["inapp", "email"] if settings.smtp_host and user["email"] else ["inapp"]


def _recipients(row: dict, people: dict) -> list[dict]:
    child = people["children"].get(row["child"])
    if child is None:
        return []
    found = {}
    for who in alert_audience(row["kind"]):
        if who == "caseworker":
            found[child["caseworker"]] = {"id": child["caseworker"], "email": child["caseworker_email"]}
        elif who == "supervisor":
            found.update({u["id"]: u for u in people["supervisors"].get(child["team"], [])})
        elif who == "care_team":
            found.update({u["id"]: u for u in people["care_team"].get(child["id"], [])})
    return list(found.values())


async def _people(child_ids: set) -> dict:
    """The children's caseworkers, their teams' supervisors and care teams: three queries."""
    ids = list(child_ids)
    children = await Child.select(Child.id, Child.caseworker, Child.team,
                                  Child.caseworker.email.as_alias("caseworker_email")).where(Child.id.is_in(ids))
    teams = list({c["team"] for c in children})
    supervisors, care_team = {}, {}
    for u in await User.select(User.id, User.team, User.email).where(
            (User.role == SUPERVISOR) & (User.active == True) & User.team.is_in(teams or [None])):  # noqa: E712
        supervisors.setdefault(u["team"], []).append({"id": u["id"], "email": u["email"]})
    for m in await CareTeamMember.select(CareTeamMember.child, CareTeamMember.user,
                                         CareTeamMember.user.email.as_alias("email")).where(
            CareTeamMember.child.is_in(ids)):
        care_team.setdefault(m["child"], []).append({"id": m["user"], "email": m["email"]})
    return {"children": {c["id"]: c for c in children}, "supervisors": supervisors, "care_team": care_team}
