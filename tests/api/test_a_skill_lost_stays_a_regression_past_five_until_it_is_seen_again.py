"""A skill observed achieved and later "not yet" stays a regression, and its alert stays open,
as the child turns 5 and the CDC checklists end; only a later observation showing the skill
again ends it."""

import datetime as dt

from tests.api.alerting import alerts, scan_at, utcnow
from tests.api.development import assess, months_ago, register, today


def test_turning_five_does_not_end_a_regression(api):
    child_id = register(api, months_ago(59))
    assess(api, child_id, months_ago(10), {"M48-LC-1": "achieved"})
    assess(api, child_id, months_ago(1), {"M48-LC-1": "not_yet"})
    scan_at(utcnow())
    (alert,) = alerts(kind="developmental_concern")
    assert alert["severity"] == "high" and "M48-LC-1" in alert["reasons"][0]
    scan_at(utcnow() + dt.timedelta(days=62))  # past 60 months, nothing new recorded
    (still,) = alerts(kind="developmental_concern")
    assert still["id"] == alert["id"] and still["status"] == "open"


def test_past_five_the_regression_is_shown_until_the_skill_is_seen_again(api):
    child_id = register(api, months_ago(62))
    assess(api, child_id, months_ago(12), {"M48-MV-1": "achieved"})
    assess(api, child_id, months_ago(3), {"M48-MV-1": "not_yet"})
    body = api.get("th", f"/api/v1/children/{child_id}/development").json()
    assert body["beyond_checklist"] and [r["code"] for r in body["regressions"]] == ["M48-MV-1"]
    assert [c["code"] for c in body["concerns"]] == ["M48-MV-1"] and body["advice"] is not None
    page = api.get("cw", f"/children/{child_id}").text
    assert "Skill lost" in page and "not yet when last observed" in page
    scan_at(utcnow())
    (alert,) = alerts(kind="developmental_concern")
    assert alert["status"] == "open"

    assess(api, child_id, today(), {"M48-MV-1": "achieved"})
    body = api.get("th", f"/api/v1/children/{child_id}/development").json()
    assert body["regressions"] == [] and body["concerns"] == []
    scan_at(utcnow())
    (alert,) = alerts(kind="developmental_concern")
    assert alert["status"] == "resolved"
