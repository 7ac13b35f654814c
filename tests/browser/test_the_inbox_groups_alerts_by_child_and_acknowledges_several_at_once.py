"""The supervisor's inbox shows counts at the top, one card per child with that child's
alerts, and acknowledges several chosen alerts with one note."""

import re

from playwright.sync_api import expect

from scheduler.tables import Alert
from tests.browser.alerting import scan_now, unseen_since_registration
from tests.browser.conftest import assert_accessible, db, screenshot


def test_the_inbox_by_child_with_a_bulk_acknowledge(api, open_as):
    names = ["Ada", "Ben", "Cleo"]
    for name in names:
        child = api.post("cw", "/api/v1/children", {"display_name": name, "birth_date": "2015-06-01"})
        unseen_since_registration(child["id"], 40)
    scan_now()
    page = open_as("sup")
    counts = page.locator("#alert-counts")
    waiting = db(Alert.count())
    expect(counts).to_contain_text(f"{waiting} waiting")
    expect(counts).to_contain_text("Missed check-in: 3")
    for name in names:
        expect(page.get_by_role("region", name=re.compile(f"^{name}"))).to_be_visible()
    assert_accessible(page)
    page.get_by_role("checkbox", name=re.compile("missed check-in alert about Ada")).check()
    page.get_by_role("checkbox", name=re.compile("missed check-in alert about Ben")).check()
    page.get_by_label("One note for the chosen alerts").fill("Visits booked for this week.")
    page.get_by_role("button", name="Acknowledge the chosen alerts").click()
    expect(page.get_by_role("status").first).to_contain_text("chosen alerts are acknowledged")
    screenshot(page, "test_the_inbox_by_child_with_a_bulk_acknowledge")
    rows = db(Alert.select(Alert.status, Alert.acknowledged_note, Alert.child.display_name.as_alias("name")).where(
        Alert.kind == "missed_check_in"))
    assert sorted((r["name"], r["status"], r["acknowledged_note"]) for r in rows) == [
        ("Ada", "acknowledged", "Visits booked for this week."),
        ("Ben", "acknowledged", "Visits booked for this week."),
        ("Cleo", "open", "")]
