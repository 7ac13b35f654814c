"""scan(now): every alert rule, once, as of `now`.

Under the scan lease and in one transaction: score every child's risk and keep their levels
(and so their check-in due dates) right; run each rule as one set-based query; raise, update,
resolve and escalate alerts against their unique causes; queue a notification for each change
and recipient. The number of queries is fixed, whatever the number of children. After
downtime, the first scan raises everything due, once.
"""

from __future__ import annotations

import datetime as dt
import uuid

from care_plans.cadence import Cadence
from scheduler import alerts, lease, notify, risk, rules
from service import db


def wall_clock() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


async def scan(now: dt.datetime, settings) -> dict:
    holder = uuid.uuid4().hex
    if not await lease.take(holder, wall_clock()):
        return {"skipped": "another scan is running"}
    try:
        async with db.writing():
            return await _scan(now, settings)
    finally:
        await lease.release(holder)


async def _scan(now: dt.datetime, settings) -> dict:
    cadence = Cadence.from_settings(settings)
    children = await risk.refresh_levels(now, settings, cadence)
    causes, kinds = await _causes(now, settings, cadence)
    plan = alerts.reconcile(causes, await alerts.unresolved(), kinds, now,
                            alerts.Windows.from_settings(settings))
    await alerts.write(plan)
    queued = await notify.queue(plan.notices(), now, settings)
    return {"at": now.isoformat(), "children": children, "raised": len(plan.raised),
            "updated": len(plan.updated), "resolved": len(plan.resolved),
            "escalated": plan.escalated, "notifications": queued}


async def _causes(now: dt.datetime, settings, cadence: Cadence) -> tuple[list, set]:
    found = [
        *await rules.missed_check_in(now, cadence, settings.check_in_grace_days),
        *await rules.overdue_review(now),
        *await rules.placement_change(now, cadence),
        *await rules.missing_from_care(now),
        *await rules.risk_escalation(now),
        *await rules.assessment_due(now),
        *await rules.developmental_concern(now),
    ]
    return found, set(rules.KINDS)
