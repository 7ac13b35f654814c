"""For the alert scan: when a child's next developmental check falls due, and which of a
child's milestones are concerns or regressions now.

Checks fall due at each CDC checkpoint age (by the age used: corrected for preterm infants
under 24 months) until 5 years, then every 6 months (`HAVEN_CHECK_EVERY_MONTHS_AFTER_FIVE`).
A child who came into care after the checkpoint for their age had passed is not told a check
"was due" before they arrived: until a check is recorded in care, the first one falls due no
earlier than registration plus a settling-in period (`HAVEN_SETTLING_IN_DAYS`).

`next_check_due` and `flags` are pure functions of one child's facts, so the scan can call
them for any number of children it has read; `concerns_for_all` is the database read for them.
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

_SETTINGS = Settings.from_env()
AFTER_CHECKLIST_EVERY_MONTHS = _SETTINGS.check_every_months_after_five
SETTLING_IN_DAYS = _SETTINGS.settling_in_days


def check_ages() -> Iterator[int]:
    yield from CHECKPOINTS
    yield from itertools.count(LAST_CHECKPOINT + AFTER_CHECKLIST_EVERY_MONTHS,
                               AFTER_CHECKLIST_EVERY_MONTHS)


def next_check_due(birth_date: dt.date, gestational_age_weeks: int | None,
                   registered_on: dt.date | None, last_assessed_on: dt.date | None,
                   today: dt.date, settling_in_days: int = SETTLING_IN_DAYS) -> dt.date:
    """The day the next check is or was due.

    If a check age has passed since the last assessment, the latest such day (the child is to
    be checked against the stage they are at now); otherwise the next check age to come. Until
    a check is recorded on or after registration, never before the settling-in period ends.
    """
    due = _by_checkpoints(birth_date, gestational_age_weeks, last_assessed_on, today)
    if isinstance(registered_on, dt.datetime):  # a registration instant: its (UTC) day counts
        registered_on = registered_on.date()
    if registered_on is None or (last_assessed_on is not None and last_assessed_on >= registered_on):
        return due
    return max(due, registered_on + dt.timedelta(days=settling_in_days))


def _by_checkpoints(birth_date: dt.date, gestational_age_weeks: int | None,
                    last_assessed_on: dt.date | None, today: dt.date) -> dt.date:
    after = last_assessed_on or birth_date - dt.timedelta(days=1)
    missed = None
    for months in check_ages():
        day = reaches(birth_date, gestational_age_weeks, months)
        if day > max(today, after):
            return missed or day
        if after < day:
            missed = day
    raise AssertionError("check ages never end")


Flags = list[tuple[str, list[str]]]  # ("concern" or "regression", milestone codes), if any


def flags(birth_date: dt.date, gestational_age_weeks: int | None, registered_on: dt.date | None,
          seen: list[Seen], today: dt.date) -> Flags:
    """One child's concerns and regressions as of `today`, from their observations (oldest
    first). A regressed milestone is listed under "regression" only, so each code appears
    once. Registration does not change what was observed; it is taken so that every rule
    over a child reads the same facts."""
    summary = summarise(age_on(birth_date, gestational_age_weeks, today), seen)
    lost = [i.code for i in summary.regressions]
    concerns = [i.code for i in summary.concerns if i.code not in lost]
    return [(kind, codes) for kind, codes in (("concern", concerns), ("regression", lost)) if codes]


async def concerns_for_all(now: dt.datetime) -> list[tuple[str, str, list[str]]]:
    """(child id, "concern" or "regression", milestone codes) for every active child, in two
    queries whatever the number of children."""
    children = await Child.select(Child.id, Child.birth_date, Child.gestational_age_weeks,
                                  Child.registered_at).where(Child.status == "active")
    seen = await _observations_of_active_children()
    found = []
    for child in children:
        if seen.get(child["id"]):
            found += [(str(child["id"]), kind, codes) for kind, codes in flags(
                child["birth_date"], child["gestational_age_weeks"], child["registered_at"].date(),
                seen[child["id"]], now.date())]
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
