"""The escalation ladder, through `reconcile` alone: an open alert nobody acknowledges climbs one
severity per acknowledgement window (24 h by default), from where it was last escalated, up to
critical; a critical alert raised as such is escalated once more after 2 h, then left to the
people already told; an acknowledged alert never climbs; a cause that worsens by itself raises
the severity without counting as an escalation."""

import datetime as dt

from scheduler.alerts import Windows, reconcile
from scheduler.rules import KINDS, Cause

T0 = dt.datetime(2027, 3, 1, 9, 0, tzinfo=dt.timezone.utc)
WINDOWS = Windows(hours=24, critical_hours=2)
HOURS = dt.timedelta(hours=1)


def cause(severity: str = "warning") -> Cause:
    return Cause("missed_check_in", "child-1", "since:2027-02-01", severity, ("No check-in since 1 Feb",))


def raised(severity: str = "warning") -> dict:
    (change,) = reconcile([cause(severity)], [], set(KINDS), T0, WINDOWS).raised
    return change.row


def later(row: dict, hours: float, severity: str = "warning"):
    """The plan of a scan `hours` after T0 that finds the same cause, and the row it leaves."""
    plan = reconcile([cause(severity)], [row], set(KINDS), T0 + hours * HOURS, WINDOWS)
    return plan, (plan.updated[0].row if plan.updated else row)


def test_an_open_alert_climbs_one_step_per_window_up_to_critical():
    row = raised()
    plan, row = later(row, 23)
    assert (plan.escalated, row["severity"]) == (0, "warning")
    plan, row = later(row, 24)
    assert (plan.escalated, row["severity"], plan.updated[0].event) == (1, "high", "escalated")
    plan, row = later(row, 47)  # the next window runs from the escalation, not from raising
    assert (plan.escalated, row["severity"]) == (0, "high")
    plan, row = later(row, 48)
    assert (plan.escalated, row["severity"]) == (1, "critical")
    for hours in (50, 80, 200):  # it reached critical by escalation: nobody is told again
        plan, row = later(row, hours)
        assert (plan.escalated, row["severity"]) == (0, "critical")


def test_a_critical_alert_is_escalated_once_more_after_two_hours():
    row = raised("critical")
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
