"""A child's care team: the therapists who see the child's record.

A therapist of the child's own team joins at once. One from another team, or from none, is a
request until the child's team supervisor approves it (a supervisor adding them approves it
there and then), and the supervisors are told of it. Removing someone (or withdrawing a
request) takes effect at the next request they make: scope is read afresh every time.
"""

from __future__ import annotations

import datetime as dt
import uuid

from care_plans.tables import CareTeamMember, CareTeamRequest, Child
from service import access
from service.access import Actor, ChildScope
from service.accounts import notices
from service.accounts.services import actor_from_row, user_named
from service.errors import Forbidden, Invalid, NotFound


async def members(child_id) -> list[str]:
    return await CareTeamMember.select(CareTeamMember.user.username).where(
        CareTeamMember.child == child_id).order_by(CareTeamMember.user.username).output(as_list=True)


async def pending(child_id) -> list[str]:
    return await CareTeamRequest.select(CareTeamRequest.user.username).where(
        CareTeamRequest.child == child_id).order_by(CareTeamRequest.user.username).output(as_list=True)


async def _therapist(username: str) -> Actor:
    row = await user_named(username)
    member = actor_from_row(row) if row and row["active"] else None
    if member is None or member.role != access.THERAPIST:
        raise Invalid({"username": "must be an active therapist"})
    return member


async def add(actor: Actor, scope: ChildScope, child_id, username: str, now: dt.datetime) -> str:
    """"member" (already one), "added", or "requested" (waiting for the supervisor)."""
    member = await _therapist(username)
    if member.id in scope.care_team_ids:
        return "member"
    if access.joins_care_team_directly(actor, scope, member):
        await _make_member(child_id, member.id, now)
        return "added"
    if not await CareTeamRequest.exists().where(
            (CareTeamRequest.child == child_id) & (CareTeamRequest.user == member.id)):
        await CareTeamRequest.insert(CareTeamRequest(id=uuid.uuid4(), child=child_id, user=member.id,
                                                     requested_by=actor.id, requested_at=now))
        await _tell(actor, scope, child_id, member, now)
    return "requested"


async def approve(actor: Actor, scope: ChildScope, child_id, username: str, now: dt.datetime) -> None:
    if not access.can_approve_care_team(actor, scope):
        raise Forbidden("Only the child's team supervisor may approve a therapist from outside the team.")
    member = await _therapist(username)
    if not await CareTeamRequest.exists().where(
            (CareTeamRequest.child == child_id) & (CareTeamRequest.user == member.id)):
        raise NotFound("care team request")
    await _make_member(child_id, member.id, now)


async def remove(child_id, username: str) -> None:
    """Take someone off the care team, or withdraw the request for them."""
    row = await user_named(username)
    if row is None:
        raise NotFound("care team member")
    gone = await CareTeamMember.delete().where(
        (CareTeamMember.child == child_id) & (CareTeamMember.user == row["id"])).returning(CareTeamMember.id)
    withdrawn = await CareTeamRequest.delete().where(
        (CareTeamRequest.child == child_id) & (CareTeamRequest.user == row["id"])).returning(CareTeamRequest.id)
    if not gone and not withdrawn:
        raise NotFound("care team member")


async def _make_member(child_id, user_id, now: dt.datetime) -> None:
    await CareTeamMember.insert(CareTeamMember(id=uuid.uuid4(), child=child_id, user=user_id, added_at=now))
    await CareTeamRequest.delete().where((CareTeamRequest.child == child_id) & (CareTeamRequest.user == user_id))


async def _tell(actor: Actor, scope: ChildScope, child_id, member: Actor, now: dt.datetime) -> None:
    case = await Child.select(Child.case_number).where(Child.id == child_id).first()
    team = await notices.team_name(member.team_id) if member.team_id else ""
    text = (f"{actor.username} asked for {member.username} (therapist, "
            f"{'team ' + team if team else 'no team'}) to join the care team of {case['case_number']}: "
            "they see nothing of the child until you approve.")
    await notices.tell_supervisors(scope.team_id, "care_team_request", member.username, text, now,
                                   link=f"/children/{child_id}#care-team")
