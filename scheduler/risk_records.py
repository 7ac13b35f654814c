"""A child's risk as people see it: the score with each factor, its points, since when and
its source; the indicators workers flagged; and the disagreements they recorded."""

from __future__ import annotations

import datetime as dt
import uuid

from care_plans.cadence import Cadence
from care_plans.tables import Child
from scheduler import risk, weights
from scheduler.tables import RiskDisagreement, RiskIndicator
from service import db
from service.access import Actor
from service.errors import Conflict, NotFound


async def risk_of(child_id, now: dt.datetime, settings) -> dict:
    table = await weights.current()
    assessed = risk.assess(await risk.facts_of(child_id), table, now, Cadence.from_settings(settings),
                           settings.check_in_grace_days)
    factors = [{"code": f.code, "points": f.points, "detail": f.detail, "since": _day(f.since),
                "source": table.get(f.code, {}).get("source", "")} for f in assessed.factors]
    return {"child_id": child_id, "level": assessed.level, "score": assessed.score, "factors": factors,
            "note": weights.NOTE, "indicators": await indicators(child_id),
            "disagreements": await disagreements(child_id)}


def _indicators(active_only: bool) -> db.Prepared:
    def build(child_id):
        query = RiskIndicator.select(
            *RiskIndicator.all_columns(exclude=[RiskIndicator.flagged_by, RiskIndicator.cleared_by]),
            RiskIndicator.flagged_by.username.as_alias("flagged_by"),
        ).where(RiskIndicator.child == child_id)
        if active_only:
            query = query.where(RiskIndicator.cleared_at.is_null())
        return query.order_by(RiskIndicator.flagged_at)

    return db.Prepared(build, uuid.UUID)


_INDICATORS = {active_only: _indicators(active_only) for active_only in (True, False)}


async def indicators(child_id, active_only: bool = True) -> list[dict]:
    return await _INDICATORS[bool(active_only)].run(child_id)


async def flag(actor: Actor, child_id, code: str, note: str, now: dt.datetime) -> uuid.UUID:
    if await RiskIndicator.exists().where((RiskIndicator.child == child_id) & (RiskIndicator.code == code)
                                          & RiskIndicator.cleared_at.is_null()):
        raise Conflict("This indicator is already flagged for the child.", {"code": "already flagged"})
    row = RiskIndicator(id=uuid.uuid4(), child=child_id, code=code, note=note, flagged_by=actor.id,
                        flagged_at=now)
    await RiskIndicator.insert(row)
    return row.id


async def clear(actor: Actor, child_id, indicator_id, now: dt.datetime) -> None:
    done = await RiskIndicator.update({RiskIndicator.cleared_by: actor.id, RiskIndicator.cleared_at: now}).where(
        (RiskIndicator.id == indicator_id) & (RiskIndicator.child == child_id) & RiskIndicator.cleared_at.is_null()
    ).returning(RiskIndicator.id)
    if done:
        return
    held = await RiskIndicator.exists().where((RiskIndicator.id == indicator_id) & (RiskIndicator.child == child_id))
    if held:  # cleared meanwhile, by someone else or by a second press of the button
        raise Conflict("The indicator is already cleared.", {"cleared_at": "already set"})
    raise NotFound("risk indicator")


async def indicator(indicator_id) -> dict:
    rows = await RiskIndicator.select(
        *RiskIndicator.all_columns(exclude=[RiskIndicator.flagged_by, RiskIndicator.cleared_by]),
        RiskIndicator.flagged_by.username.as_alias("flagged_by"),
    ).where(RiskIndicator.id == indicator_id)
    return rows[0]


async def disagree(actor: Actor, child_id, reason: str, level: str | None, now: dt.datetime) -> dict:
    shown = await Child.select(Child.risk_level).where(Child.id == child_id).first()
    row = RiskDisagreement(id=uuid.uuid4(), child=child_id, level_shown=shown["risk_level"],
                           level_proposed=level, reason=reason, recorded_by=actor.id, recorded_at=now)
    await RiskDisagreement.insert(row)
    return next(d for d in await disagreements(child_id) if d["id"] == row.id)


_DISAGREEMENTS = db.Prepared(lambda child_id: RiskDisagreement.select(
    *RiskDisagreement.all_columns(exclude=[RiskDisagreement.recorded_by]),
    RiskDisagreement.recorded_by.username.as_alias("recorded_by"),
).where(RiskDisagreement.child == child_id).order_by(RiskDisagreement.recorded_at, ascending=False), uuid.UUID)


async def disagreements(child_id) -> list[dict]:
    return await _DISAGREEMENTS.run(child_id)


def _day(value) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value
