"""A child's page holds their open alerts and their risk explained: the caseworker sees every
alert and each risk factor with its points and since when, flags an indicator (written and
audited) and records a different view of the level; a therapist on the care team sees the
development alerts and the risk, and nothing they may not see or do."""

import re

from playwright.sync_api import expect

from scheduler.tables import RiskDisagreement, RiskIndicator
from service.audit.tables import AuditEntry
from tests.browser.alerting import scan_now, unseen_since_registration
from tests.browser.conftest import assert_accessible, db, screenshot


def _child_unseen_for_weeks(api, flagged: str | None = None) -> str:
    child = api.post("cw", "/api/v1/children", {
        "display_name": "Lina", "birth_date": "2011-04-09", "documentation_status": "none"})
    api.post("cw", f"/api/v1/children/{child['id']}/care-team", {"username": "th"})
    if flagged:  # visits missed are alerts, not risk: a flagged indicator raises the level
        api.post("cw", f"/api/v1/children/{child['id']}/risk-indicators", {"code": flagged})
    unseen_since_registration(child["id"], 40)
    scan_now()
    return child["id"]


def _audited(child_id: str, actor: str) -> set[str]:
    rows = db(AuditEntry.select(AuditEntry.action).where(
        (AuditEntry.child_id == child_id) & (AuditEntry.actor == actor)))
    return {r["action"] for r in rows}


def test_the_caseworker_sees_alerts_and_risk_factors_and_flags_an_indicator(api, open_as):
    child_id = _child_unseen_for_weeks(api)
    page = open_as("cw")
    page.goto(f"/children/{child_id}")
    alerts = page.get_by_role("region", name="Alerts")
    expect(alerts.get_by_role("article", name="Missed check-in")).to_contain_text("check-ins missed")
    risk = page.get_by_role("region", name="Re-trafficking risk")
    expect(risk).to_contain_text("configurable defaults, not a validated score")
    age = risk.get_by_role("row", name=re.compile("Aged 12 to 17"))
    expect(age).to_contain_text("3")
    expect(age).to_contain_text("9 Apr 2023")  # counts from the 12th birthday
    expect(risk.get_by_role("row", name=re.compile("Holds no identity documents"))).to_be_visible()
    assert {"alert.list", "risk.read"} <= _audited(child_id, "cw")
    assert_accessible(page)
    screenshot(page, "test_a_childs_page_shows_alerts_and_risk_factors")

    risk.get_by_text("Flag an indicator").click()
    risk.get_by_label("Indicator to flag").select_option("unexplained_items")
    risk.get_by_label("What was noticed").fill("New phone, says a friend gave it.")
    risk.get_by_role("button", name="Flag indicator").click()
    expect(page.get_by_role("status")).to_contain_text("indicator is flagged")
    (flag,) = db(RiskIndicator.select(RiskIndicator.code, RiskIndicator.note,
                                      RiskIndicator.flagged_by.username.as_alias("by")))
    assert flag == {"code": "unexplained_items", "note": "New phone, says a friend gave it.", "by": "cw"}
    assert "risk_indicator.create" in _audited(child_id, "cw")
    expect(page.get_by_role("row", name=re.compile("Flagged: unexplained money"))).to_be_visible()
    second_tab = open_as("cw")
    second_tab.goto(f"/children/{child_id}")
    clear = "Clear the indicator: unexplained money, phone or gifts"
    page.get_by_role("button", name=clear).click()
    expect(page.get_by_role("status")).to_contain_text("indicator is cleared")
    (cleared,) = db(RiskIndicator.select(RiskIndicator.cleared_at))
    assert cleared["cleared_at"] is not None
    second_tab.get_by_role("button", name=clear).click()  # already done: said so, changed nothing
    expect(second_tab.get_by_role("status")).to_contain_text("indicator is cleared")
    assert db(RiskIndicator.select(RiskIndicator.cleared_at)) == [cleared]
    assert "risk_indicator.clear" in _audited(child_id, "cw")
    expect(page.get_by_role("row", name=re.compile("Flagged:"))).to_have_count(0)

    page.get_by_text("Record why you see the level differently").click()
    page.get_by_label("Why you see it differently").fill("She is settled and in touch with her sister daily.")
    page.get_by_role("button", name="Record your view").click()
    expect(page.get_by_role("status")).to_contain_text("view of the risk level is recorded")
    expect(page.get_by_text("in touch with her sister daily")).to_be_visible()
    assert db(RiskDisagreement.count()) == 1


def test_a_bad_flag_names_the_field_and_writes_nothing(api, open_as):
    child_id = _child_unseen_for_weeks(api)
    page = open_as("cw")
    page.goto(f"/children/{child_id}")
    page.get_by_text("Flag an indicator").click()
    page.get_by_label("What was noticed").fill("x" * 2001)
    with page.expect_response(re.compile("/risk-indicators$")) as sent:
        page.get_by_role("button", name="Flag indicator").click()
    assert sent.value.status == 400
    expect(page.get_by_text("What was noticed must be at most 2000 characters")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "test_a_bad_flag_names_the_field")
    assert db(RiskIndicator.count()) == 0


def test_a_therapist_sees_the_development_alerts_and_the_risk_but_acts_on_neither_alone(api, open_as):
    child_id = _child_unseen_for_weeks(api)
    page = open_as("th")
    page.goto(f"/children/{child_id}")
    alerts = page.get_by_role("region", name="Alerts")
    expect(alerts.get_by_role("article", name="Assessment due")).to_be_visible()
    expect(alerts.get_by_role("article", name="Missed check-in")).to_have_count(0)
    risk = page.get_by_role("region", name="Re-trafficking risk")
    expect(risk.get_by_role("row", name=re.compile("Aged 12 to 17"))).to_be_visible()
    expect(risk.get_by_text("Flag an indicator")).to_have_count(0)
    expect(risk.get_by_label("Indicator to flag")).to_have_count(0)
    expect(risk.get_by_role("button", name=re.compile("^Clear"))).to_have_count(0)
    expect(risk.get_by_text("Record why you see the level differently")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "test_a_therapists_child_page_shows_development_alerts_and_risk")

    page.get_by_role("link", name="Inbox").click()
    expect(page.get_by_role("article")).to_have_count(1)
    card = page.get_by_role("region", name=re.compile(r"^Lina "))  # the inbox holds one card per child
    expect(card.get_by_role("article", name="Assessment due")).to_be_visible()
    expect(page.get_by_role("region", name="Care plans waiting for approval")).to_have_count(0)
    refused = page.request.post(f"/children/{child_id}/risk-indicators")
    assert refused.status == 403


def test_an_alert_handled_meanwhile_is_explained_not_overwritten(api, open_as):
    child_id = _child_unseen_for_weeks(api, flagged="exploiter_contact")
    page = open_as("cw")
    page.goto(f"/children/{child_id}")
    rising = page.get_by_role("article", name="Risk rising")
    rising.get_by_label("Note").fill("Visit booked for tomorrow.")
    rising.get_by_role("button", name=re.compile("^Acknowledge")).click()
    expect(page.get_by_role("status")).to_contain_text("acknowledged")
    assert page.url.endswith("#alerts")
    expect(page.get_by_role("article", name="Risk rising")).to_contain_text("Acknowledged by cw")

    missed = page.get_by_role("article", name="Missed check-in")
    (alert,) = [a for a in api.get("sup", "/api/v1/alerts?kind=missed_check_in").json()]
    api.post("sup", f"/api/v1/alerts/{alert['id']}/acknowledge", {"note": "Calling the carers."})
    missed.get_by_role("button", name=re.compile("^Acknowledge")).click()
    expect(page.get_by_role("alert")).to_contain_text("already acknowledged")
    expect(page.get_by_text("Acknowledged by sup")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "test_an_alert_handled_meanwhile_is_explained")
