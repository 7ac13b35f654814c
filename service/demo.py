"""`haven demo`: a lived-in data set so a newcomer sees the system working in a minute.

Two teams with their staff (demo passwords, printed by the CLI), then the case data from
each domain that has a demo, then one alert scan so alerts and risk levels are in place.
On a database that already has accounts it changes nothing.
"""

from __future__ import annotations

import datetime as dt
import importlib
import importlib.util

from service import db
from service.accounts import services as accounts
from service.accounts.tables import User
from service.settings import Settings

TEAMS = {"north": 2, "south": 3}  # caseworkers per team
# The names pages show for the demo's people (their usernames sign them in).
NAMES = {
    "admin": "Sam Okafor", "north.supervisor": "Maria Lindqvist", "north.caseworker1": "Amara Osei",
    "north.caseworker2": "Tomás Herrera", "north.therapist": "Priya Raman",
    "south.supervisor": "Daniel Mensah", "south.caseworker1": "Leila Haddad", "south.caseworker2": "Nadia Petrenko",
    "south.caseworker3": "Ben Carter", "south.therapist": "Yuki Tanaka",
}


def _password(username: str) -> str:
    return f"demo-{username}"


def _roster() -> list[tuple[str, str, str | None]]:
    """(username, role, team) for everyone: supervisors first, so each leads their team."""
    people = [("admin", "admin", None)]
    for team, caseworkers in TEAMS.items():
        people.append((f"{team}.supervisor", "supervisor", team))
        people += [(f"{team}.caseworker{n}", "caseworker", team) for n in range(1, caseworkers + 1)]
        people.append((f"{team}.therapist", "therapist", team))
    return people


async def fill(now: dt.datetime) -> list[tuple[str, str, str | None, str]]:
    async with db.writing():
        if await User.exists():
            return []
        staff = [accounts.actor_from_row(await accounts.add_user(
            name, role, _password(name), accounts.operator(now, "demo"), team=team, full_name=NAMES[name],
            email=f"{name}@demo.haven.invalid")) for name, role, team in _roster()]
    from care_plans import demo as case_demo

    await case_demo.fill(now, _by_team(staff))
    await _optional("milestones.demo", "fill", now)
    await _optional("care_plans.demo_referrals", "fill", now)
    await _optional("scheduler.scan", "scan", now, Settings.from_env())
    return [(name, role, team, _password(name)) for name, role, team in _roster()]


def _by_team(staff) -> dict[str, dict]:
    """{team: {"supervisor": Actor, "caseworkers": [Actor], "therapist": Actor}}."""
    teams: dict[str, dict] = {}
    for actor, (_, role, team) in zip(staff, _roster()):
        if team is None:
            continue
        group = teams.setdefault(team, {"caseworkers": []})
        if role == "caseworker":
            group["caseworkers"].append(actor)
        else:
            group[role] = actor
    return teams


async def _optional(module: str, function: str, *args) -> None:
    """Call a domain's demo step if that domain provides it."""
    if importlib.util.find_spec(module) is None:
        return
    step = getattr(importlib.import_module(module), function, None)
    if step is not None:
        await step(*args)
