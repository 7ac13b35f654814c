"""The periods of a stretch without contact, each at the interval in force then: a period
falls due once the time since the last due instant reaches the interval in force at that
moment; excused contacts cover their period; a placement's window can come first."""

import datetime as dt

from care_plans.cadence import check_in_periods

UTC = dt.timezone.utc
BASE = dt.datetime(2027, 1, 4, 10, 0, tzinfo=UTC)
DAY = dt.timedelta(days=1)


def days(instant: dt.datetime) -> float:
    return (instant - BASE) / DAY


def test_one_level_counts_every_interval_from_the_first_due_instant():
    found = check_in_periods(BASE, [(BASE + 5 * DAY, 14 * DAY)], BASE + 43 * DAY)
    assert (days(found.first_due), found.missed, days(found.next_due)) == (14, 3, 56)


def test_nothing_is_counted_before_the_first_due_instant():
    found = check_in_periods(BASE, [(BASE, 30 * DAY)], BASE + 29 * DAY)
    assert (found.missed, days(found.next_due)) == (0, 30)


def test_a_rise_past_the_new_interval_makes_a_visit_due_at_once():
    found = check_in_periods(BASE, [(BASE, 30 * DAY), (BASE + 20 * DAY, 7 * DAY)], BASE + 28 * DAY)
    assert (days(found.first_due), found.missed, days(found.next_due)) == (20, 2, 34)


def test_a_rise_counts_the_old_periods_then_the_new_ones_from_the_last_due_instant():
    found = check_in_periods(BASE, [(BASE, 30 * DAY), (BASE + 66 * DAY, 7 * DAY)], BASE + 90 * DAY)
    assert (found.missed, days(found.next_due)) == (6, 95)  # 30, 60, 67, 74, 81, 88


def test_a_drop_lets_the_period_in_progress_run_to_the_longer_interval():
    found = check_in_periods(BASE, [(BASE, 7 * DAY), (BASE + 23 * DAY, 30 * DAY)], BASE + 85 * DAY)
    assert (found.missed, days(found.next_due)) == (5, 111)  # 7, 14, 21, 51, 81


def test_an_excused_contact_covers_its_period_wherever_it_falls():
    found = check_in_periods(BASE, [(BASE, 14 * DAY)], BASE + 60 * DAY, excused=[BASE + 30 * DAY])
    assert (days(found.first_due), found.missed, days(found.next_due)) == (14, 3, 70)  # 14, 28, 56: the one to 42 is covered


def test_an_earlier_placement_deadline_is_the_first_due_instant_and_periods_run_on_from_it():
    found = check_in_periods(BASE, [(BASE, 30 * DAY)], BASE + 70 * DAY, deadline=BASE + 3 * DAY)
    assert (days(found.first_due), found.missed, days(found.next_due)) == (3, 3, 93)  # 3, 33, 63
