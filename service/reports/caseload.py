"""A team's caseload as CSV: each child with their caseworker, risk level and due dates, and no
notes. The whole export is one audit entry naming every child in it (their ids, in `reason`),
so the trail shows at once who took which records out of Haven."""

from __future__ import annotations

import csv
import datetime as dt
import io

from service import clock, db
from service.audit.services import Where, entry, keep_reads
from service.reports.scope import team_named

COLUMNS = ("case_number", "display_name", "caseworker", "status", "risk_level", "last_seen",
           "next_check_in_due", "next_review_due")


async def rows(team_id) -> list[dict]:
    """The team's children, in case-number order: one statement. Call inside a read."""
    return [dict(r) for r in await db.fetch(
        "SELECT c.id, c.case_number, c.display_name, u.username AS caseworker, c.status, c.risk_level, "
        "c.last_seen_at, c.check_in_due_at, c.next_review_due FROM child c "
        "JOIN haven_user u ON u.id = c.caseworker WHERE c.team = ? ORDER BY c.case_number", [team_id])]


def _when(value) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value) if "T" in value or " " in value else dt.date.fromisoformat(value)
    if isinstance(value, dt.datetime):
        return clock.local(value).isoformat(timespec="minutes")
    return value.isoformat()


def to_csv(found: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for r in found:
        writer.writerow([r["case_number"], _safe(r["display_name"]), r["caseworker"], r["status"], r["risk_level"],
                         _when(r["last_seen_at"]), _when(r["check_in_due_at"]), _when(r["next_review_due"])])
    return out.getvalue()


def _safe(text: str) -> str:
    """A cell a spreadsheet would run as a formula is kept as text."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


async def audit_export(by: Where, team: dict, found: list[dict]) -> None:
    """One entry for the whole export, naming every child; kept before the file goes out."""
    ids = " ".join(str(r["id"]) for r in found)
    named = Where(by.actor, by.source, by.now, f"{len(found)} children: {ids}" if found else "no children")
    await keep_reads([entry(named, "caseload.export", "team", team["id"])])


async def export(team_name: str, by: Where) -> str:
    async with db.reading():
        team = await team_named(team_name)
        found = await rows(team["id"])
    await audit_export(by, team, found)
    return to_csv(found)
