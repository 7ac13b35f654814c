"""The register page promises an estimated birth date can be corrected later: the caseworker
corrects it from the child's page, and the page keeps what it said before and after."""

from playwright.sync_api import expect

from care_plans.lifecycle_tables import ChildChange
from tests.browser.conftest import assert_accessible, db, screenshot


def test_a_caseworker_corrects_a_birth_date(api, open_as):
    child = api.post("cw", "/api/v1/children", {"display_name": "Mira", "birth_date": "2015-06-01",
                                                "birth_date_estimated": True})
    page = open_as("cw")
    page.goto(f"/children/{child['id']}")
    page.get_by_role("link", name="Correct details").click()
    expect(page.get_by_role("heading", name="Correct the child's details")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Date of birth", exact=True).fill("2015-02-11")
    page.get_by_label("This date of birth is estimated").uncheck()
    page.get_by_role("button", name="Save the correction").click()
    expect(page.get_by_role("status").first).to_contain_text("correction is saved")
    changes = page.get_by_role("table", name="Changes to the child's details")
    expect(changes).to_contain_text("2015-06-01")
    expect(changes).to_contain_text("2015-02-11")
    assert_accessible(page)
    screenshot(page, "test_a_caseworker_corrects_a_birth_date")
    kept = db(ChildChange.select(ChildChange.field, ChildChange.before, ChildChange.after).order_by(ChildChange.field))
    assert kept == [{"field": "birth_date", "before": "2015-06-01", "after": "2015-02-11"},
                    {"field": "birth_date_estimated", "before": "True", "after": "False"}]
