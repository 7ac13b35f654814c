"""A child's risk level over time (`risk_level_history`), and the check-in periods counted
against it: each period at the interval in force then.

The history holds a row each time the scan found the level changed; this scan's judgement
is the latest word, in force from the instant it was reached. A plan's own cadence, when it
sets one, wins over every level, as it does for the due time."""

from __future__ import annotations

import datetime as dt

from care_plans.cadence import Cadence, PlacementChange, Periods, check_in_interval, check_in_periods, visit_deadline


def history(f, level: str, since: dt.datetime) -> list[tuple[dt.datetime, str]]:
    """(from, level), oldest first: the stored rows, then this judgement if it differs."""
    rows = sorted(f.risk_levels)
    if not rows or rows[-1][1] != level:
        rows.append((since, level))
    return rows


def changed(f, level: str) -> bool:
    """Whether the history needs a row for this judgement."""
    return not f.risk_levels or max(f.risk_levels)[1] != level


def periods(f, level: str, since: dt.datetime, cadence: Cadence, now: dt.datetime) -> Periods:
    """The stretch since the child was last seen (or registered), in periods."""
    intervals = [(at, check_in_interval(cadence, lvl, f.plan_days)) for at, lvl in history(f, level, since)]
    current = next((PlacementChange(p[0], p[1], p[5]) for p in reversed(f.placements) if p[3] is None), None)
    return check_in_periods(f.last_seen_at or f.registered_at, intervals, now, f.excused,
                            visit_deadline(cadence, f.last_seen_at, current))
