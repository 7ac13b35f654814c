"""Past 5 years there are no CDC milestones to mark, but a developmental check still falls due
every 6 months: the therapist records the review in words from the child's page, and an empty
review is refused with the notes named and nothing written."""

from playwright.sync_api import expect

from milestones.tables import Assessment
from tests.api.development import months_ago
from tests.browser.conftest import assert_accessible, db, screenshot

FOUND = "Reads with her carer each night and has made two friends at school."


def test_a_therapist_records_a_developmental_review_in_words(api, open_as):
    child = api.post("cw", "/api/v1/children", {"display_name": "Selam", "birth_date": months_ago(80).isoformat()})
    api.post("cw", f"/api/v1/children/{child['id']}/care-team", {"username": "th"})
    page = open_as("th")
    page.goto(f"/children/{child['id']}")
    expect(page.get_by_text("The CDC checklists end at 5 years").first).to_be_visible()
    page.get_by_role("link", name="Record a developmental review").click()

    notes = page.get_by_label("Therapy notes")
    assert notes.evaluate("field => field.required")  # the browser asks first; the server too:
    notes.evaluate("field => field.required = false")
    page.get_by_role("button", name="Record review").click()
    expect(page.locator("#notes-error")).to_contain_text("recorded in words")
    assert db(Assessment.count()) == 0
    assert_accessible(page)

    page.get_by_label("Therapy notes").fill(FOUND)
    page.get_by_role("button", name="Record review").click()
    expect(page.get_by_role("status")).to_contain_text("assessment is recorded")
    expect(page.get_by_role("row", name=FOUND)).to_contain_text("A review in words")
    assert db(Assessment.select(Assessment.notes)) == [{"notes": FOUND}]
    assert_accessible(page)
    screenshot(page, "test_past_five_a_therapist_records_a_developmental_review_in_words")
