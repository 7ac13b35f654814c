"""A supervisor reads a submitted care plan and what it changes against the plan in force,
returns it with a comment (a blank one is refused on the page and writes nothing), and the
caseworker sees the comment on the child's page, revises the plan and submits it again."""

from playwright.sync_api import expect

from care_plans.tables import CarePlan
from tests.browser.conftest import assert_accessible, db

PLAN = {"goals": [{"domain": "safety", "description": "Knows who to call when worried"}],
        "services": ["play therapy"], "child_views": "I want to stay with my foster family."}


def test_a_returned_plan_reaches_the_caseworker_with_the_comment(api, open_as):
    child = api.post("cw", "/api/v1/children", {"display_name": "Noor", "birth_date": "2012-03-03"})
    first = api.post("cw", f"/api/v1/children/{child['id']}/care-plans", PLAN)
    api.post("cw", f"/api/v1/care-plans/{first['id']}/submit")
    api.post("sup", f"/api/v1/care-plans/{first['id']}/approve")
    second = api.post("cw", f"/api/v1/children/{child['id']}/care-plans",
                      {**PLAN, "services": ["play therapy", "swimming lessons"]})
    api.post("cw", f"/api/v1/care-plans/{second['id']}/submit")

    page = open_as("sup")
    page.get_by_role("link", name="Read, then approve or return the plan for Noor").click()
    expect(page.get_by_text("What this version changes against the current plan")).to_be_visible()
    expect(page.get_by_role("cell", name="swimming lessons")).to_be_visible()
    page.get_by_role("button", name="Return with this comment").click()
    expect(page.get_by_text("is needed: say what the caseworker should change").first).to_be_visible()
    assert db(CarePlan.select(CarePlan.status).where(CarePlan.id == second["id"]).first())["status"] == "submitted"
    page.get_by_label("What should change before you approve it").fill("Who takes her to swimming?")
    page.get_by_role("button", name="Return with this comment").click()
    expect(page.get_by_role("status")).to_contain_text("returned to the caseworker")

    page = open_as("cw")
    page.goto(f"/children/{child['id']}")
    expect(page.get_by_text("Who takes her to swimming?")).to_be_visible()
    expect(page.get_by_text("Returned by sup")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Submit again for approval").click()
    expect(page.get_by_role("status")).to_contain_text("sent to the supervisor")
    assert db(CarePlan.select(CarePlan.status).where(CarePlan.id == second["id"]).first())["status"] == "submitted"
