"""The development API: the milestone catalogue, a child's assessments, the development
summary and its charts (the images also at the contract's `/children/{id}/development.png`
and `.svg`, where a browser's `<img>` sends the session cookie).

Child routes find the child in the caller's scope (404 outside it), ask `access` (403 if
visible but not allowed), work inside one transaction and audit the read or write in it.
Routes on one child admit all staff at the door, so that someone outside the child's scope
is told 404 and a caseworker, who reads assessments but does not record them, 403.
"""

from __future__ import annotations

import asyncio
import uuid
from dataclasses import dataclass
from typing import Annotated

from litestar import Request, Response, get, post
from litestar.params import FromPath, FromQuery, JSONBody, QueryParameter
from litestar.status_codes import HTTP_201_CREATED

from care_plans.queries import readable_scope, visible_scope
from milestones import assessments, catalogue, charts, development, fhir
from milestones.ages import AGE_RULE, age_note
from milestones.schemas import (
    AdviceOut,
    AssessmentIn,
    AssessmentOut,
    ChartDataOut,
    ChartDomainPoint,
    ChartPoint,
    DevelopmentOut,
    Domain,
    DomainCounts,
    DueMilestone,
    Flagged,
    MilestoneOut,
    ObservationOut,
)
from milestones.summary import BEYOND_CHECKLIST, CDC_MEANING, DomainCount, Summary
from service import access, clock, db
from service.access import ROLES_ALL, STAFF
from service.audit.services import record, record_read
from service.errors import Forbidden, Invalid
from service.web import allow, parse_id, utcnow, where

AgeMonths = Annotated[int | None, QueryParameter(ge=0, le=216)]
DomainFilter = Annotated[Domain | None, QueryParameter()]
TAGS = ["development"]


@get("/api/v1/milestones", guards=[allow(*ROLES_ALL)], operation_id="listMilestones",
     tags=["milestones"])
async def list_milestones(age_months: AgeMonths = None, domain: DomainFilter = None) -> list[MilestoneOut]:
    """The CDC 2022 checklist items, each with its sources; reference data, so not audited."""
    if age_months is not None and age_months not in catalogue.CHECKPOINTS:
        raise Invalid({"age_months": "must be a checkpoint age: "
                                     + ", ".join(map(str, catalogue.CHECKPOINTS))})
    async with db.reading():
        rows = await catalogue.listed(age_months, domain)
    return [MilestoneOut(**r) for r in rows]


@post("/api/v1/children/{child_id:str}/assessments", guards=[allow(*STAFF)],
      status_code=HTTP_201_CREATED, operation_id="recordAssessment", tags=TAGS)
async def record_assessment(request: Request, child_id: FromPath[str],
                            data: JSONBody[AssessmentIn]) -> AssessmentOut:
    """A therapist on the child's care team, or the team's supervisor, records what was observed."""
    now = utcnow()
    async with db.writing():
        cid = await recordable(request.user, child_id)
        aid = await assessments.record(request.user, cid, data, now)
        await record(where(request), "assessment.create", "assessment", aid, cid)
        row = next(a for a in await assessments.history(cid) if a["id"] == aid)
    return assessment_out(row, cid, with_notes=True)


async def recordable(actor: access.Actor, child_id: str) -> uuid.UUID:
    """The child's id if `actor` may record assessments for them: 404 if the child is out of
    sight, 403 if seen but not theirs to assess."""
    cid = parse_id(child_id, "child")
    if not access.can_record_assessment(actor, await visible_scope(actor, cid)):
        raise Forbidden("Only the child's therapists and their supervisor record assessments.")
    return cid


@get("/api/v1/children/{child_id:str}/assessments", guards=[allow(*ROLES_ALL)],
     operation_id="listAssessments", tags=TAGS)
async def list_assessments(request: Request, child_id: FromPath[str],
                           reason: FromQuery[str | None] = None) -> list[AssessmentOut]:
    """Newest first. Therapists' notes go only to the care team and the team's supervisor."""
    async with db.reading():
        cid, scope, at = await _readable(request, child_id, reason)
        rows = await assessments.history(cid)
    await record_read(at, "assessment.list", "assessment", cid, cid)
    notes = access.can_read_therapy_notes(request.user, scope)
    return [assessment_out(r, cid, notes) for r in reversed(rows)]


@get("/api/v1/children/{child_id:str}/development", guards=[allow(*ROLES_ALL)],
     operation_id="getDevelopment", tags=TAGS)
async def get_development(request: Request, child_id: FromPath[str],
                          reason: FromQuery[str | None] = None) -> DevelopmentOut:
    """Ages, and per domain what is due, achieved, emerging, not yet or never observed;
    concerns and regressions by milestone code, with what to do about them."""
    today = clock.today(utcnow())
    async with db.reading():
        cid, _, at = await _readable(request, child_id, reason)
        summary = await development.summary(cid, today)
    await record_read(at, "development.read", "development", cid, cid)
    return development_out(cid, today, summary)


@get("/api/v1/children/{child_id:str}/development.fhir", guards=[allow(*ROLES_ALL)],
     operation_id="getDevelopmentFhir", media_type=fhir.MEDIA_TYPE, tags=TAGS)
async def get_development_fhir(request: Request, child_id: FromPath[str],
                               reason: FromQuery[str | None] = None) -> Response[dict]:
    """The assessments as an HL7 FHIR R4 Bundle of Observations (one per milestone observed),
    for a clinic: the child by Haven's id only, no name and no therapist's notes."""
    now = utcnow()
    async with db.reading():
        cid, _, at = await _readable(request, child_id, reason)
        rows = await assessments.history(cid)
    await record_read(at, "development.fhir", "development", cid, cid)
    return Response(fhir.bundle(cid, rows, now), media_type=fhir.MEDIA_TYPE)


@dataclass(frozen=True)
class Chart:
    child_id: str
    points: list[charts.Point]
    newest_assessment: str | None


async def read_chart(request: Request, child_id: str, reason: str | None = None) -> Chart:
    """The chart's numbers, read and audited as one: for the images and their JSON twin."""
    async with db.reading():
        cid, _, at = await _readable(request, child_id, reason)
        points, newest = await development.chart(cid)
    await record_read(at, "development.chart", "development", cid, cid)
    return Chart(str(cid), points, newest)


@get("/api/v1/children/{child_id:str}/development/chart-data", guards=[allow(*ROLES_ALL)],
     operation_id="getDevelopmentChartData", tags=TAGS)
async def get_chart_data(request: Request, child_id: FromPath[str],
                         reason: FromQuery[str | None] = None) -> ChartDataOut:
    """The numbers the development chart draws, for a table beside it or instead of it."""
    chart = await read_chart(request, child_id, reason)
    return chart_data_out(chart.child_id, chart.points)


IMAGE_ROUTE = dict(guards=[allow(*ROLES_ALL)], tags=TAGS)


def image_paths(fmt: str) -> list[str]:
    """The contract's path, where a browser's `<img>` fetches it with the session cookie
    (a bearer token works there too), and the same image under `/api/v1`."""
    path = f"/children/{{child_id:str}}/development.{fmt}"
    return [path, f"/api/v1{path}"]


def per_path(api_name: str, page_name: str):
    """One handler on two paths needs an operation id for each: OpenAPI ids are unique."""

    def operation_id(_handler, _method, components: list) -> str:
        return api_name if components and components[0] == "api" else page_name

    return operation_id


@get(image_paths("png"), operation_id=per_path("getDevelopmentPng", "getChildDevelopmentPng"),
     media_type=charts.MEDIA_TYPES["png"], **IMAGE_ROUTE)
async def get_development_png(request: Request, child_id: FromPath[str],
                              reason: FromQuery[str | None] = None) -> Response[bytes]:
    return await _image(await read_chart(request, child_id, reason), "png")


@get(image_paths("svg"), operation_id=per_path("getDevelopmentSvg", "getChildDevelopmentSvg"),
     media_type=charts.MEDIA_TYPES["svg"], **IMAGE_ROUTE)
async def get_development_svg(request: Request, child_id: FromPath[str],
                              reason: FromQuery[str | None] = None) -> Response[bytes]:
    return await _image(await read_chart(request, child_id, reason), "svg")


async def _image(chart: Chart, fmt: str) -> Response[bytes]:
    """Drawing takes tens of milliseconds when not cached, so it runs in a worker thread once
    the numbers are read and audited. Not litestar's `sync_to_thread`: a handler on two paths
    is registered twice, and that wraps a sync handler twice (it then returns a coroutine)."""
    body = await asyncio.to_thread(charts.image, chart.child_id, chart.newest_assessment,
                                   chart.points, fmt)
    return Response(body, media_type=charts.MEDIA_TYPES[fmt])


async def _readable(request: Request, child_id: str, reason: str | None):
    """The child's id, scope, and the audit `Where` (carrying a break-glass reason, if used)."""
    cid = parse_id(child_id, "child")
    scope = await readable_scope(request.user, cid, reason, utcnow())
    glass = reason.strip() if access.breaks_glass(request.user, reason) else None
    return cid, scope, where(request, glass)


def assessment_out(row: dict, child_id: uuid.UUID, with_notes: bool) -> AssessmentOut:
    items = catalogue.by_code()
    observations = [ObservationOut(milestone=o["milestone"], status=o["status"],
                                   domain=items[o["milestone"]].domain,
                                   description=items[o["milestone"]].description)
                    for o in row["observations"]]
    return AssessmentOut(id=str(row["id"]), child_id=str(child_id), assessed_on=row["assessed_on"],
                         assessed_by=row["assessed_by"], created_at=row["created_at"],
                         observations=observations, notes=row["notes"] if with_notes else None)


def _flagged(items) -> list[Flagged]:
    return [Flagged(code=i.code, description=i.description, domain=i.domain,
                    age_months=i.age_months) for i in items]


def domain_out(count: DomainCount, summary: Summary) -> DomainCounts:
    flagged = {i.code for i in summary.concerns}
    due = [DueMilestone(code=i.code, description=i.description, age_months=i.age_months,
                        status=status, observed_on=summary.observed_on.get(i.code),
                        concern=i.code in flagged) for i, status in count.items]
    return DomainCounts(domain=count.domain, due=count.due, achieved=count.achieved,
                        emerging=count.emerging, not_yet=count.not_yet,
                        never_observed=count.never_observed, observed=count.observed,
                        share_achieved=count.share_achieved, milestones=due)


def development_out(child_id: uuid.UUID, today, summary: Summary) -> DevelopmentOut:
    age = summary.age
    advice = catalogue.act_early() if summary.needs_action else None
    return DevelopmentOut(
        child_id=str(child_id), as_of=today,
        chronological_age_months=age.chronological_months,
        corrected_age_months=age.corrected_months, age_used_months=age.used_months,
        birth_date_estimated=age.birth_date_estimated,
        gestational_age_known=age.gestational_age_known, full_term_weeks=age.full_term_weeks,
        corrected_age_convention=age.convention, age_rule=AGE_RULE, age_note=age_note(age),
        about_the_checklists=CDC_MEANING,
        domains=[domain_out(d, summary) for d in summary.domains],
        concerns=_flagged(summary.concerns), regressions=_flagged(summary.regressions),
        advice=None if advice is None else AdviceOut(advice.advice, advice.source),
        beyond_checklist=BEYOND_CHECKLIST if summary.beyond_checklist else None,
    )


def chart_data_out(child_id: str, points: list[charts.Point]) -> ChartDataOut:
    return ChartDataOut(
        child_id=str(child_id), title=charts.TITLE,
        points=[ChartPoint(assessment_id=p.assessment_id, assessed_on=p.assessed_on,
                           age_used_months=p.age_used_months,
                           domains=[ChartDomainPoint(**vars(d)) for d in p.domains])
                for p in points],
        empty_message=None if points else charts.EMPTY,
    )


ROUTES = [list_milestones, record_assessment, list_assessments, get_development, get_development_fhir,
          get_chart_data,
          get_development_png, get_development_svg]
