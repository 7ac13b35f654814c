"""A new placement raises placement_change (high when unplanned) and shortens the check-in
window; a check-in in the new placement resolves it."""

import datetime as dt

from tests.api.alerting import alerts, scan_at, utcnow


def test_an_unplanned_move_is_high_and_the_visit_is_due_within_72_hours(api, child):
    before = dt.datetime.fromisoformat(api.get("cw", f"/api/v1/children/{child['id']}").json()["check_in_due_at"])
    today = utcnow().date()
    moved = api.post("cw", f"/api/v1/children/{child['id']}/placements", json={
        "kind": "foster", "started_on": today.isoformat(), "planned": False})
    assert moved.status_code == 201, moved.text
    scan_at(utcnow())
    (alert,) = api.get("cw", "/api/v1/alerts?kind=placement_change").json()
    assert alert["severity"] == "high" and alert["status"] == "open"
    assert "unplanned" in alert["reasons"][0]
    due = dt.datetime.fromisoformat(api.get("cw", f"/api/v1/children/{child['id']}").json()["check_in_due_at"])
    deadline = dt.datetime.combine(today, dt.time(0), tzinfo=dt.timezone.utc) + dt.timedelta(hours=72)
    assert due <= deadline < before


def test_a_planned_first_move_is_a_warning_and_a_visit_resolves_it(api, child):
    api.post("cw", f"/api/v1/children/{child['id']}/placements", json={
        "kind": "kinship", "started_on": utcnow().date().isoformat(), "planned": True})
    scan_at(utcnow())
    (row,) = alerts(kind="placement_change")
    assert row["severity"] == "warning"
    api.post("cw", f"/api/v1/children/{child['id']}/check-ins", json={
        "occurred_at": utcnow().isoformat(), "mode": "in_person", "child_seen": True})
    scan_at(utcnow() + dt.timedelta(minutes=1))
    (row,) = alerts(kind="placement_change")
    assert row["status"] == "resolved" and "in the new placement" in row["resolved_note"]


def test_two_moves_in_ninety_days_are_high(api, child):
    day = utcnow().date()
    for start in (day - dt.timedelta(days=10), day):
        api.post("cw", f"/api/v1/children/{child['id']}/placements", json={
            "kind": "foster", "started_on": start.isoformat(), "planned": True})
    scan_at(utcnow())
    (row,) = alerts(kind="placement_change")
    assert row["severity"] == "high" and "2 placements began in the last 90 days." in row["reasons"]
