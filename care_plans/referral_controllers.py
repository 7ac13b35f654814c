"""The referral API: partner organisations (kept by administrators), consent on a child's
record, and referrals with their steps. Handlers parse, find the child in the caller's scope
(404 outside it), call one service in one transaction with its audit entry, and answer JSON.
The placement location reaches only those who may see it, through any of these routes."""

from __future__ import annotations

import datetime as dt

import msgspec
from litestar import Request, get, patch, post
from litestar.params import FromPath, FromQuery, JSONBody
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED

from care_plans import consent, partners, referral_package, referrals
from care_plans.queries import editable_scope, readable_scope, visible_scope
from care_plans.referral_schemas import (
    ConsentIn,
    ConsentOut,
    PackageOut,
    PartnerIn,
    PartnerOut,
    PartnerPatch,
    ReferralIn,
    ReferralOut,
    SharedValue,
    StepIn,
    StepOut,
    WithdrawIn,
)
from service import access, db
from service.access import ADMIN, ROLES_ALL, STAFF
from service.audit.services import record, record_read
from service.web import allow, parse_id, utcnow, where

TAGS = ["referrals"]


def partner_out(row: dict) -> PartnerOut:
    return PartnerOut(id=str(row["id"]), name=row["name"], services=row["services"], contact=row["contact"],
                      secure_email=row["secure_email"], active=row["active"])


@get("/api/v1/partners", guards=[allow(*ROLES_ALL)], operation_id="listPartners", tags=TAGS)
async def list_partners(active: FromQuery[bool | None] = None) -> list[PartnerOut]:
    """The organisations children may be referred to: their own details only."""
    async with db.reading():
        rows = await partners.listed(active_only=bool(active))
    return [partner_out(r) for r in rows]


@post("/api/v1/partners", guards=[allow(ADMIN)], status_code=HTTP_201_CREATED, operation_id="addPartner",
      tags=TAGS)
async def add_partner(request: Request, data: JSONBody[PartnerIn]) -> PartnerOut:
    async with db.writing():
        pid = await partners.add(data, utcnow())
        await record(where(request), "partner.create", "partner", pid)
        return partner_out(await partners.get(pid))


@get("/api/v1/partners/{partner_id:str}", guards=[allow(*ROLES_ALL)], operation_id="getPartner", tags=TAGS)
async def get_partner(partner_id: FromPath[str]) -> PartnerOut:
    async with db.reading():
        return partner_out(await partners.get(parse_id(partner_id, "partner organisation")))


@patch("/api/v1/partners/{partner_id:str}", guards=[allow(ADMIN)], operation_id="updatePartner", tags=TAGS)
async def update_partner(request: Request, partner_id: FromPath[str], data: JSONBody[PartnerPatch]) -> PartnerOut:
    pid = parse_id(partner_id, "partner organisation")
    changes = {k: v for k, v in msgspec.structs.asdict(data).items() if v is not msgspec.UNSET}
    async with db.writing():
        await partners.update(pid, changes, utcnow())
        await record(where(request), "partner.update", "partner", pid)
        return partner_out(await partners.get(pid))


def consent_out(row: dict, now: dt.datetime) -> ConsentOut:
    return ConsentOut(
        id=str(row["id"]), child_id=str(row["child"]), given_by=row["given_by"], giver_name=row["giver_name"],
        child_words=row["child_words"], given_on=row["given_on"], purpose=row["purpose"],
        partners=row["partners"], expires_on=row["expires_on"], withdrawn_at=row["withdrawn_at"],
        withdrawn_reason=row["withdrawn_reason"], in_force=consent.in_force(row, now),
        plain_words=consent.plain_words(row, now), recorded_by=row["recorded_by"], recorded_at=row["recorded_at"])


@post("/api/v1/children/{child_id:str}/consents", guards=[allow(*STAFF)], status_code=HTTP_201_CREATED,
      operation_id="recordConsent", tags=TAGS)
async def record_consent(request: Request, child_id: FromPath[str], data: JSONBody[ConsentIn]) -> ConsentOut:
    """Who agreed, when, to what and until when. The child's own words where they gave it."""
    now = utcnow()
    async with db.writing():
        cid = parse_id(child_id, "child")
        await editable_scope(request.user, cid)
        new_id = await consent.give(request.user, cid, data, now)
        await record(where(request), "consent.create", "consent", new_id, cid)
        rows = await consent.for_child(cid)
    return consent_out(next(r for r in rows if r["id"] == new_id), now)


@post("/api/v1/children/{child_id:str}/consents/{consent_id:str}/withdraw", guards=[allow(*STAFF)],
      status_code=HTTP_200_OK, operation_id="withdrawConsent", tags=TAGS)
async def withdraw_consent(request: Request, child_id: FromPath[str], consent_id: FromPath[str],
                           data: JSONBody[WithdrawIn]) -> ConsentOut:
    now = utcnow()
    async with db.writing():
        cid, kid = parse_id(child_id, "child"), parse_id(consent_id, "consent")
        await editable_scope(request.user, cid)
        await consent.withdraw(cid, kid, data.reason, data.withdrawn_at, now)
        await record(where(request), "consent.withdraw", "consent", kid, cid)
        rows = await consent.for_child(cid)
    return consent_out(next(r for r in rows if r["id"] == kid), now)


@get("/api/v1/children/{child_id:str}/consents", guards=[allow(*ROLES_ALL)], operation_id="listConsents",
     tags=TAGS)
async def list_consents(request: Request, child_id: FromPath[str],
                        reason: FromQuery[str | None] = None) -> list[ConsentOut]:
    now, cid = utcnow(), parse_id(child_id, "child")
    async with db.reading():
        await readable_scope(request.user, cid, reason, now)
        rows = await consent.for_child(cid)
    await record_read(_at(request, reason), "consent.list", "consent", cid, cid)
    return [consent_out(r, now) for r in rows]


def _at(request: Request, reason: str | None):
    return where(request, reason.strip() if access.breaks_glass(request.user, reason) else None)


def referral_out(row: dict, shows_location: bool) -> ReferralOut:
    """`shared_fields` names what is shared; for those who may not see the location, it is left out."""
    fields = [f for f in row["shared_fields"] if shows_location or f != referrals.LOCATION]
    return ReferralOut(
        id=str(row["id"]), child_id=str(row["child"]), case_number=row["case_number"], partner_id=str(row["partner"]),
        partner=row["partner_name"], kind=row["kind"], reason=row["reason"], shared_fields=fields,
        state=row["state"], state_at=row["state_at"], sent_at=row["sent_at"], outcome=row["outcome"],
        services_consent=_str(row["services_consent"]), sharing_consent=_str(row["sharing_consent"]),
        without_consent=bool(row["lawful_basis"]), lawful_basis=row["lawful_basis"],
        basis_approved_by=row["basis_approved_by"], basis_approved_at=row["basis_approved_at"],
        created_by=row["created_by"], created_at=row["created_at"], stalls_at=row["stalls_at"],
        steps=[StepOut(s["state"], s["at"], s["by"], s["note"]) for s in row["steps"]])


def _str(value):
    return None if value is None else str(value)


@post("/api/v1/children/{child_id:str}/referrals", guards=[allow(*STAFF)], status_code=HTTP_201_CREATED,
      operation_id="referChild", tags=TAGS)
async def refer_child(request: Request, child_id: FromPath[str], data: JSONBody[ReferralIn]) -> ReferralOut:
    """Drafted, resting on the consent in force (409 naming what is missing), or on a lawful
    basis that the supervisor approves before it is sent."""
    now = utcnow()
    async with db.writing():
        cid = parse_id(child_id, "child")
        scope = await visible_scope(request.user, cid)
        rid = await referrals.create(request.user, scope, cid, data, now)
        await record(where(request), "referral.create", "referral", rid, cid)
        row = await referrals.get(rid)
    return referral_out(row, access.can_see_location(request.user, scope))


@get("/api/v1/children/{child_id:str}/referrals", guards=[allow(*ROLES_ALL)], operation_id="listReferrals",
     tags=TAGS)
async def list_referrals(request: Request, child_id: FromPath[str],
                         reason: FromQuery[str | None] = None) -> list[ReferralOut]:
    cid = parse_id(child_id, "child")
    async with db.reading():
        scope = await readable_scope(request.user, cid, reason, utcnow())
        rows = await referrals.for_child(cid)
    await record_read(_at(request, reason), "referral.list", "referral", cid, cid)
    return [referral_out(r, access.can_see_location(request.user, scope)) for r in rows]


async def _referral_scope(request: Request, referral_id: str):
    rid = parse_id(referral_id, "referral")
    cid = await referrals.child_of(rid)
    return rid, cid, await visible_scope(request.user, cid)


@get("/api/v1/referrals/{referral_id:str}", guards=[allow(*STAFF)], operation_id="getReferral", tags=TAGS)
async def get_referral(request: Request, referral_id: FromPath[str]) -> ReferralOut:
    async with db.reading():
        rid, cid, scope = await _referral_scope(request, referral_id)
        row = await referrals.get(rid)
    await record_read(where(request), "referral.read", "referral", rid, cid)
    return referral_out(row, access.can_see_location(request.user, scope))


@get("/api/v1/referrals/{referral_id:str}/package", guards=[allow(*STAFF)], operation_id="getReferralPackage",
     tags=TAGS)
async def get_referral_package(request: Request, referral_id: FromPath[str]) -> PackageOut:
    """What goes to the organisation: the chosen fields' values as they stand now."""
    async with db.reading():
        rid, cid, scope = await _referral_scope(request, referral_id)
        row = await referrals.get(rid)
        partner = await partners.get(row["partner"])
        shared = await referral_package.values(row, access.can_see_location(request.user, scope))
    await record_read(where(request), "referral.package", "referral", rid, cid)
    return PackageOut(referral_id=str(rid), partner=partner["name"], secure_email=partner["secure_email"],
                      reason=row["reason"], shared=[SharedValue(f, v) for f, v in shared],
                      without_consent=bool(row["lawful_basis"]), lawful_basis=row["lawful_basis"])


@post("/api/v1/referrals/{referral_id:str}/steps", guards=[allow(*STAFF)], status_code=HTTP_200_OK,
      operation_id="moveReferral", tags=TAGS)
async def move_referral(request: Request, referral_id: FromPath[str], data: JSONBody[StepIn]) -> ReferralOut:
    """One step on: sent, accepted or declined, started, closed (with an outcome), or revoked by
    the supervisor. A step out of turn is a 409 naming the referral's state."""
    async with db.writing():
        rid, cid, scope = await _referral_scope(request, referral_id)
        await referrals.move(request.user, scope, rid, data, utcnow())
        await record(where(request), f"referral.{data.to}", "referral", rid, cid)
        row = await referrals.get(rid)
    return referral_out(row, access.can_see_location(request.user, scope))


@post("/api/v1/referrals/{referral_id:str}/approve-basis", guards=[allow(*STAFF)], status_code=HTTP_200_OK,
      operation_id="approveLawfulBasis", tags=TAGS)
async def approve_lawful_basis(request: Request, referral_id: FromPath[str]) -> ReferralOut:
    """The team's supervisor approves sharing without consent on the basis recorded."""
    async with db.writing():
        rid, cid, scope = await _referral_scope(request, referral_id)
        await referrals.approve_basis(request.user, scope, rid, utcnow())
        await record(where(request), "referral.approve_basis", "referral", rid, cid)
        row = await referrals.get(rid)
    return referral_out(row, access.can_see_location(request.user, scope))


ROUTES = [list_partners, add_partner, get_partner, update_partner, record_consent, withdraw_consent,
          list_consents, refer_child, list_referrals, get_referral, get_referral_package, move_referral,
          approve_lawful_basis]
