"""The pages of a child's tasks and safety plan: their part of the child's page, the form that
records a task done, and the form that writes a new version of the safety plan. Each is the
page twin of a route in `safety_controllers.py`: the same scope, access, service and audit."""

from __future__ import annotations

import datetime as dt

from litestar import Request, get, post
from litestar.params import FromPath
from litestar.response import Redirect, Template

from care_plans import duty_views, safety_plans, tasks
from care_plans.pages import HOLDERS, _parse_or_none, _saved, case_form, editable
from care_plans.schemas import SafetyPlanIn, TaskDoneIn
from service import access, db, forms
from service.audit.services import Reads, record, record_read
from service.web import allow, parse_id, utcnow, where

TASK_FORM, PLAN_FORM = "care_plans/task_done.html", "care_plans/safety_plan.html"


async def child_section(actor: access.Actor, cid, scope: access.ChildScope, reads: Reads,
                        now: dt.datetime, settings) -> dict:
    """Open and done tasks, and the safety plan in force with how many versions came before."""
    listed = await duty_views.visible_tasks(actor, scope, cid, now, settings.missing_national_body.strip())
    plans = await duty_views.visible_safety_plans(actor, scope, cid)
    reads.add("task.list", "task", cid, cid)
    reads.add("safety_plan.list", "safety_plan", cid, cid)
    return {"tasks": [t for t in listed if t["done_at"] is None],
            "done_tasks": [t for t in listed if t["done_at"] is not None][:10],
            "safety_plan": plans[0] if plans else None, "safety_plan_versions": len(plans)}


async def _task_form(request: Request, child_id: str, task_id: str, posted=None, errors=None) -> Template:
    return await case_form(request, child_id, TASK_FORM, posted, errors,
                           task=await _task_of(request, child_id, task_id))


async def _task_of(request: Request, child_id: str, task_id: str) -> dict:
    """The task as its form shows it, once the caller is known to hold the case."""
    async with db.reading():
        cid, _ = await editable(request, child_id, hold=False)
        row = await tasks.get(cid, parse_id(task_id, "task"))
    await record_read(where(request), "task.read", "task", row["id"], cid)
    return duty_views.task_view(row, utcnow(), request.app.state.settings.missing_national_body.strip(),
                                lambda text: text, True)


@get("/children/{child_id:str}/tasks/{task_id:str}/done", guards=[allow(*HOLDERS)],
     operation_id="taskDonePage", include_in_schema=False)
async def task_done_page(request: Request, child_id: FromPath[str], task_id: FromPath[str]) -> Template:
    return await _task_form(request, child_id, task_id)


@post("/children/{child_id:str}/tasks/{task_id:str}/done", guards=[allow(*HOLDERS)],
      operation_id="taskDoneSubmit", include_in_schema=False)
async def task_done_submit(request: Request, child_id: FromPath[str], task_id: FromPath[str]) -> Template | Redirect:
    posted = await forms.values(request)
    data, errors = _parse_or_none(TaskDoneIn, posted, utc=("done_at",))
    if errors:
        return await _task_form(request, child_id, task_id, posted, errors)

    async def work(cid):
        tid = parse_id(task_id, "task")
        await tasks.complete(request.user, cid, tid, data, utcnow())
        await record(where(request), "task.complete", "task", tid, cid)

    return await _saved(request, child_id, TASK_FORM, work, "task_done", posted,
                        task=await _task_of(request, child_id, task_id))


def _plan_values(current: dict | None) -> dict:
    """A new version starts from the one in force."""
    if current is None:
        return {"version": "0"}
    return {**{k: current[k] for k in safety_plans.CONTENT}, "version": str(current["version"])}


@get("/children/{child_id:str}/safety-plan/new", guards=[allow(*HOLDERS)], operation_id="safetyPlanPage",
     include_in_schema=False)
async def safety_plan_page(request: Request, child_id: FromPath[str]) -> Template:
    cid = parse_id(child_id, "child")
    async with db.reading():
        await editable(request, str(cid), hold=False)
        versions = await safety_plans.versions(cid)
    await record_read(where(request), "safety_plan.list", "safety_plan", cid, cid)
    return await case_form(request, child_id, PLAN_FORM, _plan_values(versions[0] if versions else None))


@post("/children/{child_id:str}/safety-plan/new", guards=[allow(*HOLDERS)], operation_id="safetyPlanSubmit",
      include_in_schema=False)
async def safety_plan_submit(request: Request, child_id: FromPath[str]) -> Template | Redirect:
    posted = await forms.values(request)
    data, errors = _parse_or_none(SafetyPlanIn, posted)
    if errors:
        return await case_form(request, child_id, PLAN_FORM, posted, errors)

    async def work(cid):
        pid = await safety_plans.write(request.user, cid, data, utcnow())
        await record(where(request), "safety_plan.create", "safety_plan", pid, cid)

    return await _saved(request, child_id, PLAN_FORM, work, "safety_plan", posted)


PAGES = [task_done_page, task_done_submit, safety_plan_page, safety_plan_submit]
