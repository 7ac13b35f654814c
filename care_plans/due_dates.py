"""Keeping each child's precomputed due dates right: `check_in_due_at` and `next_review_due`.

Both are recomputed from the stored facts after every write that changes them, and for any
number of children at once with a fixed number of statements per batch of children (the scan
calls `refresh_check_in_due` when risk levels change). The rules themselves are in `cadence.py`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from piccolo.columns import Date, Timestamptz
from piccolo.query.functions import Case, Cast, When

from care_plans import cadence as rules
from care_plans.tables import CarePlan, CheckIn, Child, Placement, Review
from service import clock, db
from service.settings import Settings


async def lock_children(child_ids) -> None:
    """Hold these children's rows until commit, so that writes to one child (and the due
    dates recomputed from them) happen one after another, and mark them changed for the alert
    scan: every write to a child's case or development comes through here. On PostgreSQL the
    hold is a row lock; SQLite's immediate transactions already hold the whole database."""
    ids = list(child_ids)
    if not ids:
        return
    if not db.is_sqlite():
        await Child.select(Child.id).where(Child.id.is_in(ids)).order_by(Child.id).lock_rows()
    await Child.update({Child.changed: True, Child.revision: Child.revision + 1}).where(Child.id.is_in(ids))


def _cadence(cadence: rules.Cadence | None) -> rules.Cadence:
    return cadence or rules.Cadence.from_settings(Settings.from_env())


BATCH = 500  # children per statement: well inside both engines' limits on bound parameters


def _batches(child_ids) -> list[list]:
    ids = list(child_ids)
    return [ids[i:i + BATCH] for i in range(0, len(ids), BATCH)]


async def refresh_check_in_due(child_ids, now: dt.datetime, cadence: rules.Cadence | None = None) -> int:
    """Recompute `check_in_due_at` for these children; returns how many changed.

    A fixed number of statements per batch of children, whatever its size: lock the rows,
    read the children, their current placements and their excused contacts, and one update
    for those whose date moved.
    """
    cadence = _cadence(cadence)
    return sum([await _refresh_check_in_batch(ids, now, cadence) for ids in _batches(child_ids)])


async def _refresh_check_in_batch(ids: list, now: dt.datetime, cadence: rules.Cadence) -> int:
    await lock_children(ids)
    rows = await Child.select(
        Child.id, Child.registered_at, Child.last_seen_at, Child.risk_level,
        Child.check_in_every_days, Child.check_in_due_at,
    ).where(Child.id.is_in(ids))
    placements, excused = await _current_placements(ids), await _excused_contacts(ids)
    changed = {}
    for row in rows:
        due = rules.check_in_due(
            cadence, registered_at=row["registered_at"], last_seen_at=row["last_seen_at"],
            risk_level=row["risk_level"], plan_days=row["check_in_every_days"],
            placement=placements.get(row["id"]), excused=excused[row["id"]],
        )
        if due != row["check_in_due_at"]:
            changed[row["id"]] = due
    await _set_each(Child.check_in_due_at, Timestamptz(), changed, now)
    return len(changed)


async def _current_placements(ids: list) -> dict:
    rows = await Placement.select(Placement.child, Placement.started_on, Placement.planned,
                                  Placement.started_at).where(
        Placement.child.is_in(ids) & Placement.ended_on.is_null()
    )
    return {r["child"]: rules.PlacementChange(r["started_on"], r["planned"], r["started_at"]) for r in rows}


async def _excused_contacts(ids: list) -> dict:
    rows = await CheckIn.select(CheckIn.child, CheckIn.occurred_at).where(
        CheckIn.child.is_in(ids) & (CheckIn.excused == True)  # noqa: E712 (SQL, not Python)
    )
    found = defaultdict(list)
    for r in rows:
        found[r["child"]].append(r["occurred_at"])
    return found


async def _set_each(column, column_type, values: dict, now: dt.datetime) -> None:
    """One UPDATE … SET column = CASE id WHEN … THEN … END for every child in `values`."""
    if not values:
        return
    case = Case(*[When(Child.id == cid, then=_typed(v, column_type)) for cid, v in values.items()])
    await Child.update({column: case, Child.updated_at: now}).where(Child.id.is_in(list(values)))


def _typed(value, column_type):
    """PostgreSQL cannot infer a bare parameter's type inside CASE; SQLite needs no cast."""
    if value is None or db.is_sqlite():
        return value
    return Cast(value, column_type)


async def refresh_last_seen(child_id) -> None:
    """The latest check-in at which the child was seen; excused contacts do not count."""
    latest = await CheckIn.select(CheckIn.occurred_at).where(
        (CheckIn.child == child_id) & (CheckIn.child_seen == True) & (CheckIn.excused == False)  # noqa: E712
    ).order_by(CheckIn.occurred_at, ascending=False).first()
    await Child.update({Child.last_seen_at: latest and latest["occurred_at"]}).where(Child.id == child_id)


async def refresh_review_due(child_ids, now: dt.datetime, cadence: rules.Cadence | None = None) -> int:
    """Recompute `next_review_due` for these children, and for each one's active plan."""
    cadence = _cadence(cadence)
    return sum([await _refresh_review_batch(ids, now, cadence) for ids in _batches(child_ids)])


async def _refresh_review_batch(ids: list, now: dt.datetime, cadence: rules.Cadence) -> int:
    await lock_children(ids)
    rows = await Child.select(Child.id, Child.registered_at, Child.next_review_due).where(Child.id.is_in(ids))
    reviews, plans = await _review_dates(ids), await _active_plans(ids)
    changed, plan_changed = {}, {}
    for row in rows:
        plan = plans.get(row["id"])
        due = rules.next_review_due(cadence, clock.today(row["registered_at"]), reviews[row["id"]],
                                    plan and plan["review_every_days"])
        if due != row["next_review_due"]:
            changed[row["id"]] = due
        if plan and due != plan["next_review_due"]:
            plan_changed[plan["id"]] = due
    await _set_each(Child.next_review_due, Date(), changed, now)
    await _set_plan_review_due(plan_changed)
    return len(changed)


async def _review_dates(ids: list) -> dict:
    rows = await Review.select(Review.child, Review.reviewed_on).where(Review.child.is_in(ids))
    found = defaultdict(list)
    for r in rows:
        found[r["child"]].append(r["reviewed_on"])
    return found


async def _active_plans(ids: list) -> dict:
    rows = await CarePlan.select(
        CarePlan.id, CarePlan.child, CarePlan.review_every_days, CarePlan.next_review_due
    ).where(
        CarePlan.child.is_in(ids) & (CarePlan.status == "active")
    )
    return {r["child"]: r for r in rows}


async def _set_plan_review_due(values: dict) -> None:
    if values:
        case = Case(*[When(CarePlan.id == pid, then=_typed(d, Date())) for pid, d in values.items()])
        await CarePlan.update({CarePlan.next_review_due: case}).where(CarePlan.id.is_in(list(values)))
