"""The API of a child's screening results: a therapist on the care team (or the team's
supervisor) records one; the case holders and the care team read them. Thin, as the other
development routes: scope, access, one service call, audit."""

from __future__ import annotations

from litestar import Request, get, post
from litestar.params import FromPath, FromQuery, JSONBody
from litestar.status_codes import HTTP_201_CREATED

from care_plans.controllers import to_struct
from milestones import screenings
from milestones.controllers import TAGS, _readable, recordable
from milestones.schemas import DomainResultOut, ScreeningIn, ScreeningOut
from service import db
from service.access import ROLES_ALL, STAFF
from service.audit.services import record, record_read
from service.web import allow, utcnow, where


def screening_out(row: dict) -> ScreeningOut:
    domains = [DomainResultOut(d["domain"], d["zone"], d.get("score")) for d in row["domains"]]
    return to_struct(ScreeningOut, {**row, "domains": domains}, child_id=row["child"])


@post("/api/v1/children/{child_id:str}/screenings", guards=[allow(*STAFF)], status_code=HTTP_201_CREATED,
      operation_id="recordScreening", tags=TAGS)
async def record_screening(request: Request, child_id: FromPath[str], data: JSONBody[ScreeningIn]) -> ScreeningOut:
    """A standardised screen's result (never its items). Below the cutoff, the answer carries a
    `referral_link` and the next scan raises a developmental concern."""
    async with db.writing():
        cid = await recordable(request.user, child_id)
        sid = await screenings.record(request.user, cid, data, utcnow())
        await record(where(request), "screening.create", "screening", sid, cid)
        row = next(r for r in await screenings.history(cid) if r["id"] == sid)
    return screening_out(row)


@get("/api/v1/children/{child_id:str}/screenings", guards=[allow(*ROLES_ALL)], operation_id="listScreenings",
     tags=TAGS)
async def list_screenings(request: Request, child_id: FromPath[str],
                          reason: FromQuery[str | None] = None) -> list[ScreeningOut]:
    """Newest first."""
    async with db.reading():
        cid, _, at = await _readable(request, child_id, reason)
        rows = await screenings.history(cid)
    await record_read(at, "screening.list", "screening", cid, cid)
    return [screening_out(r) for r in rows]


ROUTES = [record_screening, list_screenings]
