"""The deployment's time zone: what "today", a day's start and end, and a time on a page mean.

Instants are stored and exchanged in UTC (the API speaks ISO 8601 with offsets); days are the
days of the zone set by `HAVEN_TIMEZONE` (an IANA name, default `UTC`). Every rule that counts
days, and every page that shows or takes a date or a time, goes through here.

The zone is looked up from the environment on each call (a cached lookup), so a deployment
and a test both change it by setting the variable. Work that asks the zone hundreds of
thousands of times at one instant (the alert scan) reads it once, inside `pinned()`.
"""

from __future__ import annotations

import datetime as dt
import functools
import contextlib
import contextvars
import os
import zoneinfo

VARIABLE = "HAVEN_TIMEZONE"
DEFAULT = "UTC"
_PINNED: contextvars.ContextVar[zoneinfo.ZoneInfo | None] = contextvars.ContextVar("haven_zone", default=None)


@functools.cache
def named(name: str) -> zoneinfo.ZoneInfo:
    """The zone called `name`; an unknown name raises ValueError naming the setting."""
    try:
        return zoneinfo.ZoneInfo(name.strip())
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, TypeError):
        raise ValueError(f"{VARIABLE}: no time zone called {name!r} (use an IANA name such as "
                         "Europe/London)") from None


def zone() -> zoneinfo.ZoneInfo:
    return _PINNED.get() or named(os.environ.get(VARIABLE) or DEFAULT)


@contextlib.contextmanager
def pinned():
    """The zone read once for the block (and the threads it starts with its context): reading
    the environment costs more than the date arithmetic it serves."""
    token = _PINNED.set(zone())
    try:
        yield
    finally:
        _PINNED.reset(token)


def local(instant: dt.datetime) -> dt.datetime:
    """The instant on the deployment's clock (naive values are taken as UTC)."""
    if instant.tzinfo is None:
        instant = instant.replace(tzinfo=dt.timezone.utc)
    return instant.astimezone(zone())


def today(now: dt.datetime) -> dt.date:
    """The local date of an instant."""
    return _today(now, zone())


def start_of_day(day: dt.date) -> dt.datetime:
    """Local midnight at the start of `day`, in UTC (the first instant that is that day)."""
    return _start_of_day(day, zone())


# The scan asks these of the same few thousand days and instants for every child: remembered
# per zone, they cost a dictionary lookup instead of two zone conversions.
@functools.lru_cache(maxsize=65536)
def _today(now: dt.datetime, zone_: zoneinfo.ZoneInfo) -> dt.date:
    return (now if now.tzinfo else now.replace(tzinfo=dt.timezone.utc)).astimezone(zone_).date()


@functools.lru_cache(maxsize=65536)
def _start_of_day(day: dt.date, zone_: zoneinfo.ZoneInfo) -> dt.datetime:
    return _utc(dt.datetime.combine(day, dt.time(0)), zone_)


def end_of_day(day: dt.date) -> dt.datetime:
    """The last instant of `day` locally: a deadline given as a day holds until then."""
    return start_of_day(day + dt.timedelta(days=1)) - dt.timedelta(microseconds=1)


def at(day: dt.date, time: dt.time) -> dt.datetime:
    """A wall-clock time on a local day, in UTC."""
    return _utc(dt.datetime.combine(day, time))


def _utc(wall: dt.datetime, zone_: zoneinfo.ZoneInfo | None = None) -> dt.datetime:
    # fold=0 reads a wall time with the offset in force before a clock change: a repeated time
    # is its first occurrence, and a skipped one is read as if the clock had not yet moved (so a
    # skipped midnight is the instant of the jump: the day's first instant).
    return wall.replace(tzinfo=zone_ or zone(), fold=0).astimezone(dt.timezone.utc)


def day_label(value) -> str:
    """`3 Dec`: a date, or an instant's local date."""
    if isinstance(value, dt.datetime):
        value = today(value)
    return f"{value.day} {value:%b}"


def time_label(instant: dt.datetime) -> str:
    """`23:15 NZDT`: an instant's local time with the zone's abbreviation."""
    return f"{local(instant):%H:%M %Z}"


def offsets(first_year: int, last_year: int) -> list[tuple[int, int]]:
    """The zone's offsets from UTC over these years, as (from when, in seconds since 1970;
    minutes east of UTC), oldest first: the first from the start of `first_year`, then one at
    each change of the clocks. For an engine with no zone database (SQLite)."""
    return _offsets(str(zone().key), first_year, last_year)


@functools.cache
def _offsets(key: str, first_year: int, last_year: int) -> list[tuple[int, int]]:
    zone_ = named(key)
    start = dt.datetime(first_year, 1, 1, tzinfo=dt.timezone.utc)

    def minutes(seconds: int) -> int:
        instant = dt.datetime.fromtimestamp(seconds, dt.timezone.utc).astimezone(zone_)
        return int(instant.utcoffset().total_seconds() // 60)

    found = [(int(start.timestamp()), minutes(int(start.timestamp())))]
    day = int(start.timestamp())
    end = int(dt.datetime(last_year + 1, 1, 1, tzinfo=dt.timezone.utc).timestamp())
    while day < end:
        if minutes(day + 86400) != found[-1][1]:  # the clocks changed within this day: to the second
            low, high = day, day + 86400
            while high - low > 1:
                middle = (low + high) // 2
                low, high = (middle, high) if minutes(middle) == found[-1][1] else (low, middle)
            found.append((high, minutes(high)))
        day += 86400
    return found
