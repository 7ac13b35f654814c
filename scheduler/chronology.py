"""A case chronology: every dated event of a child's case in one list, newest first.

One statement: a SELECT per kind of event, joined by UNION ALL, each reading its own table
for this one child through the child's index. A placement's location is never selected, so
no reader (a therapist included) can find it here.
"""

from __future__ import annotations

import datetime as dt

from scheduler.facts import _instant
from service import db

LIMIT = 1000  # years of a busy case; the page says when more exist

# kind: SELECTs of (at, record id, detail, more), each for one child (`?`).
PARTS = {
    "check_in": [
        "SELECT occurred_at, id, mode, CASE WHEN excused THEN 'excused' WHEN child_seen THEN 'seen' "
        "ELSE 'not_seen' END FROM check_in WHERE child = ?",
    ],
    "placement": [
        "SELECT COALESCE(started_at, recorded_at), id, kind, CASE WHEN planned THEN 'planned' "
        "ELSE 'unplanned' END FROM placement WHERE child = ?",
    ],
    "missing": [
        "SELECT went_missing_at, id, 'went_missing', '' FROM missing_episode WHERE child = ?",
        "SELECT returned_at, id, 'returned', '' FROM missing_episode WHERE child = ? "
        "AND returned_at IS NOT NULL",
    ],
    "plan": [
        "SELECT created_at, id, 'drafted', CAST(version AS TEXT) FROM care_plan WHERE child = ?",
        "SELECT approved_at, id, 'approved', CAST(version AS TEXT) FROM care_plan WHERE child = ? "
        "AND approved_at IS NOT NULL",
    ],
    "review": ["SELECT recorded_at, id, outcome, '' FROM review WHERE child = ?"],
    "assessment": ["SELECT created_at, id, 'recorded', '' FROM assessment WHERE child = ?"],
    "alert": [
        "SELECT raised_at, id, 'raised', kind FROM alert WHERE child = ?",
        "SELECT acknowledged_at, id, 'acknowledged', kind FROM alert WHERE child = ? "
        "AND acknowledged_at IS NOT NULL",
        "SELECT resolved_at, id, 'resolved', kind FROM alert WHERE child = ? AND resolved_at IS NOT NULL",
    ],
}
KINDS = tuple(PARTS)


def statement(kinds: tuple[str, ...]) -> tuple[str, int]:
    """The UNION ALL of the parts for `kinds`, and how many times it names the child."""
    selects = [f"SELECT '{kind}' AS kind, {part[len('SELECT '):]}"
               for kind in kinds for part in PARTS[kind]]
    # Every part reads "<instant>, id, …": the instant is named so that it can be ordered by.
    selects = [part.replace(", id,", " AS at_, id,", 1) for part in selects]
    sql = " UNION ALL ".join(selects)
    # SQLite keeps instants as text written in more than one form: compare them as instants.
    order = "julianday(at_)" if db.is_sqlite() else "at_"
    return f"SELECT * FROM ({sql}) AS events ORDER BY {order} DESC LIMIT {LIMIT + 1}", len(selects)


async def events(child_id, kind: str | None = None) -> tuple[list[dict], bool]:
    """Newest first, of one kind or all; and whether more exist than are listed."""
    kinds = (kind,) if kind else KINDS
    sql, uses = statement(kinds)
    rows = await db.fetch(sql, [child_id] * uses)
    found = sorted((_event(tuple(r.values()) if isinstance(r, dict) else tuple(r)) for r in rows),
                   key=lambda e: e["at"], reverse=True)
    return found[:LIMIT], len(found) > LIMIT


def _event(row: tuple) -> dict:
    kind, at, record_id, detail, more = row
    return {"kind": kind, "at": _instant(at), "record_id": str(record_id),
            "what": describe(kind, detail, more)}


MODES = {"in_person": "in person", "phone": "by phone", "video": "by video call"}
ALERTS = {"missed_check_in": "check-in not yet made", "overdue_review": "review due",
          "placement_change": "placement change", "missing_from_care": "missing from care",
          "risk_escalation": "risk level rose", "assessment_due": "development check due",
          "developmental_concern": "development to look at together"}


def describe(kind: str, detail: str, more: str) -> str:
    """The event in plain words, from its kind and two short details (never free text)."""
    if kind == "check_in":
        seen = {"excused": "planned, excused", "seen": "child seen", "not_seen": "child not seen"}[more]
        return f"Check-in {MODES.get(detail, detail)} ({seen})"
    if kind == "placement":
        return f"Placement began: {detail.replace('_', ' ')} ({more})"
    if kind == "missing":
        return "Went missing from care" if detail == "went_missing" else "Returned to care"
    if kind == "plan":
        return f"Care plan version {more} {detail}"
    if kind == "review":
        return f"Care plan reviewed (outcome: {detail})"
    if kind == "assessment":
        return "Developmental check recorded"
    return f"Alert {detail}: {ALERTS.get(more, more.replace('_', ' '))}"
