"""The re-trafficking risk score: additive and explainable, over events in time.

Each factor is a published indicator (see `risk_weights.csv`) with its points and since when.
The points are configurable defaults, not validated weights. `assess` is a pure function of
one child's facts; `facts` gathers every child's facts in a fixed number of queries.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from care_plans.cadence import Cadence, check_in_interval
from care_plans.tables import Child, MissingEpisode, Placement
from scheduler.tables import RiskIndicator

LEVELS = ("low", "medium", "high", "critical")
INDICATORS = {
    "exploiter_contact": "contact with a suspected exploiter",
    "unexplained_items": "unexplained money, phone or gifts",
    "older_companion": "an older boyfriend, girlfriend or companion",
}
RECENT_MOVES = dt.timedelta(days=90)
RECENT_MISSING = dt.timedelta(days=365)
STATE_BATCH = 5000  # rows per statement: 5 columns each, inside both engines' parameter limits


@dataclass(frozen=True)
class Facts:
    child_id: object
    birth_date: dt.date
    documentation_status: str
    registered_at: dt.datetime
    last_seen_at: dt.datetime | None
    check_in_due_at: dt.datetime
    risk_level: str
    plan_days: int | None
    placements: list = field(default_factory=list)  # (started_on, planned, kind, ended_on), oldest first
    missing: list = field(default_factory=list)  # (went_missing_at, returned_at)
    indicators: list = field(default_factory=list)  # (code, flagged_at)


@dataclass(frozen=True)
class Factor:
    code: str
    points: int
    detail: str
    since: dt.datetime | dt.date


@dataclass(frozen=True)
class Assessment:
    level: str
    score: int
    factors: list[Factor]


def short(day) -> str:
    return f"{day.day} {day:%b %Y}"


def assess(f: Facts, weights: dict, now: dt.datetime, cadence: Cadence, grace_days: int) -> Assessment:
    factors = [x for rule in FACTOR_RULES for x in rule(f, weights, now, cadence, grace_days)]
    factors = [x for x in factors if x.points > 0]
    score = sum(x.points for x in factors)
    return Assessment(level_for(score, weights), score, factors)


def level_for(score: int, weights: dict) -> str:
    level = "low"
    for name in ("medium", "high", "critical"):
        if score >= _points(weights, f"level_{name}"):
            level = name
    return level


def _points(weights: dict, code: str) -> int:
    row = weights.get(code)
    return row["points"] if row else 0


def _moves(f, weights, now, cadence, grace):
    """Placement changes in the last 90 days; a child's first placement is not a move."""
    cutoff = now.date() - RECENT_MOVES
    moves = [p for p in f.placements[1:] if p[0] >= cutoff]
    if not moves:
        return []
    unplanned = [p for p in moves if not p[1]]
    found = [Factor("placement_change", _points(weights, "placement_change") * len(moves),
                    f"{_n(len(moves), 'placement change')} in the last 90 days", moves[0][0])]
    if unplanned:
        found.append(Factor("unplanned_move", _points(weights, "unplanned_move") * len(unplanned),
                            f"{_n(len(unplanned), 'unplanned move')} in the last 90 days", unplanned[0][0]))
    return found


def _missing(f, weights, now, cadence, grace):
    recent = [m for m in f.missing if m[0] >= now - RECENT_MISSING or m[1] is None]
    found = []
    if recent:
        found.append(Factor("missing_episode", _points(weights, "missing_episode"),
                            f"{_n(len(recent), 'missing episode')} in the last 12 months", recent[0][0]))
    if len(recent) > 1:
        found.append(Factor("repeat_missing", _points(weights, "repeat_missing") * (len(recent) - 1),
                            f"{len(recent) - 1} repeat episode{'s' if len(recent) > 2 else ''}",
                            recent[1][0]))
    open_ = [m for m in f.missing if m[1] is None]
    if open_:
        found.append(Factor("missing_now", _points(weights, "missing_now"),
                            f"Missing from care since {short(open_[0][0])}", open_[0][0]))
    return found


def missed_periods(f: Facts, now: dt.datetime, cadence: Cadence, grace_days: int) -> int:
    """Check-ins missed since the last contact, counted at the plan's interval or the medium
    one: never at the child's own risk level, so a level change cannot feed back into the
    score that set it."""
    unseen = now - (f.last_seen_at or f.registered_at) - dt.timedelta(days=grace_days)
    return max(0, int(unseen / _reference_interval(f, cadence)))


def _reference_interval(f: Facts, cadence: Cadence) -> dt.timedelta:
    return check_in_interval(cadence, "medium", f.plan_days)


def _unseen(f, weights, now, cadence, grace):
    found = []
    periods = missed_periods(f, now, cadence, grace)
    last = f.last_seen_at or f.registered_at
    if periods:
        found.append(Factor("missed_check_in", _points(weights, "missed_check_in") * periods,
                            f"{_n(periods, 'check-in')} missed", last + _reference_interval(f, cadence)))
    weeks = min(4, max(0, (now - last - _reference_interval(f, cadence)).days // 7))
    if weeks:
        found.append(Factor("days_unseen", _points(weights, "days_unseen") * weeks,
                            f"Last seen {(now - last).days} days ago" if f.last_seen_at
                            else f"Not seen since registration {(now - last).days} days ago", last))
    return found


def _person(f, weights, now, cadence, grace):
    found = []
    twelfth = _birthday(f.birth_date, 12)
    if twelfth <= now.date() < _birthday(f.birth_date, 18):
        found.append(Factor("age_12_17", _points(weights, "age_12_17"), "Aged 12 to 17", twelfth))
    if f.documentation_status == "none":
        found.append(Factor("no_identity_documents", _points(weights, "no_identity_documents"),
                            "Holds no identity documents", f.registered_at))
    current = f.placements[-1] if f.placements else None
    if current and current[3] is None and current[2] == "independent":
        found.append(Factor("independent_placement", _points(weights, "independent_placement"),
                            "Living in independent (unsupervised) accommodation", current[0]))
    return found


def _flags(f, weights, now, cadence, grace):
    return [Factor(f"indicator_{code}", _points(weights, f"indicator_{code}"),
                   f"Flagged: {INDICATORS.get(code, code)}", at) for code, at in f.indicators]


FACTOR_RULES = (_moves, _missing, _unseen, _person, _flags)


def _birthday(born: dt.date, years: int) -> dt.date:
    try:
        return born.replace(year=born.year + years)
    except ValueError:  # 29 February
        return born.replace(year=born.year + years, day=28)


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


async def facts(now: dt.datetime, child_ids: list | None = None) -> dict:
    """Every active child's facts (or these children's), in four queries."""
    where = Child.status == "active" if child_ids is None else Child.id.is_in(child_ids)
    children = await Child.select(
        Child.id, Child.birth_date, Child.documentation_status, Child.registered_at,
        Child.last_seen_at, Child.check_in_due_at, Child.risk_level, Child.check_in_every_days,
    ).where(where)
    if not children:
        return {}
    ids = Child.select(Child.id).where(where)  # a subquery: no limit on the number of children
    placements, missing, flags = defaultdict(list), defaultdict(list), defaultdict(list)
    for p in await Placement.select(Placement.child, Placement.started_on, Placement.planned,
                                    Placement.kind, Placement.ended_on, Placement.recorded_at).where(
            Placement.child.is_in(ids)).order_by(Placement.started_on).order_by(Placement.recorded_at):
        placements[p["child"]].append((p["started_on"], p["planned"], p["kind"], p["ended_on"]))
    for m in await MissingEpisode.select(MissingEpisode.child, MissingEpisode.went_missing_at,
                                         MissingEpisode.returned_at).where(
            MissingEpisode.child.is_in(ids)).order_by(MissingEpisode.went_missing_at):
        missing[m["child"]].append((m["went_missing_at"], m["returned_at"]))
    for i in await RiskIndicator.select(RiskIndicator.child, RiskIndicator.code, RiskIndicator.flagged_at).where(
            RiskIndicator.child.is_in(ids) & RiskIndicator.cleared_at.is_null()).order_by(RiskIndicator.flagged_at):
        flags[i["child"]].append((i["code"], i["flagged_at"]))
    return {c["id"]: Facts(
        c["id"], c["birth_date"], c["documentation_status"], c["registered_at"], c["last_seen_at"],
        c["check_in_due_at"], c["risk_level"], c["check_in_every_days"],
        placements[c["id"]], missing[c["id"]], flags[c["id"]],
    ) for c in children}


async def refresh_levels(now: dt.datetime, settings, cadence: Cadence) -> int:
    """Score every active child; keep each one's level (and since when) and, for those whose
    level changed, their check-in due dates. Returns how many children were scored."""
    from care_plans.due_dates import refresh_check_in_due
    from scheduler import weights

    found, table = await facts(now), await weights.current()
    assessed = {cid: assess(f, table, now, cadence, settings.check_in_grace_days) for cid, f in found.items()}
    await _keep_states(assessed, now)
    changed = {cid: a.level for cid, a in assessed.items() if a.level != found[cid].risk_level}
    for level in LEVELS:
        ids = [cid for cid, lv in changed.items() if lv == level]
        if ids:
            await Child.update({Child.risk_level: level, Child.updated_at: now}).where(Child.id.is_in(ids))
    if changed:
        await refresh_check_in_due(list(changed), now, cadence)
    return len(found)


async def _keep_states(assessed: dict, now: dt.datetime) -> None:
    from scheduler.tables import RiskState

    before = {r["child"]: r for r in await RiskState.select(RiskState.child, RiskState.level, RiskState.since)}
    rows = [RiskState(child=cid, level=a.level, score=a.score, computed_at=now,
                      since=before[cid]["since"] if cid in before and before[cid]["level"] == a.level else now)
            for cid, a in assessed.items()]
    for i in range(0, len(rows), STATE_BATCH):
        await RiskState.insert(*rows[i:i + STATE_BATCH]).on_conflict(
            target=RiskState.child, action="DO UPDATE",
            values=[RiskState.level, RiskState.score, RiskState.since, RiskState.computed_at])
