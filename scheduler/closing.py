"""Closing a case: once the team's supervisor approves, every alert of the child still open or
acknowledged is resolved with the closing reason (not a generic note), by the supervisor, at
that moment, and each is told as resolved to those who were told of it; the scan then finds the
case closed and raises nothing more for it."""

from __future__ import annotations

import datetime as dt

from care_plans import lifecycle
from scheduler import notify
from scheduler.tables import Alert
from service import access
from service.access import Actor


async def close(actor: Actor, scope: access.ChildScope, child_id, now: dt.datetime) -> dict:
    """Approve the waiting request: the case closes and its alerts are resolved, in one
    statement for all of them. Returns the closure with the ids of the alerts resolved."""
    closure = await lifecycle.decide(actor, scope, child_id, True, now)
    note = lifecycle.closing_note(closure["reason"], closure["note"])
    resolved = await Alert.update({
        Alert.status: "resolved", Alert.resolved_by: actor.id, Alert.resolved_at: now,
        Alert.resolved_note: note,
    }).where((Alert.child == child_id) & (Alert.status != "resolved")).returning(Alert.id)
    ids = [r["id"] for r in resolved]
    await notify.tell_resolved(ids, now)
    return {**closure, "resolved_alerts": ids}


async def request_or_close(actor: Actor, scope: access.ChildScope, child_id, reason: str, note: str,
                           now: dt.datetime) -> dict:
    """A caseworker's request waits for the supervisor; the supervisor's closes the case."""
    await lifecycle.request_closing(actor, child_id, reason, note, now)
    if access.can_close_case(actor, scope):
        return await close(actor, scope, child_id, now)
    return {**await lifecycle.pending(child_id), "resolved_alerts": []}
