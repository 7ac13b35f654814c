"""`haven export research`: read the period's records set-based (one query per table, all
children at once), keep only coded values, pseudonymise, generalise to k, write the files.

Reads every child's record in the period, so the export is audited: one entry by the operator
naming the extract (not the children: it holds no one's identity, and the audit trail must not
become the key to it).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from piccolo.columns import Timestamptz

from care_plans.tables import CheckIn, Child, MissingEpisode, Placement, Review
from milestones.tables import Observation
from service import clock, db
from service.accounts.services import operator
from service.audit.services import record
from service.reports import research as r

MISSING_BANDS = ((24, "under 24 hours"), (72, "1-3 days"), (24 * 7, "3-7 days"), (None, "over 7 days"))


async def export(folder: Path, period: r.Period, k: int, key: bytes, now: dt.datetime, tick=lambda *_: None) -> dict:
    """Write the extract into `folder`; returns its manifest. `tick(step)` reports progress."""
    async with db.reading():
        children = await _children(period)
        tick("children")
        events = {name: await load(period) for name, load in LOADERS.items()}
        tick("records")
    level, suppressed = r.choose_level(children, k)
    kept = [c for c in children if c["id"] not in suppressed]
    names = {c["id"]: r.pseudonym(key, c["id"]) for c in kept}
    tables = {"children": [_child_row(c, names[c["id"]], level) for c in kept]}
    for name, rows in events.items():
        tables[name] = [SHAPES[name](e, names[e["child"]], level) for e in rows if e["child"] in names]
    tick("shaped")
    manifest = _manifest(period, k, level, children, kept, tables, now)
    r.write(folder, tables, manifest)
    async with db.writing():
        await record(operator(now), "export.research", "extract", manifest["extract_id"])
    tick("written")
    return manifest


async def _children(period: r.Period) -> list[dict]:
    rows = await Child.select(Child.id, Child.birth_date, Child.sex, Child.status, Child.risk_level,
                              Child.documentation_status, Child.registered_at,
                              Child.team.name.as_alias("region")
                              ).where(Child.registered_at < clock.start_of_day(period.end + dt.timedelta(days=1)))
    return rows


def _within(column, period: r.Period):
    if isinstance(column, Timestamptz):
        return (column >= clock.start_of_day(period.start)) & (column < clock.start_of_day(period.end + dt.timedelta(days=1)))
    return (column >= period.start) & (column <= period.end)


async def _placements(period):
    return await Placement.select(Placement.child, Placement.kind, Placement.planned, Placement.started_on,
                                  Placement.ended_on).where(_within(Placement.started_on, period))


async def _check_ins(period):
    return await CheckIn.select(CheckIn.child, CheckIn.occurred_at, CheckIn.mode, CheckIn.child_seen,
                                CheckIn.seen_alone, CheckIn.excused).where(_within(CheckIn.occurred_at, period))


async def _missing(period):
    return await MissingEpisode.select(MissingEpisode.child, MissingEpisode.went_missing_at,
                                       MissingEpisode.returned_at).where(_within(MissingEpisode.went_missing_at, period))


async def _reviews(period):
    return await Review.select(Review.child, Review.reviewed_on, Review.outcome).where(_within(Review.reviewed_on, period))


async def _assessments(period):
    return await Observation.select(Observation.assessment.child.as_alias("child"),
                                    Observation.assessment.assessed_on.as_alias("assessed_on"),
                                    Observation.milestone, Observation.status
                                    ).where(_within(Observation.assessment.assessed_on, period))


LOADERS = {"placements": _placements, "check_ins": _check_ins, "missing_episodes": _missing,
           "reviews": _reviews, "assessments": _assessments}


def _child_row(c: dict, name: str, level: r.Level) -> dict:
    return {"child": name, **dict(zip(r.QUASI_IDENTIFIERS, r.quasi(c, level))), "status": c["status"],
            "risk_level": c["risk_level"], "documentation_status": c["documentation_status"]}


def _yes_no(value) -> str:
    return "" if value is None else ("yes" if value else "no")


def _time_missing(went, back) -> str:
    if back is None:
        return "not yet returned"
    hours = (back - went).total_seconds() / 3600
    return next(label for limit, label in MISSING_BANDS if limit is None or hours < limit)


SHAPES = {
    "placements": lambda e, n, lv: {"child": n, "kind": e["kind"], "planned": _yes_no(e["planned"]),
                                    "started": r.period_of(e["started_on"], lv), "ended": r.period_of(e["ended_on"], lv)},
    "check_ins": lambda e, n, lv: {"child": n, "month": r.period_of(e["occurred_at"], lv), "mode": e["mode"],
                                   "child_seen": _yes_no(e["child_seen"]), "seen_alone": _yes_no(e["seen_alone"]),
                                   "excused": _yes_no(e["excused"])},
    "missing_episodes": lambda e, n, lv: {"child": n, "went_missing": r.period_of(e["went_missing_at"], lv),
                                          "returned": r.period_of(e["returned_at"], lv),
                                          "time_missing": _time_missing(e["went_missing_at"], e["returned_at"])},
    "reviews": lambda e, n, lv: {"child": n, "held": r.period_of(e["reviewed_on"], lv), "outcome": e["outcome"]},
    "assessments": lambda e, n, lv: {"child": n, "assessed": r.period_of(e["assessed_on"], lv),
                                     "milestone": e["milestone"], "status": e["status"]},
}


def _manifest(period, k, level, children, kept, tables, now) -> dict:
    return {
        "extract_id": r.new_extract_id(),
        "made_in": r.period_of(now, r.Level()),
        "period": {"from": period.start.isoformat(), "to": period.end.isoformat()},
        "pseudonyms": "HMAC-SHA256 of each child's id under a key kept outside this extract "
                      "(HAVEN_RESEARCH_KEY or haven.research-key beside the database); the same key "
                      "gives the same pseudonym in every extract",
        "removed": r.REMOVED,
        "dates": "reduced to the " + level.dates,
        "ages": "band at entry to care: " + ", ".join(label for _, label in level.bands),
        "places": "no finer than the team" if level.region is None else level.region,
        "quasi_identifiers": list(r.QUASI_IDENTIFIERS),
        "k_required": k,
        "k_reached": r.k_reached(kept, level),
        "generalised": list(level.steps),
        "children_in_period": len(children),
        "children_suppressed": len(children) - len(kept),
        "rows": {name: len(rows) for name, rows in tables.items()},
        "limits": "Event months (check-ins, moves) are not quasi-identifiers here: a sequence of them "
                  "could still single out a child to someone who knows those dates.",
    }
