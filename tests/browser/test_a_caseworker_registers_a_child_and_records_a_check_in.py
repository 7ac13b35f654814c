"""A caseworker, in a real browser: registers a child, finds them at the top of the caseload,
and records a check-in, after which the child counts as seen."""

import re

from playwright.sync_api import expect

from care_plans.tables import CheckIn, Child
from tests.browser.conftest import assert_accessible, db, screenshot


def test_a_caseworker_registers_a_child_and_records_a_check_in(open_as):
    page = open_as("cw")
    expect(page.get_by_role("heading", name="My children")).to_be_visible()
    expect(page.get_by_text("No children here yet")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Register a child").first.click()
    page.get_by_label("Name or alias").fill("Baby Rose")
    page.get_by_label("Date of birth", exact=True).fill("2026-02-10")
    page.get_by_label("This date of birth is estimated").check()
    page.get_by_label("Weeks of pregnancy at birth").fill("33")
    page.get_by_label("Languages").fill("Romanian, English")
    assert_accessible(page)
    page.get_by_role("button", name="Register").click()

    expect(page.get_by_role("status")).to_contain_text("The child is registered")
    expect(page.get_by_role("heading", name="Baby Rose")).to_be_visible()
    expect(page.get_by_text("estimated").first).to_be_visible()
    expect(page.get_by_text(re.compile(r"HV-\d{4}-\d{6}"))).to_be_visible()
    assert db(Child.select(Child.last_seen_at).first())["last_seen_at"] is None

    page.get_by_role("link", name="Record a check-in").click()
    page.get_by_role("button", name="Record check-in").click()  # nothing chosen yet
    expect(page.locator(".field-error").first).to_be_visible()
    assert db(CheckIn.count()) == 0
    assert_accessible(page)

    page.get_by_label("In person").check()
    page.get_by_role("group", name="Was the child seen?").get_by_label("Yes").check()
    page.get_by_role("group", name="Was the child seen alone?").get_by_label("Yes").check()
    page.get_by_label("Notes (optional)").fill("Settled, smiling, feeding well.")
    page.get_by_role("button", name="Record check-in").click()

    expect(page.get_by_role("status")).to_contain_text("The check-in is recorded")
    expect(page.get_by_text("Settled, smiling, feeding well.")).to_be_visible()
    assert db(CheckIn.count()) == 1
    assert db(Child.select(Child.last_seen_at).first())["last_seen_at"] is not None
    expect(page.get_by_text("Not yet seen")).to_have_count(0)
    assert_accessible(page)
    screenshot(page, "test_a_caseworker_registers_a_child_and_records_a_check_in")

    page.get_by_role("link", name="My children").click()
    expect(page.get_by_role("link", name="Baby Rose")).to_be_visible()
    assert_accessible(page)
