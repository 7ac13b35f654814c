"""A child who comes into care after the checkpoint for their age has passed is not told a
developmental check "was due" before they arrived: the first check falls due at registration
plus the settling-in period (30 days by default). A checkpoint reached in care, once the child
has settled in, is due on its day."""

import datetime as dt

from care_plans.cadence import add_months
from tests.api.alerting import alerts, registered_days_ago, scan_at, utcnow
from tests.api.development import months_ago, register


def test_the_first_check_waits_for_the_settling_in_period(api):
    register(api, months_ago(7))  # the 6-month checkpoint passed a month ago
    scan_at(utcnow())
    scan_at(utcnow() + dt.timedelta(days=29))
    assert alerts(kind="assessment_due") == []
    scan_at(utcnow() + dt.timedelta(days=30, hours=1))
    (due,) = alerts(kind="assessment_due")
    settled = (utcnow() + dt.timedelta(days=30)).date()
    assert due["cause_key"] == settled.isoformat() and due["status"] == "open"


def test_a_child_in_care_when_the_checkpoint_came_is_due_on_its_day(api):
    born = months_ago(7)
    child_id = register(api, born)
    registered_days_ago(child_id, 90)  # settled in well before the 6-month checkpoint
    scan_at(utcnow())
    (due,) = alerts(kind="assessment_due")
    assert due["cause_key"] == add_months(born, 6).isoformat()
