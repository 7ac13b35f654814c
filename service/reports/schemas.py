"""The indicators as the API returns them (the reports page renders the same values)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from msgspec import Struct

Status = Literal["ok", "suppressed", "none_due", "not_yet_recorded"]
Unit = Literal["per_1000_days", "per_child_year", "share"]


class CountOut(Struct):
    value: int | None  # null when suppressed (fewer than 5)
    shown: str


class MonthOut(Struct):
    month: str  # YYYY-MM
    status: Status
    value: float | None
    shown: str


class IndicatorOut(Struct):
    code: str
    name: str
    definition: str
    source: str
    unit: Unit
    status: Status
    value: float | None  # a share is 0..1; null unless status is "ok"
    shown: str
    numerator: CountOut | None
    denominator: CountOut | None  # null for rates over days in care
    population: CountOut | None  # the children counted
    median_days_late: float | None
    not_yet_recorded_because: str | None
    months: list[MonthOut]


class IndicatorsOut(Struct):
    scope: Literal["service", "team", "caseworker"]
    scope_label: str
    from_date: dt.date
    to_date: dt.date  # the first day after the period
    small_count_threshold: int
    indicators: list[IndicatorOut]
