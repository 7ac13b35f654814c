"""Closing a case and reading its chronology: the JSON routes and their page twins, and the
lifecycle part of a child's page (corrections, moves, closing)."""

from __future__ import annotations

import datetime as dt

from litestar import Request, get, post
from litestar.params import FromPath, FromQuery, JSONBody
from litestar.response import Redirect, Template
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED

from care_plans import children, lifecycle
from care_plans.controllers import _editable, _readable, to_struct
from care_plans.lifecycle_schemas import ChronologyKind, ClosingIn, ClosureOut, EventOut
from care_plans.pages import case_form, team_caseworkers
from scheduler import chronology, closing
from service import access, db, forms
from service.access import CASEWORKER, ROLES_ALL, STAFF, SUPERVISOR
from service.audit.services import Reads, record, record_each, record_read
from service.errors import Forbidden, Invalid
from service.i18n import N_
from service.web import allow, utcnow, where

HOLDERS = (CASEWORKER, SUPERVISOR)


def closure_out(row: dict, child_status: str) -> ClosureOut:
    return to_struct(ClosureOut, row, child_id=row["child"], child_status=child_status,
                     resolved_alerts=[str(a) for a in row.get("resolved_alerts", [])])


async def _ask(request: Request, cid, scope, reason: str, note: str) -> dict:
    """The request (or, from the supervisor, the closing) with its audit entries."""
    if not access.can_request_closing(request.user, scope):
        raise Forbidden("Only the child's caseworker or their supervisor asks to close a case.")
    row = await closing.request_or_close(request.user, scope, cid, reason, note, utcnow())
    await record(where(request), "case.close_request", "case_closure", row["id"], cid)
    if row["status"] == "approved":
        await _audit_closed(request, row, cid)
    return row


async def _audit_closed(request: Request, row: dict, cid) -> None:
    await record(where(request), "case.close", "case_closure", row["id"], cid)
    await record_each(where(request), "alert.resolve", "alert", [(a, cid) for a in row["resolved_alerts"]])


@post("/api/v1/children/{child_id:str}/closing", guards=[allow(*STAFF)], status_code=HTTP_201_CREATED,
      operation_id="requestCaseClosing", tags=["children"])
async def request_closing(request: Request, child_id: FromPath[str], data: JSONBody[ClosingIn]) -> ClosureOut:
    """The caseworker asks to close the case with a reason (a note is required for `other`);
    the team's supervisor approves it. A supervisor's own request closes the case at once."""
    async with db.writing():
        cid, scope = await _editable(request, child_id)
        row = await _ask(request, cid, scope, data.reason, data.note)
        status = (await children.get(cid))["status"]
    return closure_out(row, status)


async def _decide(request: Request, child_id: str, approve: bool) -> dict:
    cid, scope = await _editable(request, child_id)
    if approve:
        row = await closing.close(request.user, scope, cid, utcnow())
        await _audit_closed(request, row, cid)
        return row
    row = await lifecycle.decide(request.user, scope, cid, False, utcnow())
    await record(where(request), "case.close_decline", "case_closure", row["id"], cid)
    return row


@post("/api/v1/children/{child_id:str}/closing/approve", guards=[allow(*STAFF)], status_code=HTTP_200_OK,
      operation_id="approveCaseClosing", tags=["children"])
async def approve_closing(request: Request, child_id: FromPath[str]) -> ClosureOut:
    """The team's supervisor approves the waiting request: the case closes, every alert of the
    child still open is resolved with the closing reason, and the record becomes read-only
    (every later change is a 409 naming the status)."""
    async with db.writing():
        row = await _decide(request, child_id, True)
        status = (await children.get(row["child"]))["status"]
    return closure_out({**row, "status": "approved"}, status)


@post("/api/v1/children/{child_id:str}/closing/decline", guards=[allow(*STAFF)], status_code=HTTP_200_OK,
      operation_id="declineCaseClosing", tags=["children"])
async def decline_closing(request: Request, child_id: FromPath[str]) -> ClosureOut:
    """The team's supervisor keeps the case open; the caseworker may ask again later."""
    async with db.writing():
        row = await _decide(request, child_id, False)
    return closure_out({**row, "status": "declined"}, "active")


@get("/api/v1/children/{child_id:str}/chronology", guards=[allow(*ROLES_ALL)],
     operation_id="getChronology", tags=["children"])
async def get_chronology(request: Request, child_id: FromPath[str], kind: FromQuery[ChronologyKind | None] = None,
                         reason: FromQuery[str | None] = None) -> list[EventOut]:
    """Every dated event of the case, newest first, or only those of one `kind`. Placement
    locations are never part of it."""
    async with db.reading():
        cid, _, at = await _readable(request, child_id, reason)
        rows, _more = await chronology.events(cid, kind, alert_kinds=access.alert_kinds_seen(request.user))
    await record_read(at, "chronology.read", "child", cid, cid)
    return [EventOut(**r) for r in rows]


# Pages --------------------------------------------------------------------------------------

CLOSE_FORM = "scheduler/close.html"


@post("/children/{child_id:str}/closing", guards=[allow(*HOLDERS)], operation_id="requestClosingPage",
      include_in_schema=False)
async def closing_submit(request: Request, child_id: FromPath[str]) -> Template | Redirect:
    posted = await forms.values(request)
    try:
        async with db.writing():
            cid, scope = await _editable(request, child_id)
            row = await _ask(request, cid, scope, posted.get("reason", ""), posted.get("note", ""))
    except Invalid as problem:
        return await case_form(request, child_id, CLOSE_FORM, posted, problem.fields,
                               reasons=lifecycle.CLOSING_REASONS)
    return forms.done(f"/children/{cid}", "case_closed" if row["status"] == "approved" else "closing_requested")


@get("/children/{child_id:str}/closing", guards=[allow(*HOLDERS)], operation_id="closingPage",
     include_in_schema=False)
async def closing_page(request: Request, child_id: FromPath[str]) -> Template:
    return await case_form(request, child_id, CLOSE_FORM, reasons=lifecycle.CLOSING_REASONS)


@post("/children/{child_id:str}/closing/{decision:str}", guards=[allow(SUPERVISOR)],
      operation_id="decideClosingPage", include_in_schema=False)
async def closing_decide(request: Request, child_id: FromPath[str], decision: FromPath[str]) -> Redirect:
    if decision not in ("approve", "decline"):
        raise Invalid({"decision": "must be approve or decline"})
    async with db.writing():
        await _decide(request, child_id, decision == "approve")
    return forms.done(f"/children/{child_id}", "case_closed" if decision == "approve" else "closing_declined")


@get("/children/{child_id:str}/chronology", guards=[allow(*ROLES_ALL)], operation_id="chronologyPage",
     include_in_schema=False)
async def chronology_page(request: Request, child_id: FromPath[str], kind: FromQuery[str | None] = None,
                          reason: FromQuery[str | None] = None) -> Template:
    """Printable: the page's own print rules leave out navigation and the filter."""
    chosen = kind if kind in chronology.KINDS else None
    async with db.reading():
        cid, _, at = await _readable(request, child_id, reason)
        child = await children.get(cid)
        rows, more = await chronology.events(cid, chosen, alert_kinds=access.alert_kinds_seen(request.user))
    reads = Reads(at)
    reads.add("child.read", "child", cid, cid)
    reads.add("chronology.read", "child", cid, cid)
    await reads.keep()
    return Template("scheduler/chronology.html", context={
        "child": child, "events": rows, "more": more, "kind": chosen or "", "kinds": KIND_NAMES,
        "now": utcnow(), "reason": reason or ""})


# Marked for the catalogue; the pages translate them where they show them.
KIND_NAMES = {"check_in": N_("Check-ins"), "placement": N_("Placement changes"), "missing": N_("Missing episodes"),
              "plan": N_("Care plans"), "review": N_("Reviews"), "assessment": N_("Developmental checks"),
              "alert": N_("Alerts")}


RECENT = 10  # events shown on the child's page; the full chronology has the rest


async def recent_events(actor: access.Actor, cid, reads: Reads, kind: str | None) -> dict:
    """The newest events of the case (of one kind, when a known one is asked for) for a
    section of the child's page, read as the chronology is, and audited as its read."""
    chosen = kind if kind in chronology.KINDS else None
    rows, more = await chronology.events(cid, chosen, RECENT, access.alert_kinds_seen(actor))
    reads.add("chronology.read", "child", cid, cid)
    return {"recent": {"events": rows, "more": more, "kind": chosen or "", "kinds": KIND_NAMES}}


async def child_section(actor: access.Actor, cid, scope: access.ChildScope, reads: Reads,
                        now: dt.datetime, settings) -> dict:
    """The lifecycle part of a child's page: the closing (asked or done), the changes made to
    the child's details, and, for the supervisor, who the case could move to."""
    reads.add("child_change.list", "child_change", cid, cid)
    holds = access.holds_case(actor, scope)
    return {"lifecycle": {
        "closure": await lifecycle.closure(cid), "changes": await lifecycle.changes(cid, 50),
        "reasons": lifecycle.CLOSING_REASONS, "closed": access.is_read_only(scope),
        "can_close": access.can_close_case(actor, scope), "can_request": holds,
        "caseworkers": await team_caseworkers(actor) if access.can_reassign(actor, scope) else [],
    }}


ROUTES = [request_closing, approve_closing, decline_closing, get_chronology]
PAGES = [closing_submit, closing_page, closing_decide, chronology_page]
