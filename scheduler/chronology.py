"""A case chronology: every dated event of a child's case in one list, newest first.

One statement: a SELECT per kind of event, joined by UNION ALL, each reading its own table
for this one child through the child's index. A placement's location is never selected, so
no reader (a therapist included) can find it here; alerts are listed only of the kinds the
reader's role sees elsewhere (a therapist's are the development ones).
"""

from __future__ import annotations


from scheduler.facts import _instant
from service import db
from service.i18n import N_, phrases

LIMIT = 1000  # years of a busy case; the page says when more exist

# kind: parts of (instant, detail, more, table, extra condition), each read for one child.
SEEN = "CASE WHEN excused THEN 'excused' WHEN child_seen THEN 'seen' ELSE 'not_seen' END"
PARTS = {
    "check_in": [("occurred_at", "mode", SEEN, "check_in", "")],
    "placement": [("COALESCE(started_at, recorded_at)", "kind",
                   "CASE WHEN planned THEN 'planned' ELSE 'unplanned' END", "placement", "")],
    "missing": [("went_missing_at", "'went_missing'", "''", "missing_episode", ""),
                ("returned_at", "'returned'", "''", "missing_episode", "returned_at IS NOT NULL")],
    "plan": [("created_at", "'drafted'", "CAST(version AS TEXT)", "care_plan", ""),
             ("approved_at", "'approved'", "CAST(version AS TEXT)", "care_plan", "approved_at IS NOT NULL")],
    "review": [("recorded_at", "outcome", "''", "review", "")],
    "assessment": [("created_at", "'recorded'", "''", "assessment", "")],
    "alert": [("raised_at", "'raised'", "kind", "alert", ""),
              ("acknowledged_at", "'acknowledged'", "kind", "alert", "acknowledged_at IS NOT NULL"),
              ("resolved_at", "'resolved'", "kind", "alert", "resolved_at IS NOT NULL")],
}
KINDS = tuple(PARTS)


def _select(kind: str, instant: str, detail: str, more: str, table: str, extra: str) -> str:
    condition = f"child = ?{' AND ' + extra if extra else ''}"
    return (f"SELECT '{kind}' AS event_kind, {instant} AS at_, id AS record_id, "
            f"CAST({detail} AS TEXT) AS detail, CAST({more} AS TEXT) AS more FROM {table} WHERE {condition}")


def _parts(kinds: tuple[str, ...], alert_kinds: tuple[str, ...] | None):
    """Each part with the parameters it takes after the child: alerts only of `alert_kinds`
    (None: every kind), as the reader's role sees them elsewhere."""
    for kind in kinds:
        if kind != "alert" or alert_kinds is None:
            yield from ((kind, part, ()) for part in PARTS[kind])
        elif alert_kinds:
            seen = f"kind IN ({db.placeholders(len(alert_kinds))})"
            yield from ((kind, (*part[:4], f"{part[4]} AND {seen}" if part[4] else seen), alert_kinds)
                        for part in PARTS[kind])


def statement(kinds: tuple[str, ...], limit: int = LIMIT,
              alert_kinds: tuple[str, ...] | None = None) -> tuple[str, list[tuple]]:
    """The UNION ALL of the parts for `kinds`, and each part's parameters after the child."""
    parts = list(_parts(kinds, alert_kinds))
    selects = [_select(kind, *part) for kind, part, _ in parts]
    # SQLite keeps instants as text written in more than one form: compare them as instants.
    order = "julianday(at_)" if db.is_sqlite() else "at_"
    sql = " UNION ALL ".join(selects)
    return f"SELECT * FROM ({sql}) AS events ORDER BY {order} DESC LIMIT {limit + 1}", [p[2] for p in parts]


async def events(child_id, kind: str | None = None, limit: int = LIMIT,
                 alert_kinds: tuple[str, ...] | None = None) -> tuple[list[dict], bool]:
    """Newest first, of one kind or all, at most `limit`; and whether more exist than are
    listed. Alerts are those of `alert_kinds` alone when it is given."""
    sql, extras = statement((kind,) if kind else KINDS, limit, alert_kinds)
    if not extras:
        return [], False
    rows = await db.fetch(sql, [value for extra in extras for value in (child_id, *extra)])
    found = sorted(map(_event, rows), key=lambda e: e["at"], reverse=True)
    return found[:limit], len(found) > limit


def _event(row) -> dict:
    kind, at, record_id, detail, more = row.values() if isinstance(row, dict) else tuple(row)
    return {"kind": kind, "at": _instant(at), "record_id": str(record_id),
            "what": describe(kind, detail, more)}


# The events' words, in English (the JSON's), marked for the catalogue: a page says them in its
# reader's language.
MODES = {"in_person": N_("in person"), "phone": N_("by phone"), "video": N_("by video call")}
SEEN_WORDS = {"excused": N_("planned, excused"), "seen": N_("child seen"), "not_seen": N_("child not seen")}
ALERTS = {"missed_check_in": N_("check-in not yet made"), "overdue_review": N_("review due"),
          "placement_change": N_("placement change"), "missing_from_care": N_("missing from care"),
          "risk_escalation": N_("risk level rose"), "assessment_due": N_("development check due"),
          "developmental_concern": N_("development to look at together")}
PLACED = {"planned": N_("planned"), "unplanned": N_("unplanned")}
RAISED = N_("raised")  # an alert's other events (acknowledged, resolved) are words of their own
CHECK_IN, PLACEMENT, PLAN, REVIEW, ALERT = phrases(
    N_("Check-in %(mode)s (%(seen)s)"), N_("Placement began: %(kind)s (%(planned)s)"),
    N_("Care plan version %(version)s %(state)s"), N_("Care plan reviewed (outcome: %(outcome)s)"),
    N_("Alert %(event)s: %(what)s"))
WENT, RETURNED, ASSESSED = N_("Went missing from care"), N_("Returned to care"), N_("Developmental check recorded")


def describe(kind: str, detail: str, more: str) -> str:
    """The event in plain words, from its kind and two short details (never free text)."""
    if kind == "check_in":
        return CHECK_IN % {"mode": MODES.get(detail, detail), "seen": SEEN_WORDS[more]}
    if kind == "placement":
        return PLACEMENT % {"kind": detail.replace("_", " "), "planned": PLACED.get(more, more)}
    if kind == "missing":
        return WENT if detail == "went_missing" else RETURNED
    if kind == "plan":
        return PLAN % {"version": more, "state": detail}
    if kind == "review":
        return REVIEW % {"outcome": detail}
    if kind == "assessment":
        return ASSESSED
    return ALERT % {"event": RAISED if detail == "raised" else detail, "what": ALERTS.get(more, more.replace("_", " "))}
