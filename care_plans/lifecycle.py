"""The case lifecycle: correcting a child's details, moving the case to another caseworker,
and closing it (the caseworker asks, the team's supervisor approves, or closes it directly).

Every change keeps what a field said before and after (`ChildChange`), since the audit trail
holds only ids and actions; the request's audit entry (`child.update`, `child.reassign`) names
the same actor, child and instant.
"""

from __future__ import annotations

import datetime as dt
import functools
import uuid

from care_plans import children
from care_plans.lifecycle_tables import CaseClosure, ChildChange
from care_plans.tables import Child
from service import access, db
from service.access import Actor
from service.errors import Conflict, Forbidden, Invalid

# Why a case closes. Plain words, as the child's page and the resolved alerts say them.
CLOSING_REASONS = {
    "returned_to_family": "Returned to their family",
    "moved_authority": "Moved to another authority",
    "turned_18": "Turned 18",
    "other": "Other",
}
CORRECTABLE = ("display_name", "birth_date", "birth_date_estimated", "gestational_age_weeks", "sex",
               "documentation_status", "languages")


def _shown(value) -> str:
    if isinstance(value, list):
        return ", ".join(value)
    return "" if value is None else str(value)


async def _snapshot(child_id) -> dict:
    row = await children.get(child_id)
    return {**{f: _shown(row[f]) for f in CORRECTABLE}, "caseworker": row["caseworker"]}


async def change(actor: Actor, child_id, patch: dict, now: dt.datetime) -> list[uuid.UUID]:
    """Apply `patch` (as `children.update` checks it) and keep each field that changed, before
    and after. Returns the ids of the kept changes (none if nothing differed)."""
    before = await _snapshot(child_id)
    await children.update(actor, child_id, patch, now)
    after = await _snapshot(child_id)
    rows = [ChildChange(id=uuid.uuid4(), child=child_id, field=f, before=before[f], after=after[f],
                        changed_by=actor.id, changed_at=now) for f in after if before[f] != after[f]]
    if rows:
        await ChildChange.insert(*rows)
    return [r.id for r in rows]


async def correct(actor: Actor, scope: access.ChildScope, child_id, patch: dict,
                  now: dt.datetime) -> list[uuid.UUID]:
    """A correction of the child's details. A case changes hands only by the supervisor's
    decision, and closes only through a request the supervisor approves."""
    if "status" in patch:
        raise Invalid({"status": "a case is closed by asking to close it, with a reason, which "
                                 "the team's supervisor approves"})
    worker = patch.get("caseworker")
    if worker is not None and worker == (await children.get(child_id))["caseworker"]:
        patch = {k: v for k, v in patch.items() if k != "caseworker"}
        if not patch:
            return []  # the caseworker named is the one holding the case: nothing to change
    elif worker is not None and not access.can_reassign(actor, scope):
        raise Forbidden("Only the supervisor of the child's team moves a case to another caseworker.")
    return await change(actor, child_id, patch, now)


async def reassign(actor: Actor, scope: access.ChildScope, child_id, username: str,
                   now: dt.datetime) -> list[uuid.UUID]:
    """The team's supervisor moves the case to another caseworker of the team."""
    if not access.can_reassign(actor, scope):
        raise Forbidden("Only the supervisor of the child's team moves a case to another caseworker.")
    if not (username or "").strip():
        raise Invalid({"caseworker": "choose the caseworker who takes the case"})
    if username == (await children.get(child_id))["caseworker"]:
        raise Invalid({"caseworker": "already holds the case"})
    return await change(actor, child_id, {"caseworker": username.strip()}, now)


@functools.lru_cache(maxsize=16)  # by limit, which is part of the statement
def _changes(limit: int) -> db.Prepared:
    return db.Prepared(lambda child_id: ChildChange.select(
        ChildChange.id, ChildChange.field, ChildChange.before, ChildChange.after,
        ChildChange.changed_at, ChildChange.changed_by.username.as_alias("changed_by"),
    ).where(ChildChange.child == child_id).order_by(ChildChange.changed_at, ascending=False).limit(limit), uuid.UUID)


async def changes(child_id, limit: int = 200) -> list[dict]:
    """Newest first: every correction and move of the child's case, with who made it."""
    return await _changes(limit).run(child_id)


# Closing a case ---------------------------------------------------------------------------

def check_closing(reason: str, note: str) -> str:
    """The note, stripped; "other" needs one, since the reason then says nothing itself."""
    note = (note or "").strip()
    if reason not in CLOSING_REASONS:
        raise Invalid({"reason": "must be one of " + ", ".join(CLOSING_REASONS)})
    if len(note) > 2000:
        raise Invalid({"note": "must be at most 2000 characters"})
    if reason == "other" and not note:
        raise Invalid({"note": "say why the case closes, when the reason is other"})
    return note


async def pending(child_id) -> dict | None:
    return await _closure(child_id, "requested")


async def closure(child_id) -> dict | None:
    """The closure in force (approved) or waiting (requested), for the child's page."""
    return await _closure(child_id, "approved") or await _closure(child_id, "requested")


_CLOSURE = db.Prepared(lambda child_id, status: CaseClosure.select(
    *CaseClosure.all_columns(exclude=[CaseClosure.requested_by, CaseClosure.decided_by]),
    CaseClosure.requested_by.username.as_alias("requested_by"),
    CaseClosure.decided_by.username.as_alias("decided_by"),
).where((CaseClosure.child == child_id) & (CaseClosure.status == status)).order_by(
    CaseClosure.requested_at, ascending=False).first(), uuid.UUID, str)


async def _closure(child_id, status: str) -> dict | None:
    return await _CLOSURE.run(child_id, status)


async def request_closing(actor: Actor, child_id, reason: str, note: str, now: dt.datetime) -> uuid.UUID:
    """The caseworker asks to close the case; one request waits at a time."""
    note = check_closing(reason, note)
    if await pending(child_id):
        raise Conflict("A request to close this case is already waiting for the supervisor.",
                       {"status": "closing requested"})
    closure_id = uuid.uuid4()
    await CaseClosure.insert(CaseClosure(id=closure_id, child=child_id, reason=reason, note=note,
                                         status="requested", requested_by=actor.id, requested_at=now))
    return closure_id


async def decide(actor: Actor, scope: access.ChildScope, child_id, approve: bool,
                 now: dt.datetime) -> dict:
    """The team's supervisor approves (the case closes) or declines the waiting request."""
    if not access.can_close_case(actor, scope):
        raise Forbidden("Only the supervisor of the child's team decides on closing a case.")
    waiting = await pending(child_id)
    if waiting is None:
        raise Conflict("No request to close this case is waiting.", {"status": "no request"})
    await CaseClosure.update({CaseClosure.status: "approved" if approve else "declined",
                              CaseClosure.decided_by: actor.id, CaseClosure.decided_at: now}).where(
        CaseClosure.id == waiting["id"])
    if approve:
        await Child.update({Child.status: "closed", Child.updated_at: now}).where(Child.id == child_id)
    return waiting


def closing_note(reason: str, note: str) -> str:
    """How the case's alerts are resolved when it closes: the reason, in words, and the note."""
    said = f"Case closed: {CLOSING_REASONS.get(reason, reason).lower()}"
    return f"{said}. {note}" if note else said + "."
