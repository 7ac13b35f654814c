"""Which children an indicator request covers: the whole service, a team or a caseworker,
named by the caller and checked against the access policy."""

from __future__ import annotations

import uuid

from service import access, db
from service.errors import Forbidden, Invalid
from service.i18n import N_, phrases
from service.reports.statements import Scope

# Who a report covers, in words the page translates (the JSON keeps them in English).
CASEWORKER, TEAM = phrases(N_("caseworker %(name)s"), N_("team %(name)s"))


async def team_named(name: str) -> dict:
    rows = await db.fetch("SELECT id, name FROM team WHERE LOWER(name) = LOWER(?)", [name.strip()])
    if not rows:
        raise Invalid({"team": "is not a team"})
    return dict(rows[0])


async def _caseworker(username: str) -> dict:
    rows = await db.fetch("SELECT id, username, team FROM haven_user WHERE username = ? AND role = 'caseworker'",
                          [username.strip()])
    if not rows:
        raise Invalid({"caseworker": "is not a caseworker"})
    return dict(rows[0])


async def resolve(actor: access.Actor, team: str | None, caseworker: str | None) -> Scope:
    """A supervisor's scope is their team (or one of its caseworkers); a manager's the whole
    service unless they name a team or a caseworker. Call inside a read."""
    found = await team_named(team) if team else None
    try:
        team_id = access.indicator_team(actor, None if found is None else str(found["id"]))
    except PermissionError:
        raise Forbidden("Supervisors read their own team's indicators.") from None
    if caseworker:
        worker = await _caseworker(caseworker)
        if team_id is not None and str(worker["team"]) != team_id:
            raise Forbidden("That caseworker is not in this team.")
        return Scope("caseworker", worker["id"], CASEWORKER % {"name": worker["username"]})
    if team_id is None:
        return Scope("service")
    name = found["name"] if found else (await db.fetch("SELECT name FROM team WHERE id = ?", [_uuid(team_id)]))[0]["name"]
    return Scope("team", _uuid(team_id), TEAM % {"name": name})


def _uuid(value) -> uuid.UUID:
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))
