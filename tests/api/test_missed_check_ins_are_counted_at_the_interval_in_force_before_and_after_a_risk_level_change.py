"""Moving time with scans: a child unseen since registration while the risk level changes.
"N check-ins missed" counts the periods that actually fell due, each at the interval in force
then (low 30 days, high 7): a period falls due once the time since the last due instant (or
registration) reaches the interval in force at that moment. Each change of level is kept in
the risk level history, one row per change."""

import datetime as dt

from scheduler.tables import RiskLevelChange
from tests.api.alerting import alerts, scan_at
from tests.conftest import run

DAY = dt.timedelta(days=1)
LOW, HIGH = 30 * DAY, 7 * DAY  # the default intervals (HAVEN_CHECK_IN_DAYS_LOW, _HIGH)


def registered(api, child) -> dt.datetime:
    return dt.datetime.fromisoformat(api.get("cw", f"/api/v1/children/{child['id']}").json()["registered_at"])


def flag(api, child) -> str:
    """Contact with a suspected exploiter: 6 points on top of the 2 for no documents, high."""
    made = api.post("cw", f"/api/v1/children/{child['id']}/risk-indicators",
                    json={"code": "exploiter_contact", "note": "seen with an unknown adult"})
    assert made.status_code == 201, made.text
    return made.json()["id"]


def missed() -> tuple[int, str]:
    (alert,) = alerts(kind="missed_check_in")
    return alert["count"], alert["reasons"][0]


def levels(child) -> list[str]:
    rows = run(RiskLevelChange.select().where(RiskLevelChange.child == child["id"])
               .order_by(RiskLevelChange.since))
    return [r["level"] for r in rows]


def test_a_rise_counts_thirty_day_periods_before_it_and_seven_day_ones_after(api, child):
    start = registered(api, child)
    scan_at(start + 40 * DAY)
    assert missed()[0] == 1 and levels(child) == ["low"]
    scan_at(start + 65 * DAY)
    assert missed()[0] == 2  # due at 30 and 60 days

    flag(api, child)
    change = start + 66 * DAY
    scan_at(change)
    assert levels(child) == ["low", "high"]
    now = start + 90 * DAY
    scan_at(now)

    before = [start + LOW * n for n in (1, 2, 3) if start + LOW * n < change]  # 30, 60 days while low
    after, due = [], before[-1] + HIGH  # 67 days: 7 since the last due instant, the change at 66
    while due <= now:
        after.append(due)
        due += HIGH
    assert len(before) + len(after) == 6
    count, reason = missed()
    assert count == 6 and reason.startswith("6 check-ins missed")


def test_a_drop_counts_seven_day_periods_before_it_and_thirty_day_ones_after(api, child):
    start = registered(api, child)
    indicator = flag(api, child)
    scan_at(start + DAY)
    scan_at(start + 22 * DAY)
    assert missed()[0] == 3 and levels(child) == ["high"]  # due at 7, 14 and 21 days

    assert api.delete("cw", f"/api/v1/children/{child['id']}/risk-indicators/{indicator}").status_code == 200
    scan_at(start + 23 * DAY)
    assert levels(child) == ["high", "low"]
    scan_at(start + 50 * DAY)
    assert missed()[0] == 3  # the next is 30 days on from the last due instant: day 51

    now = start + 85 * DAY
    scan_at(now)
    before = [start + HIGH * n for n in (1, 2, 3)]
    after = [before[-1] + LOW * n for n in (1, 2) if before[-1] + LOW * n <= now]  # 51 and 81 days
    count, reason = missed()
    assert count == len(before) + len(after) == 5 and reason.startswith("5 check-ins missed")


def test_nothing_is_counted_before_the_first_due_instant(api, child):
    """Low at first; the rise on day 20 makes a visit due at once (20 days is past 7), and
    only then do periods start to count."""
    start = registered(api, child)
    scan_at(start + DAY)
    assert alerts(kind="missed_check_in") == []
    flag(api, child)
    scan_at(start + 20 * DAY)
    assert alerts(kind="missed_check_in") == []  # due at this instant, late after it
    scan_at(start + 20 * DAY + dt.timedelta(hours=1))
    (alert,) = alerts(kind="missed_check_in")
    assert alert["severity"] == "warning" and alert["count"] == 1  # late, within the grace period
    scan_at(start + 24 * DAY)
    assert missed()[0] == 1  # due at 20 days; the next at 27
    scan_at(start + 28 * DAY)
    assert missed()[0] == 2
