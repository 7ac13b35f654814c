"""The case API: children, care teams, placements, check-ins, missing episodes, care plans,
reviews, and the audit trail.

Each handler parses, finds the child in the caller's scope (404 outside it), asks `access`
(403 if visible but not allowed), calls one service inside one transaction, and writes the
audit entry in that same transaction.
"""

from __future__ import annotations

import msgspec
from litestar import Request, get, patch, post
from litestar.params import FromPath, FromQuery, JSONBody
from litestar.status_codes import HTTP_201_CREATED

from care_plans import children
from care_plans.cadence import Cadence
from care_plans.queries import visible_scope
from care_plans.schemas import (
    CareTeamIn,
    CareTeamOut,
    ChildCreated,
    ChildIn,
    ChildOut,
    ChildPatch,
    ChildStatus,
    RiskLevel,
)
from service import access, db
from service.access import CASEWORKER, ROLES_ALL, STAFF, SUPERVISOR
from service.audit.services import record, record_many
from service.errors import Forbidden
from service.web import allow, parse_id, utcnow, where

HOLDERS = (CASEWORKER, SUPERVISOR)


def _cadence(request: Request) -> Cadence:
    return Cadence.from_settings(request.app.state.settings)


async def _editable(request: Request, child_id: str):
    """The child's id and scope, if the caller may change the case: 404 unseen, 403 unallowed."""
    cid = parse_id(child_id, "child")
    scope = await visible_scope(request.user, cid)
    if not access.can_edit_case(request.user, scope):
        raise Forbidden("Only the child's caseworker or their supervisor may change the case.")
    return cid, scope


def child_out(row: dict) -> ChildOut:
    fields = {f: row[f] for f in ChildOut.__struct_fields__ if f in row}
    return ChildOut(**{**fields, "id": str(row["id"])})


@post("/api/v1/children", guards=[allow(*HOLDERS)], status_code=HTTP_201_CREATED,
      operation_id="registerChild", tags=["children"])
async def register_child(request: Request, data: JSONBody[ChildIn]) -> ChildCreated:
    now = utcnow()
    async with db.writing():
        created = await children.register(request.user, data, now, _cadence(request))
        await record(where(request), "child.register", "child", created["id"], created["id"])
    return ChildCreated(id=str(created["id"]), case_number=created["case_number"])


@get("/api/v1/children", guards=[allow(*ROLES_ALL)], operation_id="listChildren", tags=["children"])
async def list_children(
    request: Request,
    status: FromQuery[ChildStatus | None] = None,
    risk_level: FromQuery[RiskLevel | None] = None,
    caseworker: FromQuery[str | None] = None,
    q: FromQuery[str | None] = None,
    limit: FromQuery[int] = 200,
    offset: FromQuery[int] = 0,
) -> list[ChildOut]:
    filters = children.Filters(status, risk_level, caseworker, q, max(1, min(limit, 500)),
                               max(0, offset))
    async with db.writing():
        rows = await children.caseload(request.user, filters)
        await record_many(where(request), "child.list", "child", [r["id"] for r in rows])
    return [child_out(r) for r in rows]


@get("/api/v1/children/{child_id:str}", guards=[allow(*ROLES_ALL)], operation_id="getChild",
     tags=["children"])
async def get_child(request: Request, child_id: FromPath[str]) -> ChildOut:
    cid = parse_id(child_id, "child")
    async with db.writing():
        await visible_scope(request.user, cid)
        row = await children.get(cid)
        await record(where(request), "child.read", "child", cid, cid)
    return child_out(row)


@patch("/api/v1/children/{child_id:str}", guards=[allow(*HOLDERS)], operation_id="updateChild",
       tags=["children"])
async def update_child(request: Request, child_id: FromPath[str],
                       data: JSONBody[ChildPatch]) -> ChildOut:
    changes = {k: v for k, v in msgspec.structs.asdict(data).items() if v is not msgspec.UNSET}
    async with db.writing():
        cid, _ = await _editable(request, child_id)
        await children.update(request.user, cid, changes, utcnow())
        await record(where(request), "child.update", "child", cid, cid)
        row = await children.get(cid)
    return child_out(row)


@post("/api/v1/children/{child_id:str}/care-team", guards=[allow(*HOLDERS)],
      status_code=HTTP_201_CREATED, operation_id="addToCareTeam", tags=["children"])
async def add_to_care_team(request: Request, child_id: FromPath[str],
                           data: JSONBody[CareTeamIn]) -> CareTeamOut:
    async with db.writing():
        cid, scope = await _editable(request, child_id)
        team = await children.add_to_care_team(scope, cid, data.username, utcnow())
        await record(where(request), "care_team.add", "child", cid, cid)
    return CareTeamOut(child_id=str(cid), care_team=team)


ROUTES = [register_child, list_children, get_child, update_child, add_to_care_team]
