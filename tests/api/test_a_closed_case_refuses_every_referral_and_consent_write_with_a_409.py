"""Once a case is closed, making a referral, moving one on, approving its lawful basis, and
recording or withdrawing consent are each a 409 naming the case's status, and nothing is
written; the referral is still read as it was."""

from care_plans.tables import Referral, ReferralStep
from tests.api.referrals import consented, give_consent, partner, refer, step
from tests.conftest import run


def test_referral_and_consent_writes_to_a_closed_case_are_refused(api, child):
    org = partner(api)
    consented(api, child["id"], org["id"])
    made = refer(api, child["id"], org["id"])
    assert made.status_code == 201, made.text
    rid = made.json()["id"]
    consent = give_consent(api, child["id"], "services")
    assert api.post("sup", f"/api/v1/children/{child['id']}/closing", json={"reason": "turned_18"}).status_code == 201
    before = (len(run(Referral.select())), len(run(ReferralStep.select())))

    writes = [
        refer(api, child["id"], org["id"]),
        step(api, rid, "sent"),
        step(api, rid, "revoked", who="sup", note="case closed"),
        api.post("sup", f"/api/v1/referrals/{rid}/approve-basis"),
        api.post("cw", f"/api/v1/children/{child['id']}/consents", json={
            "given_by": "guardian", "giver_name": "Ms Osei", "given_on": "2026-01-05", "purpose": "services",
            "partners": []}),
        api.post("cw", f"/api/v1/children/{child['id']}/consents/{consent['id']}/withdraw", json={"reason": "The guardian asked"}),
    ]
    for refused in writes:
        assert refused.status_code == 409, refused.text
        assert "closed" in refused.text
    assert (len(run(Referral.select())), len(run(ReferralStep.select()))) == before
    read = api.get("cw", f"/api/v1/referrals/{rid}")
    assert read.status_code == 200 and read.json()["state"] == "drafted"
