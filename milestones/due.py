"""For the alert scan: when a child's next developmental check falls due, and which children
have concerns or regressions now.

Checks fall due at each CDC checkpoint age (by the age used: corrected for preterm infants
under 24 months) until 5 years, then every 6 months.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from collections.abc import Iterator

from care_plans.tables import Child
from milestones.ages import age_on, reaches
from milestones.catalogue import CHECKPOINTS, LAST_CHECKPOINT
from milestones.summary import Seen, summarise
from milestones.tables import Observation
from service.settings import Settings

AFTER_CHECKLIST_EVERY_MONTHS = Settings.from_env().check_every_months_after_five


def check_ages() -> Iterator[int]:
    yield from CHECKPOINTS
    yield from itertools.count(LAST_CHECKPOINT + AFTER_CHECKLIST_EVERY_MONTHS,
                               AFTER_CHECKLIST_EVERY_MONTHS)


def next_check_due(birth_date: dt.date, gestational_age_weeks: int | None,
                   last_assessed_on: dt.date | None, today: dt.date) -> dt.date:
    """The day the next check is or was due.

    If a check age has passed since the last assessment, the latest such day (the child is to
    be checked against the stage they are at now); otherwise the next check age to come.
    """
    after = last_assessed_on or birth_date - dt.timedelta(days=1)
    missed = None
    for months in check_ages():
        day = reaches(birth_date, gestational_age_weeks, months)
        if day > max(today, after):
            return missed or day
        if after < day:
            missed = day
    raise AssertionError("check ages never end")


async def concerns_for_all(now: dt.datetime) -> list[tuple[str, str, list[str]]]:
    """(child id, "concern" or "regression", milestone codes) for every active child, in two
    queries whatever the number of children. A regressed milestone is listed under
    "regression" only, so each code appears once per child."""
    children = await Child.select(Child.id, Child.birth_date, Child.gestational_age_weeks).where(
        Child.status == "active")
    seen = await _observations_of_active_children()
    found = []
    for child in children:
        if seen.get(child["id"]):
            found += _flags(str(child["id"]), child, seen[child["id"]], now.date())
    return found


async def _observations_of_active_children() -> dict:
    by = Observation.assessment
    rows = await Observation.select(
        by.child.as_alias("child"), by.assessed_on.as_alias("assessed_on"),
        Observation.milestone, Observation.status,
    ).where(by.child.status == "active").order_by(by.assessed_on).order_by(by.created_at)
    seen = defaultdict(list)
    for r in rows:
        seen[r["child"]].append(Seen(r["milestone"], r["status"], r["assessed_on"]))
    return seen


def _flags(child_id: str, child: dict, seen: list[Seen], today: dt.date) -> list:
    summary = summarise(age_on(child["birth_date"], child["gestational_age_weeks"], today), seen)
    lost = [i.code for i in summary.regressions]
    concerns = [i.code for i in summary.concerns if i.code not in lost]
    return [(child_id, kind, codes) for kind, codes in (("concern", concerns), ("regression", lost))
            if codes]
