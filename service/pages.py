"""Pages that belong to no single domain: the home page each role starts from, and the
administrator's accounts and teams (which hold no case content)."""

from __future__ import annotations

from collections import defaultdict
from urllib.parse import urlencode

from litestar import Request, get, post
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template

import care_plans.pages as case_pages
import care_plans.safety_pages as safety_pages
import care_plans.referral_pages as referral_pages
import milestones.pages as development_pages
import milestones.screening_pages as screening_pages
import scheduler.closing_routes as lifecycle_pages
import scheduler.pages as alert_pages
from care_plans.queries import readable_scope
from service import access, db, forms
from service.access import ADMIN, CASEWORKER, EVERY_ROLE, MANAGER, ROLES_ALL, SUPERVISOR, THERAPIST
from service.accounts import services as accounts
from service.accounts.schemas import UserIn
from service.audit.services import Reads
from service.errors import Conflict, Invalid
from service.web import allow, parse_id, utcnow, where

ADMIN_ACTOR = access.Actor(id="", username="", role=ADMIN, team_id=None)
# Each domain adds its part of a child's page: (actor, child id, scope, reads, now, settings) -> context,
# noting each read in `reads` for the audit trail.
CHILD_SECTIONS = [safety_pages.child_section, development_pages.child_section, screening_pages.child_section,
                  alert_pages.child_section, referral_pages.child_section, lifecycle_pages.child_section]
HOMES = {CASEWORKER: "/children", THERAPIST: "/children", SUPERVISOR: "/inbox", ADMIN: "/admin/users",
         MANAGER: "/reports"}
ROLE_CHOICES = [(CASEWORKER, "Caseworker"), (THERAPIST, "Therapist"), (SUPERVISOR, "Supervisor"),
                (ADMIN, "Administrator"), (MANAGER, "Manager (indicators only)")]


@get("/", guards=[allow(*EVERY_ROLE)], operation_id="homePage", include_in_schema=False)
async def home(request: Request, done: FromQuery[str] = "") -> Redirect:
    """Each role's home; a confirmation named by `done` goes along (only known keys show)."""
    return Redirect(HOMES[request.user.role] + (f"?{urlencode({'done': done[:40]})}" if done else ""))


@get("/children/{child_id:str}", guards=[allow(*ROLES_ALL)], operation_id="childPage",
     include_in_schema=False)
async def child_page(request: Request, child_id: FromPath[str], reason: FromQuery[str | None] = None,
                     events: FromQuery[str | None] = None) -> Template:
    """Everything about one child the caller may see, from every domain, read in one
    transaction; each read is audited before the page goes out. An admin is first asked why
    (break-glass). `events` narrows the recent events to one kind."""
    cid, now = parse_id(child_id, "child"), utcnow()
    grace = request.app.state.settings.check_in_grace_days
    if request.user.role == ADMIN and not access.breaks_glass(request.user, reason):
        return _break_glass_form(child_id, reason)
    glass = reason.strip() if access.breaks_glass(request.user, reason) else None
    reads = Reads(where(request, glass))
    async with db.reading():
        scope = await readable_scope(request.user, cid, reason, now)
        context = await case_pages.case_view(request.user, cid, scope, reads, now, grace)
        for section in CHILD_SECTIONS:
            context |= await section(request.user, cid, scope, reads, now, request.app.state.settings)
        context |= await lifecycle_pages.recent_events(request.user, cid, reads, events)
    await reads.keep()
    return Template("children/page.html", context={**context, "now": now, "break_glass": glass})


def _break_glass_form(child_id: str, reason: str | None) -> Template:
    """The same form whether or not the child exists, so that asking reveals nothing."""
    problem = access.break_glass_problem(ADMIN_ACTOR, reason)
    return Template("admin/break_glass.html", status_code=400 if problem else 200, context={
        "child_id": child_id, "values": {"reason": reason or ""},
        "errors": {"reason": problem} if problem else {},
        "min_chars": access.BREAK_GLASS_REASON_CHARS})


async def _users_page(posted: dict, errors: dict) -> Template:
    async with db.reading():
        users, teams = await accounts.list_users(), await accounts.list_teams()
    return Template("admin/users.html", status_code=400 if errors else 200, context={
        "users": users, "teams": teams, "roles": ROLE_CHOICES, "values": posted, "errors": errors})


@get("/admin/users", guards=[allow(ADMIN)], operation_id="usersPage", include_in_schema=False)
async def users_page() -> Template:
    return await _users_page({}, {})


@post("/admin/users", guards=[allow(ADMIN)], operation_id="addUserPage", include_in_schema=False)
async def add_user(request: Request) -> Template | Redirect:
    posted = await forms.values(request)
    try:
        data = forms.parse(UserIn, posted)
        async with db.writing():
            await accounts.add_user(data.username, data.role, data.password, where(request), team=data.team,
                                    full_name=data.full_name, email=data.email)
    except (Invalid, Conflict) as problem:
        return await _users_page({**posted, "password": ""}, problem.fields)
    return forms.done("/admin/users", "user_added")


@post("/admin/users/{username:str}/active", guards=[allow(ADMIN)], operation_id="setUserActivePage",
      include_in_schema=False)
async def set_active(request: Request, username: FromPath[str]) -> Template | Redirect:
    active = (await forms.values(request)).get("active") == "true"
    try:
        async with db.writing():
            await accounts.set_active(username, active, where(request))
    except Conflict as problem:
        return await _users_page({}, {"form": str(problem)})
    return forms.done("/admin/users", "user_reactivated" if active else "user_deactivated")


@get("/admin/break-glass", guards=[allow(ADMIN)], operation_id="breakGlassPage", include_in_schema=False)
async def break_glass_page(child: FromQuery[str] = "", reason: FromQuery[str] = "") -> Redirect:
    """The admin page's form names the child by id: on to the child's page with the reason."""
    cid = parse_id(child.strip(), "child")
    return Redirect(f"/children/{cid}?{urlencode({'reason': reason})}")


@post("/admin/users/{username:str}/password-reset", guards=[allow(ADMIN)], operation_id="resetPasswordPage",
      include_in_schema=False)
async def reset_password(request: Request, username: FromPath[str]) -> Template:
    async with db.writing():
        password = await accounts.reset_password(username, where(request))
    return Template("admin/password_reset.html", context={"username": username, "password": password})


@get("/admin/teams", guards=[allow(ADMIN)], operation_id="teamsPage", include_in_schema=False)
async def teams_page() -> Template:
    async with db.reading():
        teams, users = await accounts.list_teams(), await accounts.list_users()
    members = defaultdict(list)
    for user in users:
        if user["team"]:
            members[user["team"]].append(user)
    return Template("admin/teams.html", context={"teams": teams, "members": members})


PAGES = [home, child_page, users_page, add_user, set_active, teams_page, break_glass_page, reset_password]
