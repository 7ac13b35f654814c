"""For the alert scan: when a child's next developmental check falls due, and which concerns
or regressions a child's observations show now (pure functions; the scan reads the facts).

Checks fall due at each CDC checkpoint age (by the age used: corrected for preterm infants
under 24 months) until 5 years, then every 6 months (`HAVEN_CHECK_EVERY_MONTHS_AFTER_FIVE`).
A child who came into care after the checkpoint for their age had passed is not told a check
"was due" before they arrived: until a check is recorded in care, the first one falls due no
earlier than registration plus a settling-in period (`HAVEN_SETTLING_IN_DAYS`).

`next_check_due` and `flags` are pure functions of one child's facts; the scan reads the facts
of a batch of children and asks them of each.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator

from milestones.ages import age_on, reaches
from milestones import catalogue
from milestones.catalogue import CHECKPOINTS, LAST_CHECKPOINT
from milestones.summary import Seen, latest, not_yet_when_due, regressed
from service.settings import Settings

_SETTINGS = Settings.from_env()
AFTER_CHECKLIST_EVERY_MONTHS = _SETTINGS.check_every_months_after_five
SETTLING_IN_DAYS = _SETTINGS.settling_in_days


def check_ages() -> Iterator[int]:
    yield from CHECKPOINTS
    yield from itertools.count(LAST_CHECKPOINT + AFTER_CHECKLIST_EVERY_MONTHS,
                               AFTER_CHECKLIST_EVERY_MONTHS)


def check_age_at_most(months: int) -> int | None:
    """The latest check age not after `months` (None before the first checkpoint)."""
    if months > LAST_CHECKPOINT:
        return months - (months - LAST_CHECKPOINT) % AFTER_CHECKLIST_EVERY_MONTHS
    return max((m for m in CHECKPOINTS if m <= months), default=None)


def check_age_after(months: int) -> int:
    """The first check age after `months`."""
    if months >= LAST_CHECKPOINT:
        return check_age_at_most(months) + AFTER_CHECKLIST_EVERY_MONTHS
    return min(m for m in CHECKPOINTS if m > months)


def next_check_day(birth_date: dt.date, gestational_age_weeks: int | None, today: dt.date) -> dt.date:
    """The day the next check age is reached, after `today`."""
    used = age_on(birth_date, gestational_age_weeks, today).used_months
    return reaches(birth_date, gestational_age_weeks, check_age_after(used))


def next_check_due(birth_date: dt.date, gestational_age_weeks: int | None,
                   registered_on: dt.date | None, last_assessed_on: dt.date | None,
                   today: dt.date, settling_in_days: int = SETTLING_IN_DAYS) -> dt.date:
    """The day the next check is or was due.

    If a check age has passed since the last assessment, the latest such day (the child is to
    be checked against the stage they are at now); otherwise the next check age to come. Until
    a check is recorded on or after registration, never before the settling-in period ends.
    Reached in a few steps from the age used, whatever the child's age: the scan asks this of
    every child.
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
    horizon = max(today, after)
    latest = check_age_at_most(age_on(birth_date, gestational_age_weeks, horizon).used_months)
    if latest is not None:
        day = reaches(birth_date, gestational_age_weeks, latest)
        if day > after:
            return day
    return next_check_day(birth_date, gestational_age_weeks, horizon)


Flags = list[tuple[str, list[str]]]  # ("concern" or "regression", milestone codes), if any


def flags(birth_date: dt.date, gestational_age_weeks: int | None, registered_on: dt.date | None,
          seen: list[Seen], today: dt.date) -> Flags:
    """One child's concerns and regressions as of `today`, from their observations (oldest
    first), each list in catalogue order. A regressed milestone is listed under "regression"
    only, so each code appears once. Registration does not change what was observed; it is
    taken so that every rule over a child reads the same facts."""
    # The summary's concerns and regressions, without its per-domain counts (the scan asks
    # this of every child with observations).
    age, last = age_on(birth_date, gestational_age_weeks, today), latest(seen)
    gone, flagged = regressed(seen), set()
    if age.used_months <= LAST_CHECKPOINT:
        flagged = not_yet_when_due(age, last)
    order = catalogue.order()
    lost = sorted(gone & order.keys(), key=order.__getitem__)
    concerns = sorted((flagged - gone) & order.keys(), key=order.__getitem__)
    return [(kind, codes) for kind, codes in (("concern", concerns), ("regression", lost)) if codes]
