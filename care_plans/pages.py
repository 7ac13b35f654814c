"""The case pages: a caseload, registering a child, and the forms that record a check-in, a
placement change, a missing episode and the return, the care team, care plans and reviews.

Each handler is the page twin of a JSON route in `controllers.py`: the same scope check, the
same `access` decision, the same service function in one transaction with its audit entry.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

import msgspec
from litestar import Request, get, post
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template

from care_plans import cadence as rules
from care_plans import care_team, changes, check_ins, children, leaving_care, missing, placements, plans
from care_plans.duties import Duties
from care_plans.queries import editable_scope, visible_scope, writable_scope
from care_plans.schemas import (
    CarePlanIn,
    CarePlanPatch,
    CheckInIn,
    ChildIn,
    MissingIn,
    PlacementIn,
    ReturnedIn,
    ReviewIn,
)
from service import access, clock, db, forms
from service.access import CASEWORKER, STAFF, SUPERVISOR
from service.accounts import services as accounts
from service.audit.services import Reads, record, record_read, record_reads
from service.errors import Conflict, Forbidden, Invalid
from service.i18n import N_
from service.web import allow, parse_id, utcnow, where

HOLDERS = (CASEWORKER, SUPERVISOR)
PLACEMENT_KINDS = ["foster", "kinship", "residential", "shelter", "hospital", "independent", "other"]
GOAL_DOMAINS = ["safety", "health", "development", "education", "emotional_wellbeing", "identity",
                "family_and_relationships", "independence"]
GOAL_ROWS = 8  # blank goal rows a plan form offers; unused ones are ignored
MAX_GOAL_ROWS = 40  # more rows than a plan may have goals (30), so too many is named, not dropped


def _duties(request: Request) -> Duties:
    return Duties.from_settings(request.app.state.settings)


def _cadence(request: Request) -> rules.Cadence:
    return rules.Cadence.from_settings(request.app.state.settings)


async def editable(request: Request, child_id: str, hold: bool = True):
    """The child's id and scope if the caller may change the case: 404 unseen, 403 unallowed.
    A form page reading the case asks with `hold=False` (see `editable_scope`)."""
    cid = parse_id(child_id, "child")
    return cid, await editable_scope(request.user, cid, hold)


# The caseload -------------------------------------------------------------------------------

def _attention(row: dict, now: dt.datetime, grace_days: int) -> dict:
    """What needs doing for one child: the check-in's state and whether a review is overdue."""
    state = rules.check_in_state(row["check_in_due_at"], now, grace_days)
    review_overdue = row["next_review_due"] is not None and row["next_review_due"] < clock.today(now)
    return {**row, "check_in_state": state, "review_overdue": review_overdue,
            "overdue": state != "due" or review_overdue}


def overdue_first(rows: list[dict], now: dt.datetime, grace_days: int) -> list[dict]:
    marked = [_attention(r, now, grace_days) for r in rows]
    return sorted(marked, key=lambda r: (not r["overdue"], r["check_in_due_at"]))


PAGE_SIZE = 50
RISK_LEVELS = ("critical", "high", "medium", "low")


def list_filters(q, risk_level, caseworker, sort, order, page) -> tuple[children.Filters, dict]:
    """The caseload's filters from its address, and the same as the values to keep in links.
    Unknown values fall back to the defaults: the address is a convenience, not an input."""
    kept = {"q": (q or "").strip(),  # over the cap: the search refuses it, naming q
            "risk_level": risk_level if risk_level in RISK_LEVELS else "",
            "caseworker": caseworker or "", "sort": sort if sort in children.SORTS else "",
            "order": "desc" if order == "desc" else ""}
    number = page if page and 0 < page <= 20_000 else 1
    filters = children.Filters(status="active", risk_level=kept["risk_level"] or None,
                               caseworker=kept["caseworker"] or None, q=kept["q"] or None,
                               limit=PAGE_SIZE, offset=(number - 1) * PAGE_SIZE,
                               sort=kept["sort"] or "next_check_in", descending=kept["order"] == "desc")
    return filters, {**kept, "page": number}


def _address(kept: dict, **changed) -> str:
    values = {**kept, **changed}
    return "/children?" + urlencode({k: v for k, v in values.items() if v and not (k == "page" and v == 1)})


def paging(kept: dict, shown: int, total: int) -> dict:
    """Which of the matching children this page shows ("51–100 of 120"), the addresses of the
    pages around it and of each column's sort, with every filter kept in them."""
    first = (kept["page"] - 1) * PAGE_SIZE + 1 if shown else 0
    last = first + shown - 1 if shown else 0
    flip = {key: "desc" if kept["sort"] == key and kept["order"] != "desc" else "" for key in children.SORTS}
    return {"first": first, "last": last, "total": total,
            "previous": _address(kept, page=kept["page"] - 1) if kept["page"] > 1 else None,
            "next": _address(kept, page=kept["page"] + 1) if shown and last < total else None,
            "sorts": {key: _address(kept, sort=key, order=flip[key], page=1) for key in children.SORTS}}


@get("/children", guards=[allow(*STAFF)], operation_id="caseloadPage", include_in_schema=False)
async def caseload_page(request: Request, q: FromQuery[str | None] = None,
                        risk_level: FromQuery[str | None] = None, caseworker: FromQuery[str | None] = None,
                        sort: FromQuery[str | None] = None, order: FromQuery[str | None] = None,
                        page: FromQuery[int | None] = None) -> Template:
    filters, kept = list_filters(q, risk_level, caseworker, sort, order, page)
    now, grace = utcnow(), request.app.state.settings.check_in_grace_days
    async with db.reading():
        rows = await children.caseload(request.user, filters)
        total = await children.caseload_count(request.user, filters)
        caseworkers = await team_caseworkers(request.user)
    await record_reads(where(request), "child.list", "child", [r["id"] for r in rows])
    return Template("care_plans/caseload.html", context={
        "children": [_attention(r, now, grace) for r in rows], "now": now, "caseworkers": caseworkers,
        "filters": kept, "paging": paging(kept, len(rows), total),
        "filtered": bool(kept["q"] or kept["risk_level"] or kept["caseworker"])})


def per_caseworker(rows: list[dict], caseworkers: list[tuple[str, str]] = ()) -> list[dict]:
    """For a team overview: each caseworker's children and how many need attention; every
    caseworker of the team is listed, those with no children too."""
    team: dict[str, dict] = {}
    names = dict(caseworkers)
    for username in [u for u, _ in caseworkers] + [r["caseworker"] for r in rows]:
        team.setdefault(username, {"caseworker": username, "name": names.get(username) or username,
                                   "children": 0, "late": 0, "missed": 0, "reviews": 0, "high": 0})
    for r in rows:
        t = team[r["caseworker"]]
        t["children"] += 1
        t["late"] += r["check_in_state"] == "late"
        t["missed"] += r["check_in_state"] == "missed"
        t["reviews"] += r["review_overdue"]
        t["high"] += r["risk_level"] in ("high", "critical")
    return sorted(team.values(), key=lambda t: (-(t["missed"] + t["reviews"]), t["caseworker"]))


TEAM_LIMIT = 5000  # far above a team's caseload; the page says so if it is ever reached


@get("/team", guards=[allow(SUPERVISOR)], operation_id="teamPage", include_in_schema=False)
async def team_page(request: Request) -> Template:
    now, grace = utcnow(), request.app.state.settings.check_in_grace_days
    async with db.reading():
        rows = await children.caseload(request.user, children.Filters(status="active", limit=TEAM_LIMIT))
        caseworkers = await team_caseworkers(request.user)
    await record_reads(where(request), "child.list", "child", [r["id"] for r in rows])
    marked = overdue_first(rows, now, grace)
    return Template("care_plans/team.html", context={
        "team": per_caseworker(marked, caseworkers), "children": [r for r in marked if r["overdue"]],
        "now": now, "incomplete": len(rows) == TEAM_LIMIT})


# A child's page: the case parts ------------------------------------------------------------

CASE_READS = [("child.read", "child"), ("placement.list", "placement"), ("check_in.list", "check_in"),
              ("missing.list", "missing_episode"), ("care_plan.list", "care_plan")]


async def case_view(actor: access.Actor, cid, scope: access.ChildScope, reads: Reads,
                    now: dt.datetime, grace_days: int) -> dict:
    """The case parts of a child's page, each read audited as its JSON twin audits it.
    Locations are dropped, not hidden, for anyone who may not see them."""
    child = _attention(await children.get(cid), now, grace_days)
    shows_location = access.can_see_location(actor, scope)
    history = [{**p, "location": p["location"] if shows_location else None}
               for p in await placements.history(cid)]
    plan_list = await plans.for_child(cid)
    active = next((p for p in plan_list if p["status"] == "active"), None)
    for action, record_type in CASE_READS:
        reads.add(action, record_type, cid, cid)
    reviews = await plans.reviews(active["id"]) if active else []
    if active:
        reads.add("review.list", "review", active["id"], cid)
    return {
        "child": child, "placements": history, "check_ins": await check_ins.history(cid),
        "missing": await missing.history(cid), "active_plan": active, "reviews": reviews,
        "open_plans": [p for p in plan_list if p["status"] in plans.EDITABLE],
        "plan_changes": {p["id"]: changes.between(active, p) for p in plan_list
                         if active and p["status"] in plans.EDITABLE},
        "earlier_plans": [p for p in plan_list if p["status"] == "superseded"],
        "can_edit": access.can_edit_case(actor, scope) and not access.is_read_only(scope),
        "shows_location": shows_location,
        "can_approve": access.can_approve_plan(actor, scope) and not access.is_read_only(scope),
        "therapists": await therapists() if access.can_edit_case(actor, scope) else [],
    }


# Registering a child ------------------------------------------------------------------------

async def team_caseworkers(actor: access.Actor) -> list[tuple[str, str]]:
    """The caseworkers a supervisor may register a child to, as (username, name) choices."""
    if actor.role != SUPERVISOR or not actor.team_id:
        return []
    return [(u["username"], u["full_name"]) for u in await accounts.active_staff(CASEWORKER, actor.team_id)]


async def _register_form(request: Request, posted: dict, errors: dict) -> Template:
    async with db.reading():
        caseworkers = await team_caseworkers(request.user)
    return Template("care_plans/register.html", status_code=400 if errors else 200, context={
        "values": posted, "errors": errors, "caseworkers": caseworkers})


@get("/children/new", guards=[allow(*HOLDERS)], operation_id="registerChildPage",
     include_in_schema=False)
async def register_page(request: Request) -> Template:
    return await _register_form(request, {}, {})


def _child_fields(posted: dict) -> dict:
    """Languages are typed as one comma-separated line."""
    languages = [part.strip() for part in posted.get("languages", "").split(",") if part.strip()]
    return {**posted, "languages": languages}


@post("/children/new", guards=[allow(*HOLDERS)], operation_id="registerChildSubmit",
      include_in_schema=False)
async def register(request: Request) -> Template | Redirect:
    posted = await forms.values(request)
    try:
        data = forms.parse(ChildIn, _child_fields(posted))
        async with db.writing():
            created = await children.register(request.user, data, utcnow(), _cadence(request))
            await record(where(request), "child.register", "child", created["id"], created["id"])
    except Invalid as problem:
        return await _register_form(request, posted, forms.flatten(problem.fields, "languages"))
    return forms.done(f"/children/{created['id']}", "registered")


# Forms about one child ----------------------------------------------------------------------

async def case_form(request: Request, child_id: str, template: str, posted: dict | None = None,
                    errors: dict | None = None, **context) -> Template:
    """A form about one child, headed by who the child is (a read, so it is audited)."""
    async with db.reading():
        cid, _ = await editable(request, child_id, hold=False)
        child = await children.get(cid)
        context.update(await _form_extras(template, cid))
    await record_read(where(request), "child.read", "child", cid, cid)
    now = utcnow()
    return Template(template, status_code=400 if errors else 200, context={
        **context, "child": child, "values": posted or {}, "errors": errors or {}, "now": now,
        "leaving_care_due": leaving_care.due(child["birth_date"], clock.today(now)),
        "leaving_care_parts": leaving_care.PARTS})


async def _form_extras(template: str, cid) -> dict:
    """What a form shows beside the child: the current placement, open episode or plan."""
    if template.endswith("placement.html"):
        history = await placements.history(cid)
        return {"current": history[0] if history else None}
    if template == PLAN_FORM:  # a new version starts from, and is compared with, the plan in force
        return {"current_plan": await plans.current(cid)}
    return {}


async def _saved(request: Request, child_id: str, template: str, work, done: str,
                 posted: dict, **context) -> Template | Redirect:
    """Run `work(cid)` (the service call and its audit) in one transaction, then redirect; on
    bad input, the same form again with each problem beside its field and nothing written."""
    try:
        async with db.writing():
            cid, _ = await editable(request, child_id)
            await work(cid)
    except Invalid as problem:
        return await case_form(request, child_id, template, posted, problem.fields, **context)
    except Conflict as problem:
        return await case_form(request, child_id, template, posted, {"form": str(problem)}, **context)
    return forms.done(f"/children/{cid}", done)


def _parse_or_none(struct_type, posted: dict, utc=()):
    try:
        return forms.parse(struct_type, posted, utc=utc), {}
    except Invalid as problem:
        return None, problem.fields


CHECK_IN = "care_plans/check_in.html"


@get("/children/{child_id:str}/check-ins/new", guards=[allow(*HOLDERS)],
     operation_id="checkInPage", include_in_schema=False)
async def check_in_page(request: Request, child_id: FromPath[str]) -> Template:
    return await case_form(request, child_id, CHECK_IN)


@post("/children/{child_id:str}/check-ins/new", guards=[allow(*HOLDERS)],
      operation_id="checkInSubmit", include_in_schema=False)
async def check_in_submit(request: Request, child_id: FromPath[str]) -> Template | Redirect:
    posted = await forms.values(request)
    data, errors = _parse_or_none(CheckInIn, posted, utc=("occurred_at",))
    if errors:
        return await case_form(request, child_id, CHECK_IN, posted, errors)

    async def work(cid):
        new_id = await check_ins.record(request.user, cid, data, utcnow(), _cadence(request))
        await record(where(request), "check_in.create", "check_in", new_id, cid)

    return await _saved(request, child_id, CHECK_IN, work, "check_in", posted)


PLACEMENT = "care_plans/placement.html"


@get("/children/{child_id:str}/placements/new", guards=[allow(*HOLDERS)],
     operation_id="placementPage", include_in_schema=False)
async def placement_page(request: Request, child_id: FromPath[str]) -> Template:
    return await case_form(request, child_id, PLACEMENT, kinds=PLACEMENT_KINDS)


@post("/children/{child_id:str}/placements/new", guards=[allow(*HOLDERS)],
      operation_id="placementSubmit", include_in_schema=False)
async def placement_submit(request: Request, child_id: FromPath[str]) -> Template | Redirect:
    posted = await forms.values(request)
    data, errors = _parse_or_none(PlacementIn, _with_start_time(posted), utc=("started_at",))
    errors = {("started_time" if k == "started_at" else k): v for k, v in errors.items()}
    if errors:
        return await case_form(request, child_id, PLACEMENT, posted, errors, kinds=PLACEMENT_KINDS)

    async def work(cid):
        new_id = await placements.start(request.user, cid, data, utcnow(), _cadence(request), _duties(request))
        await record(where(request), "placement.create", "placement", new_id, cid)

    return await _saved(request, child_id, PLACEMENT, work, "placement", posted, kinds=PLACEMENT_KINDS)


def _with_start_time(posted: dict) -> dict:
    """The form takes the day of the move and, optionally, its local time; the API the moment."""
    raw = {k: v for k, v in posted.items() if k not in ("started_time", "started_at")}
    if posted.get("started_time") and posted.get("started_on"):
        raw["started_at"] = f"{posted['started_on']}T{posted['started_time']}"
    return raw


MISSING = "care_plans/missing.html"


@get("/children/{child_id:str}/missing/new", guards=[allow(*HOLDERS)],
     operation_id="missingPage", include_in_schema=False)
async def missing_page(request: Request, child_id: FromPath[str]) -> Template:
    return await case_form(request, child_id, MISSING)


@post("/children/{child_id:str}/missing/new", guards=[allow(*HOLDERS)],
      operation_id="missingSubmit", include_in_schema=False)
async def missing_submit(request: Request, child_id: FromPath[str]) -> Template | Redirect:
    posted = await forms.values(request)
    data, errors = _parse_or_none(MissingIn, posted, utc=("went_missing_at",))
    if errors:
        return await case_form(request, child_id, MISSING, posted, errors)

    async def work(cid):
        new_id = await missing.went_missing(request.user, cid, data, utcnow(), _duties(request))
        await record(where(request), "missing.create", "missing_episode", new_id, cid)

    return await _saved(request, child_id, MISSING, work, "missing", posted)


RETURNED = "care_plans/returned.html"


@get("/children/{child_id:str}/missing/{episode_id:str}/return", guards=[allow(*HOLDERS)],
     operation_id="returnPage", include_in_schema=False)
async def return_page(request: Request, child_id: FromPath[str], episode_id: FromPath[str]) -> Template:
    async with db.reading():
        cid, _ = await editable(request, child_id, hold=False)
        await missing.episode_of(cid, parse_id(episode_id, "missing episode"))
    return await case_form(request, child_id, RETURNED, episode_id=episode_id)


@post("/children/{child_id:str}/missing/{episode_id:str}/return", guards=[allow(*HOLDERS)],
      operation_id="returnSubmit", include_in_schema=False)
async def return_submit(request: Request, child_id: FromPath[str],
                        episode_id: FromPath[str]) -> Template | Redirect:
    posted = await forms.values(request)
    data, errors = _parse_or_none(ReturnedIn, posted, utc=("returned_at",))
    if errors:
        return await case_form(request, child_id, RETURNED, posted, errors, episode_id=episode_id)

    async def work(cid):
        eid = parse_id(episode_id, "missing episode")
        notes = posted.get("notes") or None
        await missing.returned(cid, eid, data.returned_at, notes, utcnow(), _duties(request))
        await record(where(request), "missing.return", "missing_episode", eid, cid)

    return await _saved(request, child_id, RETURNED, work, "returned", posted,
                        episode_id=episode_id)


@post("/children/{child_id:str}/care-team", guards=[allow(*HOLDERS)],
      operation_id="careTeamSubmit", include_in_schema=False)
async def care_team_submit(request: Request, child_id: FromPath[str]) -> Redirect:
    username = (await forms.values(request)).get("username", "")
    async with db.writing():
        cid, scope = await editable(request, child_id)
        outcome = await care_team.add(request.user, scope, cid, username, utcnow())
        requested = outcome == "requested"
        await record(where(request), "care_team.request" if requested else "care_team.add", "child", cid, cid)
    return forms.done(f"/children/{cid}#care-team", "care_team_requested" if requested else "care_team")


@post("/children/{child_id:str}/care-team/{username:str}/approve", guards=[allow(SUPERVISOR)],
      operation_id="careTeamApprovePage", include_in_schema=False)
async def care_team_approve(request: Request, child_id: FromPath[str], username: FromPath[str]) -> Redirect:
    async with db.writing():
        cid, scope = await editable(request, child_id)
        await care_team.approve(request.user, scope, cid, username, utcnow())
        await record(where(request), "care_team.approve", "child", cid, cid)
    return forms.done(f"/children/{cid}#care-team", "care_team_approved")


@post("/children/{child_id:str}/care-team/{username:str}/remove", guards=[allow(*HOLDERS)],
      operation_id="careTeamRemovePage", include_in_schema=False)
async def care_team_remove(request: Request, child_id: FromPath[str], username: FromPath[str]) -> Redirect:
    async with db.writing():
        cid, _ = await editable(request, child_id)
        await care_team.remove(cid, username)
        await record(where(request), "care_team.remove", "child", cid, cid)
    return forms.done(f"/children/{cid}#care-team", "care_team_removed")


# Care plans and reviews ---------------------------------------------------------------------

PLAN_FORM = "care_plans/plan.html"
REVIEW_FORM = "care_plans/review.html"


def goal_row_count(values: dict) -> int:
    """The form's goal rows: at least GOAL_ROWS, and every filled one with a blank one after,
    so that no goal of a longer plan is left out of the form, and so lost, when it is saved."""
    filled = [k.split("-")[1] for k, v in values.items() if k.startswith("goal-") and v]
    highest = max((int(n) for n in filled if n.isdigit() and int(n) < MAX_GOAL_ROWS), default=-1)
    return max(GOAL_ROWS, highest + 2)


def plan_fields(posted: dict) -> tuple[dict, dict[int, int]]:
    """The plan body from the form: filled goal rows in order, services one per line.
    Also which form row each goal came from, to put a goal's problem beside its row."""
    goals, rows = [], {}
    for i in range(MAX_GOAL_ROWS):
        goal = {k: posted.get(f"goal-{i}-{k}", "") for k in ("domain", "description", "target_date")}
        if any(goal.values()):
            rows[len(goals)] = i
            goals.append({k: v for k, v in goal.items() if v})
    services = [line.strip() for line in posted.get("services", "").splitlines() if line.strip()]
    section = {k: posted.get(f"leaving_care-{k}", "") for k in leaving_care.PARTS}
    body = {**posted, "goals": goals, "services": services}
    if any(section.values()):
        body["leaving_care"] = section
    return body, rows


def goal_errors(errors: dict, rows: dict[int, int]) -> dict:
    """`goals[2].description` → `goal-<row>-description`, the id of the input at fault. The
    hidden version is the form's problem: it was altered, since a stale one is a conflict."""
    named = {}
    for key, message in forms.flatten(errors, "services").items():
        head, _, rest = key.partition("].")
        if key.startswith("goals[") and rest:
            named[f"goal-{rows.get(int(head[6:]), 0)}-{rest}"] = message
        elif key.startswith("leaving_care."):
            named[key.replace(".", "-", 1)] = message
        else:
            named["goal-0-description" if key == "goals" else key] = message
    if named.pop("version", None):
        named["form"] = "This form does not match a version of the plan: open the plan again."
    return named


def plan_values(plan: dict) -> dict:
    """A stored plan as the values of its edit form."""
    values = {k: str(plan[k] or "") for k in ("review_every_days", "check_in_every_days",
                                               "child_views", "child_views_not_obtained_reason")}
    values.update(services="\n".join(plan["services"]), version=str(plan["version"]))
    values.update({f"leaving_care-{k}": v for k, v in (plan.get("leaving_care") or {}).items()})
    for i, goal in enumerate(plan["goals"]):
        values.update({f"goal-{i}-domain": goal["domain"], f"goal-{i}-description": goal["description"],
                       f"goal-{i}-target_date": str(goal["target_date"] or "")})
    return values


def revised(data: CarePlanPatch, body: dict) -> dict:
    """Every field of the edit form: one left blank is cleared, not left as it was."""
    changes = {f: getattr(data, f) for f in data.__struct_fields__
               if f != "version" and getattr(data, f) is not msgspec.UNSET}
    for name in ("child_views", "child_views_not_obtained_reason"):
        changes.setdefault(name, body.get(name, ""))
    changes.setdefault("check_in_every_days", None)
    changes.setdefault("leaving_care", None)
    return changes


def _plan_context(values: dict | None = None, **extra) -> dict:
    return {"domains": GOAL_DOMAINS, "goal_rows": range(goal_row_count(values or {})), **extra}


def new_version_values(current: dict | None) -> dict:
    """A new version starts from the plan in force: everything it says, so that what is not
    retyped is kept. Its version is its own, given when it is saved."""
    if current is None:
        return {}
    values = plan_values(current)
    del values["version"]
    return values


@get("/children/{child_id:str}/care-plans/new", guards=[allow(*HOLDERS)],
     operation_id="draftPlanPage", include_in_schema=False)
async def draft_plan_page(request: Request, child_id: FromPath[str]) -> Template:
    async with db.reading():
        cid, _ = await editable(request, child_id, hold=False)
        values = new_version_values(await plans.current(cid))
    return await case_form(request, child_id, PLAN_FORM, values, **_plan_context(values))


@post("/children/{child_id:str}/care-plans/new", guards=[allow(*HOLDERS)],
      operation_id="draftPlanSubmit", include_in_schema=False)
async def draft_plan_submit(request: Request, child_id: FromPath[str]) -> Template | Redirect:
    posted = await forms.values(request)
    body, rows = plan_fields(posted)
    data, errors = _parse_or_none(CarePlanIn, body)
    if errors:
        return await case_form(request, child_id, PLAN_FORM, posted, goal_errors(errors, rows),
                               **_plan_context(posted))

    async def work(cid):
        try:
            pid = await plans.create(request.user, cid, data, utcnow(), _cadence(request))
        except Invalid as problem:
            raise Invalid(goal_errors(problem.fields, rows)) from None
        await record(where(request), "care_plan.create", "care_plan", pid, cid)

    return await _saved(request, child_id, PLAN_FORM, work, "plan_saved", posted, **_plan_context(posted))


async def _plan_child(request: Request, plan_id: str, hold: bool = True):
    """The plan's id and its child's id, if the caller may change the case."""
    pid = parse_id(plan_id, "care plan")
    cid, _ = await editable(request, str(await plans.child_of(pid)), hold)
    return pid, cid


async def _plan_form(request: Request, plan_id: str, posted=None, errors=None) -> Template:
    async with db.reading():
        pid, cid = await _plan_child(request, plan_id, hold=False)
        plan, current = await plans.get(pid), await plans.current(cid)
    values = posted if posted is not None else plan_values(plan)
    compared = changes.between(current, plan) if current and current["id"] != plan["id"] else None
    return await case_form(request, str(cid), PLAN_FORM, values, errors,
                           **_plan_context(values, plan=plan, plan_changes=compared))


@get("/care-plans/{plan_id:str}/edit", guards=[allow(*HOLDERS)], operation_id="revisePlanPage",
     include_in_schema=False)
async def revise_plan_page(request: Request, plan_id: FromPath[str]) -> Template:
    return await _plan_form(request, plan_id)


@post("/care-plans/{plan_id:str}/edit", guards=[allow(*HOLDERS)], operation_id="revisePlanSubmit",
      include_in_schema=False)
async def revise_plan_submit(request: Request, plan_id: FromPath[str]) -> Template | Redirect:
    posted = await forms.values(request)
    body, rows = plan_fields(posted)
    data, errors = _parse_or_none(CarePlanPatch, body)
    if errors:
        return await _plan_form(request, plan_id, posted, goal_errors(errors, rows))
    try:
        async with db.writing():
            pid, cid = await _plan_child(request, plan_id)
            await plans.update(request.user, pid, data.version, revised(data, body), utcnow())
            await record(where(request), "care_plan.update", "care_plan", pid, cid)
    except Invalid as problem:
        return await _plan_form(request, plan_id, posted, goal_errors(problem.fields, rows))
    except Conflict as problem:  # shown as the plan is now, so nothing is overwritten unseen
        return await _plan_form(request, plan_id, None, {"form": str(problem)})
    return forms.done(f"/children/{cid}#care-plan", "plan_saved")


@post("/care-plans/{plan_id:str}/submit", guards=[allow(*HOLDERS)], operation_id="submitPlanPage",
      include_in_schema=False)
async def submit_plan(request: Request, plan_id: FromPath[str]) -> Template | Redirect:
    try:
        async with db.writing():
            pid, cid = await _plan_child(request, plan_id)
            await plans.leaving_care_written(pid, cid, utcnow())
            await plans.submit(pid, utcnow())
            await record(where(request), "care_plan.submit", "care_plan", pid, cid)
    except Invalid as problem:  # the section to write is shown on the plan's own form
        return await _plan_form(request, plan_id, None, goal_errors(problem.fields, {}))
    return forms.done(f"/children/{cid}#care-plan", "plan_submitted")


@post("/care-plans/{plan_id:str}/approve", guards=[allow(SUPERVISOR)], operation_id="approvePlanPage",
      include_in_schema=False)
async def approve_plan(request: Request, plan_id: FromPath[str]) -> Redirect:
    back = (await forms.values(request)).get("back", "")
    async with db.writing():
        pid = parse_id(plan_id, "care plan")
        cid = await plans.child_of(pid)
        if not access.can_approve_plan(request.user, await writable_scope(request.user, cid)):
            raise Forbidden("Only the supervisor of the child's team approves care plans.")
        await plans.approve(request.user, pid, cid, utcnow(), _cadence(request))
        await record(where(request), "care_plan.approve", "care_plan", pid, cid)
    return forms.done("/inbox" if back == "inbox" else f"/children/{cid}#care-plan", "plan_approved")


DECIDE = "care_plans/decide.html"


async def _decision_page(request: Request, plan_id: str, posted=None, errors=None) -> Template:
    """A submitted plan as the supervisor decides on it: the plan, what it changes against the
    plan in force, and the choice to approve it or return it with a comment. Read and audited
    as the API's plan read is."""
    async with db.writing():
        pid = parse_id(plan_id, "care plan")
        cid = await plans.child_of(pid)
        scope = await visible_scope(request.user, cid)
        if not access.can_approve_plan(request.user, scope):
            raise Forbidden("Only the supervisor of the child's team approves care plans.")
        plan, current, child = await plans.get(pid), await plans.current(cid), await children.get(cid)
        await record(where(request), "care_plan.read", "care_plan", pid, cid)
    compared = changes.between(current, plan) if current and current["id"] != plan["id"] else None
    return Template(DECIDE, status_code=400 if errors else 200, context={
        "child": child, "plan": plan, "current_plan": current, "plan_changes": compared,
        "values": posted or {}, "errors": errors or {}, "now": utcnow()})


@get("/care-plans/{plan_id:str}/decide", guards=[allow(SUPERVISOR)], operation_id="decidePlanPage",
     include_in_schema=False)
async def decide_plan_page(request: Request, plan_id: FromPath[str]) -> Template:
    return await _decision_page(request, plan_id)


@post("/care-plans/{plan_id:str}/return", guards=[allow(SUPERVISOR)], operation_id="returnPlanPage",
      include_in_schema=False)
async def return_plan(request: Request, plan_id: FromPath[str]) -> Template | Redirect:
    """Validated as the API validates; a blank comment or a plan no longer waiting is said on
    the same page, and nothing is written."""
    posted = await forms.values(request)
    try:
        async with db.writing():
            pid = parse_id(plan_id, "care plan")
            cid = await plans.child_of(pid)
            if not access.can_approve_plan(request.user, await writable_scope(request.user, cid)):
                raise Forbidden("Only the supervisor of the child's team returns care plans.")
            await plans.return_to_caseworker(request.user, pid, posted.get("comment", ""), utcnow())
            await record(where(request), "care_plan.return", "care_plan", pid, cid)
    except Invalid as problem:
        return await _decision_page(request, plan_id, posted, problem.fields)
    except Conflict as problem:
        return await _decision_page(request, plan_id, posted, {"form": str(problem)})
    return forms.done(f"/children/{cid}#care-plan", "plan_returned")


# What a review found of a goal, in the words the form and the plan's page show (translated there).
GOAL_FINDINGS = [("met", N_("Met")), ("partly", N_("Partly met")), ("not_yet", N_("Not yet")),
                 ("no_longer_relevant", N_("No longer relevant"))]


async def _review_form(request: Request, plan_id: str, posted=None, errors=None) -> Template:
    async with db.reading():
        pid, cid = await _plan_child(request, plan_id, hold=False)
        goals = (await plans.get(pid))["goals"]
    return await case_form(request, str(cid), REVIEW_FORM, posted, errors, plan_id=pid,
                           goals=goals, findings=GOAL_FINDINGS)


def posted_review(posted: dict) -> dict:
    """The API's body from the form: each goal's `goals[n].outcome` and `goals[n].note`, in
    order, up to the last goal the form sent."""
    count = sum(1 for k in posted if k.startswith("goals[") and k.endswith("].note"))
    goals = [{"outcome": posted.get(f"goals[{n}].outcome") or None, "note": posted.get(f"goals[{n}].note", "")}
             for n in range(count)]
    return {**posted, "goals": goals}


@get("/care-plans/{plan_id:str}/reviews/new", guards=[allow(*HOLDERS)], operation_id="reviewPage",
     include_in_schema=False)
async def review_page(request: Request, plan_id: FromPath[str]) -> Template:
    return await _review_form(request, plan_id)


@post("/care-plans/{plan_id:str}/reviews/new", guards=[allow(*HOLDERS)], operation_id="reviewSubmit",
      include_in_schema=False)
async def review_submit(request: Request, plan_id: FromPath[str]) -> Template | Redirect:
    posted = await forms.values(request)
    data, errors = _parse_or_none(ReviewIn, posted_review(posted))
    try:
        if errors:
            raise Invalid(errors)
        async with db.writing():
            pid, cid = await _plan_child(request, plan_id)
            await plans.leaving_care_asked(cid, data.leaving_care, utcnow())
            rid = await plans.review(request.user, pid, cid, data, utcnow(), _cadence(request))
            await record(where(request), "review.create", "review", rid, cid)
    except Invalid as problem:
        return await _review_form(request, plan_id, posted, problem.fields)
    except Conflict as problem:
        return await _review_form(request, plan_id, posted, {"form": str(problem)})
    return forms.done(f"/children/{cid}#care-plan", "review")


async def therapists() -> list[str]:
    """Who can join a care team: every active therapist (account names only)."""
    return [u["username"] for u in await accounts.active_staff(access.THERAPIST)]


PAGES = [
    caseload_page, team_page, register_page, register, check_in_page, check_in_submit, placement_page,
    placement_submit, missing_page, missing_submit, return_page, return_submit, care_team_submit,
    care_team_approve, care_team_remove,
    draft_plan_page, draft_plan_submit, revise_plan_page, revise_plan_submit, submit_plan,
    approve_plan, decide_plan_page, return_plan, review_page, review_submit,
]
