"""A browser without a session is sent to the sign-in page, comes back to the page it asked
for, and after signing out is sent to sign in again."""

from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, assert_accessible, screenshot
from tests.conftest import PASSWORD


def test_signing_in_leads_back_to_the_page_asked_for_and_signing_out_closes_it(browser, server, fresh):
    context = browser.new_context(base_url=server, viewport=DESKTOP)
    page = context.new_page()
    page.goto("/team")
    assert page.url.endswith("/login?next=/team")
    page.get_by_label("Username").fill("sup")
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_contain_text("do not match")
    assert_accessible(page)
    screenshot(page, "test_signing_in_leads_back_to_the_page_asked_for_and_signing_out_closes_it")

    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("Username").fill("sup")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Team overview")).to_be_visible()
    cookie = next(c for c in context.cookies() if c["name"] == "haven_session")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Lax"

    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("status")).to_contain_text("You are signed out")
    page.goto("/team")
    assert "/login" in page.url
    context.close()
