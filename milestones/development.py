"""A child's development as of a day, read from their record: the summary and the chart's
numbers. One call each, for the API and the pages alike, inside the caller's transaction."""

from __future__ import annotations

import datetime as dt

from milestones import assessments, charts
from milestones.ages import age_on
from milestones.summary import Summary, summarise


async def summary(child_id, today: dt.date) -> Summary:
    facts = await assessments.child_facts(child_id)
    seen = assessments.seen_in(await assessments.history(child_id))
    age = age_on(facts["birth_date"], facts["gestational_age_weeks"], today,
                 facts["birth_date_estimated"])
    return summarise(age, seen)


async def chart(child_id) -> tuple[list[charts.Point], str | None]:
    """The chart's points, and the id of the assessment recorded last (None if none), which
    keys the image cache."""
    rows = await assessments.history(child_id)
    facts = await assessments.child_facts(child_id)
    newest = max(rows, key=lambda r: r["created_at"])["id"] if rows else None
    return charts.chart_data(facts, rows), None if newest is None else str(newest)
