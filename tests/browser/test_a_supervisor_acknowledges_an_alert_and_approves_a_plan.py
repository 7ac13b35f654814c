"""A supervisor works through their inbox: the team's alerts on one card per child (never
another team's), filtered by kind, acknowledged with a note and resolved with a reason; a
missing-from-care alert cannot be resolved before the return, and the page says why. Then the
care plan a caseworker submitted is read, approved and becomes the child's active plan."""

import re

from playwright.sync_api import expect

from care_plans.tables import CarePlan
from tests.browser.alerting import alert_row, scan_now, unseen_since_registration, went_missing
from tests.browser.conftest import assert_accessible, db, screenshot

PLAN = {"goals": [{"domain": "safety", "description": "Knows who to call when worried"}],
        "child_views": "I want to stay with my foster family."}


def _submitted_plan(api, caseworker: str, name: str) -> dict:
    child = api.post(caseworker, "/api/v1/children", {"display_name": name, "birth_date": "2012-03-03"})
    plan = api.post(caseworker, f"/api/v1/children/{child['id']}/care-plans", PLAN)
    api.post(caseworker, f"/api/v1/care-plans/{plan['id']}/submit")
    return child


def _team_with_alerts(api) -> tuple[dict, dict]:
    """Noor is missing from care; Ada has not been seen for 40 days; another team's Zed too."""
    noor = api.post("cw", "/api/v1/children", {"display_name": "Noor", "birth_date": "2012-03-03"})
    went_missing(api, "cw", noor["id"])
    ada = api.post("cw", "/api/v1/children", {"display_name": "Ada", "birth_date": "2015-06-01"})
    zed = api.post("cw_other", "/api/v1/children", {"display_name": "Zed", "birth_date": "2013-01-01"})
    for child in (ada, zed):
        unseen_since_registration(child["id"], 40)
    scan_now()
    return noor, ada


def test_a_supervisor_acknowledges_and_resolves_alerts_in_the_inbox(api, open_as):
    noor, ada = _team_with_alerts(api)
    page = open_as("sup")
    noor_card = page.get_by_role("region", name=re.compile(r"^Noor"))
    missing = noor_card.get_by_role("article", name="Missing from care")
    expect(missing).to_contain_text("Missing from care since")
    ada_card = page.get_by_role("region", name=re.compile(r"^Ada"))
    expect(ada_card.get_by_role("article", name="Missed check-in")).to_be_visible()
    assert "Zed" not in page.content()
    assert_accessible(page)
    screenshot(page, "test_a_supervisor_acknowledges_an_alert_and_approves_a_plan")

    missing.get_by_label("Why is it resolved?").fill("Found safe.")
    missing.get_by_role("button", name=re.compile("^Resolve")).click()
    expect(page.get_by_role("alert")).to_contain_text("has not been recorded as back")
    assert alert_row("missing_from_care", noor["id"])["status"] == "open"
    assert_accessible(page)
    screenshot(page, "test_a_missing_alert_is_not_resolved_before_the_return")

    missing = page.get_by_role("region", name=re.compile(r"^Noor")).get_by_role("article", name="Missing from care")
    missing.get_by_label("Note").fill("Police informed; carers are searching.")
    missing.get_by_role("button", name=re.compile("^Acknowledge")).click()
    expect(page.get_by_role("status")).to_contain_text("acknowledged")
    row = alert_row("missing_from_care", noor["id"])
    assert (row["status"], row["ack_by"], row["acknowledged_note"]) == (
        "acknowledged", "sup", "Police informed; carers are searching.")

    page.get_by_label("Kind of alert").select_option("missed_check_in")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_role("article")).to_have_count(1)
    page.get_by_label("Why is it resolved?").evaluate("field => field.required = false")
    with page.expect_response(re.compile("/resolve$")) as sent:
        page.get_by_role("button", name=re.compile("^Resolve")).click()
    assert sent.value.status == 400 and alert_row("missed_check_in", ada["id"])["status"] == "open"
    expect(page.get_by_text("The reason is required.")).to_be_visible()
    page.get_by_label("Why is it resolved?").fill("Visited today; settled at school.")
    page.get_by_role("button", name=re.compile("^Resolve")).click()
    expect(page.get_by_role("status")).to_contain_text("resolved")
    assert "kind=missed_check_in" in page.url
    expect(page.get_by_label("Kind of alert")).to_have_value("missed_check_in")
    row = alert_row("missed_check_in", ada["id"])
    assert (row["status"], row["res_by"], row["resolved_note"]) == (
        "resolved", "sup", "Visited today; settled at school.")
    expect(page.get_by_text("No open alert matches these filters")).to_be_visible()


def test_a_supervisor_approves_a_plan_from_the_inbox(api, open_as):
    _submitted_plan(api, "cw", "Noor")
    _submitted_plan(api, "cw_other", "Zed")  # another team's: never in this inbox

    page = open_as("sup")
    expect(page.get_by_role("heading", name="Inbox")).to_be_visible()
    expect(page.get_by_text("Nothing is waiting for you")).to_be_visible()
    waiting = page.get_by_role("region", name="Care plans waiting for approval")
    expect(waiting.get_by_role("link", name="Noor", exact=True)).to_be_visible()
    assert "Zed" not in page.content()
    assert_accessible(page)

    waiting.get_by_role("link", name="Read, then approve or return the plan for Noor").click()
    expect(page.get_by_role("heading", name="Approve or return the care plan")).to_be_visible()
    expect(page.get_by_text("Knows who to call when worried")).to_be_visible()  # the plan, read first
    assert_accessible(page)
    page.get_by_role("button", name="Approve this plan").click()
    expect(page.get_by_role("status")).to_contain_text("approved and active")
    page.goto("/inbox")
    expect(page.get_by_text("No care plan is waiting for you")).to_be_visible()
    statuses = db(CarePlan.select(CarePlan.status, CarePlan.next_review_due).order_by(CarePlan.status))
    assert [p["status"] for p in statuses] == ["active", "submitted"]  # Zed's still waits
    assert statuses[0]["next_review_due"] is not None
    assert_accessible(page)
