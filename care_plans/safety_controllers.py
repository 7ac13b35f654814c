"""The API of a child's tasks (the duties around a missing episode, the safety-plan reviews)
and their safety plan. Thin, as the other case routes: scope, access, one service call, audit."""

from __future__ import annotations

from litestar import Request, get, post
from litestar.params import FromPath, FromQuery, JSONBody
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED

from care_plans import duty_views, safety_plans, tasks
from care_plans.controllers import _editable, _readable, to_struct
from care_plans.duties import Duties
from care_plans.schemas import SafetyPlanIn, SafetyPlanOut, TaskDoneIn, TaskOut
from service import db
from service.access import ROLES_ALL, STAFF
from service.audit.services import record, record_read
from service.web import allow, parse_id, utcnow, where


def duties_of(request: Request) -> Duties:
    return Duties.from_settings(request.app.state.settings)


@get("/api/v1/children/{child_id:str}/tasks", guards=[allow(*ROLES_ALL)], operation_id="listTasks",
     tags=["tasks"])
async def list_tasks(request: Request, child_id: FromPath[str], reason: FromQuery[str | None] = None) -> list[TaskOut]:
    """Open tasks first, soonest due first, then done ones. Each says what rule its due instant
    follows; a therapist sees no report reference and no placement location."""
    now = utcnow()
    async with db.reading():
        cid, scope, at = await _readable(request, child_id, reason)
        rows = await duty_views.visible_tasks(request.user, scope, cid, now, duties_of(request).national_body)
    await record_read(at, "task.list", "task", cid, cid)
    return [to_struct(TaskOut, r, child_id=cid) for r in rows]


@post("/api/v1/children/{child_id:str}/tasks/{task_id:str}/done", guards=[allow(*STAFF)],
      status_code=HTTP_200_OK, operation_id="completeTask", tags=["tasks"])
async def complete_task(request: Request, child_id: FromPath[str], task_id: FromPath[str],
                        data: JSONBody[TaskDoneIn]) -> TaskOut:
    """The child's caseworker or supervisor records a task done: a report's `reference`, or the
    `outcome` of the others (400 naming the one missing; 409 if already done)."""
    now = utcnow()
    async with db.writing():
        cid, scope = await _editable(request, child_id)
        tid = parse_id(task_id, "task")
        await tasks.complete(request.user, cid, tid, data, now)
        await record(where(request), "task.complete", "task", tid, cid)
        rows = await duty_views.visible_tasks(request.user, scope, cid, now, duties_of(request).national_body)
    return to_struct(TaskOut, next(r for r in rows if r["id"] == tid), child_id=cid)


@post("/api/v1/children/{child_id:str}/safety-plan", guards=[allow(*STAFF)], status_code=HTTP_201_CREATED,
      operation_id="writeSafetyPlan", tags=["safety plans"])
async def write_safety_plan(request: Request, child_id: FromPath[str], data: JSONBody[SafetyPlanIn]) -> SafetyPlanOut:
    """A new version, written with the child; `version` is the one it starts from (0 for the
    first), and a stale one is refused with 409. Open safety-plan review tasks are done by it."""
    async with db.writing():
        cid, scope = await _editable(request, child_id)
        pid = await safety_plans.write(request.user, cid, data, utcnow())
        await record(where(request), "safety_plan.create", "safety_plan", pid, cid)
        rows = await duty_views.visible_safety_plans(request.user, scope, cid)
    return to_struct(SafetyPlanOut, rows[0], child_id=cid)


@get("/api/v1/children/{child_id:str}/safety-plan/versions", guards=[allow(*ROLES_ALL)],
     operation_id="listSafetyPlanVersions", tags=["safety plans"])
async def list_safety_plan_versions(request: Request, child_id: FromPath[str],
                                    reason: FromQuery[str | None] = None) -> list[SafetyPlanOut]:
    """Every version, newest (the plan in force) first. `safe_places` is for the child's
    caseworker and supervisor only."""
    async with db.reading():
        cid, scope, at = await _readable(request, child_id, reason)
        rows = await duty_views.visible_safety_plans(request.user, scope, cid)
    await record_read(at, "safety_plan.list", "safety_plan", cid, cid)
    return [to_struct(SafetyPlanOut, r, child_id=cid) for r in rows]


ROUTES = [list_tasks, complete_task, write_safety_plan, list_safety_plan_versions]
