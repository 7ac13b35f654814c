"""A child's development as of a day, read from their record: the summary and the chart's
numbers. One call each, for the API and the pages alike, inside the caller's transaction; a
page that shows both reads the record once (`read`) and derives both from it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from milestones import assessments, charts
from milestones.ages import age_on
from milestones.summary import Summary, summarise


@dataclass(frozen=True)
class Record:
    facts: dict  # what the age arithmetic needs: birth date, whether estimated, gestation
    history: list[dict]  # the assessments, oldest first, each with its observations


async def read(child_id) -> Record:
    return Record(await assessments.child_facts(child_id), await assessments.history(child_id))


def summary_of(record: Record, today: dt.date) -> Summary:
    facts = record.facts
    age = age_on(facts["birth_date"], facts["gestational_age_weeks"], today,
                 facts["birth_date_estimated"])
    return summarise(age, assessments.seen_in(record.history))


def chart_of(record: Record) -> tuple[list[charts.Point], str | None]:
    """The chart's points, and the id of the assessment recorded last (None if none), which
    keys the image cache."""
    rows = record.history
    newest = max(rows, key=lambda r: r["created_at"])["id"] if rows else None
    return charts.chart_data(record.facts, rows), None if newest is None else str(newest)


async def summary(child_id, today: dt.date) -> Summary:
    return summary_of(await read(child_id), today)


async def chart(child_id) -> tuple[list[charts.Point], str | None]:
    return chart_of(await read(child_id))
