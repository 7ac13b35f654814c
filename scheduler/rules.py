"""The alert rules: pure functions of one child's facts and `now`.

Each rule returns the causes it finds (which child, what kind, the cause's key, its severity
and reasons in plain words) and the next instant at which its answer could change with no new
record (a grace period ending, a checkpoint birthday, a day count in its text moving on). The
scan evaluates a child again at the earliest of those instants, or when the child's record
changes; a full scan evaluates everyone and must reach the same alerts.

Days are the deployment's local days (`HAVEN_TIMEZONE`, through `service.clock`): "today", a
due day and the midnight at which a count of days moves on; times in reasons are local with the
zone's abbreviation.

Reasons are strengths-based and plain ("No check-in since 3 Nov (23 days); a visit will
reconnect with them"); they name no child and carry no notes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from care_plans.referral_clocks import CLOCKS, deadline
from care_plans.cadence import Cadence, PlacementChange, check_in_interval, placement_deadline, start_of
from milestones import ages
from milestones.due import flags, next_check_day, next_check_due
from service import clock

SEVERITIES = ("info", "warning", "high", "critical")
KINDS = ("missed_check_in", "overdue_review", "placement_change", "missing_from_care",
         "assessment_due", "developmental_concern", "risk_escalation", "referral_stalled")
RETURN_WINDOW = dt.timedelta(days=7)  # a return recorded this recently still reaches the supervisor
RECENT_MOVES_DAYS = 90
DAY, HOUR = dt.timedelta(days=1), dt.timedelta(hours=1)


@dataclass(frozen=True)
class Cause:
    kind: str
    child_id: object
    cause_key: str
    severity: str
    reasons: tuple[str, ...]
    count: int = 1
    seen_at: dt.datetime | None = None  # the child's last contact, as the cause is found


@dataclass(frozen=True)
class Judged:
    """A child's facts with what the scan decided for them this time: the risk level (and the
    check-in due time that follows from it), score and since when."""

    facts: object  # scheduler.facts.ChildFacts
    level: str
    score: int
    since: dt.datetime
    check_in_due_at: dt.datetime


@dataclass(frozen=True)
class Context:
    now: dt.datetime
    cadence: Cadence
    grace_days: int


def rank(severity: str) -> int:
    return SEVERITIES.index(severity)


def day(value) -> str:
    """`3 Dec`: a date, or an instant's local date."""
    return clock.day_label(value)


def them(sex: str | None) -> str:
    return {"female": "her", "male": "him"}.get(sex or "", "them")


def next_whole_day(since: dt.datetime, now: dt.datetime) -> dt.datetime:
    """When a count of whole days since `since` next goes up."""
    return since + DAY * ((now - since) // DAY + 1)


def tomorrow(now: dt.datetime) -> dt.datetime:
    """The next local midnight."""
    return start_of(clock.today(now) + DAY)


def since_phrase(last_seen: dt.datetime | None, registered_at: dt.datetime, now: dt.datetime) -> str:
    if last_seen is None:
        return f"No check-in since registration on {day(registered_at)} ({(now - registered_at).days} days)"
    return f"No check-in since {day(last_seen)} ({(now - last_seen).days} days)"


def is_missing(f, now: dt.datetime) -> bool:
    return any(went <= now and (returned is None or returned > now) for went, returned, _ in f.missing)


def missed_check_in(j: Judged, ctx: Context):
    """Late once the due time passes (warning), missed after the grace period (high).

    The cause is the stretch without contact: its key is the due instant's starting point (the
    last time the child was seen, or registration), which a check-in moves and a change of
    risk level does not, so one alert counts the missed periods while they go on."""
    f, now, due = j.facts, ctx.now, j.check_in_due_at
    if is_missing(f, now):  # the missing-from-care alert speaks for the child meanwhile
        return [], None
    if now <= due:
        return [], due
    base = f.last_seen_at or f.registered_at
    key, seen, grace_end = base.isoformat(), since_phrase(f.last_seen_at, f.registered_at, now), due + DAY * ctx.grace_days
    if now <= grace_end:
        return [Cause("missed_check_in", f.id, key, "warning",
                      (f"{seen}; a check-in was due on {day(due)}. A visit will reconnect with {them(f.sex)}.",),
                      1, f.last_seen_at)], min(grace_end, next_whole_day(base, now))
    interval = check_in_interval(ctx.cadence, j.level, f.plan_days)
    missed = 1 + int((now - due) / interval)
    counted = "1 check-in missed" if missed == 1 else f"{missed} check-ins missed"
    cause = Cause("missed_check_in", f.id, key, "high",
                  (f"{counted}; {seen[0].lower()}{seen[1:]}. A visit will reconnect with {them(f.sex)}.",),
                  missed, f.last_seen_at)
    return [cause], min(due + interval * missed, next_whole_day(base, now))


def overdue_review(j: Judged, ctx: Context):
    due, today = j.facts.next_review_due, clock.today(ctx.now)
    if due is None:
        return [], None
    if due >= today:
        return [], start_of(due + DAY)
    return [Cause("overdue_review", j.facts.id, due.isoformat(), "warning",
                  (f"The care plan review was due on {day(due)} ({(today - due).days} days ago); "
                   "holding it keeps the plan in step with the child.",))], tomorrow(ctx.now)


def placement_change(j: Judged, ctx: Context):
    """Each current placement begun in the last 90 days, until the child is seen in it."""
    f, today = j.facts, clock.today(ctx.now)
    cutoff = today - dt.timedelta(days=RECENT_MOVES_DAYS)
    recent = [p for p in f.placements if p[0] >= cutoff]
    wakes = [start_of(p[0] + dt.timedelta(days=RECENT_MOVES_DAYS + 1)) for p in recent]
    found = []
    for p in recent:
        if p[3] is not None:
            continue
        began = _change(p).began
        if began > ctx.now:
            wakes.append(began)
        elif f.last_seen_at is None or f.last_seen_at < began:
            found.append(_placement_cause(f, p, len(recent), ctx.cadence))
    return found, min(wakes, default=None)


def _change(p) -> PlacementChange:
    return PlacementChange(p[0], p[1], p[5])


def _placement_cause(f, p, moves: int, cadence: Cadence) -> Cause:
    started_on, planned, kind, _, placement_id, started_at = p
    deadline = placement_deadline(cadence, _change(p))
    # A planned move's deadline is a day (the end of it); an unplanned one's is an instant.
    by = day(deadline) if planned else f"{day(deadline)} {clock.time_label(deadline)}"
    moved = day(started_on) if started_at is None else f"{day(started_at)} at {clock.time_label(started_at)}"
    reasons = [f"{'A planned' if planned else 'An unplanned'} move to a {kind} placement on "
               f"{moved}; a visit by {by} will help {them(f.sex)} settle."]
    if moves >= 2:
        reasons.append(f"{moves} placements began in the last 90 days.")
    severity = "high" if not planned or moves >= 2 else "warning"
    return Cause("placement_change", f.id, str(placement_id), severity, tuple(reasons), 1, f.last_seen_at)


def missing_from_care(j: Judged, ctx: Context):
    """Open episodes, and ones closed in the last week (so a short absence is still seen)."""
    found, wakes, now = [], [], ctx.now
    for went, returned, episode_id in j.facts.missing:
        if went > now:
            wakes.append(went)
        elif returned is None or returned > now:
            found.append(Cause("missing_from_care", j.facts.id, str(episode_id), "critical",
                               _still_missing(went, now)))
            wakes.append(went + HOUR * ((now - went) // HOUR + 1))
            if returned is not None:
                wakes.append(returned)
        elif returned >= now - RETURN_WINDOW:
            found.append(Cause("missing_from_care", j.facts.id, str(episode_id), "critical", (
                f"Went missing on {day(went)} and returned on {day(returned)}. "
                "A return conversation within 72 hours helps understand what happened.",)))
            wakes.append(returned + RETURN_WINDOW)
    return found, min(wakes, default=None)


def _still_missing(went: dt.datetime, now: dt.datetime) -> tuple[str, ...]:
    hours = int((now - went).total_seconds() // 3600)
    return (f"Missing from care since {day(went)} {clock.time_label(went)} ({hours} hours). "
            "Report to the police and search now; every hour counts.",)


def risk_escalation(j: Judged, ctx: Context):
    """A high or critical level: one cause per level and the day it was reached."""
    if j.level not in ("high", "critical"):
        return [], None
    return [Cause("risk_escalation", j.facts.id, f"{j.level}:{clock.today(j.since).isoformat()}", j.level,
                  (f"The re-trafficking risk level rose to {j.level} on {day(j.since)} "
                   f"(score {j.score}); the risk page lists each factor.",))], None


def assessment_due(j: Judged, ctx: Context):
    """The next developmental check day has come: at each CDC checkpoint age (the corrected
    age for preterm infants) under 5, every 6 months after."""
    f, today = j.facts, clock.today(ctx.now)
    due = next_check_due(f.birth_date, f.gestational_age_weeks, f.registered_on, f.last_assessed_on, today)
    wakes = [start_of(next_check_day(f.birth_date, f.gestational_age_weeks, today))]
    if due > today:
        return [], min(wakes + [start_of(due)])
    late = (today - due).days > 30
    if not late:
        wakes.append(start_of(due + dt.timedelta(days=31)))
    return [Cause("assessment_due", f.id, due.isoformat(), "warning" if late else "info", (
        f"A developmental check was due on {day(due)}; checking now means any need for support "
        "is noticed early, when support makes the most difference.",))], min(wakes)


def developmental_concern(j: Judged, ctx: Context):
    """Due milestones observed `not_yet` (a concern), and ones achieved before and not now (a
    regression). The key names the milestones, so a new set is a new cause. What is due moves
    with the age used, so the answer is looked at again when it next changes."""
    f = j.facts
    if not f.seen:
        return [], None
    today = clock.today(ctx.now)
    found = [_concern_cause(f.id, kind, codes)
             for kind, codes in flags(f.birth_date, f.gestational_age_weeks, f.registered_on, f.seen, today)]
    return found, start_of(_next_age_change(f, today))


def _next_age_change(f, today: dt.date) -> dt.date:
    """The next day on which the age used (in whole months) moves on."""
    used = ages.age_on(f.birth_date, f.gestational_age_weeks, today).used_months
    return ages.reaches(f.birth_date, f.gestational_age_weeks, used + 1)


def _concern_cause(child_id, kind: str, codes: list[str]) -> Cause:
    key = f"{kind}:{','.join(sorted(codes))}"
    if len(key) > 100:
        key = f"{kind}:{hashlib.sha256(key.encode()).hexdigest()[:40]}"
    listed = ", ".join(sorted(codes))
    if kind == "regression":
        return Cause("developmental_concern", child_id, key, "high", (
            f"Seen before but not at the latest check: {listed}. A regression is always worth a "
            "closer look with the care team.",))
    return Cause("developmental_concern", child_id, key, "warning", (
        f"Not yet seen though due for the child's age: {listed}. Early support makes the most "
        "difference.",))


STALLED_WAITING = {"drafted": "to be sent", "sent": "for an answer", "accepted": "to start"}


def referral_stalled(j: Judged, ctx: Context):
    """A referral past its kind's clock in its present state (`referral_clocks.csv`). The key is
    the referral and its state, so moving it on resolves the alert; a later state that stalls
    in turn is a new alert."""
    found, wakes = [], []
    for referral_id, kind, state, state_at, sent_at, partner in j.facts.referrals:
        due = deadline(kind, state, state_at, sent_at)
        if due is None:
            continue
        if ctx.now <= due:
            wakes.append(due)
            continue
        label = CLOCKS[kind].label if kind in CLOCKS else kind
        found.append(Cause("referral_stalled", j.facts.id, f"{referral_id}:{state}", "warning", (
            f"The {label} referral to {partner} has waited {STALLED_WAITING[state]} since {day(state_at)} "
            f"(due by {day(due)}). A call to them today keeps the child's support moving.",)))
    return found, min(wakes, default=None)


RULES = (missed_check_in, overdue_review, placement_change, missing_from_care, risk_escalation,
         assessment_due, developmental_concern, referral_stalled)


def evaluate(j: Judged, ctx: Context) -> tuple[list[Cause], dt.datetime | None]:
    """Every rule's causes for one child, and the earliest instant any of them could change.
    A closed case has no causes: its open alerts resolve, and nothing more is scheduled."""
    if j.facts.status != "active":
        return [], None
    causes, wakes = [], []
    for rule in RULES:
        found, wake = rule(j, ctx)
        causes += found
        if wake is not None:
            wakes.append(wake)
    return causes, min(wakes, default=None)
