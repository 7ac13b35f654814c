"""Who holds a case, for the access policy; shared by every domain's controllers.

`scope_of` answers the one question every child route asks first. `visible_scope` turns a
child outside the caller's scope into NotFound, so its existence is not leaked.
"""

from __future__ import annotations

import datetime as dt

from care_plans.due_dates import lock_children
from care_plans.tables import CareTeamMember, Child
from service import access, db
from service.access import Actor, ChildScope
from service.accounts import notices
from service.accounts.tables import AccountNotice
from service.errors import Conflict, Forbidden, Invalid, NotFound


# Who holds the case and who is on its care team, in one statement: one row per member, or
# one row with no member.
_SCOPE = ('SELECT c.caseworker, c.team, c.status, m."user" AS member FROM child c '
          'LEFT JOIN care_team_member m ON m.child = c.id WHERE c.id = ?')


async def scope_of(child_id) -> ChildScope | None:
    rows = await db.lookup(_SCOPE, [child_id])
    if not rows:
        return None
    row = rows[0]
    return ChildScope(
        caseworker_id=str(row["caseworker"]),
        team_id=str(row["team"]),
        care_team_ids=frozenset(str(r["member"]) for r in rows if r["member"] is not None),
        status=row["status"],
    )


async def visible_scope(actor: Actor, child_id) -> ChildScope:
    """The child's scope if the actor may see the child at all, else NotFound.

    Stricter decisions (editing, locations) are asked of `access` afterwards; failing those
    on a child one can see is a 403.
    """
    scope = await scope_of(child_id)
    if scope is None or not access.can_view_child(actor, scope):
        raise NotFound("child")
    return scope


async def editable_scope(actor: Actor, child_id, hold: bool = True) -> ChildScope:
    """The scope of a child whose case `actor` may change: NotFound if unseen, Forbidden if
    seen but not theirs to change. In a write, holds the child's row until commit, so writes
    to one child (and the due dates recomputed from them) happen one after another; a form
    page, which only reads, asks with `hold=False`."""
    scope = await visible_scope(actor, child_id)
    if not access.can_edit_case(actor, scope):
        raise Forbidden("Only the child's caseworker or their supervisor may change the case.")
    refuse_if_closed(scope)
    if hold:
        await lock_children([child_id])
    return scope


def refuse_if_closed(scope: ChildScope) -> ChildScope:
    """Every write to a closed case is a 409 naming its status: the record is kept as it was."""
    if access.is_read_only(scope):
        raise Conflict("This case is closed: its record is kept and can no longer be changed.",
                       {"status": scope.status})
    return scope


async def writable_scope(actor: Actor, child_id) -> ChildScope:
    """`visible_scope` for a write whose own rule `access` decides afterwards (approving a
    plan, an assessment, an alert): a closed case is refused first."""
    return refuse_if_closed(await visible_scope(actor, child_id))


async def readable_scope(actor: Actor, child_id, reason: str | None, now: dt.datetime) -> ChildScope:
    """Like `visible_scope`, but an admin who gives a reason may read (break-glass), and the
    child's team supervisors are told. A reason too short to say why is a 400.

    The caller records `reason` in the audit entry of the read.
    """
    problem = access.break_glass_problem(actor, reason)
    if problem:
        raise Invalid({"reason": problem})
    if access.breaks_glass(actor, reason):
        scope = await scope_of(child_id)
        if scope is None:
            raise NotFound("child")
        await db.in_a_write_of_its_own(lambda: _tell_of_break_glass(actor, child_id, scope, now))
        return scope
    return await visible_scope(actor, child_id)


BREAK_GLASS_NOTICE_EVERY = dt.timedelta(hours=1)  # one page view reads many parts of a record


async def _tell_of_break_glass(actor: Actor, child_id, scope: ChildScope, now: dt.datetime) -> None:
    link = f"/children/{child_id}"
    told = await AccountNotice.exists().where(
        (AccountNotice.kind == "break_glass") & (AccountNotice.subject == actor.username)
        & (AccountNotice.link == link) & (AccountNotice.created_at > now - BREAK_GLASS_NOTICE_EVERY))
    if told:
        return
    case = await Child.select(Child.case_number).where(Child.id == child_id).first()
    text = (f"{actor.username} (administrator) read the record of {case['case_number']} under "
            "break-glass; the reason given is in the audit trail.")
    await notices.tell_supervisors(scope.team_id, "break_glass", actor.username, text, now, link=link)


def caseload_where(actor: Actor):
    """A piccolo `where` clause selecting exactly the children `actor` may see."""
    return caseload_clause(access.caseload(actor))


def caseload_clause(load: access.Caseload):
    """`caseload_where` for a caseload given as its column and value (in a prepared statement,
    a marker stands in for the value)."""
    if load.column == "caseworker":
        return Child.caseworker == load.value
    if load.column == "team":
        return Child.team == load.value
    if load.column == "care_team":
        return Child.id.is_in(
            CareTeamMember.select(CareTeamMember.child).where(CareTeamMember.user == load.value)
        )
    return Child.id.is_null()  # selects nothing: ids are never null


def caseload_values(actor: Actor) -> tuple[str, list]:
    """The caseload's column, which shapes a prepared statement, and the values it takes."""
    load = access.caseload(actor)
    return load.column, [] if load.column == "none" else [load.value]


def caseload_of(column: str, values: list) -> access.Caseload:
    """The caseload a prepared statement's builder selects by, taking its value off `values`."""
    return access.Caseload(column, None if column == "none" else values.pop(0))


async def team_child_ids(team_id: str | None) -> list[str]:
    if team_id is None:
        return []
    ids = await Child.select(Child.id).where(Child.team == team_id).output(as_list=True)
    return [str(i) for i in ids]
