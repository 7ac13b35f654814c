"""Text a record needs (a goal, a service, a review's summary, a reason for disagreeing with
the risk level) must say something: only spaces is a 400 naming the field, and nothing is
written."""

import datetime as dt

from care_plans.tables import CarePlan, Review
from scheduler.tables import RiskDisagreement
from tests.api.plans import approved
from tests.conftest import run


def errors(response) -> list[dict]:
    assert response.status_code == 400, response.text
    return response.json()["errors"]


def test_blank_goals_services_summaries_and_reasons_are_refused(api, child):
    blank_goal = api.post("cw", f"/api/v1/children/{child['id']}/care-plans", json={
        "goals": [{"domain": "safety", "description": "   "}], "services": ["  "], "child_views": "ok"})
    assert errors(blank_goal) == [{"field": "goals[0].description", "message": "cannot be blank"},
                                  {"field": "services[0]", "message": "cannot be blank"}]
    assert run(CarePlan.count()) == 0

    plan = approved(api, child)
    blank_summary = api.post("cw", f"/api/v1/care-plans/{plan['id']}/reviews", json={
        "reviewed_on": dt.date.today().isoformat(), "summary": "   ", "child_views": "fine"})
    assert errors(blank_summary) == [{"field": "summary", "message": "cannot be blank"}]
    assert run(Review.count()) == 0

    blank_reason = api.post("cw", f"/api/v1/children/{child['id']}/risk/disagreements", json={"reason": " \t "})
    assert errors(blank_reason) == [{"field": "reason", "message": "cannot be blank"}]
    assert run(RiskDisagreement.count()) == 0
