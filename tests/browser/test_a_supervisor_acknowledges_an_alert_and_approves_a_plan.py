"""A supervisor works through their inbox: approves the care plan a caseworker submitted,
which becomes the child's active plan with its next review date."""

from playwright.sync_api import expect

from care_plans.tables import CarePlan
from tests.browser.conftest import assert_accessible, db, screenshot

PLAN = {"goals": [{"domain": "safety", "description": "Knows who to call when worried"}],
        "child_views": "I want to stay with my foster family."}


def _submitted_plan(api, caseworker: str, name: str) -> dict:
    child = api.post(caseworker, "/api/v1/children", {"display_name": name, "birth_date": "2012-03-03"})
    plan = api.post(caseworker, f"/api/v1/children/{child['id']}/care-plans", PLAN)
    api.post(caseworker, f"/api/v1/care-plans/{plan['id']}/submit")
    return child


def test_a_supervisor_acknowledges_an_alert_and_approves_a_plan(api, open_as):
    _submitted_plan(api, "cw", "Noor")
    _submitted_plan(api, "cw_other", "Zed")  # another team's: never in this inbox

    page = open_as("sup")
    expect(page.get_by_role("heading", name="Inbox")).to_be_visible()
    waiting = page.get_by_role("region", name="Care plans waiting for approval")
    expect(waiting.get_by_role("link", name="Noor")).to_be_visible()
    assert "Zed" not in page.content()
    assert_accessible(page)
    screenshot(page, "test_a_supervisor_acknowledges_an_alert_and_approves_a_plan")

    waiting.get_by_role("button", name="Approve the plan for Noor").click()
    expect(page.get_by_role("status")).to_contain_text("approved and active")
    expect(page.get_by_text("No care plan is waiting for you")).to_be_visible()
    statuses = db(CarePlan.select(CarePlan.status, CarePlan.next_review_due).order_by(CarePlan.status))
    assert [p["status"] for p in statuses] == ["active", "submitted"]  # Zed's still waits
    assert statuses[0]["next_review_due"] is not None
    assert_accessible(page)
