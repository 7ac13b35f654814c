"""After the first review the next is due within 3 months; after the second, at the plan's
cadence. The child's record and the active plan carry the same date."""

import datetime as dt

from care_plans.cadence import add_months
from care_plans.tables import Review
from tests.api.plans import approved, draft
from tests.conftest import run

VIEWS = "I like my new school but I miss my sister."


def review(api, plan, on, outcome="continue"):
    return api.post("cw", f"/api/v1/care-plans/{plan['id']}/reviews", json={
        "reviewed_on": on.isoformat(), "summary": "Placement stable; school going well.",
        "child_views": VIEWS, "outcome": outcome})


def test_the_first_review_sets_the_second_three_months_on(api, child):
    plan = approved(api, child, review_every_days=120)
    today = dt.date.today()
    done = review(api, plan, today)
    assert done.status_code == 201
    assert done.json()["child_views"] == VIEWS
    expected = add_months(today, 3).isoformat()
    assert done.json()["next_review_due"] == expected
    assert api.get("cw", f"/api/v1/children/{child['id']}").json()["next_review_due"] == expected
    assert api.get("cw", f"/api/v1/care-plans/{plan['id']}").json()["next_review_due"] == expected


def test_later_reviews_follow_the_plans_cadence(api, child):
    plan = approved(api, child, review_every_days=120)
    today = dt.date.today()
    review(api, plan, today)
    second = review(api, plan, today, outcome="revise")
    assert second.json()["next_review_due"] == (today + dt.timedelta(days=120)).isoformat()
    listed = api.get("th", f"/api/v1/care-plans/{plan['id']}/reviews").json()
    assert [r["outcome"] for r in listed] == ["revise", "continue"]
    assert run(Review.count()) == 2


def test_a_superseded_plan_is_not_reviewed(api, child):
    old = approved(api, child)
    approved(api, child)
    assert review(api, old, dt.date.today()).status_code == 409
    assert run(Review.count()) == 0


def test_a_plan_still_in_progress_is_not_reviewed_and_the_date_stays(api, child):
    plan = draft(api, child)
    before = api.get("cw", f"/api/v1/children/{child['id']}").json()["next_review_due"]
    refused = review(api, plan, dt.date.today())
    assert refused.status_code == 409 and [e["field"] for e in refused.json()["errors"]] == ["plan"]
    assert api.get("cw", f"/api/v1/children/{child['id']}").json()["next_review_due"] == before
    assert run(Review.count()) == 0
