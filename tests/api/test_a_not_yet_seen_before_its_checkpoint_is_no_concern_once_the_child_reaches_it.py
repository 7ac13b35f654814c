"""A "not yet" observed before a milestone's checkpoint age is what most children show then: it
does not become a concern later on its own, as the child grows with nothing new recorded. A
"not yet" observed on or after the day the milestone fell due (by corrected age for a baby born
early) is a concern, on the page, in the API and as an alert. A due milestone never observed is
shown as never observed, and is no concern by itself."""

import datetime as dt

from care_plans.cadence import add_months
from tests.api.alerting import alerts, scan_at, utcnow
from tests.api.development import assess, months_ago, register, today


def a_baby_of_15_months_corrected(api) -> str:
    """Born at 32 weeks (8 weeks early): 15 months corrected today, 14 a month ago."""
    born = add_months(today(), -15) - dt.timedelta(weeks=8)
    return register(api, born, weeks=32)


def development(api, child_id: str) -> dict:
    return api.get("th", f"/api/v1/children/{child_id}/development").json()


def test_a_not_yet_at_14_months_corrected_is_no_concern_at_15(api):
    child_id = a_baby_of_15_months_corrected(api)
    assess(api, child_id, months_ago(1), {"M15-SE-3": "not_yet", "M12-SE-1": "achieved"})
    body = development(api, child_id)
    assert (body["age_used_months"], body["corrected_age_months"]) == (15, 15)
    assert body["concerns"] == [] and body["advice"] is None
    social = next(d for d in body["domains"] if d["domain"] == "social_emotional")
    early = next(m for m in social["milestones"] if m["code"] == "M15-SE-3")
    assert (early["status"], early["concern"]) == ("not_yet", False)
    never = [m for m in social["milestones"] if m["status"] is None]
    assert never and not any(m["concern"] for m in never)  # never observed: no concern either

    scan_at(utcnow())
    scan_at(utcnow() + dt.timedelta(days=45))  # the child grows; nothing new is recorded
    assert alerts(kind="developmental_concern") == []
    page = api.get("th", f"/children/{child_id}").text
    assert "No concerns in what has been observed" in page and "before it fell due" in page


def test_a_not_yet_once_the_milestone_is_due_is_a_concern(api):
    child_id = a_baby_of_15_months_corrected(api)
    assess(api, child_id, months_ago(1), {"M15-SE-3": "not_yet"})
    assess(api, child_id, today(), {"M15-SE-3": "not_yet"})
    body = development(api, child_id)
    assert [c["code"] for c in body["concerns"]] == ["M15-SE-3"] and body["advice"] is not None
    scan_at(utcnow())
    (concern,) = alerts(kind="developmental_concern")
    assert "M15-SE-3" in concern["reasons"][0] and concern["status"] == "open"
