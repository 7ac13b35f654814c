"""The service-effectiveness indicators: what each measures, where its definition comes from,
and how it is computed for a scope and a period.

Definitions follow /work/shared/reference/practice-and-outcomes.md §3 (its sources are named
beside each indicator); where Haven cannot yet hold the facts an indicator needs, the indicator
says "not yet recorded", never zero. Wiring one later is giving it a `statement` (see
`referrals.py`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace

from care_plans.cadence import Cadence
from milestones import ages
from milestones.due import AFTER_CHECKLIST_EVERY_MONTHS
from milestones.catalogue import CHECKPOINTS, LAST_CHECKPOINT
from service.i18n import N_
from service.reports import referrals, statements
from service.reports.statements import Scope, Window

SMALL = 5  # counts of 1 to 4 are shown as "fewer than 5": a child could be recognised
SMALL_TEXT = N_("fewer than 5")
NOT_YET_RECORDED = N_("not yet recorded")
CHECK_WITHIN_DAYS = 30  # practice-and-outcomes.md §3, developmental follow-up
AGAIN_WITHIN_DAYS = 90  # practice-and-outcomes.md §3, missing from care
LAST_CHECK_MONTHS = 216  # checks every few months after 5, until 18


@dataclass(frozen=True)
class Indicator:
    code: str
    name: str
    definition: str
    source: str
    unit: str  # "per_1000_days" | "per_child_year" | "share"
    statement: Callable | None  # (scope, window, settings) -> Statement; None: not yet recorded
    why_not_yet: str = ""


def _cadence_days(settings) -> dict[str, int]:
    return Cadence.from_settings(settings).check_in_days


def _check_ages() -> list[int]:
    later = range(LAST_CHECKPOINT + AFTER_CHECKLIST_EVERY_MONTHS, LAST_CHECK_MONTHS + 1, AFTER_CHECKLIST_EVERY_MONTHS)
    return [*CHECKPOINTS, *later]


def _dev_checks(scope: Scope, w: Window, settings):
    convention = ages.CONVENTION
    # The latest gestation corrected for: AAP more than 3 weeks early (36), ASQ 3 or more (36).
    latest = max(g for g in range(20, 45) if convention.corrects(g))
    return statements.developmental_checks_on_time(
        scope, w, _check_ages(), CHECK_WITHIN_DAYS, full_term_weeks=convention.full_term_weeks,
        corrected_up_to_weeks=latest, correct_until_months=ages.CORRECT_UNTIL_MONTHS)


POLICE_WITHIN_HOURS = 24  # P.L. 113-183: reported immediately, no later than 24 hours
RETURN_INTERVIEW_WITHIN_HOURS = 72  # DfE statutory guidance (2014): within 72 hours of return

INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        "placement_stability", N_("Placement stability"),
        N_("Placement moves per 1,000 days in care: placements begun in the period that followed an "
           "earlier placement of the same child, over the days the children spent in care in the "
           "period. CFSR counts a 12-month entry cohort; Haven counts every child in care in the period."),
        "US CFSR Round 4 statewide data indicator, placement stability (CFSR4-P5)", "per_1000_days",
        lambda scope, w, settings: statements.placement_stability(scope, w)),
    Indicator(
        "check_ins_on_time", N_("Check-ins on time"),
        N_("Share of due check-ins done on time: each contact at which the child was seen (and "
           "registration, before the first) makes the next one due after the child's interval (the "
           "plan's own, else their current risk level's); a due in the period is on time when the "
           "child was next seen by then. Intervals holding an excused contact are left out (excused "
           "is not missed). Beside it, the median days late of those done late."),
        "Ours, in the shape of the Title IV-E monthly caseworker-visit measures (P.L. 109-288, P.L. 112-34)",
        "share", lambda scope, w, settings: statements.check_ins_on_time(scope, w, _cadence_days(settings))),
    Indicator(
        "reviews_on_time", N_("Reviews on time"),
        N_("Share of care-plan reviews held by their due date, for reviews that fell due in the "
           "period: the first 20 working days after registration, the second 3 months after the "
           "first, then at the plan's cadence (default 6 calendar months)."),
        "England Care Planning, Placement and Case Review Regulations 2010 (SI 2010/959), reg 33",
        "share", lambda scope, w, settings: statements.reviews_on_time(scope, w, Cadence.from_settings(settings))),
    Indicator(
        "first_review_in_window", N_("First review within its window"),
        N_("Share of children whose first review fell due in the period (20 working days after "
           "registration, less the public holidays configured) who had it by then."),
        "England Care Planning, Placement and Case Review Regulations 2010 (SI 2010/959), reg 33",
        "share", lambda scope, w, settings: statements.first_review_in_window(scope, w, Cadence.from_settings(settings))),
    Indicator(
        "missing_per_child_year", N_("Missing episodes per child-year"),
        N_("Missing-from-care episodes begun in the period, over the children's years in care in it."),
        "practice-and-outcomes.md §3 (missing from care); ECPAT UK and Missing People reports on "
        "trafficked children going missing from care", "per_child_year",
        lambda scope, w, settings: statements.missing_rate(scope, w)),
    Indicator(
        "missing_police_within_24h", N_("Missing: reported to the police within 24 hours"),
        N_("Share of missing episodes begun in the period (whose 24 hours have passed) whose police "
           "report task was recorded as done within 24 hours of going missing."),
        "Preventing Sex Trafficking and Strengthening Families Act 2014, P.L. 113-183", "share",
        lambda scope, w, settings: statements.episode_duty_on_time(
            scope, w, "went_missing_at", "police_report", POLICE_WITHIN_HOURS)),
    Indicator(
        "missing_return_interview_within_72h", N_("Missing: return interview within 72 hours"),
        N_("Share of returns from going missing in the period (whose 72 hours have passed) whose return "
           "interview task was recorded as done within 72 hours of the return."),
        "DfE statutory guidance, Children who run away or go missing from home or care (2014)", "share",
        lambda scope, w, settings: statements.episode_duty_on_time(
            scope, w, "returned_at", "return_interview", RETURN_INTERVIEW_WITHIN_HOURS)),
    Indicator(
        "missing_again_within_90_days", N_("Going missing again within 90 days"),
        N_("Share of returns in the period (whose 90 days have passed) followed by another episode "
           "of the same child within 90 days."),
        "practice-and-outcomes.md §3 (missing from care)", "share",
        lambda scope, w, settings: statements.missing_again(scope, w, AGAIN_WITHIN_DAYS)),
    Indicator(
        "developmental_checks_on_time", N_("Developmental checks on time"),
        N_("Share of developmental checks due in the period (each CDC checkpoint age, corrected for "
           "babies born early, then every 6 months after 5, reached while in care) with an "
           "assessment within 30 days of the due day; counted once the 30 days have passed."),
        "practice-and-outcomes.md §3 (developmental follow-up); CDC Learn the Signs. Act Early. (2022)",
        "share", _dev_checks),
    *(Indicator(**d) for d in referrals.DEFINITIONS),
)


@dataclass(frozen=True)
class Count:
    value: int | None  # None when suppressed
    shown: str


@dataclass(frozen=True)
class Result:
    indicator: Indicator
    status: str  # "ok" | "suppressed" | "none_due" | "not_yet_recorded"
    value: float | None
    shown: str
    numerator: Count | None = None
    denominator: Count | None = None
    population: Count | None = None
    median_days_late: float | None = None


def count(value: int) -> Count:
    if 0 < value < SMALL:
        return Count(None, SMALL_TEXT)
    return Count(value, f"{value:,}")


def _value(unit: str, numerator: int, denominator: float) -> float:
    if unit == "per_1000_days":
        return numerator * 1000 / denominator
    if unit == "per_child_year":
        return numerator / (denominator / 365.25)
    return numerator / denominator


def shown(unit: str, value: float) -> str:
    if unit == "share":
        return f"{value * 100:.0f}%"
    return f"{value:.2f}"


def judge(indicator: Indicator, row: dict) -> Result:
    """The numbers a statement found, with small counts suppressed: a rate whose counts are
    suppressed is suppressed too, or the count could be worked back from it."""
    numerator, denominator, population = int(row["numerator"] or 0), float(row["denominator"] or 0), int(row["population"] or 0)
    days = indicator.unit != "share"
    counts = dict(numerator=count(numerator), population=count(population),
                  denominator=None if days else count(int(denominator)))
    if denominator <= 0:
        return Result(indicator, "none_due", None, N_("none in this period"), **counts)
    if any(c is not None and c.value is None for c in counts.values()):
        return Result(indicator, "suppressed", None, SMALL_TEXT, **counts)
    value = _value(indicator.unit, numerator, denominator)
    late = row.get("median_late")
    return Result(indicator, "ok", value, shown(indicator.unit, value), **counts,
                  median_days_late=None if late is None else round(float(late), 1))


def not_yet(indicator: Indicator) -> Result:
    return Result(indicator, "not_yet_recorded", None, NOT_YET_RECORDED)


async def results(indicator: Indicator, scope: Scope, windows: tuple[Window, ...], settings) -> list[Result]:
    """One indicator in each of the periods: one statement, a row a period."""
    if indicator.statement is None or not windows:
        return [not_yet(indicator) for _ in windows]
    statement = indicator.statement(scope, windows, settings)
    return [judge(indicator, row) for row in await statement.fetch_all(statement.sql)]


async def compute(scope: Scope, window: Window, settings) -> list[Result]:
    """Every indicator for the scope and period: one statement each, inside the caller's read."""
    return [(await results(i, scope, (window,), settings))[0] for i in INDICATORS]


def months(start: dt.date, end: dt.date) -> list[tuple[dt.date, dt.date]]:
    """The calendar months the period touches, each cut to the period."""
    spans, day = [], start
    while day < end:
        following = (day.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
        spans.append((day, min(following, end)))
        day = following
    return spans


def month_windows(window: Window) -> tuple[Window, ...]:
    """The period's months begun by today, each seen from the same now."""
    return tuple(replace(window, start=start, end=end) for start, end in months(window.start, window.end)
                 if start <= window.today)


async def with_trend(scope: Scope, window: Window, settings) -> tuple[list[Result], list[tuple[dt.date, list[Result]]]]:
    """Every indicator for the period and for each of its months: still one statement each,
    its rows bucketed by month, whatever the number of months."""
    each = month_windows(window)
    found = [await results(i, scope, (window, *each), settings) for i in INDICATORS]
    return [f[0] for f in found], [(m.start, [f[k + 1] for f in found]) for k, m in enumerate(each)]


async def trend(scope: Scope, window: Window, settings) -> list[tuple[dt.date, list[Result]]]:
    """Each month of the period on its own."""
    return (await with_trend(scope, window, settings))[1]
