"""A placement's visit window runs from the moment of the move: in Los Angeles, an unplanned
move at 23:00 with a 72-hour window is due a visit by 23:00 three days later, local time,
and the check-in is late only after then. Without a start time, the window runs from the
start of the local day."""

import datetime as dt
from zoneinfo import ZoneInfo

from tests.api.alerting import alerts, registered_days_ago, scan_at
from tests.api.development import register

LA = ZoneInfo("America/Los_Angeles")
MINUTE = dt.timedelta(minutes=1)


def _moved(api, child_id: str, started_on: dt.date, started_at: dt.datetime | None) -> dict:
    body = {"kind": "foster", "started_on": started_on.isoformat(), "planned": False}
    if started_at is not None:
        body["started_at"] = started_at.isoformat()
    made = api.post("cw", f"/api/v1/children/{child_id}/placements", json=body)
    assert made.status_code == 201, made.text
    return made.json()


def _missed(at: dt.datetime) -> list[dict]:
    scan_at(at.astimezone(dt.timezone.utc))  # as `haven scan --at` gives it
    return [a for a in alerts(kind="missed_check_in") if a["status"] == "open"]


def test_an_unplanned_move_at_23_00_is_late_after_23_00_three_days_on(api, monkeypatch):
    monkeypatch.setenv("HAVEN_TIMEZONE", "America/Los_Angeles")
    child_id = register(api, dt.date(2012, 4, 2))
    registered_days_ago(child_id, 8)
    day = dt.datetime.now(LA).date() - dt.timedelta(days=5)
    moved_at = dt.datetime.combine(day, dt.time(23, 0), tzinfo=LA)
    placement = _moved(api, child_id, day, moved_at)
    assert dt.datetime.fromisoformat(placement["started_at"]) == moved_at

    deadline = moved_at + dt.timedelta(hours=72)
    assert deadline.astimezone(LA).time() == dt.time(23, 0)
    due = dt.datetime.fromisoformat(api.get("cw", f"/api/v1/children/{child_id}").json()["check_in_due_at"])
    assert due == deadline

    assert _missed(deadline - MINUTE) == []
    (placement_alert,) = alerts(kind="placement_change")
    by = deadline.astimezone(LA)
    assert (f"on {day.day} {day:%b} at 23:00 {moved_at:%Z}; a visit by {by.day} {by:%b} 23:00 {by:%Z}"
            in placement_alert["reasons"][0])
    (late,) = _missed(deadline + MINUTE)
    assert late["severity"] == "warning"


def test_without_a_start_time_the_window_runs_from_local_midnight(api, monkeypatch):
    monkeypatch.setenv("HAVEN_TIMEZONE", "America/Los_Angeles")
    child_id = register(api, dt.date(2012, 4, 2))
    registered_days_ago(child_id, 8)
    day = dt.datetime.now(LA).date() - dt.timedelta(days=5)
    _moved(api, child_id, day, None)
    deadline = dt.datetime.combine(day, dt.time(0), tzinfo=LA) + dt.timedelta(hours=72)
    due = dt.datetime.fromisoformat(api.get("cw", f"/api/v1/children/{child_id}").json()["check_in_due_at"])
    assert due == deadline
    assert _missed(deadline - MINUTE) == []
    assert len(_missed(deadline + MINUTE)) == 1


def test_a_start_time_on_another_day_or_in_the_future_is_refused(api, child):
    today = dt.datetime.now(dt.timezone.utc).date()
    wrong_day = dt.datetime.combine(today - dt.timedelta(days=2), dt.time(10), tzinfo=dt.timezone.utc)
    refused = api.post("cw", f"/api/v1/children/{child['id']}/placements", json={
        "kind": "foster", "started_on": today.isoformat(), "planned": False, "started_at": wrong_day.isoformat()})
    assert refused.status_code == 400 and [e["field"] for e in refused.json()["errors"]] == ["started_at"]
    later = dt.datetime.now(dt.timezone.utc) + dt.timedelta(hours=1)
    refused = api.post("cw", f"/api/v1/children/{child['id']}/placements", json={
        "kind": "foster", "started_on": today.isoformat(), "planned": False, "started_at": later.isoformat()})
    assert refused.status_code == 400 and [e["field"] for e in refused.json()["errors"]] == ["started_at"]
    assert api.get("cw", f"/api/v1/children/{child['id']}/placements").json() == []
