"""`next_check_due` reaches its answer from the age used in a few steps; walking every check age
from birth, as the rule is written, gives the same day for any birth, gestation, last
assessment and today (the scan asks this of every child, so it must not cost a walk)."""

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from milestones.ages import reaches
from milestones.due import check_ages, next_check_due


def walked(birth_date, weeks, last_assessed_on, today):
    after = last_assessed_on or birth_date - dt.timedelta(days=1)
    missed = None
    for months in check_ages():
        day = reaches(birth_date, weeks, months)
        if day > max(today, after):
            return missed or day
        if after < day:
            missed = day


@settings(max_examples=400, deadline=None)
@given(birth=st.dates(dt.date(2005, 1, 1), dt.date(2026, 11, 1)),
       weeks=st.one_of(st.none(), st.integers(22, 42)),
       assessed_days=st.one_of(st.none(), st.integers(0, 6000)),
       today_days=st.integers(0, 7000))
def test_the_same_day_as_walking_every_check_age(birth, weeks, assessed_days, today_days):
    today = birth + dt.timedelta(days=today_days)
    assessed = None if assessed_days is None else min(birth + dt.timedelta(days=assessed_days), today)
    assert next_check_due(birth, weeks, None, assessed, today) == walked(birth, weeks, assessed, today)
