"""A caseload of 120: the supervisor searches by name, sorts by a column and pages through 50
at a time; the list says which of how many it shows, and the filters stay in the address."""

import re

from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, screenshot


def test_searching_and_paging_a_caseload_of_120(api, open_as):
    for i in range(1, 121):
        api.post("cw", "/api/v1/children", {"display_name": f"Child {i:03d}", "birth_date": "2016-01-01"})
    page = open_as("sup")
    page.goto("/children")
    expect(page.locator("#showing")).to_have_text("Showing 1–50 of 120")
    page.locator("thead").get_by_role("link", name=re.compile("^Child")).click()
    expect(page.get_by_role("row")).to_have_count(51)  # the header and 50 children
    page.get_by_role("link", name="Next page").click()
    expect(page.locator("#showing")).to_have_text("Showing 51–100 of 120")
    assert "sort=name" in page.url and "page=2" in page.url
    expect(page.get_by_role("link", name="Child 051", exact=True)).to_be_visible()
    assert_accessible(page)
    screenshot(page, "test_searching_and_paging_a_caseload_of_120")

    page.get_by_label("Name or case number").fill("Child 11")
    page.get_by_role("button", name="Show").click()
    expect(page.locator("#showing")).to_have_text("Showing 1–10 of 10")
    assert "q=Child+11" in page.url and "sort=name" in page.url
    page.locator("thead").get_by_role("link", name=re.compile("^Child")).click()  # the second click sorts backwards
    expect(page.get_by_role("row").nth(1)).to_contain_text("Child 119")
