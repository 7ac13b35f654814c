"""A plan or review without the child's views, or the reason they could not be obtained, is
a 400 naming `child_views`, and nothing is written."""

import datetime as dt

from care_plans.tables import CarePlan, CarePlanGoal, Review
from tests.api.plans import PLAN, approved
from tests.conftest import run


def fields(response):
    assert response.status_code == 400, response.text
    return {e["field"] for e in response.json()["errors"]}


def test_a_plan_needs_the_childs_views(api, child):
    url = f"/api/v1/children/{child['id']}/care-plans"
    assert fields(api.post("cw", url, json={**PLAN, "child_views": "  "})) == {"child_views"}
    assert run(CarePlan.count()) == 0 and run(CarePlanGoal.count()) == 0


def test_or_why_they_could_not_be_obtained(api, child):
    infant = api.post("cw", f"/api/v1/children/{child['id']}/care-plans", json={
        **PLAN, "child_views": "", "child_views_not_obtained_reason": "Baby A is 8 months old"})
    assert infant.status_code == 201


def test_bad_plan_fields_are_each_named(api, child):
    bad = api.post("cw", f"/api/v1/children/{child['id']}/care-plans", json={
        "goals": [{"domain": "astrology", "description": ""}], "review_every_days": 0,
        "check_in_every_days": 500, "child_views": 3})
    assert fields(bad) == {"goals[0].domain", "review_every_days", "check_in_every_days", "child_views"}
    assert fields(api.post("cw", f"/api/v1/children/{child['id']}/care-plans", json={
        "goals": [], "child_views": "ok"})) == {"goals"}
    assert run(CarePlan.count()) == 0


def test_a_review_needs_the_childs_views_too(api, child):
    plan = approved(api, child)
    url = f"/api/v1/care-plans/{plan['id']}/reviews"
    today = dt.date.today().isoformat()
    assert fields(api.post("cw", url, json={"reviewed_on": today, "summary": "Going well"})) == {"child_views"}
    future = (dt.date.today() + dt.timedelta(days=3)).isoformat()
    assert fields(api.post("cw", url, json={"reviewed_on": future, "summary": "x",
                                            "child_views": "fine"})) == {"reviewed_on"}
    assert fields(api.post("cw", url, json={})) == {"reviewed_on", "summary"}
    assert run(Review.count()) == 0
