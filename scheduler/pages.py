"""The inbox (alerts waiting for someone, and for supervisors the care plans waiting for
approval), the alerts and risk parts of a child's page, and the forms that handle them.

Each handler is the page twin of a JSON route in `controllers.py`: the same scope check, the
same `access` decision, the same service call in one transaction with the same audit entry.
A refusal the person can act on (a note missing, an alert already handled, a child not yet
back) comes back as the page again with the reason, never as an error page.
"""

from __future__ import annotations

import datetime as dt
from typing import get_args
from urllib.parse import urlencode

import msgspec
from litestar import Request, get, post
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template

from care_plans import children, plans, referrals
from care_plans.pages import team_caseworkers
from care_plans.queries import editable_scope, visible_scope, writable_scope
from milestones import catalogue
from scheduler import handling, risk_records, worklist
from scheduler import reason_words  # noqa: F401 (registers the patterns the alerts' reasons are said by)
from scheduler.controllers import alert_in_scope
from scheduler.risk import INDICATORS, LEVELS
from scheduler.schemas import AlertKind, DisagreementIn, IndicatorIn, NoteIn, OptionalNote
from service import access, db, forms
from service.access import CASEWORKER, STAFF, SUPERVISOR
from service.audit.services import Reads, record, record_read
from service.accounts import notices
from service.errors import Conflict, Forbidden, Invalid
from service.web import allow, parse_id, utcnow, where

KINDS = get_args(AlertKind)
HOLDERS = (CASEWORKER, SUPERVISOR)


class AcknowledgeForm(msgspec.Struct):
    """The page asks for a note but does not insist: acknowledging says "I have seen it"."""

    note: OptionalNote = ""


def with_actions(actor: access.Actor, rows: list[dict]) -> list[dict]:
    """Each alert with what this person may do to it, as the access policy says."""
    return [{**r, "can_acknowledge": r["status"] == "open"
             and access.can_acknowledge_alert(actor, r["scope"], r["kind"]),
             "can_resolve": access.can_resolve_alert(actor, r["scope"], r["kind"]),
             "refer_link": refer_link(actor, r)} for r in rows]


def refer_link(actor: access.Actor, row: dict) -> str | None:
    """A developmental concern or regression offers a referral, its milestones as the reason."""
    may = access.holds_case(actor, row["scope"]) or access.on_care_team(actor, row["scope"])
    if row["kind"] != "developmental_concern" or not may:
        return None
    flagged, _, codes = row["cause_key"].partition(":")
    items = catalogue.by_code()
    described = [items[c].description for c in codes.split(",") if c in items]
    lead = "Seen before, not at the latest check: " if flagged == "regression" else "Not yet seen though due: "
    reason = lead + "; ".join(described) if described else row["reasons"][0]
    return f"/children/{row['child']}/referrals/new?" + urlencode({"kind": "developmental_evaluation", "reason": reason})


def by_severity(rows: list[dict]) -> list[tuple[str, list[dict]]]:
    return [(s, [r for r in rows if r["severity"] == s]) for s in worklist.SEVERITIES
            if any(r["severity"] == s for r in rows)]


def by_child(rows: list[dict]) -> list[dict]:
    """One card per child, holding that child's alerts (most severe first); the child whose
    most severe alert is worst and oldest comes first. `rows` are already in that order."""
    cards: dict = {}
    for r in rows:
        card = cards.setdefault(r["child"], {"child": r["child"], "display_name": r["display_name"],
                                             "case_number": r["case_number"], "caseworker": r["caseworker"],
                                             "alerts": []})
        card["alerts"].append(r)
    return list(cards.values())


def counts(rows: list[dict]) -> dict:
    """How many alerts wait, by severity and by kind, for the top of the inbox."""
    return {"total": len(rows),
            "severity": [(s, n) for s in worklist.SEVERITIES if (n := sum(r["severity"] == s for r in rows))],
            "kind": sorted(((k, n) for k in {r["kind"] for r in rows}
                            if (n := sum(r["kind"] == k for r in rows))), key=lambda kn: (-kn[1], kn[0]))}


# The inbox ------------------------------------------------------------------------------------

def _filters(kind: str | None, caseworker: str | None) -> dict:
    """Unknown kinds are ignored rather than refused: the filter is a convenience."""
    return {"kind": kind if kind in KINDS else "", "caseworker": caseworker or ""}


async def _inbox(request: Request, filters: dict, problem: dict | None = None,
                 status: int = 200) -> Template:
    actor = request.user
    reads = Reads(where(request))
    async with db.reading():
        rows = await worklist.waiting(actor, filters["kind"] or None, None, filters["caseworker"] or None)
        waiting = await plans.awaiting_approval(actor) if actor.role == SUPERVISOR else None
        caseworkers = await team_caseworkers(actor)
        team_notices = await notices.for_recipient(actor.id, 20) if actor.role == SUPERVISOR else None
        team_referrals = await referrals.for_team(actor.team_id) if actor.role == SUPERVISOR and actor.team_id else None
    reads.add_many("alert.list", "alert", sorted({str(r["child"]) for r in rows}))
    reads.add_many("referral.list", "referral", sorted({str(r["child"]) for r in team_referrals or []}))
    reads.add_many("care_plan.list", "care_plan", [p["child"] for p in waiting or []])
    await reads.keep()
    if problem:
        problem["listed"] = any(str(r["id"]) == problem["alert"] for r in rows)
    seen = access.alert_kinds_seen(actor)
    acted = with_actions(actor, rows)
    return Template("scheduler/inbox.html", status_code=status, context={
        "groups": by_severity(acted), "cards": by_child(acted), "counts": counts(rows),
        "filters": filters, "problem": problem,
        "kinds": [k for k in KINDS if seen is None or k in seen], "caseworkers": caseworkers,
        "waiting": waiting, "filtered": any(filters.values()), "now": utcnow(), "notices": team_notices,
        "referrals": team_referrals})


@get("/inbox", guards=[allow(*STAFF)], operation_id="inboxPage", include_in_schema=False)
async def inbox_page(request: Request, kind: FromQuery[str | None] = None,
                     caseworker: FromQuery[str | None] = None) -> Template:
    return await _inbox(request, _filters(kind, caseworker))


# Acknowledging and resolving --------------------------------------------------------------

ACTIONS = {
    "acknowledge": (access.can_acknowledge_alert, handling.acknowledge, AcknowledgeForm, "acknowledged"),
    "resolve": (access.can_resolve_alert, handling.resolve, NoteIn, "resolved"),
}


def _back(posted: dict, child_id) -> str:
    """Where the form came from: the child's page, or the inbox with its filters kept."""
    if posted.get("back") == "child":
        return f"/children/{child_id}#alerts"
    kept = {k: v for k, v in _filters(posted.get("kind"), posted.get("caseworker")).items() if v}
    return "/inbox" + (f"?{urlencode(kept)}" if kept else "")


async def _act(request: Request, alert_id: str, action: str) -> Template | Redirect:
    allowed, handle, form, done = ACTIONS[action]
    posted = await forms.values(request)
    try:
        async with db.writing():
            alert, scope = await alert_in_scope(request, alert_id)  # 404 outside the scope
            if not allowed(request.user, scope, alert["kind"]):
                raise Forbidden("Your role does not handle this alert.")
            note = forms.parse(form, posted).note
            await handle(request.user, alert, note, utcnow())
            await record(where(request), f"alert.{action}", "alert", alert["id"], alert["child"])
    except (Invalid, Conflict) as problem:
        return await _refused(request, alert, action, posted, problem)
    return forms.done(_back(posted, alert["child"]), done)


async def _refused(request: Request, alert: dict, action: str, posted: dict, problem) -> Template:
    conflict = isinstance(problem, Conflict)
    said = {"alert": str(alert["id"]), "action": action, "fields": {} if conflict else problem.fields,
            "message": str(problem) if conflict else None, "note": posted.get("note", "")}
    status = 409 if conflict else 400
    if posted.get("back") == "child":
        return await _alert_page(request, alert["child"], said, status)
    return await _inbox(request, _filters(posted.get("kind"), posted.get("caseworker")), said, status)


async def _alert_page(request: Request, child_id, problem: dict, status: int) -> Template:
    """Why an alert on a child's page was not handled, with the alert to try again."""
    reads = Reads(where(request))
    async with db.reading():
        child = await children.get(child_id)
        rows = [r for r in await worklist.waiting(request.user, child_id=child_id)
                if str(r["id"]) == problem["alert"]]
    reads.add("child.read", "child", child_id, child_id)
    reads.add_many("alert.list", "alert", [str(child_id)] if rows else [])
    await reads.keep()
    problem["listed"] = bool(rows)
    return Template("scheduler/alert.html", status_code=status, context={
        "child": child, "alerts": with_actions(request.user, rows), "problem": problem, "now": utcnow()})


@post("/alerts/{alert_id:str}/acknowledge", guards=[allow(*STAFF)], operation_id="acknowledgeAlertPage",
      include_in_schema=False)
async def acknowledge_submit(request: Request, alert_id: FromPath[str]) -> Template | Redirect:
    return await _act(request, alert_id, "acknowledge")


@post("/alerts/{alert_id:str}/resolve", guards=[allow(*STAFF)], operation_id="resolveAlertPage",
      include_in_schema=False)
async def resolve_submit(request: Request, alert_id: FromPath[str]) -> Template | Redirect:
    return await _act(request, alert_id, "resolve")


# A child's page: alerts and risk ----------------------------------------------------------

async def child_section(actor: access.Actor, cid, scope: access.ChildScope, reads: Reads,
                        now: dt.datetime, settings) -> dict:
    """The alerts and risk parts of a child's page, noted in `reads` for the audit trail."""
    rows = with_actions(actor, await worklist.waiting(actor, child_id=cid))
    reads.add_many("alert.list", "alert", sorted({str(r["child"]) for r in rows}))
    return {"alerts": rows, "risk": await _risk(actor, cid, scope, reads, now, settings)}


async def _risk(actor: access.Actor, cid, scope: access.ChildScope, reads: Reads, now: dt.datetime,
                settings) -> dict:
    """Whoever may see the child reads the risk (as `getRisk` allows); flagging and clearing
    are the case holders' (as `flagRiskIndicator`); anyone may record a disagreement."""
    found = await risk_records.risk_of(cid, now, settings)
    reads.add("risk.read", "child", cid, cid)
    return {**found, "can_flag": access.can_edit_case(actor, scope) and not access.is_read_only(scope),
            "names": INDICATOR_NAMES,
            "unflagged": unflagged(found["indicators"])}


INDICATOR_NAMES = {code: text[0].upper() + text[1:] for code, text in INDICATORS.items()}


def unflagged(indicators: list[dict]) -> list[tuple[str, str]]:
    """The known indicators not flagged now, as choices: flagging one twice is refused."""
    flagged = {i["code"] for i in indicators}
    return [(code, text) for code, text in INDICATOR_NAMES.items() if code not in flagged]


FLAG, DISAGREE = "flag", "disagree"
PREFIX = {FLAG: "indicator_", DISAGREE: "disagree_"}  # the child's page holds many forms


def unprefixed(posted: dict, form: str) -> dict:
    return {k.removeprefix(PREFIX[form]): v for k, v in posted.items() if k.startswith(PREFIX[form])}


def prefixed(errors: dict, form: str) -> dict:
    return {k if k == "form" else PREFIX[form] + k: v for k, v in errors.items()}


async def _risk_form(request: Request, cid, form: str, posted: dict, problem) -> Template:
    """The form again, alone, with each problem beside its field; nothing was written."""
    async with db.reading():
        scope = await visible_scope(request.user, cid)
        child = await children.get(cid)
        choices = unflagged(await risk_records.indicators(cid))
    await record_read(where(request), "child.read", "child", cid, cid)
    errors = prefixed(problem.fields, form) if isinstance(problem, Invalid) else {"form": str(problem)}
    return Template("scheduler/risk_form.html", status_code=409 if isinstance(problem, Conflict) else 400,
                    context={"child": child, "form": form, "values": posted, "errors": errors,
                             "levels": LEVELS, "can_flag": access.can_edit_case(request.user, scope),
                             "unflagged": choices})


async def _risk_change(request: Request, child_id: str, form: str, scope_for, work) -> Template | Redirect:
    """`work(cid, fields)` in one transaction once `scope_for` admits the caller."""
    cid, posted = parse_id(child_id, "child"), await forms.values(request)
    try:
        async with db.writing():
            await scope_for(request.user, cid)
            await work(cid, unprefixed(posted, form))
    except (Invalid, Conflict) as problem:
        return await _risk_form(request, cid, form, posted, problem)
    return forms.done(f"/children/{cid}#risk", {FLAG: "indicator_flagged", DISAGREE: "disagreement"}[form])


@post("/children/{child_id:str}/risk-indicators", guards=[allow(*HOLDERS)],
      operation_id="flagIndicatorPage", include_in_schema=False)
async def flag_submit(request: Request, child_id: FromPath[str]) -> Template | Redirect:
    async def work(cid, fields):
        data = forms.parse(IndicatorIn, fields)
        iid = await risk_records.flag(request.user, cid, data.code, data.note, utcnow())
        await record(where(request), "risk_indicator.create", "risk_indicator", iid, cid)

    return await _risk_change(request, child_id, FLAG, editable_scope, work)


@post("/children/{child_id:str}/risk-indicators/{indicator_id:str}/clear", guards=[allow(*HOLDERS)],
      operation_id="clearIndicatorPage", include_in_schema=False)
async def clear_submit(request: Request, child_id: FromPath[str], indicator_id: FromPath[str]) -> Redirect:
    cid = parse_id(child_id, "child")
    async with db.writing():
        await editable_scope(request.user, cid)
        iid = parse_id(indicator_id, "risk indicator")
        try:
            await risk_records.clear(request.user, cid, iid, utcnow())
        except Conflict:  # what was asked for is so already: say so, not an error page
            return forms.done(f"/children/{cid}#risk", "indicator_cleared")
        await record(where(request), "risk_indicator.clear", "risk_indicator", iid, cid)
    return forms.done(f"/children/{cid}#risk", "indicator_cleared")


@post("/children/{child_id:str}/risk/disagreements", guards=[allow(*STAFF)],
      operation_id="riskDisagreementPage", include_in_schema=False)
async def disagree_submit(request: Request, child_id: FromPath[str]) -> Template | Redirect:
    async def work(cid, fields):
        data = forms.parse(DisagreementIn, fields)
        row = await risk_records.disagree(request.user, cid, data.reason, data.level, utcnow())
        await record(where(request), "risk_disagreement.create", "risk_disagreement", row["id"], cid)

    return await _risk_change(request, child_id, DISAGREE, writable_scope, work)


PAGES = [inbox_page, acknowledge_submit, resolve_submit, flag_submit, clear_submit, disagree_submit]
