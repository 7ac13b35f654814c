"""The development API: the milestone catalogue, a child's assessments, the development
summary and its charts.

Child routes find the child in the caller's scope (404 outside it), ask `access` (403 if
visible but not allowed), work inside one transaction and audit the read or write in it.
"""

from __future__ import annotations

from typing import Annotated

from litestar import Request, get
from litestar.params import QueryParameter

from milestones import catalogue
from milestones.schemas import Domain, MilestoneOut
from service import db
from service.access import ROLES_ALL
from service.errors import Invalid
from service.web import allow

AgeMonths = Annotated[int | None, QueryParameter(ge=0, le=216)]


@get("/api/v1/milestones", guards=[allow(*ROLES_ALL)], operation_id="listMilestones",
     tags=["milestones"])
async def list_milestones(age_months: AgeMonths = None,
                          domain: Annotated[Domain | None, QueryParameter()] = None,
                          ) -> list[MilestoneOut]:
    """The CDC 2022 checklist items, each with its sources; reference data, so not audited."""
    if age_months is not None and age_months not in catalogue.CHECKPOINTS:
        raise Invalid({"age_months": "must be a checkpoint age: "
                                     + ", ".join(map(str, catalogue.CHECKPOINTS))})
    async with db.reading():
        rows = await catalogue.listed(age_months, domain)
    return [MilestoneOut(**r) for r in rows]


ROUTES = [list_milestones]
