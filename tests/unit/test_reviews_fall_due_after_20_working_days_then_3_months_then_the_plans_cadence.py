"""Review dates: first within 20 working days of registration, second within 3 months of the
first, then at the plan's cadence (default about 6 months). Month ends, weekends, and the public
holidays of a configured calendar."""

import datetime as dt
import os
import subprocess
import sys

import pytest

from care_plans.cadence import Cadence, add_months, add_working_days, next_review_due
from service.settings import Settings

CADENCE = Cadence.from_settings(Settings())
D = dt.date


@pytest.mark.parametrize("start,days,expected", [
    (D(2027, 1, 4), 5, D(2027, 1, 11)),    # Monday + 5 working days is the next Monday
    (D(2027, 1, 8), 1, D(2027, 1, 11)),    # Friday + 1 skips the weekend
    (D(2027, 1, 9), 1, D(2027, 1, 11)),    # from a Saturday, Monday is the first working day
    (D(2027, 1, 10), 20, D(2027, 2, 5)),   # from a Sunday: four full weeks, ending Friday
    (D(2027, 1, 4), 20, D(2027, 2, 1)),    # Monday + 20 working days: four weeks later
    (D(2027, 1, 4), 0, D(2027, 1, 4)),
])
def test_working_days_skip_weekends(start, days, expected):
    assert add_working_days(start, days) == expected


@pytest.mark.parametrize("start,months,expected", [
    (D(2027, 1, 31), 1, D(2027, 2, 28)),
    (D(2028, 1, 31), 1, D(2028, 2, 29)),   # a leap year
    (D(2027, 11, 30), 3, D(2028, 2, 29)),
    (D(2027, 10, 15), 3, D(2028, 1, 15)),  # across the year end
    (D(2027, 8, 31), 6, D(2028, 2, 29)),
    (D(2027, 3, 31), 1, D(2027, 4, 30)),
])
def test_months_keep_the_day_or_end_at_the_months_last_day(start, months, expected):
    assert add_months(start, months) == expected


def test_the_first_review_is_20_working_days_after_registration():
    assert next_review_due(CADENCE, D(2027, 1, 4), [], None) == D(2027, 2, 1)


def test_the_second_is_3_months_after_the_first():
    assert next_review_due(CADENCE, D(2027, 1, 4), [D(2027, 1, 29)], None) == D(2027, 4, 29)


def test_the_second_from_a_month_end():
    assert next_review_due(CADENCE, D(2026, 11, 2), [D(2026, 11, 30)], None) == D(2027, 2, 28)


def test_later_reviews_follow_the_plans_cadence():
    held = [D(2027, 1, 29), D(2027, 4, 20)]
    assert next_review_due(CADENCE, D(2027, 1, 4), held, 90) == D(2027, 7, 19)


def test_without_a_plan_cadence_the_default_applies():
    held = [D(2027, 4, 20), D(2027, 1, 29)]  # in any order
    assert next_review_due(CADENCE, D(2027, 1, 4), held, None) == D(2027, 10, 20)  # 6 calendar months


def test_the_rules_numbers_come_from_the_settings():
    custom = Cadence.from_settings(Settings(first_review_working_days=10, second_review_months=2))
    assert next_review_due(custom, D(2027, 1, 4), [], None) == D(2027, 1, 18)
    assert next_review_due(custom, D(2027, 1, 4), [D(2027, 1, 18)], None) == D(2027, 3, 18)


def test_bank_holidays_are_not_working_days_when_a_calendar_is_configured():
    # 25 Dec 2026 is a Friday, Boxing Day is observed on Monday 28 Dec, 1 Jan 2027 is a Friday.
    england = Cadence.from_settings(Settings(review_holidays="GB-ENG"))
    assert next_review_due(england, D(2026, 12, 14), [], None) == D(2027, 1, 14)
    assert next_review_due(CADENCE, D(2026, 12, 14), [], None) == D(2027, 1, 11)  # weekdays only
    assert add_working_days(D(2027, 8, 27), 1, england.holidays) == D(2027, 8, 31)  # late summer bank holiday


def test_an_unknown_holiday_calendar_stops_haven_before_it_starts():
    done = subprocess.run([sys.executable, "-m", "service.cli", "scan"], capture_output=True, text=True,
                          env={**os.environ, "HAVEN_REVIEW_HOLIDAYS": "XX-YY"})
    assert done.returncode == 2 and "HAVEN_REVIEW_HOLIDAYS" in done.stderr and "XX-YY" in done.stderr
