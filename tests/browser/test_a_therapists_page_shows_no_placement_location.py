"""Where a child lives is for the caseworker and supervisor alone: a therapist on the care team
sees the child's page with the placement but not one character of its location."""

import datetime as dt

from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, screenshot

LOCATION = "14 Hidden Orchard Road"


def _child_with_a_placement(api) -> str:
    child = api.post("cw", "/api/v1/children", {
        "display_name": "Mira", "birth_date": "2019-05-02", "documentation_status": "pending"})
    api.post("cw", f"/api/v1/children/{child['id']}/care-team", {"username": "th"})
    api.post("cw", f"/api/v1/children/{child['id']}/placements", {
        "kind": "kinship", "started_on": dt.date.today().isoformat(), "planned": True,
        "reason": "Aunt able to care", "location": LOCATION})
    return child["id"]


def test_a_therapists_page_shows_no_placement_location(api, open_as):
    child_id = _child_with_a_placement(api)

    caseworker = open_as("cw")
    caseworker.goto(f"/children/{child_id}")
    expect(caseworker.get_by_text(LOCATION)).to_be_visible()  # the page does show it to some

    therapist = open_as("th")
    therapist.get_by_role("link", name="Mira").click()
    expect(therapist.get_by_role("heading", name="Mira")).to_be_visible()
    expect(therapist.get_by_text("Kinship", exact=True)).to_be_visible()
    html = therapist.content()
    assert LOCATION not in html and "Hidden Orchard" not in html
    expect(therapist.get_by_role("link", name="Placement change")).to_have_count(0)
    assert_accessible(therapist)
    screenshot(therapist, "test_a_therapists_page_shows_no_placement_location")

    refused = therapist.goto(f"/children/{child_id}/placements/new")
    assert refused.status == 403 and LOCATION not in therapist.content()
