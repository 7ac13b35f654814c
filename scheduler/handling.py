"""People handling alerts: listing those they may see, acknowledging, resolving, their inbox.

A missing-from-care alert is resolved only by the team's supervisor and only after the
child's return is recorded; no scan resolves it.
"""

from __future__ import annotations

import datetime as dt
import functools
import uuid

from piccolo.query.functions.aggregate import Count

from care_plans.queries import caseload_clause, caseload_of, caseload_values
from care_plans.tables import Child, MissingEpisode
from scheduler.tables import Alert, Notification
from service import access, db
from service.access import Actor
from service.errors import Conflict, NotFound

LIMIT = 500


def _columns():
    return (
        *Alert.all_columns(exclude=[Alert.acknowledged_by, Alert.resolved_by]),
        Alert.child.case_number.as_alias("case_number"),
        Alert.acknowledged_by.username.as_alias("acknowledged_by"),
        Alert.resolved_by.username.as_alias("resolved_by"),
    )


def _visible(load: access.Caseload, kinds, child_id=None):
    """Alerts of children in the caseload, of `kinds`; of one child, the caseload is asked of
    that child alone (a key lookup, not every child of a team)."""
    children = Child.select(Child.id).where(caseload_clause(load))
    if child_id is not None:
        children = children.where(Child.id == child_id)
    clause = Alert.child.is_in(children)
    return clause if kinds is None else clause & Alert.kind.is_in(list(kinds) or ["-"])


async def visible_alerts(actor: Actor, status=None, kind=None, child_id=None, limit: int = LIMIT,
                         offset: int = 0) -> list[dict]:
    """Newest first: the alerts of children in the actor's scope, of kinds their role sees."""
    column, values = caseload_values(actor)
    statement = _statement(column, access.alert_kinds_seen(actor), status, kind, child_id is not None,
                           (limit, offset))
    return await statement.run(*values, *([] if child_id is None else [child_id, child_id]))


async def visible_alert_count(actor: Actor, status=None, kind=None, child_id=None) -> int:
    """How many alerts `visible_alerts` pages through, so a list can say which it shows."""
    column, values = caseload_values(actor)
    statement = _statement(column, access.alert_kinds_seen(actor), status, kind, child_id is not None, None)
    return (await statement.run(*values, *([] if child_id is None else [child_id, child_id])))[0]["count"]


# Built once for each shape (whose caseload, which filters, which page, or the count); the
# caseload and the child (twice: in the caseload and of the alert) are the values. A page the
# API is asked for rarely is built again.
@functools.lru_cache(maxsize=256)
def _statement(column: str, kinds, status, kind, by_child: bool, page: tuple[int, int] | None) -> db.Prepared:
    def build(*markers):
        values = list(markers)
        load = caseload_of(column, values)
        child_id, within = (values.pop(0), values.pop(0)) if by_child else (None, None)
        if page is None:
            return _matching(Alert.select(Count()), load, kinds, status, kind, child_id, within)
        # The page is chosen by the alerts' ids alone, then read whole with the names it joins:
        # sorting every matching alert with all it says, and joining each, cost more.
        chosen = _newest_first(_matching(Alert.select(Alert.id), load, kinds, status, kind, child_id, within))
        chosen = chosen.limit(page[0]).offset(page[1])
        return _newest_first(Alert.select(*_columns()).where(Alert.id.is_in(chosen))).output(load_json=True)

    return db.Prepared(build, *([] if column == "none" else [str]), *([uuid.UUID] * 2 if by_child else []))


def _newest_first(query):
    return query.order_by(Alert.raised_at, ascending=False).order_by(Alert.id)


def _matching(query, load: access.Caseload, kinds, status, kind, child_id, within):
    query = query.where(_visible(load, kinds, within))
    if status is not None:  # one status, or a tuple of them
        query = query.where(Alert.status.is_in(list(status)) if isinstance(status, tuple) else Alert.status == status)
    if kind is not None:
        query = query.where(Alert.kind == kind)
    if child_id is not None:
        query = query.where(Alert.child == child_id)
    return query


async def get(alert_id) -> dict:
    row = await Alert.select(*_columns()).where(Alert.id == alert_id).first().output(load_json=True)
    if row is None:
        raise NotFound("alert")
    return row


async def acknowledge(actor: Actor, alert: dict, note: str, now: dt.datetime) -> None:
    if alert["status"] != "open":
        raise Conflict(f"The alert is already {alert['status']}.", {"status": alert["status"]})
    await _swap(alert["id"], ("open",), {Alert.status: "acknowledged", Alert.acknowledged_by: actor.id,
                                         Alert.acknowledged_at: now, Alert.acknowledged_note: note})


async def resolve(actor: Actor, alert: dict, note: str, now: dt.datetime) -> None:
    if alert["status"] == "resolved":
        raise Conflict("The alert is already resolved.", {"status": "resolved"})
    if alert["kind"] == "missing_from_care" and not await _returned(alert["cause_key"]):
        raise Conflict("The child has not been recorded as back; record their return first.",
                       {"returned_at": "the missing episode is still open"})
    await _swap(alert["id"], ("open", "acknowledged"), {
        Alert.status: "resolved", Alert.resolved_by: actor.id, Alert.resolved_at: now,
        Alert.resolved_note: note})


async def _returned(episode_id: str) -> bool:
    row = await MissingEpisode.select(MissingEpisode.returned_at).where(
        MissingEpisode.id == episode_id).first()
    return row is not None and row["returned_at"] is not None


async def _swap(alert_id, statuses: tuple[str, ...], values: dict) -> None:
    """A conditional update: if the scan or someone else changed the status first, a 409."""
    done = await Alert.update(values).where((Alert.id == alert_id) & Alert.status.is_in(list(statuses))).returning(Alert.id)
    if not done:
        raise Conflict("The alert changed meanwhile; reload it.", {"status": "changed"})


async def inbox(actor: Actor, limit: int = 200) -> list[dict]:
    """The actor's in-app notifications, newest first, with what each alert says: only of
    children in their scope now (a child moved to another caseworker takes its alerts along)."""
    visible = Alert.select(Alert.id).where(_visible(access.caseload(actor), access.alert_kinds_seen(actor)))
    rows = await Notification.select(
        Notification.id, Notification.alert, Notification.event, Notification.created_at,
        Notification.sent_at, Notification.alert.kind.as_alias("kind"),
        Notification.alert.severity.as_alias("severity"), Notification.alert.status.as_alias("status"),
        Notification.alert.child.as_alias("child_id"), Notification.alert.reasons.as_alias("reasons"),
        Notification.alert.child.case_number.as_alias("case_number"),
    ).where((Notification.recipient == actor.id) & (Notification.channel == "inapp")
            & Notification.alert.is_in(visible)).order_by(
        Notification.created_at, ascending=False).limit(limit).output(load_json=True)
    return [{**r, "alert_id": r["alert"], "delivered": r["sent_at"] is not None} for r in rows]
