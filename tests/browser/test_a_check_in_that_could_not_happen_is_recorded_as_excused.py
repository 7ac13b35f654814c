"""A planned check-in that could not happen is recorded as excused, with its reason: the
contact questions step aside, and the child is not counted as seen."""

from playwright.sync_api import expect

from care_plans.tables import CheckIn, Child
from tests.browser.conftest import db


def test_a_check_in_that_could_not_happen_is_recorded_as_excused(api, open_as):
    child = api.post("cw", "/api/v1/children", {"display_name": "Tomas", "birth_date": "2011-11-11"})
    page = open_as("cw")
    page.goto(f"/children/{child['id']}/check-ins/new")
    page.get_by_label("The check-in could not happen, for a good reason").check()
    expect(page.get_by_label("In person")).to_be_disabled()
    page.get_by_role("button", name="Record check-in").click()
    expect(page.get_by_text("Why it could not happen is required for an excused contact")).to_be_visible()
    assert db(CheckIn.count()) == 0

    page.get_by_label("Why it could not happen").fill("Hospital appointment moved to that morning")
    page.get_by_role("button", name="Record check-in").click()
    expect(page.get_by_role("status")).to_contain_text("The check-in is recorded")
    expect(page.get_by_role("cell", name="Excused", exact=True)).to_be_visible()
    assert db(CheckIn.select(CheckIn.excused, CheckIn.child_seen).first()) == {"excused": True, "child_seen": False}
    assert db(Child.select(Child.last_seen_at).first())["last_seen_at"] is None
