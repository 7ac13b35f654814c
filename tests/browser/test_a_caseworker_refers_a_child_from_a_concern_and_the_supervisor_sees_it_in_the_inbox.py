"""A developmental concern offers "Refer": the caseworker follows it from the child's page to
a form with the milestones filled in as the reason, chooses the organisation and what to share,
and saves the referral, which rests on the consent recorded. The team's supervisor finds it in
the inbox among the referrals under way; another team's supervisor does not."""

import re

from playwright.sync_api import expect

from care_plans.tables import Referral
from tests.browser.alerting import scan_now
from tests.browser.conftest import assert_accessible, db, screenshot
from tests.browser.development import young_child


def _scene(api) -> tuple[str, dict]:
    child_id = young_child(api, {"M09-LC-1": "not_yet"})
    scan_now()
    org = api.post("admin", "/api/v1/partners", {
        "name": "Little Steps Early Intervention", "services": ["early_intervention", "developmental_evaluation"],
        "secure_email": "intake@littlesteps.example"})
    api.post("cw", f"/api/v1/children/{child_id}/consents", {
        "given_by": "guardian", "given_on": "2026-01-05", "purpose": "services"})
    api.post("cw", f"/api/v1/children/{child_id}/consents", {
        "given_by": "guardian", "given_on": "2026-01-05", "purpose": "sharing", "partners": [org["id"]]})
    return child_id, org


def test_a_caseworker_refers_from_a_concern_and_the_supervisor_sees_it(api, open_as):
    child_id, org = _scene(api)
    page = open_as("cw")
    page.goto(f"/children/{child_id}")
    concern = page.get_by_role("article", name="Developmental concern")
    concern.get_by_role("link", name=re.compile("^Refer")).click()
    expect(page.get_by_role("heading", name="Refer to a partner organisation")).to_be_visible()
    expect(page.get_by_label("Why the child is referred")).to_have_value(re.compile("Not yet seen though due: Makes different sounds"))
    expect(page.get_by_label("Kind of service")).to_have_value("developmental_evaluation")
    assert_accessible(page)
    page.get_by_label("Organisation", exact=True).select_option(org["id"])
    page.get_by_label("Languages").check()
    page.get_by_role("button", name="Save the referral as a draft").click()
    expect(page.get_by_role("status")).to_contain_text("saved as a draft")
    expect(page.get_by_role("heading", name=re.compile("Developmental evaluation referral to Little Steps"))).to_be_visible()
    assert_accessible(page)
    (row,) = db(Referral.select(Referral.state, Referral.shared_fields, Referral.sharing_consent).output(load_json=True))
    assert row["state"] == "drafted" and "languages" in row["shared_fields"] and row["sharing_consent"]

    inbox = open_as("sup")
    under_way = inbox.get_by_role("region", name="Referrals under way")
    expect(under_way.get_by_role("link", name="Baby Lumi")).to_be_visible()
    expect(under_way).to_contain_text("Little Steps Early Intervention")
    assert_accessible(inbox)
    screenshot(inbox, "test_a_caseworker_refers_a_child_from_a_concern_and_the_supervisor_sees_it_in_the_inbox")
    other = open_as("sup_other")
    expect(other.get_by_role("region", name="Referrals under way")).to_contain_text("No referral is under way")
