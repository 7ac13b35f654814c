"""Contacts with a child: when, how, whether the child was seen (and alone), or why a planned
one could not happen. Each one moves the child's next check-in due time."""

from __future__ import annotations

import datetime as dt
import uuid

from care_plans import due_dates
from care_plans.cadence import Cadence
from care_plans.tables import CheckIn, Child
from service import clock, db
from service.access import Actor
from service.errors import Invalid
from service.ids import new_id


async def record(actor: Actor, child_id, data, now: dt.datetime, cadence: Cadence) -> uuid.UUID:
    await _check(child_id, data, now)
    seen = bool(data.child_seen) and not data.excused
    row = CheckIn(
        id=new_id(), child=child_id, occurred_at=data.occurred_at, mode=data.mode or "",
        child_seen=seen, seen_alone=data.seen_alone if seen else None, notes=data.notes,
        excused=data.excused, excuse_reason=data.excuse_reason.strip() if data.excused else "",
        recorded_by=actor.id, recorded_at=now,
    )
    await CheckIn.insert(row)
    if seen:
        await due_dates.refresh_last_seen(child_id)
    await due_dates.refresh_check_in_due([child_id], now, cadence)
    return row.id


async def _check(child_id, data, now: dt.datetime) -> None:
    problems = _shape_problems(data)
    if data.occurred_at > now:
        problems["occurred_at"] = "cannot be in the future"
    else:
        born = await Child.select(Child.birth_date).where(Child.id == child_id).first()
        if clock.today(data.occurred_at) < born["birth_date"]:
            problems["occurred_at"] = "is before the child's birth date"
    if problems:
        raise Invalid(problems)


def _shape_problems(data) -> dict[str, str]:
    """A contact needs its mode and whether the child was seen; an excused one, its reason."""
    if data.excused:
        return {} if data.excuse_reason.strip() else {"excuse_reason": "is required for an excused contact"}
    problems = {}
    if data.mode is None:
        problems["mode"] = "is required unless the contact is excused"
    if data.child_seen is None:
        problems["child_seen"] = "is required unless the contact is excused"
    return problems


_HISTORY = db.Prepared(lambda child_id: CheckIn.select(
    *CheckIn.all_columns(exclude=[CheckIn.recorded_by]),
    CheckIn.recorded_by.username.as_alias("recorded_by"),
).where(CheckIn.child == child_id).order_by(CheckIn.occurred_at, ascending=False), uuid.UUID)


async def history(child_id) -> list[dict]:
    return await _HISTORY.run(child_id)
