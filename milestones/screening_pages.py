"""The screening pages: their part of a child's page (each result, what was below the cutoff
and the referral it offers) and the form a therapist records a result with. Page twins of
`screening_controllers.py`: the same struct, checks, service and audit entries."""

from __future__ import annotations

import datetime as dt

from litestar import Request, get, post
from litestar.params import FromPath
from litestar.response import Redirect, Template

from care_plans import children
from milestones import instruments, screenings
from milestones.controllers import recordable
from milestones.schemas import ScreeningIn
from milestones.screening_controllers import screening_out
from service import access, clock, db, forms
from service.access import STAFF
from service.audit.services import Reads, record
from service.errors import Invalid
from service.web import allow, utcnow, where

FORM, ROWS = "milestones/screening.html", 7  # domain rows offered (ASQ-3 scores five)
CHOICES = [(code, name) for code, (name, _) in instruments.INSTRUMENTS.items()]
ZONE_CHOICES = [(z, instruments.ZONE_WORDS[z].capitalize()) for z in instruments.ZONES]


async def child_section(actor: access.Actor, cid, scope: access.ChildScope, reads: Reads,
                        now: dt.datetime, settings) -> dict:
    rows = await screenings.history(cid)
    reads.add("screening.list", "screening", cid, cid)
    return {"screenings": [screening_out(r) for r in rows],
            "can_record_screening": access.can_record_assessment(actor, scope),
            "zone_words": instruments.ZONE_WORDS}


async def _form(request: Request, child_id: str, posted: dict | None = None, errors: dict | None = None) -> Template:
    reads = Reads(where(request))
    async with db.reading():
        cid = await recordable(request.user, child_id)
        child = await children.get(cid)
    reads.add("child.read", "child", cid, cid)
    await reads.keep()
    return Template(FORM, status_code=400 if errors else 200, context={
        "child": child, "instruments": CHOICES, "zones": ZONE_CHOICES, "rows": range(ROWS),
        "scored": {c: ", ".join(d or ()) for c, (_, d) in instruments.INSTRUMENTS.items()},
        "today": clock.today(utcnow()), "values": posted or {"screened_on": clock.today(utcnow()).isoformat()},
        "errors": errors or {}})


def posted_screening(posted: dict) -> dict:
    """The API's request body from the form: each filled domain row becomes a domain."""
    domains = []
    for n in range(ROWS):
        row = {k: posted.get(f"d{n}-{k}", "") for k in ("domain", "score", "zone")}
        if any(row.values()):
            domains.append({k: v for k, v in row.items() if v})
    rows = {f"d{n}-{k}" for n in range(ROWS) for k in ("domain", "score", "zone")}
    return {**{k: v for k, v in posted.items() if k not in rows}, "domains": domains}


def field_names(errors: dict[str, str]) -> dict[str, str]:
    """`domains[2].zone` → `d2-zone`, the input at fault."""
    named = {}
    for key, message in errors.items():
        if key.startswith("domains[") and "]." in key:
            head, _, name = key.partition("].")
            key = f"d{head.removeprefix('domains[')}-{name}"
        named[key] = message
    return named


NEW = "/children/{child_id:str}/screenings/new"


@get(NEW, guards=[allow(*STAFF)], operation_id="screeningPage", include_in_schema=False)
async def screening_page(request: Request, child_id: FromPath[str]) -> Template:
    return await _form(request, child_id)


@post(NEW, guards=[allow(*STAFF)], operation_id="screeningSubmit", include_in_schema=False)
async def screening_submit(request: Request, child_id: FromPath[str]) -> Template | Redirect:
    posted = await forms.values(request)
    try:
        data = forms.parse(ScreeningIn, posted_screening(posted))
        async with db.writing():
            cid = await recordable(request.user, child_id)
            sid = await screenings.record(request.user, cid, data, utcnow())
            await record(where(request), "screening.create", "screening", sid, cid)
    except Invalid as problem:
        return await _form(request, child_id, posted, field_names(problem.fields))
    return forms.done(f"/children/{cid}#screenings", "screening")


PAGES: list = [screening_page, screening_submit]
