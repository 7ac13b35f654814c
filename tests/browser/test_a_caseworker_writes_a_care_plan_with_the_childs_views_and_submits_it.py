"""A caseworker writes a care plan in the browser: it is not saved without the child's own
views (or why they could not be obtained), is revised, and goes to the supervisor."""

from playwright.sync_api import expect

from care_plans.tables import CarePlan
from tests.browser.conftest import assert_accessible, db, screenshot


def test_a_caseworker_writes_a_care_plan_with_the_childs_views_and_submits_it(api, open_as):
    child = api.post("cw", "/api/v1/children", {"display_name": "Ada", "birth_date": "2014-08-20"})
    page = open_as("cw")
    page.goto(f"/children/{child['id']}")
    page.get_by_role("link", name="Write the first care plan").click()
    goal = page.get_by_role("group", name="Goal 1")
    goal.get_by_label("Area").select_option("education")
    goal.get_by_label("What we will work towards").fill("Back in school with a reading buddy")
    page.get_by_role("button", name="Save as draft").click()

    expect(page.locator(".field-error", has_text="own words")).to_be_visible()
    assert db(CarePlan.count()) == 0
    assert_accessible(page)

    page.get_by_label("The child's views, in their own words").fill("I want to learn to read English stories.")
    page.get_by_label("Services").fill("Weekly tutoring\nArt therapy")
    page.get_by_role("button", name="Save as draft").click()
    expect(page.get_by_role("status")).to_contain_text("saved as a draft")
    expect(page.get_by_text("I want to learn to read English stories.")).to_be_visible()

    page.get_by_role("link", name="Revise").click()
    second = page.get_by_role("group", name="Goal 2")
    second.get_by_label("Area").select_option("emotional_wellbeing")
    second.get_by_label("What we will work towards").fill("Sleeps through most nights")
    page.get_by_role("button", name="Save as draft").click()
    expect(page.get_by_text("Sleeps through most nights")).to_be_visible()

    page.get_by_role("button", name="Submit for approval").click()
    expect(page.get_by_role("status")).to_contain_text("sent to the supervisor")
    assert db(CarePlan.select(CarePlan.status, CarePlan.version).first()) == {"status": "submitted", "version": 3}
    expect(page.get_by_role("button", name="Approve this plan")).to_have_count(0)
    assert_accessible(page)
    screenshot(page, "test_a_caseworker_writes_a_care_plan_with_the_childs_views_and_submits_it")
