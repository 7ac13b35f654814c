"""Turning the rules' causes into alert changes, and writing them set-based.

`reconcile` is pure: given the causes found now and the alerts not yet resolved, it decides
which alerts are raised, updated, resolved (with a note saying why) or escalated. The writes
are one statement per kind of change, however many alerts change.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

from scheduler.rules import SEVERITIES, Cause, day, rank, them
from service import clock, db
from service.ids import new_id

NEVER_SELF_RESOLVED = ("missing_from_care",)  # a supervisor resolves it, after the return


@dataclass
class Change:
    row: dict
    event: str | None = None  # raised | escalated | resolved; None for an update without notice
    sequence: int = 0


@dataclass
class Plan:
    raised: list[Change] = field(default_factory=list)
    updated: list[Change] = field(default_factory=list)
    resolved: list[Change] = field(default_factory=list)
    escalated: int = 0

    def notices(self) -> list[Change]:
        return [c for c in self.raised + self.updated + self.resolved if c.event]


@dataclass(frozen=True)
class Windows:
    hours: int
    critical_hours: int

    @classmethod
    def from_settings(cls, settings) -> "Windows":
        return cls(settings.alert_ack_hours, settings.critical_alert_ack_hours)


def _key(kind, child_id, cause_key) -> tuple:
    return (kind, str(child_id), cause_key)


def reconcile(causes: list[Cause], existing: list[dict], kinds: set[str], now: dt.datetime,
              windows: Windows) -> Plan:
    """`existing` are the unresolved alerts with their child's facts; `kinds` the rules that ran."""
    plan, found = Plan(), {_key(c.kind, c.child_id, c.cause_key): c for c in causes}
    current = {_key(r["kind"], r["child"], r["cause_key"]): r for r in existing}
    for key, cause in found.items():
        if key not in current:
            plan.raised.append(Change(_new_row(cause, now), "raised", 0))
    for key, row in current.items():
        if key in found:
            _persisting(plan, row, found[key], now, windows)
        elif row["kind"] in kinds and row["kind"] not in NEVER_SELF_RESOLVED:
            plan.resolved.append(Change(_resolved(row, now), "resolved", 0))
        else:
            _persisting(plan, row, None, now, windows)
    return plan


def _new_row(cause: Cause, now: dt.datetime) -> dict:
    return {"id": new_id(), "kind": cause.kind, "child": cause.child_id, "cause_key": cause.cause_key,
            "severity": cause.severity, "status": "open", "reasons": list(cause.reasons),
            "count": cause.count, "raised_at": now, "last_seen_at": now, "escalated_at": None,
            "seen_at": cause.seen_at}


def _persisting(plan: Plan, row: dict, cause: Cause | None, now: dt.datetime, windows: Windows) -> None:
    new = dict(row)
    if cause is not None:
        new.update(reasons=list(cause.reasons), count=cause.count, last_seen_at=now,
                   severity=max(row["severity"], cause.severity, key=rank))
    escalated = _escalate(new, now, windows)
    plan.escalated += escalated
    changed = any(new[k] != row[k] for k in ("reasons", "count", "severity", "escalated_at"))
    if not changed:
        return
    rose = rank(new["severity"]) > rank(row["severity"]) or escalated
    sequence = rank(new["severity"]) + (1 if escalated and row["severity"] == "critical" else 0)
    plan.updated.append(Change(new, "escalated" if rose else None, sequence))


# Only these reach critical by waiting; the routine kinds stop at high, and a risk alert stays
# at the level its text names.
CEILINGS = {"missing_from_care": "critical", "risk_escalation": None}
ROUTINE_CEILING = "high"


def _ceiling(row: dict) -> int:
    ceiling = CEILINGS.get(row["kind"], ROUTINE_CEILING)
    return rank(row["severity"] if ceiling is None else ceiling)


def _window(windows: Windows, level: int) -> dt.timedelta:
    return dt.timedelta(hours=windows.critical_hours if SEVERITIES[level] == "critical" else windows.hours)


def _steps(row: dict, windows: Windows):
    """Each (instant, severity) an open alert reaches by waiting unacknowledged: one level per
    window, each window running from the step before, up to the kind's ceiling; a critical
    alert raised as such is escalated once more (to the supervisor again) after its window.
    A function of the stored timestamps alone, so a scan after an outage finds what daily
    scans would have."""
    level, at = rank(row["severity"]), row["escalated_at"] or row["raised_at"]
    while level < _ceiling(row):
        at, level = at + _window(windows, level), level + 1
        yield at, SEVERITIES[level]
    if SEVERITIES[level] == "critical" and row["escalated_at"] is None and rank(row["severity"]) == level:
        yield at + _window(windows, level), "critical"


def _escalate(row: dict, now: dt.datetime, windows: Windows) -> bool:
    """Take every step whose instant has come; True if any was taken."""
    if row["status"] != "open":
        return False
    taken = False
    for at, severity in _steps(dict(row), windows):
        if at > now:
            break
        row["severity"], row["escalated_at"], taken = severity, at, True
    return taken


def next_escalation(row: dict, windows: Windows) -> dt.datetime | None:
    """When an open alert would next go up if nobody acknowledges it."""
    if row["status"] != "open":
        return None
    return next((at for at, _ in _steps(row, windows)), None)


def _resolved(row: dict, now: dt.datetime) -> dict:
    return {**row, "status": "resolved", "resolved_at": now, "resolved_note": resolution_note(row, now)}


def resolution_note(row: dict, now: dt.datetime) -> str:
    """Why the cause is gone, in plain words, from the child's facts now."""
    if row["child_status"] != "active":
        return "Resolved: the case was closed."
    seen = row["child_last_seen_at"]
    seen_since = seen is not None and (row["seen_at"] is None or seen > row["seen_at"])
    if row["kind"] == "missed_check_in":
        if row.get("child_missing"):
            return "Resolved: the child is missing from care; that alert now carries the search for them."
        if seen_since:
            return f"Resolved: a check-in on {day(seen)} brought {them(row['child_sex'])} back into contact."
        return f"Resolved: the check-in schedule changed; the next is due on {day(row['child_check_in_due_at'])}."
    if row["kind"] == "overdue_review":
        return f"Resolved: a review was held; the next is due on {day(row['child_next_review_due'])}."
    if row["kind"] == "placement_change":
        if seen_since:
            return f"Resolved: a check-in on {day(seen)} saw {them(row['child_sex'])} in the new placement."
        return "Resolved: a later placement change replaced this one, or the move is past 90 days."
    checked = row.get("child_last_assessed_on")
    checked_since = checked is not None and checked >= clock.local(row["raised_at"]).date()
    if row["kind"] in ("assessment_due", "developmental_concern") and row["cause_key"].startswith("screen:"):
        return _screen_note(row["kind"])
    if row["kind"] == "assessment_due":
        if checked_since:
            return f"Resolved: a developmental check was recorded on {day(checked)}."
        return "Resolved: the check falls due later now (a new due date replaces this one)."
    if row["kind"] == "developmental_concern":
        if checked_since:
            return f"Resolved: the check on {day(checked)} shows these milestones now."
        if row.get("child_past_checklists"):
            return ("Resolved: the CDC checklists end at 5, so these milestones are no longer checked; "
                    "the 6-monthly review in words continues.")
        return ("Resolved: with the child's details as they now stand (for example a corrected birth "
                "date), these milestones are not a concern; no new check was recorded.")
    if row["kind"] == "task_overdue":
        return "Resolved: the task was recorded as done."
    if row["kind"] == "risk_escalation":
        return f"Resolved: the risk level is now {row['child_risk_level']}."
    if row["kind"] == "referral_stalled":
        return "Resolved: the referral moved on."
    return "Resolved: the reason for this alert has passed."


def _screen_note(kind: str) -> str:
    if kind == "assessment_due":
        return "Resolved: the screen was recorded, or the child's age has moved past its window."
    return "Resolved: a later screen with the same instrument is not below the cutoff."


COLUMNS = ("id", "kind", "child", "cause_key", "severity", "status", "reasons", "count", "raised_at",
           "last_seen_at", "escalated_at", "seen_at", "resolved_at", "resolved_note")
MUTABLE = ("severity", "status", "reasons", "count", "last_seen_at", "escalated_at", "resolved_at",
           "resolved_note")


async def unresolved(child_ids: list) -> list[dict]:
    """The alerts of these children not yet resolved (a batch: the statement names each id).

    Read inside the scan's write transaction and, on PostgreSQL, locked until it commits: an
    acknowledgement or resolution arriving meanwhile waits, then sees what the scan wrote,
    instead of being overwritten by it. SQLite's immediate transaction already holds them.
    """
    if not child_ids:
        return []
    sql = (f"SELECT {', '.join(COLUMNS)} FROM alert WHERE status <> 'resolved' "
           f"AND child IN ({db.placeholders(len(child_ids))})")
    rows = await db.fetch(sql if db.is_sqlite() else sql + " FOR UPDATE", child_ids)
    return [_decoded(r) for r in rows]


def _decoded(row: dict) -> dict:
    from scheduler.facts import _instant, _uuid

    found = {**row, "id": _uuid(row["id"]), "child": _uuid(row["child"]),
             "reasons": json.loads(row["reasons"]) if isinstance(row["reasons"], str) else row["reasons"]}
    for k in ("raised_at", "last_seen_at", "escalated_at", "seen_at", "resolved_at"):
        found[k] = _instant(found[k])
    return found


async def write(plan: Plan) -> None:
    """New alerts: conflict-free inserts (a cause already alerted and resolved by a person
    stays resolved). Changed ones: one UPDATE per alert, sent as one batch."""
    inserted = await db.insert_rows("alert", COLUMNS, [_values(c.row, COLUMNS) for c in plan.raised],
                                    "ON CONFLICT (kind, child, cause_key) DO NOTHING RETURNING id")
    kept = {str(r["id"]) for r in inserted}
    plan.raised = [c for c in plan.raised if str(c.row["id"]) in kept]
    sets = ", ".join(f'"{k}" = ?' for k in MUTABLE)
    await db.execute_many(f"UPDATE alert SET {sets} WHERE id = ?",
                          [_values(c.row, MUTABLE + ("id",)) for c in plan.updated + plan.resolved])


def _values(row: dict, columns: tuple[str, ...]) -> tuple:
    values = {**row, "reasons": json.dumps(row["reasons"]), "resolved_note": row.get("resolved_note") or "",
              "resolved_at": row.get("resolved_at")}
    return tuple(values[k] for k in columns)
