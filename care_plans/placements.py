"""Where a child lives: starting a placement ends the one before it, and sets a visit deadline."""

from __future__ import annotations

import datetime as dt
import uuid

from care_plans import due_dates, tasks
from care_plans import duties as rules
from care_plans.cadence import Cadence, start_of
from care_plans.tables import Child, Placement
from service import clock, db
from service.access import Actor
from service.errors import Invalid


async def start(actor: Actor, child_id, data, now: dt.datetime, cadence: Cadence,
                duties: rules.Duties | None = None) -> uuid.UUID:
    """A move (a placement after another) brings a review of the safety plan."""
    await _check_start(child_id, data.started_on, now)
    _check_moment(data.started_on, data.started_at, now)
    moved = await Placement.update({Placement.ended_on: data.started_on}).where(
        (Placement.child == child_id) & Placement.ended_on.is_null()
    ).returning(Placement.id)
    placement = Placement(
        id=uuid.uuid4(), child=child_id, kind=data.kind, started_on=data.started_on,
        started_at=data.started_at and data.started_at.astimezone(dt.timezone.utc),
        planned=data.planned, reason=data.reason, location=data.location,
        recorded_by=actor.id, recorded_at=now,
    )
    await Placement.insert(placement)
    if moved:
        moment = placement.started_at or start_of(data.started_on)
        await tasks.create(child_id, None, rules.on_move(tasks.duties_or_default(duties), moment), now)
    await due_dates.refresh_check_in_due([child_id], now, cadence)
    return placement.id


async def _check_start(child_id, started_on: dt.date, now: dt.datetime) -> None:
    if started_on > clock.today(now):
        raise Invalid({"started_on": "cannot be in the future"})
    child = await Child.select(Child.birth_date).where(Child.id == child_id).first()
    if started_on < child["birth_date"]:
        raise Invalid({"started_on": "is before the child's birth date"})
    current = await Placement.select(Placement.started_on).where(
        (Placement.child == child_id) & Placement.ended_on.is_null()
    ).first()
    if current and started_on < current["started_on"]:
        raise Invalid({"started_on": "is before the current placement began"})


def _check_moment(started_on: dt.date, started_at: dt.datetime | None, now: dt.datetime) -> None:
    if started_at is None:
        return
    if started_at > now:
        raise Invalid({"started_at": "cannot be in the future"})
    if clock.today(started_at) != started_on:
        raise Invalid({"started_at": f"is not on {started_on:%d %b %Y} (started_on) in local time "
                                     f"({clock.zone().key})"})


_HISTORY = db.Prepared(lambda child_id: Placement.select(
    *Placement.all_columns(exclude=[Placement.recorded_by]),
    Placement.recorded_by.username.as_alias("recorded_by"),
).where(Placement.child == child_id).order_by(Placement.started_on, ascending=False).order_by(
    Placement.recorded_at, ascending=False
), uuid.UUID)


async def history(child_id) -> list[dict]:
    """Newest first, with who recorded each; the caller decides whether `location` is shown."""
    return await _HISTORY.run(child_id)
