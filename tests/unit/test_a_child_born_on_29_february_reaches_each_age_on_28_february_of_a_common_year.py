"""Birthdays counted in whole years: a child born on 29 February is 12 (the risk factor's
age), 16 (leaving care) and 18 on 28 February of a common year, and not a day before."""

import datetime as dt

import pytest

from care_plans import leaving_care
from care_plans.cadence import add_months
from scheduler.risk import _birthday

LEAP_DAY = dt.date(2012, 2, 29)


@pytest.mark.parametrize("years,birthday", [
    (12, dt.date(2024, 2, 29)),  # a leap year keeps the day itself
    (13, dt.date(2025, 2, 28)),
    (18, dt.date(2030, 2, 28)),
])
def test_a_leap_day_childs_birthday_in_a_common_year_is_28_february(years, birthday):
    assert _birthday(LEAP_DAY, years) == birthday


def test_leaving_care_begins_on_the_sixteenth_birthday_not_the_day_before():
    born = dt.date(2011, 2, 28)
    assert not leaving_care.due(born, dt.date(2027, 2, 27))
    assert leaving_care.due(born, dt.date(2027, 2, 28))
    assert not leaving_care.due(dt.date(2012, 2, 29), dt.date(2028, 2, 28))
    assert leaving_care.due(dt.date(2012, 2, 29), dt.date(2028, 2, 29))


def test_adding_months_ends_on_the_shorter_months_last_day():
    assert add_months(dt.date(2026, 8, 31), 6) == dt.date(2027, 2, 28)
    assert add_months(dt.date(2027, 8, 31), 6) == dt.date(2028, 2, 29)
    assert add_months(dt.date(2026, 3, 31), -1) == dt.date(2026, 2, 28)
