"""An administrator manages accounts and teams from the browser; no child's record is on any
page they reach, and case pages are closed to them."""

from playwright.sync_api import expect

from service.accounts.tables import User
from tests.browser.conftest import assert_accessible, db, screenshot
from tests.conftest import PASSWORD


def test_an_admin_adds_and_deactivates_an_account_without_seeing_case_content(api, open_as):
    child = api.post("cw", "/api/v1/children", {"display_name": "Lena", "birth_date": "2015-01-09"})
    db(User.delete().where(User.username == "newcw"))
    page = open_as("admin")
    expect(page.get_by_role("heading", name="Accounts")).to_be_visible()

    page.get_by_label("Username").fill("newcw")
    page.get_by_label("Role").select_option("caseworker")
    page.get_by_role("button", name="Add person").click()
    expect(page.get_by_text("Starting password is required")).to_be_visible()
    page.get_by_label("Starting password").fill(PASSWORD)
    page.get_by_role("button", name="Add person").click()  # a caseworker without a team
    expect(page.get_by_text("Team is required for caseworkers and supervisors")).to_be_visible()
    assert db(User.exists().where(User.username == "newcw")) is False
    assert_accessible(page)

    page.get_by_label("Team").fill("north")
    page.get_by_label("Starting password").fill(PASSWORD)
    page.get_by_role("button", name="Add person").click()
    expect(page.get_by_role("status")).to_contain_text("The account is created")
    row = page.get_by_role("row").filter(has_text="newcw")
    row.get_by_role("button", name="Deactivate").click()
    expect(page.get_by_role("status")).to_contain_text("deactivated")
    expect(page.get_by_role("row").filter(has_text="newcw")).to_contain_text("Deactivated")
    assert_accessible(page)
    screenshot(page, "test_an_admin_adds_and_deactivates_an_account_without_seeing_case_content")

    page.get_by_role("link", name="Teams").click()
    expect(page.get_by_role("heading", name="north")).to_be_visible()
    assert_accessible(page)
    assert "Lena" not in page.content()
    asked = page.goto(f"/children/{child['id']}")  # break-glass: a reason is asked for first
    assert asked.status == 200 and "Lena" not in page.content()
    expect(page.get_by_role("heading", name="Why do you need this record?")).to_be_visible()
    assert_accessible(page)
    assert page.goto("/children").status == 403
    assert "Lena" not in page.content()
