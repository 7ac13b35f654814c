"""Telling a team's supervisors what changed about their team: a new member, a role change
into it, an administrator reading one of its children's records (break-glass).

An administrator manages accounts but works outside every team, so nothing they do to a team
goes unseen by the people who lead it. Each notice is an inbox entry, and an email once the
delivery job sends it (when email is set up). Notices carry usernames, roles and case numbers,
never a child's name.
"""

from __future__ import annotations

import datetime as dt
import uuid

from service.access import SUPERVISOR
from service.accounts.tables import AccountNotice, Team, User


async def supervisors_of(team_id, leaving_out: str | None = None) -> list[dict]:
    query = User.select(User.id, User.username, User.email).where(
        (User.team == team_id) & (User.role == SUPERVISOR) & (User.active == True))  # noqa: E712
    rows = await query
    return [r for r in rows if r["username"] != leaving_out]


async def tell_supervisors(team_id, kind: str, subject: str, text: str, now: dt.datetime,
                           link: str = "") -> int:
    """One notice for each active supervisor of the team except the person it is about."""
    if team_id is None:
        return 0
    rows = [AccountNotice(id=uuid.uuid4(), recipient=s["id"], kind=kind, subject=subject, text=text,
                          link=link, created_at=now, email_next_at=now if s["email"] else None)
            for s in await supervisors_of(team_id, leaving_out=subject)]
    if rows:
        await AccountNotice.insert(*rows)
    return len(rows)


async def team_name(team_id) -> str:
    row = await Team.select(Team.name).where(Team.id == team_id).first()
    return "" if row is None else row["name"]


async def for_recipient(user_id, limit: int = 50) -> list[dict]:
    """The newest notices for one person."""
    return await AccountNotice.select(
        AccountNotice.id, AccountNotice.kind, AccountNotice.subject, AccountNotice.text,
        AccountNotice.link, AccountNotice.created_at,
    ).where(AccountNotice.recipient == user_id).order_by(AccountNotice.created_at, ascending=False).limit(limit)
