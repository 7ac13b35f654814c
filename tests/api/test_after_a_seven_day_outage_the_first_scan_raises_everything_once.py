"""After a week with no scan, the first scan raises every alert that fell due, once; the
next scan raises nothing more and no notification is queued twice."""

import datetime as dt

from care_plans.tables import Child
from tests.api.alerting import alerts, notifications, scan_at, utcnow
from tests.conftest import run


def test_everything_due_is_raised_once(api, child):
    now = utcnow()
    scan_at(now)
    before = {a["id"] for a in alerts()}
    assert {a["kind"] for a in alerts()} <= {"assessment_due"}  # all else is in hand
    other = api.post("cw", "/api/v1/children", json={"display_name": "B", "birth_date": "2011-01-01"}).json()
    api.post("cw", f"/api/v1/children/{other['id']}/missing-episodes",
             json={"went_missing_at": (now - dt.timedelta(hours=1)).isoformat()})
    api.post("cw", f"/api/v1/children/{child['id']}/placements", json={
        "kind": "shelter", "started_on": now.date().isoformat(), "planned": False})
    run(Child.update({Child.next_review_due: now.date() + dt.timedelta(days=3)}).where(Child.id == child["id"]))

    week_later = now + dt.timedelta(days=7)
    first = scan_at(week_later)
    causes = sorted((a["kind"], str(a["child"]), a["cause_key"]) for a in alerts() if a["id"] not in before)
    kinds = [(kind, child_id) for kind, child_id, _ in causes]
    assert ("missing_from_care", other["id"]) in kinds
    assert ("placement_change", child["id"]) in kinds
    assert ("overdue_review", child["id"]) in kinds
    assert ("missed_check_in", child["id"]) in kinds
    assert kinds.count(("task_overdue", other["id"])) == 3  # the reports and telling the supervisor
    assert first["raised"] == len(causes) == len(set(causes))
    queued = len(notifications())

    again = scan_at(week_later + dt.timedelta(minutes=5))
    assert again["raised"] == 0 and len(alerts()) == len(kinds) + len(before)
    assert len(notifications()) == queued
