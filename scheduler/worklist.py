"""The alerts still waiting for someone, as the inbox and a child's page show them: open and
acknowledged ones the actor may see, most severe first and then the oldest, each with the
child's name, caseworker and who holds the case (so the page can ask the access policy)."""

from __future__ import annotations

import uuid

from care_plans.tables import CareTeamMember, Child
from scheduler import handling
from service import db
from service.access import Actor, ChildScope

SEVERITIES = ("critical", "high", "warning", "info")
WAITING = ("open", "acknowledged")


def most_severe_first(rows: list[dict]) -> list[dict]:
    rank = {s: i for i, s in enumerate(SEVERITIES)}
    return sorted(rows, key=lambda r: (rank.get(r["severity"], len(rank)), r["raised_at"]))


async def waiting(actor: Actor, kind: str | None = None, child_id=None,
                  caseworker: str | None = None) -> list[dict]:
    """`caseworker` (a username) narrows to that caseworker's children."""
    rows = await handling.visible_alerts(actor, WAITING, kind, child_id, limit=2 * handling.LIMIT)
    children = await _children({r["child"] for r in rows})
    rows = [{**r, **children[r["child"]]} for r in rows]
    if caseworker:
        rows = [r for r in rows if r["caseworker"] == caseworker]
    return most_severe_first(rows)


def _child_columns():
    return (Child.id, Child.display_name, Child.caseworker, Child.caseworker.username.as_alias("caseworker_name"),
            Child.team)


# One child's (a child's page), through statements built once.
_ONE = db.Prepared(lambda child_id: Child.select(*_child_columns()).where(Child.id == child_id), uuid.UUID)
_ONES_CARE_TEAM = db.Prepared(lambda child_id: CareTeamMember.select(CareTeamMember.child, CareTeamMember.user).where(
    CareTeamMember.child == child_id), uuid.UUID)


async def _children(ids: set) -> dict:
    """Each child's name, caseworker and scope, in two queries whatever the number."""
    if not ids:
        return {}
    if len(ids) == 1:
        (child_id,) = ids
        rows, care_team = await _ONE.run(child_id), await _ONES_CARE_TEAM.run(child_id)
    else:
        rows = await Child.select(*_child_columns()).where(Child.id.is_in(list(ids)))
        care_team = await CareTeamMember.select(CareTeamMember.child, CareTeamMember.user).where(
            CareTeamMember.child.is_in(list(ids)))
    members: dict = {}
    for m in care_team:
        members.setdefault(m["child"], set()).add(str(m["user"]))
    return {r["id"]: {"display_name": r["display_name"], "caseworker": r["caseworker_name"],
                      "scope": ChildScope(str(r["caseworker"]), str(r["team"]),
                                          frozenset(members.get(r["id"], ())))} for r in rows}
