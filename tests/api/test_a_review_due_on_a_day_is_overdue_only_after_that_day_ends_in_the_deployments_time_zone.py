"""Days are the deployment's (HAVEN_TIMEZONE): in Los Angeles, a review due on a day is not
overdue at 20:00 that evening (04:00 UTC the next day), and is from local midnight. The
overdue text counts local days, and the API still gives instants with offsets."""

import datetime as dt
from zoneinfo import ZoneInfo

from tests.api.alerting import alerts, scan_at
from tests.api.development import register

LA = ZoneInfo("America/Los_Angeles")


def test_a_review_due_today_in_los_angeles_is_not_overdue_at_8pm_there(api, monkeypatch):
    monkeypatch.setenv("HAVEN_TIMEZONE", "America/Los_Angeles")
    child_id = register(api, dt.date(2015, 6, 1))
    body = api.get("cw", f"/api/v1/children/{child_id}").json()
    due = dt.date.fromisoformat(body["next_review_due"])
    assert dt.datetime.fromisoformat(body["registered_at"]).utcoffset() is not None

    evening = dt.datetime.combine(due, dt.time(20, 0), tzinfo=LA).astimezone(dt.timezone.utc)
    assert evening.date() == due + dt.timedelta(days=1)  # the scan is given the instant in UTC
    scan_at(evening)
    assert alerts(kind="overdue_review") == []

    scan_at(dt.datetime.combine(due + dt.timedelta(days=1), dt.time(0, 30), tzinfo=LA).astimezone(dt.timezone.utc))
    (overdue,) = alerts(kind="overdue_review")
    assert overdue["cause_key"] == due.isoformat()
    assert f"was due on {due.day} {due:%b} (1 days ago)" in overdue["reasons"][0]

