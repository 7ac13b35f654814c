"""HAVEN_TIMEZONE takes an IANA name; any other stops `haven` with a message naming it."""

import os
import subprocess
import sys

from service import clock


def test_an_unknown_time_zone_stops_haven_naming_the_setting():
    done = subprocess.run([sys.executable, "-m", "service.cli", "scan"], capture_output=True, text=True,
                          env={**os.environ, "HAVEN_TIMEZONE": "Mars/Olympus_Mons"})
    assert done.returncode == 2 and "HAVEN_TIMEZONE" in done.stderr and "Mars/Olympus_Mons" in done.stderr


def test_a_local_day_starts_at_local_midnight_even_across_a_clock_change(monkeypatch):
    import datetime as dt

    monkeypatch.setenv("HAVEN_TIMEZONE", "Europe/London")
    assert clock.start_of_day(dt.date(2027, 3, 28)) == dt.datetime(2027, 3, 28, 0, 0, tzinfo=dt.timezone.utc)
    assert clock.start_of_day(dt.date(2027, 3, 29)) == dt.datetime(2027, 3, 28, 23, 0, tzinfo=dt.timezone.utc)
    assert clock.end_of_day(dt.date(2027, 3, 28)) < clock.start_of_day(dt.date(2027, 3, 29))
    assert clock.today(dt.datetime(2027, 6, 30, 23, 30, tzinfo=dt.timezone.utc)) == dt.date(2027, 7, 1)
