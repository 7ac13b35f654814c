"""When a child must next be seen and when the care plan must next be reviewed.

Pure functions over timestamps and dates; the rules' numbers come from the settings registry.

Check-ins: the clock runs from the last check-in at which the child was seen (before the
first, from registration), at the plan's own interval or the one for the child's risk level.
An excused contact (a planned check-in that could not happen, with a reason) does not restart
the clock, but it covers the interval it falls in, so that visit is not counted as missed: the
next one falls due one interval later. After a placement change the child must be seen within
a shorter window; whichever deadline comes first applies. Excuses never cover that window.

Reviews (England, Care Planning Regulations 2010, reg 33): the first within 20 working days of
registration, the second within 3 months of the first, then no more than 6 months apart: in
calendar months (`HAVEN_REVIEW_EVERY_MONTHS`, so 31 Aug → 28/29 Feb), or every so many days when a
plan sets its own cadence. Working days
are Monday to Friday less the public holidays of the calendar configured (`HAVEN_REVIEW_HOLIDAYS`,
e.g. `GB-ENG` for England's bank holidays, from the `holidays` package). With none configured,
holidays count as working days, which brings the date earlier, never later.

Days are the deployment's local days (`service.clock`): a day starts at local midnight. A
placement's window runs from the moment it began (its start time, or the start of its day when
none was recorded): hours exactly for an unplanned move, and to the end of the local day for a
planned one, whose deadline is shown as a day.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
from collections.abc import Container
from dataclasses import dataclass, field

import holidays
from dateutil.relativedelta import relativedelta

from service import clock

RISK_LEVELS = ("low", "medium", "high", "critical")


@dataclass(frozen=True)
class Cadence:
    check_in_days: dict[str, int]
    placement_days: int
    unplanned_placement_hours: int
    first_review_working_days: int
    second_review_months: int
    review_every_months: int
    holidays: Container[dt.date] = field(default=frozenset())

    @classmethod
    def from_settings(cls, settings) -> "Cadence":
        return cls(
            check_in_days={level: getattr(settings, f"check_in_days_{level}") for level in RISK_LEVELS},
            placement_days=settings.placement_check_in_days,
            unplanned_placement_hours=settings.unplanned_placement_check_in_hours,
            first_review_working_days=settings.first_review_working_days,
            second_review_months=settings.second_review_months,
            review_every_months=settings.review_every_months,
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
    started_at: dt.datetime | None = None  # the moment of the move, when it was recorded

    @property
    def began(self) -> dt.datetime:
        return placement_began(self.started_on, self.started_at)


def placement_began(started_on: dt.date, started_at: dt.datetime | None) -> dt.datetime:
    """The moment a placement began: its recorded time, or the start of its local day."""
    return started_at or start_of(started_on)


def check_in_interval(cadence: Cadence, risk_level: str, plan_days: int | None) -> dt.timedelta:
    """A plan's own interval wins over the risk level's."""
    days = plan_days or cadence.check_in_days.get(risk_level, cadence.check_in_days["medium"])
    return dt.timedelta(days=days)


def start_of(day: dt.date) -> dt.datetime:
    """Local midnight at the start of `day`."""
    return clock.start_of_day(day)


def placement_deadline(cadence: Cadence, change: PlacementChange) -> dt.datetime:
    """Unplanned: the window's hours from the moment of the move (23:00 + 72 h → 23:00 three
    days later). Planned: the end of the local day the window's days reach."""
    if not change.planned:
        return change.began + dt.timedelta(hours=cadence.unplanned_placement_hours)
    return clock.end_of_day(clock.today(change.began + dt.timedelta(days=cadence.placement_days)))


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
    deadline = visit_deadline(cadence, last_seen_at, placement)
    return due if deadline is None else min(due, deadline)


def visit_deadline(cadence: Cadence, last_seen_at: dt.datetime | None,
                   placement: PlacementChange | None) -> dt.datetime | None:
    """The current placement's visit deadline, until the child is seen in it."""
    if placement is None or _seen_since(last_seen_at, placement.began):
        return None
    return placement_deadline(cadence, placement)


@dataclass(frozen=True)
class Periods:
    """The stretch since the child was last seen (or registered), in check-in periods."""

    first_due: dt.datetime  # the first due instant: late after it
    missed: int  # due instants at or before `now`
    next_due: dt.datetime  # the first due instant after `now`


def check_in_periods(
    base: dt.datetime,
    intervals: list[tuple[dt.datetime, dt.timedelta]],
    now: dt.datetime,
    excused: list[dt.datetime] = (),
    deadline: dt.datetime | None = None,
) -> Periods:
    """Each period at the interval in force then. `intervals` are (from, interval), oldest
    first, the first also standing for the time before it. A period falls due once the time
    since the last due instant (or `base`) reaches the interval in force at that moment, so a
    rise brings the next visit forward (at once, when already that long) and a drop lets it
    run to the longer interval. A period holding an excused contact is covered: it does not
    fall due. `deadline` (a placement's visit window) comes first when it is earlier."""
    first = _next_due(base, intervals, excused)
    if deadline is not None and deadline < first:
        first = deadline
    due, missed = first, 0
    while due <= now:
        # From the last change on, with no excuse ahead, every period has the same length.
        if (len(intervals) == 1 or due >= intervals[-1][0]) and not any(e > due for e in excused):
            steps = (now - due) // intervals[-1][1] + 1
            return Periods(first, missed + steps, due + intervals[-1][1] * steps)
        missed, due = missed + 1, _next_due(due, intervals, excused)
    return Periods(first, missed, due)


def _next_due(after: dt.datetime, intervals, excused) -> dt.datetime:
    due = _due_after(after, intervals)
    while any(after < e <= due for e in excused):
        after, due = due, _due_after(due, intervals)
    return due


def _due_after(after: dt.datetime, intervals) -> dt.datetime:
    """The first instant at which the time since `after` reaches the interval in force."""
    for i, (since, interval) in enumerate(intervals):
        until = intervals[i + 1][0] if i + 1 < len(intervals) else None
        if until is not None and until <= after:
            continue
        due = after + interval if i == 0 else max(after + interval, since)
        if until is None or due < until:
            return due
    raise AssertionError("the last interval has no end")


def _seen_since(last_seen_at: dt.datetime | None, instant: dt.datetime) -> bool:
    return last_seen_at is not None and last_seen_at >= instant


def check_in_state(due_at: dt.datetime, now: dt.datetime, grace_days: int) -> str:
    """`due` until the due time, `late` after it, `missed` once the grace period is over."""
    if now <= due_at:
        return "due"
    return "late" if now <= due_at + dt.timedelta(days=grace_days) else "missed"


def is_working_day(day: dt.date, off: Container[dt.date] = frozenset()) -> bool:
    """A weekday not in `off` (the public holidays)."""
    return day.weekday() < 5 and day not in off


def add_working_days(start: dt.date, days: int, off: Container[dt.date] = frozenset()) -> dt.date:
    """`days` working days after `start`."""
    day = start
    while days > 0:
        day += dt.timedelta(days=1)
        if is_working_day(day, off):
            days -= 1
    return day


def working_days_after_each(first: dt.date, last: dt.date, days: int,
                            off: Container[dt.date] = frozenset()) -> list[tuple[dt.date, dt.date]]:
    """`(d, add_working_days(d, days, off))` for every day d from `first` to `last`, in one
    walk over the calendar (a report asks it of every registration day in its reach)."""
    wanted = (last - first).days + 1
    if days <= 0:
        return [(first + dt.timedelta(days=i),) * 2 for i in range(wanted)]
    working, day = [], first
    while len(working) < bisect.bisect_right(working, last) + days:  # `days` of them after `last`
        day += dt.timedelta(days=1)
        if is_working_day(day, off):
            working.append(day)
    found = []
    for i in range(wanted):
        on = first + dt.timedelta(days=i)
        found.append((on, working[bisect.bisect_right(working, on) + days - 1]))
    return found


@functools.lru_cache(maxsize=65536)  # relativedelta is slow, and the scan asks of the same few days
def add_months(start: dt.date, months: int) -> dt.date:
    """The same day of the month, or the month's last day when it is shorter (31 Jan → 28 Feb)."""
    return start + relativedelta(months=months)


def next_review_due(
    cadence: Cadence, registered_on: dt.date, reviews: list[dt.date], review_every_days: int | None
) -> dt.date:
    """`reviews` are the dates of the reviews held so far, in any order. Later reviews follow
    the plan's own cadence in days when it sets one, else the default in calendar months."""
    if not reviews:
        return add_working_days(registered_on, cadence.first_review_working_days, cadence.holidays)
    latest = max(reviews)
    if len(reviews) == 1:
        return add_months(latest, cadence.second_review_months)
    if review_every_days:
        return latest + dt.timedelta(days=review_every_days)
    return add_months(latest, cadence.review_every_months)
