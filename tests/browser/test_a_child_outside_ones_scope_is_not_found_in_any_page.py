"""A child outside someone's scope is absent from every page they can reach: not in their
lists, and their page answers as if the child did not exist."""

from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible


def test_a_child_outside_ones_scope_is_not_found_in_any_page(api, open_as):
    child = api.post("cw", "/api/v1/children", {"display_name": "Sami", "birth_date": "2016-04-04"})
    for who in ("cw_other", "sup_other", "th_other"):
        page = open_as(who)
        page.goto("/children")
        assert "Sami" not in page.content()
        response = page.goto(f"/children/{child['id']}")
        assert response.status == 404
        expect(page.get_by_role("heading", name="We could not find that page")).to_be_visible()
        assert "Sami" not in page.content()
    assert_accessible(page)

    own = open_as("sup")
    own.goto("/children")
    expect(own.get_by_role("link", name="Sami")).to_be_visible()
