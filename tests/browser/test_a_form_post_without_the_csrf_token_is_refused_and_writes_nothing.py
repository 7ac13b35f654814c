"""A form posted without its CSRF token is refused with a page saying nothing was saved, and
nothing is: the same form with its token goes through."""

from playwright.sync_api import expect

from care_plans.tables import Child
from tests.browser.conftest import assert_accessible, db, screenshot


def _fill_registration(page) -> None:
    page.goto("/children/new")
    page.get_by_label("Name or alias").fill("Baby K")
    page.get_by_label("Date of birth", exact=True).fill("2026-06-01")


def test_a_form_post_without_the_csrf_token_is_refused_and_writes_nothing(open_as):
    page = open_as("cw")
    _fill_registration(page)
    page.locator("main input[name=_csrf_token]").evaluate("input => input.remove()")
    page.get_by_role("button", name="Register").click()

    expect(page.get_by_role("heading", name="This form could not be saved")).to_be_visible()
    assert db(Child.count()) == 0
    assert_accessible(page)
    screenshot(page, "test_a_form_post_without_the_csrf_token_is_refused_and_writes_nothing")

    _fill_registration(page)
    page.get_by_role("button", name="Register").click()
    expect(page.get_by_role("heading", name="Baby K")).to_be_visible()
    assert db(Child.count()) == 1


def test_a_forged_token_is_refused_too(open_as, server):
    page = open_as("cw")
    response = page.request.post(f"{server}/children/new", form={
        "display_name": "Baby K", "birth_date": "2026-06-01", "_csrf_token": "forged"})
    assert response.status == 403
    assert db(Child.count()) == 0
