"""Acknowledging several alerts at once with one note, as a supervisor's inbox offers it: all
of them or none, each checked by the access policy as a single acknowledgement is."""

from __future__ import annotations

import datetime as dt

from scheduler import worklist
from scheduler.tables import Alert
from service import access
from service.access import Actor
from service.errors import Conflict, Forbidden, Invalid, NotFound

MOST = 200  # more than an inbox shows at once; the statement stays small


async def acknowledge(actor: Actor, alert_ids: list[str], note: str, now: dt.datetime) -> list[dict]:
    """The alerts acknowledged, with their child, read with the actor's own scope in a fixed
    number of queries; one conditional UPDATE acknowledges them all."""
    wanted = list(dict.fromkeys(alert_ids))
    if not wanted:
        raise Invalid({"alert_ids": "choose at least one alert"})
    if len(wanted) > MOST:
        raise Invalid({"alert_ids": f"can list at most {MOST}"})
    seen = {str(r["id"]): r for r in await worklist.waiting(actor)}
    missing = [a for a in wanted if a not in seen]
    if missing:
        raise NotFound("alert")
    chosen = [seen[a] for a in wanted]
    if not all(access.can_acknowledge_alert(actor, r["scope"], r["kind"]) for r in chosen):
        raise Forbidden("Your role does not acknowledge some of these alerts.")
    if any(r["status"] != "open" for r in chosen):
        raise Conflict("Some of these alerts are already acknowledged; reload the inbox.",
                       {"status": "acknowledged"})
    done = await Alert.update({Alert.status: "acknowledged", Alert.acknowledged_by: actor.id,
                               Alert.acknowledged_at: now, Alert.acknowledged_note: note}).where(
        Alert.id.is_in([r["id"] for r in chosen]) & (Alert.status == "open")).returning(Alert.id)
    if len(done) != len(chosen):
        raise Conflict("Some of these alerts changed meanwhile; reload the inbox.", {"status": "changed"})
    return chosen
