"""The indicators for a caller: the period and scope checked, the figures for the period and
for each month of it, in the shape the API returns and the reports page shows."""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict

from service import access, clock
from service.errors import Forbidden, Invalid
from service.reports import indicators as ind
from service.reports import scope as scopes
from service.reports.schemas import CountOut, IndicatorOut, IndicatorsOut, MonthOut
from service.reports.statements import Scope, Window

MAX_MONTHS = 60  # a trend of five years at most: each statement buckets its rows by month
EARLIEST = dt.date(1990, 1, 1)  # before any record Haven could hold


def _day(field: str, text: str | None) -> dt.date | None:
    """A query's date, named as the caller named it (`from`, `to`) when it is not one."""
    if text is None or text == "":
        return None
    try:
        return dt.date.fromisoformat(text) if len(text) == 10 else dt.date.fromisoformat("bad")
    except ValueError:
        raise Invalid({field: "must be a date, YYYY-MM-DD"}) from None


def window(start: str | None, end: str | None, now: dt.datetime) -> Window:
    """[start, end) of local days; by default the twelve months up to and including today."""
    start, end = _day("from", start), _day("to", end)
    today = clock.today(now)
    for field, day in (("from", start), ("to", end)):
        if day is not None and not EARLIEST <= day <= today + dt.timedelta(days=366):
            raise Invalid({field: f"must be between {EARLIEST} and a year from today"})
    end = end or today + dt.timedelta(days=1)
    start = start or (end.replace(day=1) - dt.timedelta(days=335)).replace(day=1)
    if start >= end:
        raise Invalid({"from": "must be before to"})
    if len(ind.months(start, end)) > MAX_MONTHS:
        raise Invalid({"from": f"must be at most {MAX_MONTHS} months before to"})
    return Window(start, end, now)


async def scope_for(actor: access.Actor, team: str | None, caseworker: str | None) -> Scope:
    if not access.can_read_indicators(actor):
        raise Forbidden("Your role does not read indicators.")
    return await scopes.resolve(actor, team, caseworker)


# The months a report has just read, for the charts beside its tables: each chart is a request
# of its own, which would read its indicator's months all over again (half a minute in all for
# a whole service of 100,000 children), and might then not show the numbers beside it.
CHARTS_KEEP_MONTHS_FOR = dt.timedelta(minutes=10)
KEPT_REPORTS = 32
_kept: OrderedDict = OrderedDict()  # (scope, from, to) -> (read at, {indicator code: months})


def _kept_key(scope: Scope, w: Window) -> tuple:
    return scope.kind, str(scope.id), w.start, w.end


def _keep(scope: Scope, w: Window, monthly: dict) -> None:
    key = _kept_key(scope, w)
    _kept[key] = (w.now, monthly)
    _kept.move_to_end(key)
    while len(_kept) > KEPT_REPORTS:
        _kept.popitem(last=False)


def _kept_months(scope: Scope, w: Window, code: str) -> list[MonthOut] | None:
    read_at, monthly = _kept.get(_kept_key(scope, w), (None, {}))
    if read_at is None or not read_at <= w.now <= read_at + CHARTS_KEEP_MONTHS_FOR:
        return None
    return monthly.get(code)


async def report(scope: Scope, w: Window, settings, by_month: bool = True) -> IndicatorsOut:
    """Call inside a read: the period's figures and, when asked, each month's (kept a while
    for the charts, `one_trend`)."""
    results, trend = await ind.with_trend(scope, w, settings) if by_month else (await ind.compute(scope, w, settings), [])
    monthly = {r.indicator.code: [] for r in results}
    for month, found in trend:
        for r in found:
            monthly[r.indicator.code].append(MonthOut(f"{month:%Y-%m}", r.status, r.value, r.shown))
    if by_month:
        _keep(scope, w, monthly)
    return IndicatorsOut(scope=scope.kind, scope_label=scope.label, from_date=w.start, to_date=w.end,
                         small_count_threshold=ind.SMALL,
                         indicators=[indicator_out(r, monthly[r.indicator.code]) for r in results])


async def one_trend(scope: Scope, w: Window, settings, code: str) -> tuple[ind.Indicator, list[MonthOut]]:
    """One indicator's months, for its chart: those a report of the same scope and period read
    in the last minutes, else its statement alone, once, bucketed by month."""
    chosen = next((i for i in ind.INDICATORS if i.code == code), None)
    if chosen is None:
        raise Invalid({"code": "is not an indicator"})
    kept = _kept_months(scope, w, code)
    if kept is not None:
        return chosen, kept
    each = ind.month_windows(w)
    found = await ind.results(chosen, scope, each, settings)
    return chosen, [MonthOut(f"{m.start:%Y-%m}", r.status, r.value, r.shown) for m, r in zip(each, found)]


def _count(c: ind.Count | None) -> CountOut | None:
    return None if c is None else CountOut(c.value, c.shown)


def indicator_out(r: ind.Result, months: list[MonthOut]) -> IndicatorOut:
    i = r.indicator
    return IndicatorOut(
        code=i.code, name=i.name, definition=i.definition, source=i.source, unit=i.unit, status=r.status,
        value=r.value, shown=r.shown, numerator=_count(r.numerator), denominator=_count(r.denominator),
        population=_count(r.population), median_days_late=r.median_days_late,
        not_yet_recorded_because=i.why_not_yet or None if r.status == "not_yet_recorded" else None,
        months=months)
