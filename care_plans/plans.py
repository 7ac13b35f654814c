"""Care plans: drafted, changed under optimistic versioning, submitted, approved, reviewed.

A plan moves draft → submitted → active → superseded; the supervisor may instead return a
submitted plan to the caseworker with a comment (`returned`), to be revised and submitted again.
Only plans in progress change (a change sends a submitted or returned plan back to draft); an
approved plan is changed by drafting a new version, which starts from it and whose approval
supersedes it. Every change bumps `version` with a compare-and-swap in SQL, and the content
before it is kept as a revision. Versions count on across a child's plans (a new version
starts one above the highest so far), so a number names one state of one child's plan. The child's own views, or why they could not
be obtained, are part of every plan and every review.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict

from care_plans import due_dates, leaving_care
from care_plans.cadence import Cadence, add_months
from care_plans.queries import caseload_where
from care_plans.tables import CarePlan, CarePlanGoal, CarePlanRevision, Child, Review
from service import clock, db
from service.access import Actor
from service.errors import Conflict, Invalid, NotFound
from service.i18n import N_

EDITABLE = ("draft", "submitted", "returned")
STATUS_WORDS = {"draft": "a draft", "submitted": "waiting for approval", "active": "already approved",
                "superseded": "superseded by a later plan",
                "returned": "returned to the caseworker"}
CONTENT = ("review_every_days", "check_in_every_days", "services", "child_views",
           "child_views_not_obtained_reason", "leaving_care")


def require_views(views: str, not_obtained_reason: str) -> None:
    if not views.strip() and not not_obtained_reason.strip():
        raise Invalid({"child_views": N_("are needed: write them down, or say why they could not be "
                                         "obtained this time")})


GOAL_YEARS = 10  # a goal's target date lies within this many years of today, either way


def check_goals(goals, today: dt.date) -> None:
    """Target dates a plan could mean: not decades away (a typing slip like 0001 or 9999)."""
    low, high = add_months(today, -12 * GOAL_YEARS), add_months(today, 12 * GOAL_YEARS)
    bad = {f"goals[{i}].target_date": f"must be within {GOAL_YEARS} years of today"
           for i, g in enumerate(goals) if g.target_date and not low <= g.target_date <= high}
    if bad:
        raise Invalid(bad)


async def child_of(plan_id) -> uuid.UUID:
    row = await CarePlan.select(CarePlan.child).where(CarePlan.id == plan_id).first()
    if row is None:
        raise NotFound("care plan")
    return row["child"]


async def create(actor: Actor, child_id, data, now: dt.datetime, cadence: Cadence) -> uuid.UUID:
    require_views(data.child_views, data.child_views_not_obtained_reason)
    check_goals(data.goals, clock.today(now))
    plan = CarePlan(
        id=uuid.uuid4(), child=child_id, version=await _next_version(child_id), status="draft",
        review_every_days=data.review_every_days,  # unset: the default, in months
        check_in_every_days=data.check_in_every_days, services=list(data.services),
        child_views=data.child_views.strip(),
        child_views_not_obtained_reason=data.child_views_not_obtained_reason.strip(),
        leaving_care=leaving_care.stored(data.leaving_care),
        created_by=actor.id, created_at=now, updated_at=now,
    )
    await CarePlan.insert(plan)
    await _set_goals(plan.id, data.goals)
    return plan.id


async def _next_version(child_id) -> int:
    """One above the highest version of the child's plans: a new version's number says it is
    newer than the one it replaces."""
    row = await CarePlan.select(CarePlan.version).where(CarePlan.child == child_id).order_by(
        CarePlan.version, ascending=False).first()
    return 1 if row is None else row["version"] + 1


async def _set_goals(plan_id, goals) -> None:
    await CarePlanGoal.delete().where(CarePlanGoal.plan == plan_id)
    await CarePlanGoal.insert(*[
        CarePlanGoal(id=uuid.uuid4(), plan=plan_id, domain=g.domain,
                     description=g.description.strip(), target_date=g.target_date, position=i)
        for i, g in enumerate(goals)
    ])


async def update(actor: Actor, plan_id, version: int, changes: dict, now: dt.datetime) -> None:
    """Apply `changes` (only the fields sent) if the plan is still at `version`. No change
    is a 400: it would make a new version identical to the last."""
    if not changes:
        raise Invalid({"body": "names no field to change besides the version"})
    current = await get(plan_id)
    merged = {**current, **changes}
    require_views(merged["child_views"], merged["child_views_not_obtained_reason"])
    check_goals(changes.get("goals", []), clock.today(now))
    if current["status"] not in EDITABLE:
        raise Conflict("An approved plan is changed by drafting a new one.", {"status": current["status"]})
    if "leaving_care" in changes:
        changes = {**changes, "leaving_care": leaving_care.stored(changes["leaving_care"])}
    values = {getattr(CarePlan, k): v for k, v in changes.items() if k in CONTENT}
    values.update({CarePlan.version: CarePlan.version + 1, CarePlan.updated_at: now,
                   CarePlan.status: "draft", CarePlan.submitted_at: None})
    await _swap(plan_id, version, values, EDITABLE)
    await CarePlanRevision.insert(CarePlanRevision(
        id=uuid.uuid4(), plan=plan_id, version=current["version"], content=_content(current),
        changed_by=actor.id, changed_at=now,
    ))
    if "goals" in changes:
        await _set_goals(plan_id, changes["goals"])


async def _swap(plan_id, version: int | None, values: dict, statuses: tuple[str, ...]) -> None:
    """Change the plan only if it is still at `version` (any, if None) and in `statuses`."""
    where = (CarePlan.id == plan_id) & CarePlan.status.is_in(list(statuses))
    if version is not None:
        where &= CarePlan.version == version
    if await CarePlan.update(values).where(where).returning(CarePlan.id):
        return
    status = await _status(plan_id)
    if status not in statuses:
        raise Conflict(f"The care plan is {STATUS_WORDS[status]}, so this cannot be done to it now.",
                       {"status": f"is {status}, not {' or '.join(statuses)}"})
    raise Conflict("The care plan has changed since you read it: reload it and try again.",
                   {"version": "is not the plan's current version"})


async def _status(plan_id) -> str:
    return (await CarePlan.select(CarePlan.status).where(CarePlan.id == plan_id).first())["status"]


def _content(plan: dict) -> dict:
    goals = [{**g, "target_date": g["target_date"] and g["target_date"].isoformat()} for g in plan["goals"]]
    return {"status": plan["status"], "goals": goals, **{k: plan[k] for k in CONTENT}}


async def submit(plan_id, now: dt.datetime) -> None:
    await _swap(plan_id, None, {CarePlan.status: "submitted", CarePlan.submitted_at: now,
                                CarePlan.version: CarePlan.version + 1, CarePlan.updated_at: now},
                ("draft", "returned"))


async def leaving_care_written(plan_id, child_id, now: dt.datetime) -> None:
    """A plan for a child of 16 or more goes to the supervisor with its leaving-care section."""
    child = await Child.select(Child.birth_date).where(Child.id == child_id).first()
    plan = await CarePlan.select(CarePlan.leaving_care).where(CarePlan.id == plan_id).output(load_json=True).first()
    leaving_care.require_in_plan(plan, child["birth_date"], clock.today(now))


async def leaving_care_asked(child_id, text: str, now: dt.datetime) -> None:
    """A review of a child of 16 or more says how leaving care is going."""
    child = await Child.select(Child.birth_date).where(Child.id == child_id).first()
    leaving_care.require_in_review(text, child["birth_date"], clock.today(now))


def require_comment(comment: str) -> str:
    if not comment.strip():
        raise Invalid({"comment": "is needed: say what the caseworker should change"})
    return comment.strip()


async def return_to_caseworker(actor: Actor, plan_id, comment: str, now: dt.datetime) -> None:
    """The supervisor sends a submitted plan back, saying why; the caseworker revises it."""
    comment = require_comment(comment)
    await _swap(plan_id, None, {CarePlan.status: "returned", CarePlan.returned_by: actor.id,
                                CarePlan.returned_at: now, CarePlan.return_comment: comment,
                                CarePlan.version: CarePlan.version + 1, CarePlan.updated_at: now},
                ("submitted",))


async def approve(actor: Actor, plan_id, child_id, now: dt.datetime, cadence: Cadence) -> None:
    """The plan becomes the child's active one; the one before it is superseded."""
    await due_dates.lock_children([child_id])
    plan = await CarePlan.select(CarePlan.check_in_every_days).where(CarePlan.id == plan_id).first()
    await Child.update({Child.check_in_every_days: plan["check_in_every_days"],
                        Child.updated_at: now}).where(Child.id == child_id)
    await _swap(plan_id, None, {CarePlan.status: "active", CarePlan.approved_by: actor.id,
                                CarePlan.approved_at: now, CarePlan.version: CarePlan.version + 1,
                                CarePlan.updated_at: now}, ("submitted",))
    await CarePlan.update({CarePlan.status: "superseded", CarePlan.updated_at: now}).where(
        (CarePlan.child == child_id) & (CarePlan.status == "active") & (CarePlan.id != plan_id)
    )
    await due_dates.refresh_check_in_due([child_id], now, cadence)
    await due_dates.refresh_review_due([child_id], now, cadence)


async def review(actor: Actor, plan_id, child_id, data, now: dt.datetime, cadence: Cadence) -> uuid.UUID:
    require_views(data.child_views, data.child_views_not_obtained_reason)
    await _check_review_date(child_id, data.reviewed_on, now)
    status = await _status(plan_id)
    if status == "superseded":
        raise Conflict(N_("This plan has been superseded: review the child's current plan."), {"plan": status})
    if status != "active":  # a review looks back on the plan in force, and moves the next one
        raise Conflict(N_("Only an approved plan is reviewed: this one is still in progress."), {"plan": status})
    goals = await goals_reviewed(plan_id, data.goals)
    row = Review(
        id=uuid.uuid4(), plan=plan_id, child=child_id, reviewed_on=data.reviewed_on, goals=goals,
        summary=data.summary.strip(), child_views=data.child_views.strip(),
        child_views_not_obtained_reason=data.child_views_not_obtained_reason.strip(),
        outcome=data.outcome, leaving_care=data.leaving_care.strip(), recorded_by=actor.id, recorded_at=now,
    )
    await Review.insert(row)
    await due_dates.refresh_review_due([child_id], now, cadence)
    return row.id


async def goals_reviewed(plan_id, found) -> list[dict]:
    """Every goal of the plan with what the review found of it, kept with the goal's words so
    the record reads the same after the plan changes."""
    goals = (await _with_goals([{"id": plan_id}]))[0]["goals"]
    if len(found) > len(goals):
        raise Invalid({f"goals[{len(goals)}]": N_("is not a goal of this plan: it has %(num)s") % {"num": len(goals)}})
    said = [*found, *[None] * (len(goals) - len(found))]
    return [{"position": i, "domain": g["domain"], "description": g["description"],
             "outcome": s and s.outcome, "note": (s and s.note.strip()) or ""}
            for i, (g, s) in enumerate(zip(goals, said))]


async def _check_review_date(child_id, reviewed_on: dt.date, now: dt.datetime) -> None:
    if reviewed_on > clock.today(now):
        raise Invalid({"reviewed_on": N_("cannot be in the future")})
    child = await Child.select(Child.registered_at).where(Child.id == child_id).first()
    if reviewed_on < clock.today(child["registered_at"]):
        raise Invalid({"reviewed_on": N_("is before the child was registered")})


def _columns():
    return (
        *CarePlan.all_columns(exclude=[CarePlan.created_by, CarePlan.approved_by, CarePlan.returned_by]),
        CarePlan.created_by.username.as_alias("created_by"),
        CarePlan.approved_by.username.as_alias("approved_by"),
        CarePlan.returned_by.username.as_alias("returned_by"),
    )


async def get(plan_id) -> dict:
    plans = await _with_goals(
        await CarePlan.select(*_columns()).where(CarePlan.id == plan_id).output(load_json=True)
    )
    if not plans:
        raise NotFound("care plan")
    return plans[0]


async def current(child_id) -> dict | None:
    """The child's plan in force (approved and not superseded), with its goals, or None."""
    plans = await _with_goals(await CarePlan.select(*_columns()).where(
        (CarePlan.child == child_id) & (CarePlan.status == "active")).output(load_json=True))
    return plans[0] if plans else None


def _goal_columns():
    return CarePlanGoal.plan, CarePlanGoal.domain, CarePlanGoal.description, CarePlanGoal.target_date


_OF_CHILD = db.Prepared(lambda child_id: CarePlan.select(*_columns()).where(CarePlan.child == child_id).order_by(
    CarePlan.created_at, ascending=False).output(load_json=True), uuid.UUID)
_GOALS_OF_CHILD = db.Prepared(lambda child_id: CarePlanGoal.select(*_goal_columns()).where(
    CarePlanGoal.plan.child == child_id).order_by(CarePlanGoal.position), uuid.UUID)


async def for_child(child_id) -> list[dict]:
    """Newest first, each with its goals: two queries whatever the number of plans."""
    plans = await _OF_CHILD.run(child_id)
    return _goals_in(plans, await _GOALS_OF_CHILD.run(child_id) if plans else [])


async def _with_goals(plans: list[dict]) -> list[dict]:
    rows = []
    if plans:
        rows = await CarePlanGoal.select(*_goal_columns()).where(
            CarePlanGoal.plan.is_in([p["id"] for p in plans])).order_by(CarePlanGoal.position)
    return _goals_in(plans, rows)


def _goals_in(plans: list[dict], rows: list[dict]) -> list[dict]:
    goals = defaultdict(list)
    for g in rows:
        goals[g.pop("plan")].append(g)
    return [{**p, "goals": goals[p["id"]]} for p in plans]


_REVIEWS = db.Prepared(lambda plan_id: Review.select(
    *Review.all_columns(exclude=[Review.recorded_by]),
    Review.recorded_by.username.as_alias("recorded_by"),
).where(Review.plan == plan_id).order_by(
    Review.reviewed_on, Review.recorded_at, ascending=False
).output(load_json=True), uuid.UUID)


async def reviews(plan_id) -> list[dict]:
    return await _REVIEWS.run(plan_id)


async def awaiting_approval(actor: Actor) -> list[dict]:
    """Submitted plans of the children `actor` may see, longest waiting first."""
    visible = Child.select(Child.id).where(caseload_where(actor))
    return await CarePlan.select(
        CarePlan.id, CarePlan.child, CarePlan.version, CarePlan.submitted_at,
        CarePlan.child.display_name.as_alias("display_name"),
        CarePlan.child.case_number.as_alias("case_number"),
        CarePlan.created_by.username.as_alias("created_by"),
    ).where((CarePlan.status == "submitted") & CarePlan.child.is_in(visible)).order_by(CarePlan.submitted_at)
