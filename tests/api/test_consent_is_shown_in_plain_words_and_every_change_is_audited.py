"""Consent on a child's record says who gave it (the child in their own words), when, for what
and until when; the child's page shows it in plain words, and its withdrawal too. Recording and
withdrawing are audited; bad consent names its field and writes nothing."""

import datetime as dt

from care_plans.tables import Consent
from service.audit.tables import AuditEntry
from tests.api.referrals import give_consent, partner
from tests.conftest import run


def test_consent_in_plain_words_withdrawn_and_audited(api, child):
    cid, org = child["id"], partner(api)
    bad = api.post("cw", f"/api/v1/children/{cid}/consents", json={
        "given_by": "child", "given_on": "2026-05-01", "purpose": "sharing"})
    assert bad.status_code == 400 and {e["field"] for e in bad.json()["errors"]} <= {"child_words", "partners"}
    assert run(Consent.count()) == 0
    own = give_consent(api, cid, "sharing", [org["id"]], given_by="child", giver_name="",
                       child_words="I want the baby people to help my sister", expires_on="2027-05-01")
    assert own["in_force"] is True
    assert own["plain_words"].startswith(f"The child agreed on {dt.date.today().day} ")
    assert "Little Steps Early Intervention, until 1 May 2027" in own["plain_words"]
    assert "In their words: \u201cI want the baby people to help my sister\u201d" in own["plain_words"]

    withdrawn = api.post("cw", f"/api/v1/children/{cid}/consents/{own['id']}/withdraw",
                         json={"reason": "She asked to wait until she has met them."})
    assert withdrawn.status_code == 200 and withdrawn.json()["in_force"] is False
    again = api.post("cw", f"/api/v1/children/{cid}/consents/{own['id']}/withdraw", json={"reason": "Twice"})
    assert again.status_code == 409
    assert api.post("th", f"/api/v1/children/{cid}/consents/{own['id']}/withdraw",
                    json={"reason": "Not theirs to do"}).status_code == 403

    page = api.get("sup", f"/children/{cid}").text
    assert "Withdrawn on" in page and "She asked to wait until she has met them." in page
    actions = run(AuditEntry.select(AuditEntry.action, AuditEntry.actor).where(
        AuditEntry.record_id == own["id"]).order_by(AuditEntry.seq))
    assert [(a["action"], a["actor"]) for a in actions] == [("consent.create", "cw"), ("consent.withdraw", "cw")]
