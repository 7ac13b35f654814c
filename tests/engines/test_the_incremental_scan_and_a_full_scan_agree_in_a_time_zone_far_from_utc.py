"""The thirty days of incremental scans against full scans, in Auckland (UTC+13 in summer):
every wake instant that follows local midnight (a due day passing, an age moving on, a day
count in a reason) must still bring the child back exactly when a full look would change."""

from tests.engines import test_the_incremental_scan_and_a_full_scan_reach_the_same_alerts_over_30_days as thirty


def test_thirty_days_of_incremental_scans_match_a_full_scan_in_auckland(api, monkeypatch):
    monkeypatch.setenv("HAVEN_TIMEZONE", "Pacific/Auckland")
    thirty.test_thirty_days_of_incremental_scans_match_a_full_scan(api)
