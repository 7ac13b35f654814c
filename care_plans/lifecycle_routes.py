"""Correcting a child's details and moving a case to another caseworker: the JSON routes and
their page twins. Each request has its one audit entry (ids and actions only); what each field
said before and after is kept beside it in `ChildChange`, by the same actor at the same instant."""

from __future__ import annotations

import msgspec
from litestar import Request, get, post
from litestar.params import FromPath, FromQuery, JSONBody
from litestar.response import Redirect, Template
from litestar.status_codes import HTTP_200_OK

from care_plans import children, lifecycle
from care_plans.controllers import _editable, _readable, child_out, to_struct
from care_plans.lifecycle_schemas import ChildChangeOut, ReassignIn
from care_plans.pages import case_form, editable
from care_plans.schemas import ChildOut, ChildPatch
from service import db, forms
from service.access import CASEWORKER, ROLES_ALL, STAFF, SUPERVISOR
from service.audit.services import record, record_read
from service.errors import Invalid
from service.web import allow, where

HOLDERS = (CASEWORKER, SUPERVISOR)


@post("/api/v1/children/{child_id:str}/reassign", guards=[allow(*STAFF)], status_code=HTTP_200_OK,
      operation_id="reassignChild", tags=["children"])
async def reassign_child(request: Request, child_id: FromPath[str], data: JSONBody[ReassignIn]) -> ChildOut:
    """The team's supervisor moves the case to another caseworker of the team: it leaves the
    old caseworker's caseload and joins the new one's at once, alerts and all."""
    async with db.writing():
        cid, scope = await _editable(request, child_id)
        at = where(request)
        await lifecycle.reassign(request.user, scope, cid, data.caseworker, at.now)
        await record(at, "child.reassign", "child", cid, cid)
        row = await children.get(cid)
    return child_out(row)


@get("/api/v1/children/{child_id:str}/changes", guards=[allow(*ROLES_ALL)],
     operation_id="listChildChanges", tags=["children"])
async def list_child_changes(request: Request, child_id: FromPath[str],
                             reason: FromQuery[str | None] = None) -> list[ChildChangeOut]:
    """Newest first: each correction of the child's details and each move to another
    caseworker, what the field said before and after, who changed it and when."""
    async with db.reading():
        cid, _, at = await _readable(request, child_id, reason)
        rows = await lifecycle.changes(cid)
    await record_read(at, "child_change.list", "child_change", cid, cid)
    return [to_struct(ChildChangeOut, r) for r in rows]


# Pages --------------------------------------------------------------------------------------

CORRECT = "care_plans/correct.html"


def _form_values(child: dict) -> dict:
    values = {f: "" if child[f] is None else str(child[f]) for f in lifecycle.CORRECTABLE}
    values.update(languages=", ".join(child["languages"]),
                  birth_date_estimated="true" if child["birth_date_estimated"] else "")
    return values


def correction(posted: dict) -> dict:
    """The form as a patch: every field it shows, so a cleared one is cleared."""
    languages = [p.strip() for p in posted.get("languages", "").split(",") if p.strip()]
    data = forms.parse(ChildPatch, {**posted, "languages": languages})
    patch = {k: v for k, v in msgspec.structs.asdict(data).items()
             if v is not msgspec.UNSET and k not in ("status", "caseworker")}
    patch.update(birth_date_estimated=posted.get("birth_date_estimated") == "true", languages=languages)
    for optional in ("gestational_age_weeks", "sex"):
        patch.setdefault(optional, None)
    return patch


@get("/children/{child_id:str}/edit", guards=[allow(*HOLDERS)], operation_id="correctChildPage",
     include_in_schema=False)
async def correct_page(request: Request, child_id: FromPath[str]) -> Template:
    async with db.reading():
        cid, _ = await editable(request, child_id, hold=False)
        values = _form_values(await children.get(cid))
    return await case_form(request, child_id, CORRECT, values)


@post("/children/{child_id:str}/edit", guards=[allow(*HOLDERS)], operation_id="correctChildSubmit",
      include_in_schema=False)
async def correct_submit(request: Request, child_id: FromPath[str]) -> Template | Redirect:
    posted = await forms.values(request)
    try:
        patch = correction(posted)
        async with db.writing():
            cid, scope = await editable(request, child_id)
            at = where(request)
            kept = await lifecycle.correct(request.user, scope, cid, patch, at.now)
            await record(at, "child.update", "child", cid, cid)
    except Invalid as problem:
        errors = forms.flatten(problem.fields, "languages")
        return await case_form(request, child_id, CORRECT, posted, errors)
    return forms.done(f"/children/{cid}#changes", "corrected" if kept else "unchanged")


@post("/children/{child_id:str}/reassign", guards=[allow(SUPERVISOR)], operation_id="reassignChildPage",
      include_in_schema=False)
async def reassign_submit(request: Request, child_id: FromPath[str]) -> Redirect:
    posted = await forms.values(request)
    try:
        async with db.writing():
            cid, scope = await editable(request, child_id)
            at = where(request)
            await lifecycle.reassign(request.user, scope, cid, posted.get("caseworker", ""), at.now)
            await record(at, "child.reassign", "child", cid, cid)
    except Invalid:  # no caseworker chosen, or the one holding it: said beside the form
        return forms.done(f"/children/{child_id}#changes", "reassign_refused")
    return forms.done(f"/children/{cid}#changes", "reassigned")


ROUTES = [reassign_child, list_child_changes]
PAGES = [correct_page, correct_submit, reassign_submit]
