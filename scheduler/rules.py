"""The alert rules. Each is one set-based query over all children that yields causes: which
child, what kind, the cause's key, its severity and reasons in plain words.

Reasons are strengths-based and plain ("No check-in since 3 Nov (23 days); a visit will
reconnect with them"); they name no child and carry no notes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from care_plans.cadence import Cadence, check_in_interval, start_of
from care_plans.tables import Child, MissingEpisode, Placement
from scheduler.tables import RiskState

SEVERITIES = ("info", "warning", "high", "critical")
KINDS = ("missed_check_in", "overdue_review", "placement_change", "missing_from_care",
         "assessment_due", "developmental_concern", "risk_escalation")
RETURN_WINDOW = dt.timedelta(days=7)  # a return recorded this recently still reaches the supervisor


@dataclass(frozen=True)
class Cause:
    kind: str
    child_id: object
    cause_key: str
    severity: str
    reasons: tuple[str, ...]
    count: int = 1
    seen_at: dt.datetime | None = None  # the child's last contact, as the cause is found


def rank(severity: str) -> int:
    return SEVERITIES.index(severity)


def day(value) -> str:
    """3 Nov, or 3 Nov 2025 when not this year's."""
    return f"{value.day} {value:%b}"


def them(sex: str | None) -> str:
    return {"female": "her", "male": "him"}.get(sex or "", "them")


def since_phrase(last_seen: dt.datetime | None, registered_at: dt.datetime, now: dt.datetime) -> str:
    if last_seen is None:
        return f"No check-in since registration on {day(registered_at)} ({(now - registered_at).days} days)"
    return f"No check-in since {day(last_seen)} ({(now - last_seen).days} days)"


async def missed_check_in(now: dt.datetime, cadence: Cadence, grace_days: int) -> list[Cause]:
    """Late once the due time passes (warning), missed after the grace period (high).

    The cause is the stretch without contact: its key is the due instant's starting point (the
    last time the child was seen, or registration), which a check-in moves and a change of
    risk level does not, so one alert counts the missed periods while they go on."""
    rows = await Child.select(
        Child.id, Child.check_in_due_at, Child.last_seen_at, Child.registered_at, Child.sex,
        Child.risk_level, Child.check_in_every_days,
    ).where((Child.status == "active") & (Child.check_in_due_at < now))
    return [_missed_cause(r, now, cadence, grace_days) for r in rows]


def _missed_cause(r: dict, now: dt.datetime, cadence: Cadence, grace_days: int) -> Cause:
    due = r["check_in_due_at"]
    key = (r["last_seen_at"] or r["registered_at"]).isoformat()
    seen = since_phrase(r["last_seen_at"], r["registered_at"], now)
    if now <= due + dt.timedelta(days=grace_days):
        return Cause("missed_check_in", r["id"], key, "warning",
                     (f"{seen}; a check-in was due on {day(due)}. A visit will reconnect with {them(r['sex'])}.",),
                     1, r["last_seen_at"])
    interval = check_in_interval(cadence, r["risk_level"], r["check_in_every_days"])
    missed = 1 + int((now - due) / interval)
    counted = "1 check-in missed" if missed == 1 else f"{missed} check-ins missed"
    return Cause("missed_check_in", r["id"], key, "high",
                 (f"{counted}; {seen[0].lower()}{seen[1:]}. A visit will reconnect with {them(r['sex'])}.",),
                 missed, r["last_seen_at"])


async def overdue_review(now: dt.datetime) -> list[Cause]:
    rows = await Child.select(Child.id, Child.next_review_due).where(
        (Child.status == "active") & (Child.next_review_due < now.date())
    )
    return [Cause("overdue_review", r["id"], r["next_review_due"].isoformat(), "warning",
                  (f"The care plan review was due on {day(r['next_review_due'])} "
                   f"({(now.date() - r['next_review_due']).days} days ago); holding it keeps the plan "
                   "in step with the child.",)) for r in rows]


async def placement_change(now: dt.datetime, cadence: Cadence) -> list[Cause]:
    """Each current placement begun in the last 90 days, until the child is seen in it."""
    cutoff = now.date() - dt.timedelta(days=90)
    recent = Placement.select(Placement.child).where(Placement.started_on >= cutoff)
    rows = await Placement.select(
        Placement.id, Placement.child, Placement.started_on, Placement.planned, Placement.kind,
        Placement.child.last_seen_at.as_alias("last_seen_at"), Placement.child.sex.as_alias("sex"),
    ).where(
        (Placement.ended_on.is_null()) & (Placement.started_on >= cutoff)
        & (Placement.started_on <= now.date()) & (Placement.child.status == "active")
    )
    moves = {}
    for r in await recent:
        moves[r["child"]] = moves.get(r["child"], 0) + 1
    return [_placement_cause(r, moves.get(r["child"], 1), cadence) for r in rows
            if r["last_seen_at"] is None or r["last_seen_at"] < start_of(r["started_on"])]


def _placement_cause(r: dict, moves: int, cadence: Cadence) -> Cause:
    planned = "a planned" if r["planned"] else "an unplanned"
    deadline = start_of(r["started_on"]) + (
        dt.timedelta(days=cadence.placement_days) if r["planned"]
        else dt.timedelta(hours=cadence.unplanned_placement_hours))
    reasons = [f"{planned.capitalize()} move to a {r['kind']} placement on {day(r['started_on'])}; "
               f"a visit by {day(deadline)} will help {them(r['sex'])} settle."]
    if moves >= 2:
        reasons.append(f"{moves} placements began in the last 90 days.")
    severity = "high" if not r["planned"] or moves >= 2 else "warning"
    return Cause("placement_change", r["child"], str(r["id"]), severity, tuple(reasons), 1, r["last_seen_at"])


async def missing_from_care(now: dt.datetime) -> list[Cause]:
    """Open episodes, and ones closed in the last week (so a short absence is still seen)."""
    rows = await MissingEpisode.select(
        MissingEpisode.id, MissingEpisode.child, MissingEpisode.went_missing_at, MissingEpisode.returned_at,
    ).where(
        (MissingEpisode.went_missing_at <= now) & (MissingEpisode.child.status == "active")
        & (MissingEpisode.returned_at.is_null() | (MissingEpisode.returned_at >= now - RETURN_WINDOW))
    )
    return [Cause("missing_from_care", r["child"], str(r["id"]), "critical", _missing_reasons(r, now))
            for r in rows]


def _missing_reasons(r: dict, now: dt.datetime) -> tuple[str, ...]:
    went = r["went_missing_at"]
    if r["returned_at"] is None or r["returned_at"] > now:
        hours = int((now - went).total_seconds() // 3600)
        return (f"Missing from care since {day(went)} {went:%H:%M} UTC ({hours} hours). "
                "Report to the police and search now; every hour counts.",)
    return (f"Went missing on {day(went)} and returned on {day(r['returned_at'])}. "
            "A return conversation within 72 hours helps understand what happened.",)


async def risk_escalation(now: dt.datetime) -> list[Cause]:
    """Children whose level is high or critical: one cause per level and the day it was reached."""
    rows = await RiskState.select(RiskState.child, RiskState.level, RiskState.score, RiskState.since).where(
        RiskState.level.is_in(["high", "critical"]) & (RiskState.child.status == "active")
    )
    return [Cause("risk_escalation", r["child"], f"{r['level']}:{r['since'].date().isoformat()}",
                  r["level"], (f"The re-trafficking risk level rose to {r['level']} on {day(r['since'])} "
                               f"(score {r['score']}); the risk page lists each factor.",))
            for r in rows]


async def assessment_due(now: dt.datetime) -> list[Cause]:
    """Children whose next developmental check day has come: at each CDC checkpoint age (the
    corrected age for preterm infants) under 5, every 6 months after."""
    from milestones.due import next_check_due

    rows = await Child.raw(
        "SELECT c.id, c.birth_date, c.gestational_age_weeks, c.registered_at, "
        "(SELECT MAX(a.assessed_on) FROM assessment a WHERE a.child = c.id) AS last_assessed_on "
        "FROM child c WHERE c.status = 'active'")
    today, found = now.date(), []
    for r in rows:
        due = next_check_due(_date(r["birth_date"]), r["gestational_age_weeks"],
                             _date(r["registered_at"]), _date(r["last_assessed_on"]), today)
        if due <= today:
            severity = "warning" if (today - due).days > 30 else "info"
            found.append(Cause("assessment_due", _uuid(r["id"]), due.isoformat(), severity, (
                f"A developmental check was due on {day(due)}; checking now means any delay "
                "is noticed early, when support makes the most difference.",)))
    return found


async def developmental_concern(now: dt.datetime) -> list[Cause]:
    """Due milestones observed `not_yet` (a concern), and ones achieved before and not now (a
    regression, always a concern). The key names the milestones, so a new set is a new cause."""
    from milestones.due import concerns_for_all

    return [_concern_cause(child_id, kind, codes) for child_id, kind, codes in await concerns_for_all(now)]


def _concern_cause(child_id, kind: str, codes: list[str]) -> Cause:
    import hashlib

    key = f"{kind}:{','.join(sorted(codes))}"
    if len(key) > 100:
        key = f"{kind}:{hashlib.sha256(key.encode()).hexdigest()[:40]}"
    listed = ", ".join(sorted(codes))
    if kind == "regression":
        return Cause("developmental_concern", _uuid(child_id), key, "high", (
            f"Seen before but not at the latest check: {listed}. A regression is always worth a "
            "closer look with the care team.",))
    return Cause("developmental_concern", _uuid(child_id), key, "warning", (
        f"Not yet seen though due for the child's age: {listed}. Early support makes the most "
        "difference.",))


def _date(value):
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _uuid(value):
    import uuid

    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))
