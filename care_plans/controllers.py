"""The case API: children, care teams, placements, check-ins, missing episodes, care plans,
reviews, and the audit trail.

Each handler parses, finds the child in the caller's scope (404 outside it), asks `access`
(403 if visible but not allowed), calls one service inside one transaction, and writes the
audit entry in that same transaction. Reads take no write lock: they read in a read
transaction, and their audit entries are kept through the audit writer before they answer.
"""

from __future__ import annotations

import uuid
from typing import Annotated, Literal

import msgspec
from litestar import Request, Response, delete, get, patch, post
from litestar.params import FromPath, FromQuery, JSONBody, QueryParameter
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED

from care_plans import care_team, changes, check_ins, children, lifecycle, missing, placements, plans
from care_plans.cadence import Cadence
from care_plans.duties import Duties
from care_plans.queries import editable_scope, readable_scope, team_child_ids, visible_scope, writable_scope
from care_plans.schemas import (
    CarePlanIn,
    ChangeOut,
    CarePlanOut,
    CarePlanPatch,
    CareTeamIn,
    CareTeamOut,
    CheckInIn,
    CheckInOut,
    ChildCreated,
    ChildIn,
    ChildOut,
    ChildPatch,
    ChildStatus,
    Created,
    GoalOut,
    GoalReviewOut,
    LeavingCare,
    MissingIn,
    MissingOut,
    PlacementIn,
    PlacementOut,
    ReturnedIn,
    ReturnIn,
    ReviewIn,
    ReviewOut,
    RiskLevel,
)
from service import access, db
from service.access import ADMIN, CASEWORKER, ROLES_ALL, STAFF, SUPERVISOR
from service.audit.schemas import AuditOut, audit_out
from service.audit.services import Where, entries, record, record_read, record_reads
from service.errors import Forbidden
from service.web import Offset, PageSize, allow, parse_id, utcnow, where

HOLDERS = (CASEWORKER, SUPERVISOR)
Search = Annotated[str | None, QueryParameter(max_length=children.SEARCH_MAX_CHARS,
                                              description="Part of a name or case number")]
CaseloadSort = Literal["name", "case_number", "risk", "last_seen", "next_check_in", "review_due",
                       "caseworker", "registered"]
# Routes on one child admit all staff at the door, so that someone outside the child's scope
# is told 404 (the child is not revealed) and a therapist on the care team 403.


def _duties(request: Request) -> Duties:
    return Duties.from_settings(request.app.state.settings)


def _cadence(request: Request) -> Cadence:
    return Cadence.from_settings(request.app.state.settings)


async def _editable(request: Request, child_id: str):
    """The child's id and scope, if the caller may change the case: 404 unseen, 403 unallowed."""
    cid = parse_id(child_id, "child")
    return cid, await editable_scope(request.user, cid)


async def _readable(request: Request, child_id: str, reason: str | None):
    """The child's id, scope, and the audit `Where` (carrying a break-glass reason, if used)."""
    cid = parse_id(child_id, "child")
    scope = await readable_scope(request.user, cid, reason, utcnow())
    glass = reason.strip() if access.breaks_glass(request.user, reason) else None
    return cid, scope, where(request, glass)


def _plain(value):
    return str(value) if isinstance(value, uuid.UUID) else value


def to_struct(cls, row: dict, **extra):
    """A response struct from a database row: the struct's fields only, ids as strings."""
    values = {**row, **extra} if extra else row
    return cls(**{f: _plain(values[f]) for f in cls.__struct_fields__ if f in values})


def review_out(row: dict, **extra) -> ReviewOut:
    """A review with what it found of each goal of the plan."""
    return to_struct(ReviewOut, row, goals=msgspec.convert(row["goals"], list[GoalReviewOut]), **extra)


def child_out(row: dict) -> ChildOut:
    return to_struct(ChildOut, row)


@post("/api/v1/children", guards=[allow(*HOLDERS)], status_code=HTTP_201_CREATED,
      operation_id="registerChild", tags=["children"])
async def register_child(request: Request, data: JSONBody[ChildIn]) -> ChildCreated:
    now = utcnow()
    async with db.writing():
        created = await children.register(request.user, data, now, _cadence(request))
        await record(where(request), "child.register", "child", created["id"], created["id"])
    return ChildCreated(id=str(created["id"]), case_number=created["case_number"])


@get("/api/v1/children", guards=[allow(*ROLES_ALL)], operation_id="listChildren", tags=["children"])
async def list_children(
    request: Request,
    status: FromQuery[ChildStatus | None] = None,
    risk_level: FromQuery[RiskLevel | None] = None,
    caseworker: FromQuery[str | None] = None,
    q: Search = None,
    limit: PageSize = 50,
    offset: Offset = 0,
    sort: FromQuery[CaseloadSort] = "next_check_in",
    order: FromQuery[Literal["asc", "desc"]] = "asc",
) -> Response[list[ChildOut]]:
    """One page of the caller's children; `X-Total-Count` says how many match in all, so a
    list never stops silently. The caseload pages take the same parameters."""
    filters = children.Filters(status, risk_level, caseworker, q, limit, offset, sort, order == "desc")
    async with db.reading():
        rows = await children.caseload(request.user, filters, only=ChildOut.__struct_fields__)
        total = await children.caseload_count(request.user, filters)
    await record_reads(where(request), "child.list", "child", [r["id"] for r in rows])
    return Response([child_out(r) for r in rows], headers={"X-Total-Count": str(total)})


@get("/api/v1/children/{child_id:str}", guards=[allow(*ROLES_ALL)], operation_id="getChild",
     tags=["children"])
async def get_child(request: Request, child_id: FromPath[str],
                    reason: FromQuery[str | None] = None) -> ChildOut:
    """An admin reads a child's record only with `?reason=` (break-glass), which is audited."""
    cid = parse_id(child_id, "child")
    glass = reason.strip() if access.breaks_glass(request.user, reason) else None
    return await child_record(request.user, cid, reason, where(request, glass))


async def child_record(actor: access.Actor, cid: uuid.UUID, reason: str | None, at: Where) -> ChildOut:
    """What `getChild` answers, once its audit entry is durable (the benchmarks time this)."""
    async with db.reading():
        await readable_scope(actor, cid, reason, at.now)
        row = await children.get(cid)
    await record_read(at, "child.read", "child", cid, cid)
    return child_out(row)


@patch("/api/v1/children/{child_id:str}", guards=[allow(*STAFF)], operation_id="updateChild",
       tags=["children"])
async def update_child(request: Request, child_id: FromPath[str],
                       data: JSONBody[ChildPatch]) -> ChildOut:
    """A correction: each field that changes is kept before and after (`listChildChanges`).
    Moving the case to another caseworker is the supervisor's (`reassignChild`); closing it
    goes through `requestCaseClosing`."""
    changes = {k: v for k, v in msgspec.structs.asdict(data).items() if v is not msgspec.UNSET}
    async with db.writing():
        cid, scope = await _editable(request, child_id)
        at = where(request)
        await lifecycle.correct(request.user, scope, cid, changes, at.now)
        await record(at, "child.update", "child", cid, cid)
        row = await children.get(cid)
    return child_out(row)



@post("/api/v1/children/{child_id:str}/care-team", guards=[allow(*STAFF)],
      status_code=HTTP_201_CREATED, operation_id="addToCareTeam", tags=["children"])
async def add_to_care_team(request: Request, child_id: FromPath[str],
                           data: JSONBody[CareTeamIn]) -> CareTeamOut:
    """A therapist of the child's team joins at once; one from another team, or none, is listed
    under `pending` until the child's team supervisor approves."""
    async with db.writing():
        cid, scope = await _editable(request, child_id)
        outcome = await care_team.add(request.user, scope, cid, data.username, utcnow())
        action = "care_team.request" if outcome == "requested" else "care_team.add"
        await record(where(request), action, "child", cid, cid)
        return await _care_team_out(cid)


@post("/api/v1/children/{child_id:str}/care-team/{username:str}/approve", guards=[allow(*STAFF)],
      status_code=HTTP_200_OK, operation_id="approveCareTeamMember", tags=["children"])
async def approve_care_team_member(request: Request, child_id: FromPath[str],
                                   username: FromPath[str]) -> CareTeamOut:
    """The child's team supervisor lets a therapist from outside the team onto the care team."""
    async with db.writing():
        cid, scope = await _editable(request, child_id)
        await care_team.approve(request.user, scope, cid, username, utcnow())
        await record(where(request), "care_team.approve", "child", cid, cid)
        return await _care_team_out(cid)


@delete("/api/v1/children/{child_id:str}/care-team/{username:str}", guards=[allow(*STAFF)],
        status_code=HTTP_200_OK, operation_id="removeFromCareTeam", tags=["children"])
async def remove_from_care_team(request: Request, child_id: FromPath[str],
                                username: FromPath[str]) -> CareTeamOut:
    """Take a therapist off the care team (or withdraw the request for them): their access
    ends with this request."""
    async with db.writing():
        cid, _ = await _editable(request, child_id)
        await care_team.remove(cid, username)
        await record(where(request), "care_team.remove", "child", cid, cid)
        return await _care_team_out(cid)


async def _care_team_out(cid) -> CareTeamOut:
    return CareTeamOut(child_id=str(cid), care_team=await care_team.members(cid),
                       pending=await care_team.pending(cid))


@post("/api/v1/children/{child_id:str}/placements", guards=[allow(*STAFF)],
      status_code=HTTP_201_CREATED, operation_id="startPlacement", tags=["placements"])
async def start_placement(request: Request, child_id: FromPath[str],
                          data: JSONBody[PlacementIn]) -> PlacementOut:
    """Starting a placement ends the current one on the same day."""
    now = utcnow()
    async with db.writing():
        cid, _ = await _editable(request, child_id)
        pid = await placements.start(request.user, cid, data, now, _cadence(request), _duties(request))
        await record(where(request), "placement.create", "placement", pid, cid)
        rows = await placements.history(cid)
    return to_struct(PlacementOut, rows[0], child_id=cid)


@get("/api/v1/children/{child_id:str}/placements", guards=[allow(*ROLES_ALL)],
     operation_id="listPlacements", tags=["placements"])
async def list_placements(request: Request, child_id: FromPath[str],
                          reason: FromQuery[str | None] = None) -> list[PlacementOut]:
    """Newest first. `location` is included for the child's caseworker and supervisor only."""
    async with db.reading():
        cid, scope, at = await _readable(request, child_id, reason)
        rows = await placements.history(cid)
    await record_read(at, "placement.list", "placement", cid, cid)
    shows_location = access.can_see_location(request.user, scope)
    return [to_struct(PlacementOut, {**r, "location": r["location"] if shows_location else None},
                      child_id=cid) for r in rows]


@post("/api/v1/children/{child_id:str}/check-ins", guards=[allow(*STAFF)],
      status_code=HTTP_201_CREATED, operation_id="recordCheckIn", tags=["check-ins"])
async def record_check_in(request: Request, child_id: FromPath[str],
                          data: JSONBody[CheckInIn]) -> Created:
    async with db.writing():
        cid, _ = await _editable(request, child_id)
        check_in_id = await check_ins.record(request.user, cid, data, utcnow(), _cadence(request))
        await record(where(request), "check_in.create", "check_in", check_in_id, cid)
    return Created(id=str(check_in_id))


@get("/api/v1/children/{child_id:str}/check-ins", guards=[allow(*ROLES_ALL)],
     operation_id="listCheckIns", tags=["check-ins"])
async def list_check_ins(request: Request, child_id: FromPath[str],
                         reason: FromQuery[str | None] = None) -> list[CheckInOut]:
    async with db.reading():
        cid, _, at = await _readable(request, child_id, reason)
        rows = await check_ins.history(cid)
    await record_read(at, "check_in.list", "check_in", cid, cid)
    return [to_struct(CheckInOut, {**r, "mode": r["mode"] or None}, child_id=cid) for r in rows]


@post("/api/v1/children/{child_id:str}/missing-episodes", guards=[allow(*STAFF)],
      status_code=HTTP_201_CREATED, operation_id="recordMissing", tags=["missing"])
async def record_missing(request: Request, child_id: FromPath[str],
                         data: JSONBody[MissingIn]) -> Created:
    async with db.writing():
        cid, _ = await _editable(request, child_id)
        episode_id = await missing.went_missing(request.user, cid, data, utcnow(), _duties(request))
        await record(where(request), "missing.create", "missing_episode", episode_id, cid)
    return Created(id=str(episode_id))


@patch("/api/v1/children/{child_id:str}/missing-episodes/{episode_id:str}",
       guards=[allow(*STAFF)], operation_id="recordReturn", tags=["missing"])
async def record_return(request: Request, child_id: FromPath[str], episode_id: FromPath[str],
                        data: JSONBody[ReturnedIn]) -> MissingOut:
    notes = None if data.notes is msgspec.UNSET else data.notes
    async with db.writing():
        cid, _ = await _editable(request, child_id)
        eid = parse_id(episode_id, "missing episode")
        await missing.returned(cid, eid, data.returned_at, notes, utcnow(), _duties(request))
        await record(where(request), "missing.return", "missing_episode", eid, cid)
        rows = await missing.history(cid)
    return next(to_struct(MissingOut, r, child_id=cid) for r in rows if r["id"] == eid)


@get("/api/v1/children/{child_id:str}/missing-episodes", guards=[allow(*ROLES_ALL)],
     operation_id="listMissing", tags=["missing"])
async def list_missing(request: Request, child_id: FromPath[str],
                       reason: FromQuery[str | None] = None) -> list[MissingOut]:
    async with db.reading():
        cid, _, at = await _readable(request, child_id, reason)
        rows = await missing.history(cid)
    await record_read(at, "missing.list", "missing_episode", cid, cid)
    return [to_struct(MissingOut, r, child_id=cid) for r in rows]


async def _plan_editable(request: Request, plan_id: str):
    pid = parse_id(plan_id, "care plan")
    cid, scope = await _editable(request, str(await plans.child_of(pid)))
    return pid, cid, scope


async def _plan_readable(request: Request, plan_id: str, reason: str | None):
    pid = parse_id(plan_id, "care plan")
    cid, scope, at = await _readable(request, str(await plans.child_of(pid)), reason)
    return pid, cid, at


def plan_out(row: dict, current: dict | None = None) -> CarePlanOut:
    """With `current`, the plan in force, a plan in progress says what it changes against it."""
    goals = [to_struct(GoalOut, g) for g in row["goals"]]
    section = LeavingCare(**row["leaving_care"]) if row.get("leaving_care") else None
    out = to_struct(CarePlanOut, {**row, "goals": goals, "leaving_care": section}, child_id=row["child"])
    if current is not None and row["status"] in plans.EDITABLE:
        out.changes_from_current = [ChangeOut(c.what, c.before, c.after)
                                    for c in changes.between(current, row)]
    return out


@post("/api/v1/children/{child_id:str}/care-plans", guards=[allow(*STAFF)],
      status_code=HTTP_201_CREATED, operation_id="draftCarePlan", tags=["care plans"])
async def draft_care_plan(request: Request, child_id: FromPath[str],
                          data: JSONBody[CarePlanIn]) -> CarePlanOut:
    """A new plan starts as a draft at version 1."""
    now = utcnow()
    async with db.writing():
        cid, _ = await _editable(request, child_id)
        pid = await plans.create(request.user, cid, data, now, _cadence(request))
        await record(where(request), "care_plan.create", "care_plan", pid, cid)
        row = await plans.get(pid)
    return plan_out(row)


@get("/api/v1/children/{child_id:str}/care-plans", guards=[allow(*ROLES_ALL)],
     operation_id="listCarePlans", tags=["care plans"])
async def list_care_plans(request: Request, child_id: FromPath[str],
                          reason: FromQuery[str | None] = None) -> list[CarePlanOut]:
    async with db.reading():
        cid, _, at = await _readable(request, child_id, reason)
        rows = await plans.for_child(cid)
    await record_read(at, "care_plan.list", "care_plan", cid, cid)
    return [plan_out(r) for r in rows]


@get("/api/v1/care-plans/{plan_id:str}", guards=[allow(*ROLES_ALL)], operation_id="getCarePlan",
     tags=["care plans"])
async def get_care_plan(request: Request, plan_id: FromPath[str],
                        reason: FromQuery[str | None] = None) -> CarePlanOut:
    async with db.reading():
        pid, cid, at = await _plan_readable(request, plan_id, reason)
        row, current = await plans.get(pid), await plans.current(cid)
    await record_read(at, "care_plan.read", "care_plan", pid, cid)
    return plan_out(row, current)


@patch("/api/v1/care-plans/{plan_id:str}", guards=[allow(*STAFF)], operation_id="updateCarePlan",
       tags=["care plans"])
async def update_care_plan(request: Request, plan_id: FromPath[str],
                           data: JSONBody[CarePlanPatch]) -> CarePlanOut:
    """Refused with 409 unless `version` is the plan's current one; a change returns a
    submitted plan to draft."""
    changes = {k: v for k, v in msgspec.structs.asdict(data).items()
               if v is not msgspec.UNSET and k != "version"}
    async with db.writing():
        pid, cid, _ = await _plan_editable(request, plan_id)
        await plans.update(request.user, pid, data.version, changes, utcnow())
        await record(where(request), "care_plan.update", "care_plan", pid, cid)
        row = await plans.get(pid)
    return plan_out(row)


@post("/api/v1/care-plans/{plan_id:str}/submit", guards=[allow(*STAFF)], status_code=HTTP_200_OK,
      operation_id="submitCarePlan", tags=["care plans"])
async def submit_care_plan(request: Request, plan_id: FromPath[str]) -> CarePlanOut:
    """A draft goes to the supervisor for approval."""
    async with db.writing():
        pid, cid, _ = await _plan_editable(request, plan_id)
        await plans.leaving_care_written(pid, cid, utcnow())
        await plans.submit(pid, utcnow())
        await record(where(request), "care_plan.submit", "care_plan", pid, cid)
        row = await plans.get(pid)
    return plan_out(row)


@post("/api/v1/care-plans/{plan_id:str}/approve", guards=[allow(*STAFF)], status_code=HTTP_200_OK,
      operation_id="approveCarePlan", tags=["care plans"])
async def approve_care_plan(request: Request, plan_id: FromPath[str]) -> CarePlanOut:
    """The team's supervisor approves a submitted plan: it becomes active, with its next
    review date, and the plan before it is superseded."""
    now = utcnow()
    async with db.writing():
        pid = parse_id(plan_id, "care plan")
        cid = await plans.child_of(pid)
        if not access.can_approve_plan(request.user, await writable_scope(request.user, cid)):
            raise Forbidden("Only the supervisor of the child's team approves care plans.")
        await plans.approve(request.user, pid, cid, now, _cadence(request))
        await record(where(request), "care_plan.approve", "care_plan", pid, cid)
        row = await plans.get(pid)
    return plan_out(row)


@post("/api/v1/care-plans/{plan_id:str}/return", guards=[allow(*STAFF)], status_code=HTTP_200_OK,
      operation_id="returnCarePlan", tags=["care plans"])
async def return_care_plan(request: Request, plan_id: FromPath[str], data: JSONBody[ReturnIn]) -> CarePlanOut:
    """The team's supervisor returns a submitted plan to the caseworker with a comment (400
    naming `comment` if it is blank, 409 if the plan is not waiting for approval); the
    caseworker revises it and submits it again."""
    async with db.writing():
        pid = parse_id(plan_id, "care plan")
        cid = await plans.child_of(pid)
        if not access.can_approve_plan(request.user, await writable_scope(request.user, cid)):
            raise Forbidden("Only the supervisor of the child's team returns care plans.")
        await plans.return_to_caseworker(request.user, pid, data.comment, utcnow())
        await record(where(request), "care_plan.return", "care_plan", pid, cid)
        row, current = await plans.get(pid), await plans.current(cid)
    return plan_out(row, current)


@post("/api/v1/care-plans/{plan_id:str}/reviews", guards=[allow(*STAFF)],
      status_code=HTTP_201_CREATED, operation_id="recordReview", tags=["care plans"])
async def record_review(request: Request, plan_id: FromPath[str],
                        data: JSONBody[ReviewIn]) -> ReviewOut:
    """Records the review with the child's views, and moves the next review date."""
    now = utcnow()
    async with db.writing():
        pid, cid, _ = await _plan_editable(request, plan_id)
        await plans.leaving_care_asked(cid, data.leaving_care, now)
        rid = await plans.review(request.user, pid, cid, data, now, _cadence(request))
        await record(where(request), "review.create", "review", rid, cid)
        row = next(r for r in await plans.reviews(pid) if r["id"] == rid)
        due = (await children.get(cid))["next_review_due"]
    return review_out(row, plan_id=pid, child_id=cid, next_review_due=due)


@get("/api/v1/care-plans/{plan_id:str}/reviews", guards=[allow(*ROLES_ALL)],
     operation_id="listReviews", tags=["care plans"])
async def list_reviews(request: Request, plan_id: FromPath[str],
                       reason: FromQuery[str | None] = None) -> list[ReviewOut]:
    async with db.reading():
        pid, cid, at = await _plan_readable(request, plan_id, reason)
        rows = await plans.reviews(pid)
    await record_read(at, "review.list", "review", pid, cid)
    return [review_out(r, plan_id=pid, child_id=cid) for r in rows]


async def _audited_children(actor: access.Actor, child_id: str | None) -> list[str] | None:
    """Whose entries the caller may read: a supervisor their team's children, an admin any
    (the trail holds ids and actions, no case content). None means the whole trail."""
    if child_id is not None:
        cid = parse_id(child_id, "child")
        if access.audit_scope(actor) != "all":
            await visible_scope(actor, cid)
        return [str(cid)]
    if access.audit_scope(actor) == "all":
        return None
    return await team_child_ids(actor.team_id)


@get("/api/v1/audit", guards=[allow(SUPERVISOR, ADMIN)], operation_id="listAuditEntries",
     tags=["audit"])
async def list_audit_entries(request: Request, child_id: FromQuery[str | None] = None,
                             limit: PageSize = 200) -> list[AuditOut]:
    """Newest first: who did what to which record of which child, when, and from where."""
    async with db.reading():
        ids = await _audited_children(request.user, child_id)
        rows = await entries(ids, limit=limit)
    # Reading the trail is itself kept: who looked at whose history (after the read, so the
    # answer does not list its own asking).
    one = ids[0] if child_id is not None and ids else None
    await record_read(where(request), "audit.read", "audit", one or "all", one)
    return [audit_out(r) for r in rows]


ROUTES = [
    register_child, list_children, get_child, update_child, add_to_care_team,
    approve_care_team_member, remove_from_care_team,
    start_placement, list_placements, record_check_in, list_check_ins,
    record_missing, record_return, list_missing,
    draft_care_plan, list_care_plans, get_care_plan, update_care_plan, submit_care_plan,
    approve_care_plan, return_care_plan, record_review, list_reviews, list_audit_entries,
]
