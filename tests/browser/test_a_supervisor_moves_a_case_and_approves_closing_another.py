"""A supervisor moves a child to another caseworker of the team from the child's page; the
caseworker asks to close another child's case with a reason, the supervisor approves, and the
page says the case is closed and why, with no form left to change it."""

import re

from playwright.sync_api import expect

from care_plans.tables import Child
from tests.browser.conftest import assert_accessible, db, screenshot
from tests.api.lifecycle import a_second_caseworker_in_north
from tests.browser.conftest import off_loop


def test_a_supervisor_moves_a_case(api, open_as):
    second = off_loop(a_second_caseworker_in_north)
    child = api.post("cw", "/api/v1/children", {"display_name": "Ilya", "birth_date": "2014-04-04"})
    page = open_as("sup")
    page.goto(f"/children/{child['id']}")
    page.get_by_label("Move the case to").select_option(second)
    page.get_by_role("button", name="Move the case").click()
    expect(page.get_by_role("status").first).to_contain_text("moved to the caseworker you chose")
    expect(page.get_by_role("table", name="Changes to the child's details")).to_contain_text(second)
    assert_accessible(page)
    owner = db(Child.select(Child.caseworker.username.as_alias("cw")).where(Child.id == child["id"]).first())
    assert owner == {"cw": second}


def test_a_caseworker_asks_and_the_supervisor_closes_the_case(api, open_as):
    child = api.post("cw", "/api/v1/children", {"display_name": "Tara", "birth_date": "2014-04-04"})
    worker = open_as("cw")
    worker.goto(f"/children/{child['id']}")
    worker.get_by_role("link", name="Ask to close the case").click()
    assert_accessible(worker)
    worker.get_by_label("Moved to another authority").check()
    worker.get_by_label("Note").fill("Now supported by Leeds children's services.")
    worker.get_by_role("button", name="Send to the supervisor").click()
    expect(worker.get_by_role("status").first).to_contain_text("sent to the supervisor")

    page = open_as("sup")
    page.goto(f"/children/{child['id']}")
    expect(page.get_by_text(re.compile("Closing requested by cw"))).to_be_visible()
    page.get_by_role("button", name="Approve closing the case").click()
    expect(page.get_by_text(re.compile("This case is closed: moved to another authority"))).to_be_visible()
    expect(page.get_by_role("link", name="Record a check-in")).to_have_count(0)
    expect(page.get_by_role("link", name="Correct details")).to_have_count(0)
    assert_accessible(page)
    screenshot(page, "test_a_closed_case_says_why_and_is_read_only")
    assert db(Child.select(Child.status).where(Child.id == child["id"]).first()) == {"status": "closed"}
