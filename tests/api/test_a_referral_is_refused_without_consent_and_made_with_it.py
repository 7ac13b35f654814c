"""A referral rests on consent to services and to sharing with that organisation: without
them it is refused with a 409 that says what is missing and nothing is written; with them it is
drafted and names the consents it rests on. Withdrawn consent no longer counts when it is sent."""

from care_plans.tables import Referral
from tests.api.referrals import consented, give_consent, partner, refer, step
from tests.conftest import run


def test_refused_without_consent_then_made_with_it(api, child):
    org = partner(api)
    refused = refer(api, child["id"], org["id"])
    assert refused.status_code == 409, refused.text
    body = refused.json()
    assert "consent to services" in body["detail"] and "consent to share" in body["detail"]
    assert [e["field"] for e in body["errors"]] == ["consent"]
    assert run(Referral.count()) == 0

    give_consent(api, child["id"], "services")
    still = refer(api, child["id"], org["id"])
    assert still.status_code == 409 and "consent to services" not in still.json()["errors"][0]["message"]

    give_consent(api, child["id"], "sharing", [org["id"]])
    made = refer(api, child["id"], org["id"])
    assert made.status_code == 201, made.text
    referral = made.json()
    assert referral["state"] == "drafted" and referral["services_consent"] and referral["sharing_consent"]
    assert referral["without_consent"] is False


def test_consent_withdrawn_before_sending_stops_the_referral(api, child):
    org = partner(api)
    consented(api, child["id"], org["id"])
    referral = refer(api, child["id"], org["id"]).json()
    withdrawn = api.post("cw", f"/api/v1/children/{child['id']}/consents/{referral['sharing_consent']}/withdraw",
                         json={"reason": "The guardian wants to talk it over with the child first."})
    assert withdrawn.status_code == 200 and withdrawn.json()["in_force"] is False
    refused = step(api, referral["id"], "sent")
    assert refused.status_code == 409 and "consent to share" in refused.json()["detail"]
    assert api.get("cw", f"/api/v1/referrals/{referral['id']}").json()["state"] == "drafted"
