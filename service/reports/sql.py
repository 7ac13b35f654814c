"""The few SQL fragments that differ between SQLite and PostgreSQL, and a statement builder
that keeps each value beside the placeholder it fills.

Every indicator is one statement written once for both engines: instants are compared as
days since 1970 (UTC, fractional), dates as dates. Values are always parameters; the only
text put into a statement is what Haven itself decides (a month count, the zone's name,
checked against the IANA database at start-up).
"""

from __future__ import annotations

import datetime as dt

from service import clock, db

EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)


def epoch_days(instant: dt.datetime) -> float:
    """An instant as the statements compare instants: days since 1970, UTC."""
    return (instant - EPOCH).total_seconds() / 86400


# SQLite has no zone database: the zone's offsets over these years are written into the
# statement, each from when it held (an instant outside them takes the nearest one's).
OFFSET_YEARS_BACK, OFFSET_YEARS_ON = 20, 1


def _sqlite_offset(instant_sql: str) -> str:
    """The zone's offset at an instant, as a modifier of SQLite's `date()`: one branch a change
    of the clocks, the latest first (most instants read are recent, and the first branch that
    holds ends the search)."""
    year = dt.date.today().year
    found = clock.offsets(year - OFFSET_YEARS_BACK, year + OFFSET_YEARS_ON)
    if len(found) == 1:
        return f"'{found[0][1]:+d} minutes'"
    seconds = f"CAST(strftime('%s', {instant_sql}) AS integer)"
    branches = " ".join(f"WHEN {seconds} >= {since} THEN '{minutes:+d} minutes'" for since, minutes in reversed(found[1:]))
    return f"(CASE {branches} ELSE '{found[0][1]:+d} minutes' END)"


class Statement:
    """SQL text built in reading order, with its values: `s.value(x)` returns the placeholder
    and keeps `x`, so a placeholder and its value cannot drift apart."""

    def __init__(self):
        self.params: list = []
        self.sqlite = db.is_sqlite()

    def value(self, value) -> str:
        self.params.append(value)
        return "?"

    # Numbers Haven itself decides (settings, bounds) are written into the text: an
    # expression may then be used twice without its value being given twice.
    def number(self, value: float) -> str:
        return f"CAST({float(value)!r} AS double precision)"

    def integer(self, value: int) -> str:
        return f"CAST({int(value)} AS integer)"

    def date(self, value: dt.date) -> str:
        return self.value(value) if self.sqlite else f"CAST({self.value(value)} AS date)"

    # Engine differences, as expressions over other expressions.
    def days(self, instant_sql: str) -> str:
        """An instant column as days since 1970 (UTC)."""
        if self.sqlite:
            return f"(julianday({instant_sql}) - 2440587.5)"
        return f"(CAST(EXTRACT(EPOCH FROM {instant_sql}) AS double precision) / 86400.0)"

    def local_date(self, instant_sql: str) -> str:
        """The deployment's local day of an instant."""
        if self.sqlite:
            return f"date({instant_sql}, {_sqlite_offset(instant_sql)})"
        zone = str(clock.zone().key).replace("'", "''")
        return f"CAST(({instant_sql} AT TIME ZONE '{zone}') AS date)"

    def add_days(self, date_sql: str, days_sql: str) -> str:
        if self.sqlite:
            return f"date({date_sql}, '+' || CAST({days_sql} AS integer) || ' days')"
        return f"({date_sql} + CAST({days_sql} AS integer))"

    def add_months(self, date_sql: str, months_sql: str) -> str:
        """The same day of the month, or the month's last day when it is shorter (31 Aug + 6
        months is 28 or 29 Feb), as `care_plans.cadence.add_months`."""
        if self.sqlite:
            return (f"min(date({date_sql}, '+' || CAST({months_sql} AS integer) || ' months'), "
                    f"date({date_sql}, 'start of month', '+' || (CAST({months_sql} AS integer) + 1) "
                    "|| ' months', '-1 day'))")
        return f"CAST({date_sql} + make_interval(months => CAST({months_sql} AS integer)) AS date)"

    def month_number(self, date_sql: str) -> str:
        """Year × 12 + month: months between two days, to a month either way, by subtraction."""
        if self.sqlite:
            return (f"(CAST(strftime('%Y', {date_sql}) AS integer) * 12 "
                    f"+ CAST(strftime('%m', {date_sql}) AS integer))")
        return f"(CAST(EXTRACT(YEAR FROM {date_sql}) AS integer) * 12 + CAST(EXTRACT(MONTH FROM {date_sql}) AS integer))"

    def greatest(self, *sql: str) -> str:
        return f"{'max' if self.sqlite else 'GREATEST'}({', '.join(sql)})"

    def least(self, *sql: str) -> str:
        return f"{'min' if self.sqlite else 'LEAST'}({', '.join(sql)})"

    def literal_date(self, value: dt.date) -> str:
        """A day Haven itself worked out, written into the text (a table of many days would
        otherwise take two parameters a row)."""
        return f"'{value.isoformat()}'" if self.sqlite else f"DATE '{value.isoformat()}'"

    def day_pairs(self, name: str, pairs) -> str:
        """A table `name(on_day, due)` of days worked out in Python, one row a pair: for a rule
        SQL cannot state, such as working days less the configured public holidays."""
        rows = ", ".join(f"({self.literal_date(a)}, {self.literal_date(b)})" for a, b in pairs)
        return f"{name}(on_day, due) AS (VALUES {rows})"

    def periods(self, windows) -> str:
        """The periods a statement buckets its rows into, as a table `periods(p, p_first,
        p_last, p_start, p_end, p_day)`: p their index; instants as days since 1970, the first
        and last of each; its first day, the day after it, and the day before which dates are
        over. A few rows at most (a month each, MAX_MONTHS), whatever the data."""
        rows = ", ".join(f"({i}, {self.number(w.first)}, {self.number(w.last)}, {self.date(w.start)}, "
                         f"{self.date(w.end)}, {self.date(w.last_day)})" for i, w in enumerate(windows))
        return f"periods(p, p_first, p_last, p_start, p_end, p_day) AS (VALUES {rows})"

    async def fetch_all(self, sql: str) -> list[dict]:
        """One row a period, in the order they were given."""
        return sorted((dict(r) for r in await db.fetch(sql, self.params)), key=lambda r: r["p"])

    async def fetch_one(self, sql: str) -> dict:
        rows = await self.fetch_all(sql)
        return rows[0] if rows else {}
