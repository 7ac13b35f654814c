"""A missing episode raises a critical alert at once. The child's return does not resolve it:
only the team's supervisor does, and only after the return is recorded."""

import datetime as dt

from tests.api.alerting import alerts, scan_at, utcnow


def test_only_the_supervisor_resolves_it_after_the_return(api, child):
    went = api.post("cw", f"/api/v1/children/{child['id']}/missing-episodes", json={
        "went_missing_at": (utcnow() - dt.timedelta(hours=3)).isoformat()})
    episode = went.json()["id"]
    scan_at(utcnow())
    (alert,) = api.get("sup", "/api/v1/alerts?kind=missing_from_care").json()
    assert alert["severity"] == "critical" and alert["status"] == "open"
    path = f"/api/v1/alerts/{alert['id']}/resolve"

    assert api.post("cw", path, json={"note": "found"}).status_code == 403
    early = api.post("sup", path, json={"note": "found"})
    assert early.status_code == 409 and early.json()["errors"][0]["field"] == "returned_at"
    assert api.post("sup_other", path, json={"note": "x"}).status_code == 404
    assert api.post("th", path, json={"note": "x"}).status_code == 404

    api.patch("cw", f"/api/v1/children/{child['id']}/missing-episodes/{episode}",
              json={"returned_at": utcnow().isoformat()})
    scan_at(utcnow() + dt.timedelta(minutes=1))
    (row,) = alerts(kind="missing_from_care")
    assert row["status"] == "open" and "returned" in row["reasons"][0]
    assert api.post("cw", path, json={"note": "back"}).status_code == 403

    done = api.post("sup", path, json={"note": "Back with carers; return conversation booked."})
    assert done.status_code == 200, done.text
    body = done.json()
    assert body["status"] == "resolved" and body["resolved_by"] == "sup"
    assert body["resolved_note"] == "Back with carers; return conversation booked."
    assert api.post("sup", path, json={"note": "again"}).status_code == 409
    scan_at(utcnow() + dt.timedelta(minutes=2))
    assert [r["status"] for r in alerts(kind="missing_from_care")] == ["resolved"]


def test_an_acknowledged_alert_stops_escalating_and_an_unacknowledged_one_goes_up(api, child):
    api.post("cw", f"/api/v1/children/{child['id']}/missing-episodes", json={
        "went_missing_at": (utcnow() - dt.timedelta(hours=1)).isoformat()})
    now = utcnow()
    scan_at(now)
    (alert,) = api.get("cw", "/api/v1/alerts?kind=missing_from_care").json()
    acked = api.post("cw", f"/api/v1/alerts/{alert['id']}/acknowledge", json={"note": "Police told; searching."})
    assert acked.status_code == 200 and acked.json()["acknowledged_by"] == "cw"
    (risk,) = alerts(kind="risk_escalation")  # missing now: the level rose to critical
    assert risk["severity"] == "critical" and risk["escalated_at"] is None
    assert scan_at(now + dt.timedelta(hours=1))["escalated"] == 0
    assert scan_at(now + dt.timedelta(hours=3))["escalated"] == 1  # the unacknowledged one only
    assert alerts(kind="missing_from_care")[0]["escalated_at"] is None
    assert alerts(kind="risk_escalation")[0]["escalated_at"] is not None
    assert scan_at(now + dt.timedelta(hours=6))["escalated"] == 0  # a critical alert escalates once
