"""A child unseen beyond cadence and grace has exactly one open missed_check_in alert; scanning
again changes nothing; a later scan updates the same alert's count; a check-in resolves it
with a note saying why."""

import datetime as dt

from tests.api.alerting import alerts, notifications, registered_days_ago, scan_at, utcnow


def test_one_alert_per_stretch_without_contact(api, child):
    registered_days_ago(child["id"], 40)  # beyond a low-risk child's 30 days and the grace
    now = utcnow()
    first = scan_at(now)
    assert first["raised"] >= 1
    listed = api.get("cw", "/api/v1/alerts?kind=missed_check_in").json()
    assert len(listed) == 1
    alert = listed[0]
    assert alert["status"] == "open" and alert["severity"] == "high" and alert["child_id"] == child["id"]
    assert alert["case_number"] == child["case_number"]
    assert "missed" in alert["reasons"][0] and "Baby A" not in alert["reasons"][0]
    queued = len(notifications())

    again = scan_at(now)
    assert (again["raised"], again["updated"], again["resolved"]) == (0, 0, 0)
    assert len(alerts(kind="missed_check_in")) == 1 and len(notifications()) == queued

    later = scan_at(now + dt.timedelta(days=30))
    assert later["raised"] >= 0
    rows = alerts(kind="missed_check_in")
    assert [r["id"] for r in rows] == [dt_id(alert)]
    assert rows[0]["count"] > alert["count"]
    assert len(alerts(kind="missed_check_in", status="open")) == 1


def test_a_check_in_resolves_it_with_a_note(api, child):
    registered_days_ago(child["id"], 40)  # beyond a low-risk child's 30 days and the grace
    scan_at(utcnow())
    seen = utcnow() - dt.timedelta(minutes=5)
    made = api.post("cw", f"/api/v1/children/{child['id']}/check-ins", json={
        "occurred_at": seen.isoformat(), "mode": "in_person", "child_seen": True})
    assert made.status_code == 201, made.text
    summary = scan_at(utcnow())
    assert summary["resolved"] == 1
    (row,) = api.get("cw", "/api/v1/alerts?kind=missed_check_in").json()
    assert row["status"] == "resolved"
    assert row["resolved_note"].startswith("Resolved: a check-in on ")
    assert "back into contact" in row["resolved_note"] and row["resolved_by"] is None
    assert api.get("cw", "/api/v1/alerts?kind=missed_check_in&status=open").json() == []


def test_a_child_seen_on_time_has_no_alert(api, child):
    scan_at(utcnow())
    assert alerts(kind="missed_check_in") == []


def dt_id(alert):
    import uuid

    return uuid.UUID(alert["id"])
