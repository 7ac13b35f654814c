"""On a phone, a caseworker records a care plan review that says how each goal of the plan
stands (met, partly met, not yet, no longer relevant) with a note; a finding left out is
named beside its goal and nothing is written; the findings show with the review afterwards."""

from playwright.sync_api import expect

from care_plans.tables import Review
from tests.browser.conftest import PHONE, assert_accessible, db, screenshot

GOALS = [{"domain": "safety", "description": "Knows who to call when worried"},
         {"domain": "education", "description": "Goes to school most days"}]


def _approved_plan(api) -> tuple[str, str]:
    child = api.post("cw", "/api/v1/children", {"display_name": "Amani", "birth_date": "2013-04-02"})
    plan = api.post("cw", f"/api/v1/children/{child['id']}/care-plans",
                    {"goals": GOALS, "child_views": "I want to stay at my school."})
    api.post("cw", f"/api/v1/care-plans/{plan['id']}/submit")
    api.post("sup", f"/api/v1/care-plans/{plan['id']}/approve")
    return child["id"], plan["id"]


def test_a_caseworker_reviews_each_goal_of_the_plan_on_a_phone(api, open_as):
    child_id, plan_id = _approved_plan(api)
    page = open_as("cw", viewport=PHONE)
    page.goto(f"/care-plans/{plan_id}/reviews/new")
    first = page.get_by_role("group", name=GOALS[0]["description"])
    first.get_by_label("Partly met").check()
    page.get_by_label(f"Note on: {GOALS[0]['description']}").fill("Named two people; still unsure at night")
    page.get_by_label("What the review found").fill("Settling; school is the hard part")
    page.get_by_label("The child's views, in their own words").fill("Maths is better now.")
    second = page.get_by_role("group", name=GOALS[1]["description"])
    second.locator("input").first.evaluate("radio => { radio.value = 'passed'; radio.checked = true }")
    page.get_by_role("button", name="Record review").click()
    expect(page.locator("[id='goals[1].outcome-error']")).to_contain_text("not one of the choices")
    assert db(Review.count()) == 0
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_accessible(page)

    page.get_by_role("group", name=GOALS[1]["description"]).get_by_label("Not yet").check()
    page.get_by_role("button", name="Record review").click()
    expect(page.get_by_role("status")).to_contain_text("The review is recorded")
    findings = page.locator(".goal-findings")
    expect(findings).to_contain_text("Knows who to call when worried: Partly met. Named two people")
    expect(findings).to_contain_text("Goes to school most days: Not yet")
    assert [g["outcome"] for g in db(Review.select(Review.goals).output(load_json=True))[0]["goals"]] == [
        "partly", "not_yet"]
    screenshot(page, "test_a_caseworker_reviews_each_goal_of_the_plan_on_a_phone")
