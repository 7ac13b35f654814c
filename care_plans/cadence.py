"""When a child must next be seen and when the care plan must next be reviewed.

Pure functions over timestamps and dates; the rules' numbers come from the settings registry.

Check-ins: the clock runs from the last check-in at which the child was seen (before the
first, from registration), at the plan's own interval or the one for the child's risk level.
An excused contact (a planned check-in that could not happen, with a reason) does not restart
the clock, but it covers the interval it falls in, so that visit is not counted as missed: the
next one falls due one interval later. After a placement change the child must be seen within
a shorter window; whichever deadline comes first applies. Excuses never cover that window.

Reviews (England, Care Planning Regulations 2010, reg 33): the first within 20 working days of
registration, the second within 3 months of the first, then at the plan's cadence. Working days
are Monday to Friday less the public holidays of the calendar configured (`HAVEN_REVIEW_HOLIDAYS`,
e.g. `GB-ENG` for England's bank holidays, from the `holidays` package). With none configured,
holidays count as working days, which brings the date earlier, never later.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
from collections.abc import Container
from dataclasses import dataclass, field

import holidays

RISK_LEVELS = ("low", "medium", "high", "critical")


@dataclass(frozen=True)
class Cadence:
    check_in_days: dict[str, int]
    placement_days: int
    unplanned_placement_hours: int
    first_review_working_days: int
    second_review_months: int
    review_every_days: int
    holidays: Container[dt.date] = field(default=frozenset())

    @classmethod
    def from_settings(cls, settings) -> "Cadence":
        return cls(
            check_in_days={level: getattr(settings, f"check_in_days_{level}") for level in RISK_LEVELS},
            placement_days=settings.placement_check_in_days,
            unplanned_placement_hours=settings.unplanned_placement_check_in_hours,
            first_review_working_days=settings.first_review_working_days,
            second_review_months=settings.second_review_months,
            review_every_days=settings.review_every_days,
            holidays=holiday_calendar(settings.review_holidays),
        )


@functools.cache
def holiday_calendar(code: str) -> Container[dt.date]:
    """`GB-ENG` → England's bank holidays, `US` → US federal holidays; `` → none. An unknown
    country or region raises ValueError naming it."""
    if not code.strip():
        return frozenset()
    country, _, region = code.strip().upper().partition("-")
    try:
        return holidays.country_holidays(country, subdiv=region or None)
    except NotImplementedError:
        raise ValueError(f"HAVEN_REVIEW_HOLIDAYS: no holiday calendar for {code!r}") from None


@dataclass(frozen=True)
class PlacementChange:
    started_on: dt.date
    planned: bool


def check_in_interval(cadence: Cadence, risk_level: str, plan_days: int | None) -> dt.timedelta:
    """A plan's own interval wins over the risk level's."""
    days = plan_days or cadence.check_in_days.get(risk_level, cadence.check_in_days["medium"])
    return dt.timedelta(days=days)


def start_of(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(0), tzinfo=dt.timezone.utc)


def placement_deadline(cadence: Cadence, change: PlacementChange) -> dt.datetime:
    window = (
        dt.timedelta(days=cadence.placement_days)
        if change.planned
        else dt.timedelta(hours=cadence.unplanned_placement_hours)
    )
    return start_of(change.started_on) + window


def cadence_due(base: dt.datetime, interval: dt.timedelta, excused: list[dt.datetime]) -> dt.datetime:
    """Each interval holding an excused contact is covered; the next visit falls one later."""
    due = base + interval
    while any(due - interval < e <= due for e in excused):
        due += interval
    return due


def check_in_due(
    cadence: Cadence,
    *,
    registered_at: dt.datetime,
    last_seen_at: dt.datetime | None,
    risk_level: str,
    plan_days: int | None,
    placement: PlacementChange | None = None,
    excused: list[dt.datetime] = (),
) -> dt.datetime:
    base = last_seen_at or registered_at
    due = cadence_due(base, check_in_interval(cadence, risk_level, plan_days), list(excused))
    if placement is not None and not _seen_since(last_seen_at, start_of(placement.started_on)):
        due = min(due, placement_deadline(cadence, placement))
    return due


def _seen_since(last_seen_at: dt.datetime | None, instant: dt.datetime) -> bool:
    return last_seen_at is not None and last_seen_at >= instant


def check_in_state(due_at: dt.datetime, now: dt.datetime, grace_days: int) -> str:
    """`due` until the due time, `late` after it, `missed` once the grace period is over."""
    if now <= due_at:
        return "due"
    return "late" if now <= due_at + dt.timedelta(days=grace_days) else "missed"


def add_working_days(start: dt.date, days: int, off: Container[dt.date] = frozenset()) -> dt.date:
    """`days` working days after `start`: weekdays not in `off` (the public holidays)."""
    day = start
    while days > 0:
        day += dt.timedelta(days=1)
        if day.weekday() < 5 and day not in off:
            days -= 1
    return day


def add_months(start: dt.date, months: int) -> dt.date:
    """The same day of the month, or the month's last day when it is shorter (31 Jan → 28 Feb)."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def next_review_due(
    cadence: Cadence, registered_on: dt.date, reviews: list[dt.date], review_every_days: int | None
) -> dt.date:
    """`reviews` are the dates of the reviews held so far, in any order."""
    if not reviews:
        return add_working_days(registered_on, cadence.first_review_working_days, cadence.holidays)
    latest = max(reviews)
    if len(reviews) == 1:
        return add_months(latest, cadence.second_review_months)
    return latest + dt.timedelta(days=review_every_days or cadence.review_every_days)
