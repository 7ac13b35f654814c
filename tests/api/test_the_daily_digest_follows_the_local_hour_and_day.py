"""The digest hour and its day are the deployment's: in Los Angeles (UTC-7 in May) the 07:00
digest goes at 14:00 UTC, not at 07:00 UTC (midnight there), and once a local day: 01:00 UTC
the next morning is still the same day in Los Angeles."""

import datetime as dt
from zoneinfo import ZoneInfo

from scheduler.delivery import send_digests
from tests.api.alerting import free_port, registered_days_ago, scan_at, settings, smtp_server
from tests.conftest import run

LA = ZoneInfo("America/Los_Angeles")


def test_the_digest_goes_at_seven_in_los_angeles_once_that_day(api, monkeypatch):
    monkeypatch.setenv("HAVEN_TIMEZONE", "America/Los_Angeles")
    made = api.post("cw", "/api/v1/children", json={"display_name": "Amal", "birth_date": "2015-02-02"})
    assert made.status_code == 201, made.text
    registered_days_ago(made.json()["id"], 40)
    day = dt.date(2031, 5, 6)
    scan_at(dt.datetime.combine(day, dt.time(5), tzinfo=LA).astimezone(dt.timezone.utc))
    port = free_port()
    mail = settings(smtp_host="127.0.0.1", smtp_port=port, digest_hour=7)
    controller, box = smtp_server(port)
    try:
        utc = dt.timezone.utc
        assert run(send_digests(dt.datetime.combine(day, dt.time(7, 30), tzinfo=utc), mail)) == 0
        assert run(send_digests(dt.datetime.combine(day, dt.time(13, 59), tzinfo=utc), mail)) == 0
        assert run(send_digests(dt.datetime.combine(day, dt.time(14, 0), tzinfo=utc), mail)) == 1
        assert run(send_digests(dt.datetime.combine(day + dt.timedelta(days=1), dt.time(1), tzinfo=utc), mail)) == 0
        assert run(send_digests(dt.datetime.combine(day + dt.timedelta(days=1), dt.time(14), tzinfo=utc), mail)) == 1
    finally:
        controller.stop()
    assert len(box.messages) == 2
