"""The referral pages: partner organisations for administrators; consent and referrals on a
child's page; the referral form (pre-filled from `?kind=&reason=`, as a concern or a screening
result links to it) and a referral's own page with its next steps.

Each handler is the page twin of a JSON route in `referral_controllers.py`: the same scope check,
the same service call in one transaction with the same audit entry.
"""

from __future__ import annotations

import datetime as dt

from litestar import Request, get, post
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template

from care_plans import children, consent, partners, referral_package, referrals
from care_plans.queries import editable_scope, visible_scope, writable_scope
from care_plans.referral_clocks import CLOCKS, THERAPEUTIC
from care_plans.referral_package import LABELS
from care_plans.referral_schemas import ConsentIn, PartnerIn, ReferralIn, StepIn, WithdrawIn
from service import access, db, forms
from service.access import ADMIN, CASEWORKER, STAFF, SUPERVISOR
from service.audit.services import Reads, record, record_read
from service.errors import Conflict, Forbidden, Invalid
from service.web import allow, parse_id, utcnow, where

HOLDERS = (CASEWORKER, SUPERVISOR)
KIND_CHOICES = [(k, c.label) for k, c in CLOCKS.items()]
GIVER_CHOICES = [("child", "The child"), ("parent", "A parent"), ("guardian", "A guardian"),
                 ("advocate", "An independent advocate"), ("court", "The court")]
PURPOSE_CHOICES = [("services", "To receive services"), ("sharing", "To share information with named organisations"),
                   ("research", "To take part in research")]
STEP_WORDS = {"sent": "Mark as sent", "accepted": "They accepted", "declined": "They declined",
              "started": "The service started", "closed": "Close with an outcome", "revoked": "Revoke"}


async def _multi(request: Request, name: str) -> list[str]:
    form = await request.form()
    return [v.strip() for v in form.getall(name, []) if isinstance(v, str) and v.strip()]


# Partner organisations (administrators) ------------------------------------------------------

async def _partners_page(posted: dict, errors: dict) -> Template:
    async with db.reading():
        rows = await partners.listed()
    return Template("admin/partners.html", status_code=400 if errors else 200, context={
        "partners": rows, "kinds": KIND_CHOICES, "values": posted, "errors": errors})


@get("/admin/partners", guards=[allow(ADMIN)], operation_id="partnersPage", include_in_schema=False)
async def partners_page() -> Template:
    return await _partners_page({}, {})


@post("/admin/partners", guards=[allow(ADMIN)], operation_id="addPartnerPage", include_in_schema=False)
async def add_partner(request: Request) -> Template | Redirect:
    posted = await forms.values(request)
    services = await _multi(request, "services")
    try:
        data = forms.parse(PartnerIn, {**posted, "services": services})
        async with db.writing():
            pid = await partners.add(data, utcnow())
            await record(where(request), "partner.create", "partner", pid)
    except (Invalid, Conflict) as problem:
        return await _partners_page({**posted, "services": services}, forms.flatten(problem.fields, "services"))
    return forms.done("/admin/partners", "partner_added")


@post("/admin/partners/{partner_id:str}/active", guards=[allow(ADMIN)], operation_id="setPartnerActivePage",
      include_in_schema=False)
async def set_partner_active(request: Request, partner_id: FromPath[str]) -> Redirect:
    pid, active = parse_id(partner_id, "partner organisation"), (await forms.values(request)).get("active") == "true"
    async with db.writing():
        await partners.update(pid, {"active": active}, utcnow())
        await record(where(request), "partner.update", "partner", pid)
    return forms.done("/admin/partners", "partner_changed")


# A child's page: consent and referrals ---------------------------------------------------------

async def child_section(actor: access.Actor, cid, scope: access.ChildScope, reads: Reads,
                        now: dt.datetime, settings) -> dict:
    """Consent in plain words and the referrals, audited as read; locations left out."""
    shows = access.can_see_location(actor, scope)
    rows = await consent.for_child(cid)
    reads.add("consent.list", "consent", cid, cid)
    reads.add("referral.list", "referral", cid, cid)
    return {"consents": [{**r, "words": consent.plain_words(r, now), "in_force": consent.in_force(r, now)}
                         for r in rows],
            "referrals": [_shown(r, shows) for r in await referrals.for_child(cid)],
            "can_refer": access.holds_case(actor, scope) or access.on_care_team(actor, scope),
            "can_consent": access.can_edit_case(actor, scope)}


def _shown(row: dict, shows_location: bool) -> dict:
    return {**row, "shared_fields": [f for f in row["shared_fields"] if shows_location or f != referrals.LOCATION]}


CONSENT_FORM = "care_plans/consent.html"


async def _consent_form(request: Request, child_id: str, posted: dict, errors: dict) -> Template:
    async with db.reading():
        cid = parse_id(child_id, "child")
        await editable_scope(request.user, cid, hold=False)
        child, orgs = await children.get(cid), await partners.listed(active_only=True)
    await record_read(where(request), "child.read", "child", cid, cid)
    return Template(CONSENT_FORM, status_code=400 if errors else 200, context={
        "child": child, "values": posted, "errors": errors, "givers": GIVER_CHOICES, "purposes": PURPOSE_CHOICES,
        "partners": orgs, "now": utcnow()})


@get("/children/{child_id:str}/consents/new", guards=[allow(*HOLDERS)], operation_id="consentPage",
     include_in_schema=False)
async def consent_page(request: Request, child_id: FromPath[str]) -> Template:
    return await _consent_form(request, child_id, {}, {})


@post("/children/{child_id:str}/consents/new", guards=[allow(*HOLDERS)], operation_id="consentSubmit",
      include_in_schema=False)
async def consent_submit(request: Request, child_id: FromPath[str]) -> Template | Redirect:
    posted = await forms.values(request)
    chosen = await _multi(request, "partners")
    try:
        data = forms.parse(ConsentIn, {**posted, "partners": chosen})
        async with db.writing():
            cid = parse_id(child_id, "child")
            await editable_scope(request.user, cid)
            new_id = await consent.give(request.user, cid, data, utcnow())
            await record(where(request), "consent.create", "consent", new_id, cid)
    except Invalid as problem:
        return await _consent_form(request, child_id, {**posted, "partners": chosen},
                                   forms.flatten(problem.fields, "partners"))
    return forms.done(f"/children/{cid}#consent", "consent")


@post("/children/{child_id:str}/consents/{consent_id:str}/withdraw", guards=[allow(*HOLDERS)],
      operation_id="withdrawConsentPage", include_in_schema=False)
async def withdraw_submit(request: Request, child_id: FromPath[str], consent_id: FromPath[str]) -> Redirect:
    posted = await forms.values(request)
    cid, kid = parse_id(child_id, "child"), parse_id(consent_id, "consent")
    data = forms.parse(WithdrawIn, {"reason": posted.get("reason", "")})
    async with db.writing():
        await editable_scope(request.user, cid)
        await consent.withdraw(cid, kid, data.reason, None, utcnow())
        await record(where(request), "consent.withdraw", "consent", kid, cid)
    return forms.done(f"/children/{cid}#consent", "consent_withdrawn")


# The referral form ---------------------------------------------------------------------------------

REFERRAL_FORM = "care_plans/referral_form.html"


async def _referral_form(request: Request, child_id: str, posted: dict, errors: dict, status: int = 200) -> Template:
    async with db.reading():
        cid = parse_id(child_id, "child")
        scope = await visible_scope(request.user, cid)
        if not (access.holds_case(request.user, scope) or access.on_care_team(request.user, scope)):
            raise Forbidden("Only the child's caseworker, supervisor or care team refers them.")
        child, orgs = await children.get(cid), await partners.listed(active_only=True)
        rows = await consent.for_child(cid)
    await record_read(where(request), "child.read", "child", cid, cid)
    therapist = not access.holds_case(request.user, scope)
    kinds = [k for k in KIND_CHOICES if not therapist or k[0] in THERAPEUTIC]
    fields = [(f, label) for f, label in LABELS.items() if access.can_see_location(request.user, scope)
              or f != referrals.LOCATION]
    now = utcnow()
    return Template(REFERRAL_FORM, status_code=status if errors else 200, context={
        "child": child, "values": posted, "errors": errors, "kinds": kinds, "partners": orgs, "fields": fields,
        "partner_choices": [(str(p["id"]), f"{p['name']} ({', '.join(CLOCKS[k].label for k in p['services'] if k in CLOCKS)})")
                            for p in orgs],
        "consents": [{**r, "words": consent.plain_words(r, now)} for r in rows if consent.in_force(r, now)],
        "now": now})


@get("/children/{child_id:str}/referrals/new", guards=[allow(*STAFF)], operation_id="referralPage",
     include_in_schema=False)
async def referral_page(request: Request, child_id: FromPath[str], kind: FromQuery[str] = "",
                        reason: FromQuery[str] = "") -> Template:
    """Pre-filled from the link that offered it: a concern's milestones, a screening result."""
    chosen = kind if kind in CLOCKS else ""
    return await _referral_form(request, child_id, {"kind": chosen, "reason": reason[:2000],
                                                    "shared_fields": ["display_name", "birth_date"]}, {})


@post("/children/{child_id:str}/referrals/new", guards=[allow(*STAFF)], operation_id="referralSubmit",
      include_in_schema=False)
async def referral_submit(request: Request, child_id: FromPath[str]) -> Template | Redirect:
    posted = await forms.values(request)
    shared = await _multi(request, "shared_fields")
    again = {**posted, "shared_fields": shared}
    try:
        data = forms.parse(ReferralIn, again)
        async with db.writing():
            cid = parse_id(child_id, "child")
            scope = await writable_scope(request.user, cid)
            rid = await referrals.create(request.user, scope, cid, data, utcnow())
            await record(where(request), "referral.create", "referral", rid, cid)
    except Invalid as problem:
        return await _referral_form(request, child_id, again, forms.flatten(problem.fields, "shared_fields"), 400)
    except Conflict as problem:
        return await _referral_form(request, child_id, again, {"form": str(problem)}, 409)
    return forms.done(f"/referrals/{rid}", "referral")


# A referral's page -------------------------------------------------------------------------------

async def _referral_view(request: Request, referral_id: str, problem: str | None = None) -> Template:
    async with db.reading():
        rid = parse_id(referral_id, "referral")
        cid = await referrals.child_of(rid)
        scope = await visible_scope(request.user, cid)
        shows = access.can_see_location(request.user, scope)
        row = _shown(await referrals.get(rid), shows)
        child, partner = await children.get(cid), await partners.get(row["partner"])
        shared = await referral_package.values(row, shows)
    await record_read(where(request), "referral.read", "referral", rid, cid)
    return Template("care_plans/referral.html", status_code=409 if problem else 200, context={
        "referral": row, "child": child, "partner": partner, "shared": shared, "labels": LABELS,
        "steps": _next_steps(request.user, scope, row), "problem": problem, "now": utcnow(),
        "can_approve": row["lawful_basis"] and row["basis_approved_at"] is None
        and request.user.role == SUPERVISOR and access.holds_case(request.user, scope)})


def _next_steps(actor: access.Actor, scope: access.ChildScope, row: dict) -> list[tuple[str, str]]:
    supervisor = actor.role == SUPERVISOR and access.holds_case(actor, scope)
    mover = access.holds_case(actor, scope) or (row["kind"] in THERAPEUTIC and access.on_care_team(actor, scope))
    return [(to, STEP_WORDS[to]) for to in referrals.NEXT.get(row["state"], ())
            if (supervisor if to == "revoked" else mover)]


@get("/referrals/{referral_id:str}", guards=[allow(*STAFF)], operation_id="referralViewPage",
     include_in_schema=False)
async def referral_view(request: Request, referral_id: FromPath[str]) -> Template:
    return await _referral_view(request, referral_id)


@post("/referrals/{referral_id:str}/steps", guards=[allow(*STAFF)], operation_id="referralStepPage",
      include_in_schema=False)
async def referral_step(request: Request, referral_id: FromPath[str]) -> Template | Redirect:
    posted = await forms.values(request)
    try:
        data = forms.parse(StepIn, posted)
        async with db.writing():
            rid = parse_id(referral_id, "referral")
            cid = await referrals.child_of(rid)
            scope = await writable_scope(request.user, cid)
            await referrals.move(request.user, scope, rid, data, utcnow())
            await record(where(request), f"referral.{data.to}", "referral", rid, cid)
    except (Invalid, Conflict) as problem:
        return await _referral_view(request, referral_id, str(problem) if isinstance(problem, Conflict)
                                    else "; ".join(f"{k.replace('_', ' ')} {v}" for k, v in problem.fields.items()))
    return forms.done(f"/referrals/{rid}", "referral_moved")


@post("/referrals/{referral_id:str}/approve-basis", guards=[allow(SUPERVISOR)],
      operation_id="approveBasisPage", include_in_schema=False)
async def approve_basis(request: Request, referral_id: FromPath[str]) -> Template | Redirect:
    try:
        async with db.writing():
            rid = parse_id(referral_id, "referral")
            cid = await referrals.child_of(rid)
            scope = await writable_scope(request.user, cid)
            await referrals.approve_basis(request.user, scope, rid, utcnow())
            await record(where(request), "referral.approve_basis", "referral", rid, cid)
    except Conflict as problem:
        return await _referral_view(request, referral_id, str(problem))
    return forms.done(f"/referrals/{rid}", "basis_approved")


PAGES = [partners_page, add_partner, set_partner_active, consent_page, consent_submit, withdraw_submit,
         referral_page, referral_submit, referral_view, referral_step, approve_basis]
