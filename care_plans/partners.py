"""Partner organisations: who children are referred to. Administrators keep the list; the
records hold the organisation's own details only, never which children were referred to it."""

from __future__ import annotations

import datetime as dt
import uuid

from care_plans.tables import PartnerOrganisation
from service.errors import Conflict, NotFound

COLUMNS = ("id", "name", "services", "contact", "secure_email", "active")


def _columns():
    return [getattr(PartnerOrganisation, c) for c in COLUMNS]


async def listed(active_only: bool = False) -> list[dict]:
    query = PartnerOrganisation.select(*_columns()).order_by(PartnerOrganisation.name)
    if active_only:
        query = query.where(PartnerOrganisation.active == True)  # noqa: E712
    return await query.output(load_json=True)


async def get(partner_id) -> dict:
    row = await PartnerOrganisation.select(*_columns()).where(
        PartnerOrganisation.id == partner_id).output(load_json=True).first()
    if row is None:
        raise NotFound("partner organisation")
    return row


async def _name_free(name: str, partner_id=None) -> None:
    query = PartnerOrganisation.exists().where(PartnerOrganisation.name == name)
    if partner_id is not None:
        query = query.where(PartnerOrganisation.id != partner_id)
    if await query:
        raise Conflict("An organisation with this name is already listed.", {"name": "is already listed"})


async def add(data, now: dt.datetime) -> uuid.UUID:
    name = data.name.strip()
    await _name_free(name)
    row = PartnerOrganisation(id=uuid.uuid4(), name=name, services=list(dict.fromkeys(data.services)),
                              contact=data.contact.strip(), secure_email=data.secure_email.strip(),
                              active=True, created_at=now, updated_at=now)
    await PartnerOrganisation.insert(row)
    return row.id


async def update(partner_id, changes: dict, now: dt.datetime) -> None:
    await get(partner_id)
    if "name" in changes:
        changes["name"] = changes["name"].strip()
        await _name_free(changes["name"], partner_id)
    values = {getattr(PartnerOrganisation, k): v for k, v in changes.items()}
    await PartnerOrganisation.update({**values, PartnerOrganisation.updated_at: now}).where(
        PartnerOrganisation.id == partner_id)
