"""The escalation ladder, through `reconcile` alone: an open alert nobody acknowledges climbs one
severity per acknowledgement window (24 h by default), each window running from the step
before, up to its kind's ceiling (high for routine kinds; critical only for a child missing from
care; a risk alert stays at the level its text names); a critical alert raised as such is
escalated once more after 2 h, then left to the people already told; an acknowledged alert
never climbs; a cause that worsens by itself raises the severity without counting as an
escalation. Severity is a function of the timestamps: one scan after a week without scans
finds what daily scans would have."""

import datetime as dt

from scheduler.alerts import Windows, reconcile
from scheduler.rules import KINDS, Cause

T0 = dt.datetime(2027, 3, 1, 9, 0, tzinfo=dt.timezone.utc)
WINDOWS = Windows(hours=24, critical_hours=2)
HOURS = dt.timedelta(hours=1)


def cause(severity: str = "warning", kind: str = "missed_check_in") -> Cause:
    return Cause(kind, "child-1", "since:2027-02-01", severity, ("No check-in since 1 Feb",))


def raised(severity: str = "warning", kind: str = "missed_check_in") -> dict:
    (change,) = reconcile([cause(severity, kind)], [], set(KINDS), T0, WINDOWS).raised
    return change.row


def later(row: dict, hours: float, severity: str = "warning"):
    """The plan of a scan `hours` after T0 that finds the same cause, and the row it leaves."""
    plan = reconcile([cause(severity, row["kind"])], [row], set(KINDS), T0 + hours * HOURS, WINDOWS)
    return plan, (plan.updated[0].row if plan.updated else row)


def test_a_routine_alert_climbs_one_step_per_window_and_stops_at_high():
    row = raised("info", "assessment_due")
    plan, row = later(row, 23, "info")
    assert (plan.escalated, row["severity"]) == (0, "info")
    plan, row = later(row, 24, "info")
    assert (plan.escalated, row["severity"], plan.updated[0].event) == (1, "warning", "escalated")
    assert row["escalated_at"] == T0 + 24 * HOURS
    plan, row = later(row, 47, "info")  # the next window runs from the step before
    assert (plan.escalated, row["severity"]) == (0, "warning")
    plan, row = later(row, 48, "info")
    assert (plan.escalated, row["severity"]) == (1, "high")
    for hours in (72, 80, 200):  # routine kinds stop at high
        plan, row = later(row, hours, "info")
        assert (plan.escalated, row["severity"]) == (0, "high")


def test_a_child_missing_from_care_is_the_alert_that_waiting_makes_critical():
    row = raised("high", "missing_from_care")
    plan, row = later(row, 24, "high")
    assert (plan.escalated, row["severity"]) == (1, "critical")
    for hours in (30, 200):  # it reached critical by escalation: nobody is told again
        assert later(row, hours, "high")[0].escalated == 0


def test_a_risk_alert_never_climbs_past_the_level_it_names():
    row = raised("high", "risk_escalation")
    for hours in (24, 48, 200):
        plan, row = later(row, hours, "high")
        assert (plan.escalated, row["severity"]) == (0, "high")


def test_one_scan_after_a_week_without_scans_finds_what_daily_scans_would_have():
    daily = raised("info", "developmental_concern")
    for day in range(1, 8):
        _, daily = later(daily, 24 * day + 1, "info")
    _, at_once = later(raised("info", "developmental_concern"), 24 * 7 + 1, "info")
    assert (at_once["severity"], at_once["escalated_at"]) == (daily["severity"], daily["escalated_at"]) == (
        "high", T0 + 48 * HOURS)


def test_a_critical_alert_is_escalated_once_more_after_two_hours():
    row = raised("critical", "missing_from_care")
    assert later(row, 1)[0].escalated == 0
    plan, row = later(row, 2, "critical")
    assert plan.escalated == 1 and row["escalated_at"] == T0 + 2 * HOURS
    assert plan.updated[0].event == "escalated" and row["severity"] == "critical"
    assert later(row, 30, "critical")[0].escalated == 0


def test_an_acknowledged_alert_never_climbs():
    row = {**raised(), "status": "acknowledged"}
    for hours in (24, 48, 200):
        plan, row = later(row, hours)
        assert (plan.escalated, row["severity"]) == (0, "warning")


def test_a_worsening_cause_raises_the_severity_with_notice_but_is_no_escalation():
    plan, row = later(raised(), 5, "high")
    assert (plan.escalated, row["severity"], row["escalated_at"]) == (0, "high", None)
    assert plan.updated[0].event == "escalated"  # the supervisor hears that it is worse
    plan, row = later(row, 6, "warning")  # a cause that eases keeps the alert where it got to
    assert row["severity"] == "high"
