"""Through the pages: a caseworker records a child missing, sees the duties it brings on the
child's page, records the police report done with its reference, and writes the safety plan
with the child's words; a therapist records a screen below the cutoff and is offered a
referral for a developmental evaluation. Each page passes the accessibility check."""

import datetime as dt

from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible


def test_duties_safety_plan_and_screen_through_the_pages(api, open_as):
    born = (dt.date.today() - dt.timedelta(days=400)).isoformat()
    child = api.post("cw", "/api/v1/children", {"display_name": "Lena", "birth_date": born})
    api.post("cw", f"/api/v1/children/{child['id']}/care-team", {"username": "th"})
    went = (dt.datetime.now(dt.timezone.utc) - dt.timedelta(hours=1)).isoformat()
    api.post("cw", f"/api/v1/children/{child['id']}/missing-episodes", {"went_missing_at": went})

    page = open_as("cw")
    page.goto(f"/children/{child['id']}")
    tasks = page.locator("section", has=page.get_by_role("heading", name="Tasks"))
    expect(tasks).to_contain_text("Report to the police")
    assert_accessible(page)
    tasks.get_by_role("row", name="Report to the police").get_by_role("link", name="Record as done").click()
    page.get_by_label("The reference number the report was given").fill("MPS-2611-7")
    page.get_by_role("button", name="Record as done").click()
    expect(page.get_by_role("status")).to_contain_text("task is recorded as done")
    expect(page.get_by_text("reference MPS-2611-7")).to_be_visible()

    page.get_by_role("link", name="Write the safety plan").click()
    assert_accessible(page)
    page.get_by_label("In the child's own words").fill("I feel safe with my carer and my cat.")
    page.get_by_role("button", name="Save this version").click()
    expect(page.get_by_role("status")).to_contain_text("safety plan is saved")
    expect(page.get_by_text("I feel safe with my carer and my cat.")).to_be_visible()

    therapist = open_as("th")
    therapist.goto(f"/children/{child['id']}/screenings/new")
    assert_accessible(therapist)
    therapist.get_by_label("Instrument", exact=True).select_option("asq3")
    therapist.locator("#d0-domain").fill("communication")
    therapist.locator("#d0-zone").select_option("below_cutoff")
    therapist.get_by_role("button", name="Record the result").click()
    expect(therapist.get_by_role("status")).to_contain_text("screening result is recorded")
    link = therapist.get_by_role("link", name="Refer for a developmental evaluation")
    assert "kind=developmental_evaluation" in link.get_attribute("href")
