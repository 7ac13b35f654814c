"""The alert, inbox and risk API.

Each handler parses, finds the child in the caller's scope (404 outside it), asks `access`
(403 if visible but not allowed), calls one service in one transaction, and audits in it; a
read audits through the audit writer once its read transaction has closed.
"""

from __future__ import annotations

import uuid

from litestar import Request, Response, delete, get, post
from litestar.params import FromPath, FromQuery, JSONBody
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED

from care_plans.queries import editable_scope, readable_scope, refuse_if_closed, visible_scope, writable_scope
from scheduler import handling, risk_records
from scheduler.schemas import (
    AlertKind,
    AlertOut,
    AlertStatus,
    DisagreementIn,
    DisagreementOut,
    FactorOut,
    InboxItem,
    IndicatorIn,
    IndicatorOut,
    NoteIn,
    RiskOut,
)
from service import access, db
from service.access import ROLES_ALL, STAFF
from service.audit.services import record, record_read, record_reads
from service.errors import Forbidden, NotFound
from service.web import Offset, PageSize, allow, parse_id, utcnow, where


def _plain(value):
    return str(value) if isinstance(value, uuid.UUID) else value


def to_struct(cls, row: dict, **extra):
    values = {**row, **extra}
    return cls(**{f: _plain(values[f]) for f in cls.__struct_fields__ if f in values})


def alert_out(row: dict) -> AlertOut:
    return to_struct(AlertOut, row, child_id=row["child"])


@get("/api/v1/alerts", guards=[allow(*STAFF)], operation_id="listAlerts", tags=["alerts"])
async def list_alerts(request: Request, status: FromQuery[AlertStatus | None] = None,
                      kind: FromQuery[AlertKind | None] = None,
                      child_id: FromQuery[str | None] = None, limit: PageSize = 50,
                      offset: Offset = 0) -> Response[list[AlertOut]]:
    """Newest first, a page at a time (`X-Total-Count` says how many match in all): caseworkers
    see their children's alerts, supervisors their team's, therapists the development alerts of
    children on their care team."""
    async with db.reading():
        cid = None
        if child_id is not None:
            cid = parse_id(child_id, "child")
            await visible_scope(request.user, cid)
        rows = await handling.visible_alerts(request.user, status, kind, cid, limit, offset)
        total = await handling.visible_alert_count(request.user, status, kind, cid)
    # Asking after one child's alerts reads their record even when none are found.
    read = {str(r["child"]) for r in rows} | ({str(cid)} if cid else set())
    await record_reads(where(request), "alert.list", "alert", sorted(read))
    return Response([alert_out(r) for r in rows], headers={"X-Total-Count": str(total)})


async def alert_in_scope(request: Request, alert_id: str) -> tuple[dict, access.ChildScope]:
    try:
        alert = await handling.get(parse_id(alert_id, "alert"))
    except NotFound:
        raise NotFound("alert") from None
    scope = await visible_scope(request.user, alert["child"])
    if not access.can_see_alert(request.user, scope, alert["kind"]):
        raise NotFound("alert")
    return alert, refuse_if_closed(scope)


@post("/api/v1/alerts/{alert_id:str}/acknowledge", guards=[allow(*STAFF)], status_code=HTTP_200_OK,
      operation_id="acknowledgeAlert", tags=["alerts"])
async def acknowledge_alert(request: Request, alert_id: FromPath[str], data: JSONBody[NoteIn]) -> AlertOut:
    """Someone has seen it and is acting: the alert stops escalating."""
    async with db.writing():
        alert, scope = await alert_in_scope(request, alert_id)
        if not access.can_acknowledge_alert(request.user, scope, alert["kind"]):
            raise Forbidden("Only the child's caseworker or their supervisor may acknowledge this alert.")
        await handling.acknowledge(request.user, alert, data.note, utcnow())
        await record(where(request), "alert.acknowledge", "alert", alert["id"], alert["child"])
        row = await handling.get(alert["id"])
    return alert_out(row)


@post("/api/v1/alerts/{alert_id:str}/resolve", guards=[allow(*STAFF)], status_code=HTTP_200_OK,
      operation_id="resolveAlert", tags=["alerts"])
async def resolve_alert(request: Request, alert_id: FromPath[str], data: JSONBody[NoteIn]) -> AlertOut:
    """A missing-from-care alert is resolved by the team's supervisor, after the return."""
    async with db.writing():
        alert, scope = await alert_in_scope(request, alert_id)
        if not access.can_resolve_alert(request.user, scope, alert["kind"]):
            raise Forbidden("Only the supervisor of the child's team may resolve this alert."
                            if alert["kind"] == "missing_from_care" else
                            "Only the child's caseworker or their supervisor may resolve this alert.")
        await handling.resolve(request.user, alert, data.note, utcnow())
        await record(where(request), "alert.resolve", "alert", alert["id"], alert["child"])
        row = await handling.get(alert["id"])
    return alert_out(row)


@get("/api/v1/inbox", guards=[allow(*STAFF)], operation_id="listInbox", tags=["alerts"])
async def list_inbox(request: Request) -> list[InboxItem]:
    """The caller's in-app notifications, newest first."""
    async with db.reading():
        rows = await handling.inbox(request.user)
    await record_reads(where(request), "alert.inbox", "alert", sorted({str(r["child_id"]) for r in rows}))
    return [to_struct(InboxItem, r) for r in rows]


def risk_out(row: dict) -> RiskOut:
    return RiskOut(
        child_id=str(row["child_id"]), level=row["level"], score=row["score"], note=row["note"],
        factors=[to_struct(FactorOut, f) for f in row["factors"]],
        indicators=[to_struct(IndicatorOut, i, child_id=i["child"]) for i in row["indicators"]],
        disagreements=[to_struct(DisagreementOut, d, child_id=d["child"]) for d in row["disagreements"]],
    )


@get("/api/v1/children/{child_id:str}/risk", guards=[allow(*ROLES_ALL)], operation_id="getRisk",
     tags=["risk"])
async def get_risk(request: Request, child_id: FromPath[str], reason: FromQuery[str | None] = None) -> RiskOut:
    """The level and score now, each factor with its points, since when and its source."""
    cid = parse_id(child_id, "child")
    async with db.reading():
        await readable_scope(request.user, cid, reason, utcnow())
        row = await risk_records.risk_of(cid, utcnow(), request.app.state.settings)
    glass = reason.strip() if access.breaks_glass(request.user, reason) else None
    await record_read(where(request, glass), "risk.read", "child", cid, cid)
    return risk_out(row)


@post("/api/v1/children/{child_id:str}/risk-indicators", guards=[allow(*STAFF)],
      status_code=HTTP_201_CREATED, operation_id="flagRiskIndicator", tags=["risk"])
async def flag_indicator(request: Request, child_id: FromPath[str], data: JSONBody[IndicatorIn]) -> IndicatorOut:
    """Flag an indicator (e.g. contact with a suspected exploiter); it counts from the next scan."""
    cid = parse_id(child_id, "child")
    async with db.writing():
        await editable_scope(request.user, cid)
        iid = await risk_records.flag(request.user, cid, data.code, data.note, utcnow())
        await record(where(request), "risk_indicator.create", "risk_indicator", iid, cid)
        row = await risk_records.indicator(iid)
    return to_struct(IndicatorOut, row, child_id=cid)


@delete("/api/v1/children/{child_id:str}/risk-indicators/{indicator_id:str}", guards=[allow(*STAFF)],
        status_code=HTTP_200_OK, operation_id="clearRiskIndicator", tags=["risk"])
async def clear_indicator(request: Request, child_id: FromPath[str], indicator_id: FromPath[str]) -> IndicatorOut:
    """Clearing keeps the flag in the record, with who cleared it and when."""
    cid = parse_id(child_id, "child")
    async with db.writing():
        await editable_scope(request.user, cid)
        iid = parse_id(indicator_id, "risk indicator")
        await risk_records.clear(request.user, cid, iid, utcnow())
        await record(where(request), "risk_indicator.clear", "risk_indicator", iid, cid)
        row = await risk_records.indicator(iid)
    return to_struct(IndicatorOut, row, child_id=cid)


@post("/api/v1/children/{child_id:str}/risk/disagreements", guards=[allow(*STAFF)],
      status_code=HTTP_201_CREATED, operation_id="recordRiskDisagreement", tags=["risk"])
async def record_disagreement(request: Request, child_id: FromPath[str],
                              data: JSONBody[DisagreementIn]) -> DisagreementOut:
    """Anyone working with the child may record why they disagree with the level."""
    cid = parse_id(child_id, "child")
    async with db.writing():
        await writable_scope(request.user, cid)
        row = await risk_records.disagree(request.user, cid, data.reason, data.level, utcnow())
        await record(where(request), "risk_disagreement.create", "risk_disagreement", row["id"], cid)
    return to_struct(DisagreementOut, row, child_id=cid)


ROUTES = [list_alerts, acknowledge_alert, resolve_alert, list_inbox, get_risk, flag_indicator,
          clear_indicator, record_disagreement]
