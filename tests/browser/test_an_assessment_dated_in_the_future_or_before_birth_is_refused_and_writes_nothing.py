"""The assessment form refuses a date in the future or before the child's birth, and an
assessment with nothing marked: a 400 naming the field beside it, what was marked still
marked (kept in the draft, a step earlier), and nothing written."""

import datetime as dt

from playwright.sync_api import expect

from milestones.catalogue import by_code
from milestones.tables import Assessment, Observation
from service.audit.tables import AuditEntry
from tests.api.development import months_ago, today
from tests.browser.conftest import assert_accessible, db, screenshot
from tests.browser.development import young_child

BAD_DATES = [(today() + dt.timedelta(days=1), "Assessed on cannot be in the future."),
             (months_ago(15), "Assessed on cannot be before the child's birth date.")]


def _submit(page) -> int:
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.get_by_role("button", name="Record assessment").click()
    page.wait_for_load_state()
    return posted.value.status


def _movement_step(page):
    """A child first seen late: the 9-month list is in the domain steps, a step each."""
    page.get_by_role("button", name="Next: Language / communication").click()
    page.get_by_role("button", name="Next: Cognitive").click()
    page.get_by_role("button", name="Next: Movement / physical").click()
    return page.get_by_role("group", name=by_code()["M09-MV-4"].description, exact=True)


def test_an_assessment_dated_in_the_future_or_before_birth_is_refused_and_writes_nothing(api, open_as):
    child_id = young_child(api, earlier=None)
    page = open_as("th")
    page.goto(f"/children/{child_id}/assessments/new")
    item = _movement_step(page)
    item.get_by_label("Not yet", exact=True).check()
    page.get_by_role("button", name="Next: Date and notes").click()
    date = page.get_by_label("Assessed on")
    expect(date).to_have_value(today().isoformat())

    for day, message in BAD_DATES:
        date.fill(day.isoformat())
        assert _submit(page) == 400
        expect(page.locator("#assessed_on-error")).to_have_text(message)
        expect(date).to_have_attribute("aria-invalid", "true")
        expect(date).to_have_value(day.isoformat())
        expect(page.get_by_role("listitem").filter(has_text="Movement / physical")).to_contain_text("1 of")

    date.fill(today().isoformat())
    page.get_by_role("button", name="Change Movement / physical").click()
    expect(item.get_by_label("Not yet", exact=True)).to_be_checked()  # what was marked is still marked
    item.get_by_label("Not observed this time").check()
    page.get_by_role("button", name="Next: Date and notes").click()
    assert _submit(page) == 400
    expect(page.get_by_text("Mark at least one milestone")).to_be_visible()
    assert db(Assessment.count()) == 0 and db(Observation.count()) == 0
    assert db(AuditEntry.count().where(AuditEntry.action == "assessment.create")) == 0
    assert_accessible(page)
    screenshot(page, "test_an_assessment_dated_in_the_future_or_before_birth_is_refused_and_writes_nothing")
