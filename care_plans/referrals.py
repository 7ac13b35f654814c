"""Referrals of a child to a partner organisation for a kind of service.

A referral rests on the consent in force when it is made and sent: to services, and to sharing
with that organisation. Without it, it is refused (409, naming what is missing) unless a lawful
basis for sharing without consent is recorded, and then it is not sent until the team's
supervisor approves that basis. It moves drafted -> sent -> accepted | declined -> started ->
closed (with an outcome); a supervisor may revoke it before it ends. Each step is a dated row.
"""

from __future__ import annotations

import datetime as dt
import uuid

from care_plans import consent
from care_plans.due_dates import lock_children
from care_plans.referral_clocks import THERAPEUTIC, deadline
from care_plans.tables import PartnerOrganisation, Referral, ReferralStep
from service import access, db
from service.access import Actor, ChildScope
from service.errors import Conflict, Forbidden, Invalid, NotFound

NEXT = {"drafted": ("sent", "revoked"), "sent": ("accepted", "declined", "revoked"),
        "accepted": ("started", "revoked"), "started": ("closed", "revoked")}
ENDED = ("declined", "closed", "revoked")
LOCATION = "placement_location"


def may_refer(actor: Actor, scope: ChildScope, kind: str) -> bool:
    """The case holders for any kind; a therapist on the care team for developmental and
    therapeutic services."""
    return access.holds_case(actor, scope) or (kind in THERAPEUTIC and access.on_care_team(actor, scope))


async def create(actor: Actor, scope: ChildScope, child_id, data, now: dt.datetime) -> uuid.UUID:
    if not may_refer(actor, scope, data.kind):
        raise Forbidden("A therapist refers only for developmental and therapeutic services.")
    if LOCATION in data.shared_fields and not access.can_see_location(actor, scope):
        raise Invalid({"shared_fields": "cannot include the placement location"})
    partner = await _partner(data.partner, data.kind)
    services, sharing = await _consent_or_basis(child_id, partner, data.lawful_basis, now)
    await lock_children([child_id])
    rid = uuid.uuid4()
    await Referral.insert(Referral(
        id=rid, child=child_id, partner=partner["id"], kind=data.kind, reason=data.reason.strip(),
        shared_fields=list(dict.fromkeys(data.shared_fields)), services_consent=services, sharing_consent=sharing,
        lawful_basis=data.lawful_basis.strip() if sharing is None else "", state="drafted", state_at=now,
        created_by=actor.id, created_at=now))
    await _step(rid, "drafted", now, actor, "")
    return rid


async def _partner(partner_id: str, kind: str) -> dict:
    try:
        pid = uuid.UUID(partner_id)
    except ValueError:
        raise Invalid({"partner": "is not a listed organisation"}) from None
    row = await PartnerOrganisation.select().where(PartnerOrganisation.id == pid).output(load_json=True).first()
    if row is None or not row["active"]:
        raise Invalid({"partner": "is not a listed organisation"})
    if kind not in row["services"]:
        raise Invalid({"kind": f"is not a service {row['name']} offers"})
    return row


async def _consent_or_basis(child_id, partner: dict, basis: str, now: dt.datetime):
    """The consents a referral rests on; with consent missing, a lawful basis stands in."""
    services, sharing, missing = consent.needed(await consent.for_child(child_id), str(partner["id"]), now)
    if missing and not basis.strip():
        raise Conflict(f"No {' and no '.join(missing)} is in force for this child. Record the consent, "
                       "or give a lawful basis for sharing without it for the supervisor to approve.",
                       {"consent": "missing: " + "; ".join(missing)})
    if missing:
        return None, None
    return services["id"], sharing["id"]


async def _step(rid, state: str, at: dt.datetime, actor: Actor, note: str) -> None:
    await ReferralStep.insert(ReferralStep(id=uuid.uuid4(), referral=rid, state=state, at=at, by=actor.id,
                                           note=note.strip()))


async def child_of(referral_id) -> uuid.UUID:
    row = await Referral.select(Referral.child).where(Referral.id == referral_id).first()
    if row is None:
        raise NotFound("referral")
    return row["child"]


async def move(actor: Actor, scope: ChildScope, referral_id, data, now: dt.datetime) -> None:
    """One step on. Revoking is the supervisor's; the rest are the case holders' (and the
    referring therapist's, for a therapeutic referral)."""
    row = await Referral.select().where(Referral.id == referral_id).first()
    _may_move(actor, scope, row, data.to)
    at = data.at or now
    _check_step(row, data, at, now)
    if data.to == "sent":
        await _still_allowed(row, now)
    await lock_children([row["child"]])
    values = {Referral.state: data.to, Referral.state_at: at}
    if data.to == "sent":
        values[Referral.sent_at] = at
    if data.to == "closed":
        values[Referral.outcome] = data.outcome.strip()
    done = await Referral.update(values).where(
        (Referral.id == referral_id) & (Referral.state == row["state"])).returning(Referral.id)
    if not done:
        raise Conflict("The referral moved on a moment ago; reload it.", {"to": "the state changed"})
    await _step(referral_id, data.to, at, actor, data.note or data.outcome)


def _may_move(actor: Actor, scope: ChildScope, row: dict, to: str) -> None:
    if to == "revoked":
        if not (actor.role == access.SUPERVISOR and access.holds_case(actor, scope)):
            raise Forbidden("Only the team's supervisor may revoke a referral.")
        return
    if not (access.holds_case(actor, scope) or (row["kind"] in THERAPEUTIC and access.on_care_team(actor, scope))):
        raise Forbidden("Only the child's caseworker, supervisor or (for therapy) care team moves a referral on.")


def _check_step(row: dict, data, at: dt.datetime, now: dt.datetime) -> None:
    allowed = NEXT.get(row["state"], ())
    if data.to not in allowed:
        ways = " or ".join(allowed) if allowed else "nothing: it has ended"
        raise Conflict(f"The referral is {row['state']}; it can move on to {ways}.",
                       {"to": f"the referral is {row['state']}"})
    if at > now:
        raise Invalid({"at": "cannot be in the future"})
    if at < row["state_at"]:
        raise Invalid({"at": "is before the referral's last step"})
    if data.to == "closed" and not data.outcome.strip():
        raise Invalid({"outcome": "is required to close a referral"})


async def _still_allowed(row: dict, now: dt.datetime) -> None:
    """Sending shares the record: the consent must still be in force, or the basis approved."""
    if row["lawful_basis"]:
        if row["basis_approved_at"] is None:
            raise Conflict("The lawful basis for sharing without consent awaits the supervisor's approval.",
                           {"lawful_basis": "is not yet approved"})
        return
    _, _, missing = consent.needed(await consent.for_child(row["child"]), str(row["partner"]), now)
    if missing:
        raise Conflict(f"No {' and no '.join(missing)} is in force now (it may have been withdrawn).",
                       {"consent": "missing: " + "; ".join(missing)})


async def approve_basis(actor: Actor, scope: ChildScope, referral_id, now: dt.datetime) -> None:
    if not (actor.role == access.SUPERVISOR and access.holds_case(actor, scope)):
        raise Forbidden("Only the team's supervisor approves sharing without consent.")
    row = await Referral.select().where(Referral.id == referral_id).first()
    if not row["lawful_basis"]:
        raise Conflict("This referral rests on consent; there is no lawful basis to approve.",
                       {"lawful_basis": "none recorded"})
    if row["basis_approved_at"] is not None:
        raise Conflict("The lawful basis is already approved.", {"lawful_basis": "already approved"})
    await lock_children([row["child"]])
    await Referral.update({Referral.basis_approved_by: actor.id, Referral.basis_approved_at: now}).where(
        Referral.id == referral_id)


def _columns():
    return [*Referral.all_columns(exclude=[Referral.created_by, Referral.basis_approved_by]),
            Referral.created_by.username.as_alias("created_by"),
            Referral.basis_approved_by.username.as_alias("basis_approved_by"),
            Referral.partner.name.as_alias("partner_name"), Referral.child.case_number.as_alias("case_number"),
            Referral.child.display_name.as_alias("display_name")]


_OF_CHILD = db.Prepared(lambda child_id: Referral.select(*_columns()).where(Referral.child == child_id).order_by(
    Referral.created_at, ascending=False).output(load_json=True), uuid.UUID)


async def for_child(child_id) -> list[dict]:
    return await _with_steps(await _OF_CHILD.run(child_id))


async def get(referral_id) -> dict:
    rows = await Referral.select(*_columns()).where(Referral.id == referral_id).output(load_json=True)
    if not rows:
        raise NotFound("referral")
    return (await _with_steps(rows))[0]


async def _with_steps(rows: list[dict]) -> list[dict]:
    if not rows:
        return rows
    steps = await ReferralStep.select(ReferralStep.referral, ReferralStep.state, ReferralStep.at,
                                      ReferralStep.note, ReferralStep.by.username.as_alias("by")).where(
        ReferralStep.referral.is_in([r["id"] for r in rows])).order_by(ReferralStep.at)
    found = {r["id"]: [] for r in rows}
    for s in steps:
        found[s["referral"]].append(s)
    return [{**r, "steps": found[r["id"]], "stalls_at": deadline(r["kind"], r["state"], r["state_at"], r["sent_at"])}
            for r in rows]


async def for_team(team_id, limit: int = 50) -> list[dict]:
    """A team's referrals still under way, and those awaiting the supervisor's approval first."""
    rows = await Referral.select(*_columns()).where(
        (Referral.child.team == team_id) & Referral.state.not_in(list(ENDED))).order_by(
        Referral.state_at, ascending=False).limit(limit).output(load_json=True)
    return sorted(await _with_steps(rows), key=lambda r: not (r["lawful_basis"] and r["basis_approved_at"] is None))
