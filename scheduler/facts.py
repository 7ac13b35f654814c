"""What the rules need to know about a batch of children, read in a fixed number of statements
whatever the batch holds: the child rows, their placements, missing episodes, flagged
indicators, excused contacts, milestone observations, risk state and who hears of their alerts.

The scan reads facts outside the write lock (one read transaction), so a caseworker's write
never waits for it; `ChildFacts.revision` lets the write that follows see whether the child
changed meanwhile.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import uuid
from collections import defaultdict
from dataclasses import dataclass, field

from milestones.summary import Seen
from service import clock, db

CHILD_COLUMNS = (
    "c.id, c.status, c.birth_date, c.gestational_age_weeks, c.sex, c.documentation_status, "
    "c.registered_at, c.last_seen_at, c.check_in_due_at, c.next_review_due, c.risk_level, "
    "c.check_in_every_days, c.revision, c.caseworker, c.team, u.email AS caseworker_email"
)


@dataclass
class ChildFacts:
    id: uuid.UUID
    status: str
    birth_date: dt.date
    gestational_age_weeks: int | None
    sex: str | None
    documentation_status: str
    registered_at: dt.datetime
    last_seen_at: dt.datetime | None
    check_in_due_at: dt.datetime
    next_review_due: dt.date | None
    risk_level: str
    plan_days: int | None
    revision: int
    caseworker: uuid.UUID
    team: uuid.UUID
    caseworker_email: str = ""
    placements: list = field(default_factory=list)  # (started_on, planned, kind, ended_on, id, started_at), oldest first
    missing: list = field(default_factory=list)  # (went_missing_at, returned_at, id), oldest first
    indicators: list = field(default_factory=list)  # (code, flagged_at), oldest first
    excused: list = field(default_factory=list)  # when each excused contact happened
    seen: list = field(default_factory=list)  # milestone observations (Seen), oldest first
    last_assessed_on: dt.date | None = None
    risk_state: dict | None = None  # level, score, since as last stored
    risk_levels: list = field(default_factory=list)  # (since, level) each time it changed, oldest first
    care_team: list = field(default_factory=list)  # {"id", "email"} of each member
    tasks: list = field(default_factory=list)  # open tasks: (due_at, kind, id), soonest first
    screenings: list = field(default_factory=list)  # (screened_on, instrument, id, below-cutoff areas), oldest first
    referrals: list = field(default_factory=list)  # (id, kind, state, state_at, sent_at, partner name) under way

    @property
    def registered_on(self) -> dt.date:
        return clock.local(self.registered_at).date()


async def load(ids: list, parts: tuple | None = None) -> dict:
    """Every fact about these children (at most a batch: the statements name each id), or the
    child rows and only the lists that `parts` (e.g. `FOR_RISK`) names."""
    if not ids:
        return {}
    marks = db.placeholders(len(ids))
    rows = await db.fetch(f"SELECT {CHILD_COLUMNS} FROM child c LEFT JOIN haven_user u ON u.id = c.caseworker "
                          f"WHERE c.id IN ({marks})", ids)
    children = {_uuid(r["id"]): _child(r) for r in rows}
    for loader in EVERY_PART if parts is None else parts:
        await loader(children, ids, marks)
    return children


async def supervisors() -> dict:
    """Every team's active supervisors, {"id", "email"}: a few rows a team, read once a scan
    (on PostgreSQL, asked team by team inside the batches' writes, it cost up to 90 ms a batch)."""
    found = defaultdict(list)
    for r in await db.fetch("SELECT id, team, email FROM haven_user WHERE role = 'supervisor' AND active = true "
                            "AND team IS NOT NULL"):
        found[_uuid(r["team"])].append({"id": _uuid(r["id"]), "email": r["email"] or ""})
    return found


def _child(r: dict) -> ChildFacts:
    return ChildFacts(
        id=_uuid(r["id"]), status=r["status"], birth_date=_date(r["birth_date"]),
        gestational_age_weeks=r["gestational_age_weeks"], sex=r["sex"],
        documentation_status=r["documentation_status"], registered_at=_instant(r["registered_at"]),
        last_seen_at=_instant(r["last_seen_at"]), check_in_due_at=_instant(r["check_in_due_at"]),
        next_review_due=_date(r["next_review_due"]), risk_level=r["risk_level"],
        plan_days=r["check_in_every_days"], revision=r["revision"], caseworker=_uuid(r["caseworker"]),
        team=_uuid(r["team"]), caseworker_email=r["caseworker_email"] or "",
    )


async def _placements(children: dict, ids: list, marks: str) -> None:
    by_text = _by_text(children)
    for child, started_on, planned, kind, ended_on, placement_id, started_at in await db.fetch_rows(
            f"SELECT {_TEXT % 'child'}, {_TEXT % 'started_on'}, planned, kind, {_TEXT % 'ended_on'}, id, "
            f"started_at FROM placement WHERE child IN ({marks}) ORDER BY started_on, recorded_at", ids):
        by_text[child].placements.append((_day(started_on), bool(planned), kind, _day(ended_on),
                                          _uuid(placement_id), _instant(started_at)))


async def _missing(children: dict, ids: list, marks: str) -> None:
    for r in await db.fetch("SELECT child, id, went_missing_at, returned_at FROM missing_episode "
                            f"WHERE child IN ({marks}) ORDER BY went_missing_at", ids):
        children[_uuid(r["child"])].missing.append(
            (_instant(r["went_missing_at"]), _instant(r["returned_at"]), _uuid(r["id"])))


async def _indicators(children: dict, ids: list, marks: str) -> None:
    for r in await db.fetch("SELECT child, code, flagged_at FROM risk_indicator "
                            f"WHERE child IN ({marks}) AND cleared_at IS NULL ORDER BY flagged_at", ids):
        children[_uuid(r["child"])].indicators.append((r["code"], _instant(r["flagged_at"])))


async def _excused(children: dict, ids: list, marks: str) -> None:
    for r in await db.fetch(f"SELECT child, occurred_at FROM check_in WHERE child IN ({marks}) "
                            "AND excused = true", ids):
        children[_uuid(r["child"])].excused.append(_instant(r["occurred_at"]))


async def _observations(children: dict, ids: list, marks: str) -> None:
    by_text = _by_text(children)
    for child, on, milestone, status in await db.fetch_rows(
            f"SELECT {_TEXT % 'a.child'}, {_TEXT % 'a.assessed_on'}, o.milestone, o.status FROM observation o "
            f"JOIN assessment a ON a.id = o.assessment WHERE a.child IN ({marks}) "
            "ORDER BY a.assessed_on, a.created_at", ids):
        by_text[child].seen.append(Seen(milestone, status, _day(on)))


async def _last_assessed(children: dict, ids: list, marks: str) -> None:
    for r in await db.fetch("SELECT child, MAX(assessed_on) AS last_on FROM assessment "
                            f"WHERE child IN ({marks}) GROUP BY child", ids):
        children[_uuid(r["child"])].last_assessed_on = _date(r["last_on"])


async def _risk_states(children: dict, ids: list, marks: str) -> None:
    for r in await db.fetch(f"SELECT child, level, score, since FROM risk_state WHERE child IN ({marks})", ids):
        children[_uuid(r["child"])].risk_state = {"level": r["level"], "score": r["score"],
                                                  "since": _instant(r["since"])}


async def _risk_levels(children: dict, ids: list, marks: str) -> None:
    for r in await db.fetch("SELECT child, level, since FROM risk_level_history "
                            f"WHERE child IN ({marks}) ORDER BY since", ids):
        children[_uuid(r["child"])].risk_levels.append((_instant(r["since"]), r["level"]))


async def _care_teams(children: dict, ids: list, marks: str) -> None:
    for r in await db.fetch('SELECT m.child, m."user", u.email FROM care_team_member m '
                            f'JOIN haven_user u ON u.id = m."user" WHERE m.child IN ({marks})', ids):
        children[_uuid(r["child"])].care_team.append({"id": _uuid(r["user"]), "email": r["email"] or ""})


async def _tasks(children: dict, ids: list, marks: str) -> None:
    for r in await db.fetch("SELECT child, id, kind, due_at FROM task "
                            f"WHERE child IN ({marks}) AND done_at IS NULL ORDER BY due_at", ids):
        children[_uuid(r["child"])].tasks.append((_instant(r["due_at"]), r["kind"], _uuid(r["id"])))


async def _screenings(children: dict, ids: list, marks: str) -> None:
    for r in await db.fetch("SELECT child, id, instrument, screened_on, domains, result_zone FROM screening "
                            f"WHERE child IN ({marks}) ORDER BY screened_on, created_at", ids):
        children[_uuid(r["child"])].screenings.append(
            (_date(r["screened_on"]), r["instrument"], _uuid(r["id"]), below_cutoff(r["domains"], r["result_zone"])))


def below_cutoff(domains, result_zone) -> tuple[str, ...]:
    """The areas a screen found below its cutoff (`result` for an instrument's own result)."""
    found = json.loads(domains) if isinstance(domains, str) else (domains or [])
    areas = tuple(d["domain"] for d in found if d.get("zone") == "below_cutoff")
    return areas + (("result",) if result_zone == "below_cutoff" else ())


async def _referrals(children: dict, ids: list, marks: str) -> None:
    """Referrals in a state with a clock (drafted, sent, accepted): the rest cannot stall."""
    for r in await db.fetch("SELECT r.child, r.id, r.kind, r.state, r.state_at, r.sent_at, p.name FROM referral r "
                            "JOIN partner_organisation p ON p.id = r.partner "
                            f"WHERE r.child IN ({marks}) AND r.state IN ('drafted', 'sent', 'accepted') "
                            "ORDER BY r.created_at", ids):
        children[_uuid(r["child"])].referrals.append(
            (_uuid(r["id"]), r["kind"], r["state"], _instant(r["state_at"]), _instant(r["sent_at"]), r["name"]))


EVERY_PART = (_placements, _missing, _indicators, _excused, _observations, _last_assessed,
              _risk_states, _risk_levels, _care_teams, _tasks, _screenings, _referrals)
# What the risk score is made of (`scheduler.risk.FACTOR_RULES`): the child's page shows it
# without reading the development record, the tasks or the referrals again.
FOR_RISK = (_placements, _missing, _indicators)


# The loaders with many rows a child read ids and days as text (`CAST(x AS TEXT)`, the same
# text on both engines): the driver's per-value conversion to UUID and date cost more than
# the query, and a day repeats across the batch, so it is parsed once.
_TEXT = "CAST(%s AS TEXT)"


def _by_text(children: dict) -> dict:
    return {str(cid): f for cid, f in children.items()}


@functools.lru_cache(maxsize=8192)
def _day(text: str | None) -> dt.date | None:
    return None if text is None else dt.date.fromisoformat(text[:10])


def _uuid(value):
    if value is None or isinstance(value, uuid.UUID):
        return value
    return uuid.UUID(str(value))


def _date(value):
    """Aggregates come back from SQLite as text, without the column's declared type."""
    if value is None or isinstance(value, dt.date):
        return value.date() if isinstance(value, dt.datetime) else value
    return dt.date.fromisoformat(str(value)[:10])


def _instant(value):
    if value is None or isinstance(value, dt.datetime):
        return value
    return dt.datetime.fromisoformat(str(value))
