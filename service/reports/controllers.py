"""The indicators' API, its charts, the reports page and the caseload download.

Indicators are aggregates with small counts suppressed: a manager reads them for the whole
service, a supervisor for their team; neither route returns a name, a note or a case number.
Each read is audited as one entry naming the scope (no child's record is read).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import uuid
from typing import Annotated
from urllib.parse import urlencode

from litestar import Request, Response, get
from litestar.params import FromPath, QueryParameter
from litestar.response import Template

from service import access, clock, db
from service.access import REPORT_READERS, SUPERVISOR
from service.audit.services import record_read
from service.errors import Forbidden
from service.reports import caseload, charts, services
from service.reports.schemas import IndicatorsOut
from service.web import allow, utcnow, where

TAGS = ["indicators"]
From = Annotated[str | None, QueryParameter(name="from", format="date", description="first day of the period (local), YYYY-MM-DD")]
To = Annotated[str | None, QueryParameter(name="to", format="date", description="the day after the period (local), YYYY-MM-DD")]
Team = Annotated[str | None, QueryParameter(name="team", description="a team's name")]
Caseworker = Annotated[str | None, QueryParameter(name="caseworker", description="a caseworker's username")]


async def _read(request: Request, start, end, team, caseworker, by_month=True) -> IndicatorsOut:
    now = utcnow()
    w = services.window(start, end, now)
    async with db.long_reading():
        scope = await services.scope_for(request.user, team, caseworker)
        out = await services.report(scope, w, request.app.state.settings, by_month)
    await record_read(where(request), "indicators.read", "indicators", scope.label[:64])
    return out


@get("/api/v1/indicators", guards=[allow(*REPORT_READERS)], operation_id="getIndicators", tags=TAGS)
async def get_indicators(request: Request, start: From = None, end: To = None, team: Team = None,
                         caseworker: Caseworker = None) -> IndicatorsOut:
    """Every indicator for the period [from, to) and the scope (a manager: the whole service
    unless a team or caseworker is named; a supervisor: their team), each with its definition,
    source, counts (1 to 4 shown as "fewer than 5") and its months."""
    return await _read(request, start, end, team, caseworker)


@get("/api/v1/indicators/{code:str}/chart.png", guards=[allow(*REPORT_READERS)], operation_id="getIndicatorChart",
     media_type="image/png", tags=TAGS)
async def get_indicator_chart(request: Request, code: FromPath[str], start: From = None, end: To = None,
                              team: Team = None, caseworker: Caseworker = None) -> Response[bytes]:
    """One indicator's months as a bar chart; the reports page shows its numbers beside it."""
    w = services.window(start, end, utcnow())
    async with db.long_reading():
        scope = await services.scope_for(request.user, team, caseworker)
        indicator, months = await services.one_trend(scope, w, request.app.state.settings, code)
    await record_read(where(request), "indicators.chart", "indicators", scope.label[:64])
    body = await asyncio.to_thread(charts.png, indicator.name, indicator.unit, months)
    return Response(body, media_type="image/png")


@get("/api/v1/caseload.csv", guards=[allow(SUPERVISOR)], operation_id="exportCaseload",
     media_type="text/csv", tags=TAGS)
async def export_caseload(request: Request) -> Response[str]:
    """The supervisor's team's caseload (case number, name, caseworker, risk level, due dates;
    no notes), audited as one entry naming every child."""
    async with db.reading():
        team = (await db.fetch("SELECT name FROM team WHERE id = ?", [_team_id(request.user)]))[0]
    body = await caseload.export(team["name"], where(request))
    return Response(body, media_type="text/csv", headers={
        "Content-Disposition": f'attachment; filename="caseload-{clock.today(utcnow()):%Y-%m-%d}.csv"'})


def _team_id(actor: access.Actor) -> uuid.UUID:
    if actor.team_id is None or not access.can_export_caseload(actor, actor.team_id):
        raise Forbidden("Only a team's supervisor exports its caseload.")
    return uuid.UUID(actor.team_id)


@get("/reports", guards=[allow(*REPORT_READERS)], operation_id="reportsPage", include_in_schema=False)
async def reports_page(request: Request, start: From = None, end: To = None, team: Team = None,
                       caseworker: Caseworker = None) -> Template:
    report = await _read(request, start, end, team, caseworker)
    query = {k: v for k, v in (("from", report.from_date.isoformat()), ("to", report.to_date.isoformat()),
                               ("team", team), ("caseworker", caseworker)) if v}
    async with db.reading():
        choices = await _choices(request.user)
    return Template("reports/page.html", context={
        "report": report, "query": urlencode(query), "values": {"from": report.from_date, "to": report.to_date,
                                                                  "team": team or "", "caseworker": caseworker or ""},
        "last_day": report.to_date - dt.timedelta(days=1), **choices})


async def _choices(actor: access.Actor) -> dict:
    """Teams for a manager to choose from; a supervisor's caseworkers (usernames only)."""
    if actor.role == SUPERVISOR:
        rows = await db.fetch("SELECT username FROM haven_user WHERE role = 'caseworker' AND team = ? "
                              "ORDER BY username", [_team_id(actor)])
        return {"teams": [], "caseworkers": [r["username"] for r in rows], "can_export": True}
    teams = await db.fetch("SELECT name FROM team ORDER BY name")
    return {"teams": [r["name"] for r in teams], "caseworkers": [], "can_export": False}


ROUTES = [get_indicators, get_indicator_chart, export_caseload]
PAGES = [reports_page]
