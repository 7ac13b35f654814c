"""Acknowledging several alerts with one note: the JSON route and its inbox form. All of the
chosen alerts or none; each acknowledgement has its own audit entry."""

from __future__ import annotations

from typing import Annotated

import msgspec
from litestar import Request, post
from litestar.params import JSONBody
from litestar.response import Redirect
from litestar.status_codes import HTTP_200_OK

from scheduler import bulk
from scheduler.pages import _back
from scheduler.schemas import Note
from service import db, forms
from service.access import STAFF
from service.audit.services import record_each
from service.errors import Invalid
from service.web import allow, parse_id, utcnow, where

AlertIds = Annotated[list[Annotated[str, msgspec.Meta(max_length=40)]],
                     msgspec.Meta(min_length=1, max_length=bulk.MOST)]


class BulkAcknowledgeIn(msgspec.Struct, forbid_unknown_fields=True):
    alert_ids: AlertIds
    note: Note


class BulkAcknowledged(msgspec.Struct):
    acknowledged: list[str]


async def _acknowledge(request: Request, ids: list[str], note: str) -> list[str]:
    wanted = [str(parse_id(i, "alert")) for i in ids]
    async with db.writing():
        chosen = await bulk.acknowledge(request.user, wanted, note, utcnow())
        await record_each(where(request), "alert.acknowledge", "alert", [(a["id"], a["child"]) for a in chosen])
    return [str(a["id"]) for a in chosen]


@post("/api/v1/alerts/acknowledge", guards=[allow(*STAFF)], status_code=HTTP_200_OK,
      operation_id="acknowledgeAlerts", tags=["alerts"])
async def acknowledge_alerts(request: Request, data: JSONBody[BulkAcknowledgeIn]) -> BulkAcknowledged:
    """Acknowledge up to 200 open alerts with one note: all of them, or none (404 if one is out
    of sight, 403 if one is not the caller's to acknowledge, 409 if one is no longer open)."""
    return BulkAcknowledged(await _acknowledge(request, data.alert_ids, data.note))


@post("/alerts/acknowledge", guards=[allow(*STAFF)], operation_id="acknowledgeAlertsPage",
      include_in_schema=False)
async def acknowledge_alerts_submit(request: Request) -> Redirect:
    form = await request.form()
    posted = await forms.values(request)
    try:
        ids = form.getall("alert") if "alert" in form else []
        data = forms.parse(BulkAcknowledgeIn, {**posted, "alert_ids": ids})
        await _acknowledge(request, data.alert_ids, data.note)
    except Invalid:
        return forms.done(_back(posted, None), "bulk_incomplete")
    return forms.done(_back(posted, None), "acknowledged_many")


ROUTES = [acknowledge_alerts]
PAGES = [acknowledge_alerts_submit]
