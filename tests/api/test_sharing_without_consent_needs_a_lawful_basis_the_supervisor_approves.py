"""With no consent in force, a referral may rest on a recorded lawful basis (a safeguarding
duty): it is marked as shared without consent wherever it shows, and is not sent until the
team's supervisor approves the basis."""

from tests.api.referrals import partner, refer, step


def test_a_lawful_basis_is_marked_and_waits_for_the_supervisor(api, child):
    org = partner(api, "Harbour Anti-Trafficking Service", ["anti_trafficking"])
    made = refer(api, child["id"], org["id"], kind="anti_trafficking",
                 lawful_basis="Safeguarding duty: risk of significant harm from a known exploiter")
    assert made.status_code == 201, made.text
    referral = made.json()
    assert referral["without_consent"] is True and referral["basis_approved_at"] is None
    waiting = step(api, referral["id"], "sent")
    assert waiting.status_code == 409 and "supervisor" in waiting.json()["detail"]
    assert api.post("cw", f"/api/v1/referrals/{referral['id']}/approve-basis").status_code == 403
    approved = api.post("sup", f"/api/v1/referrals/{referral['id']}/approve-basis")
    assert approved.status_code == 200 and approved.json()["basis_approved_by"] == "sup"
    assert step(api, referral["id"], "sent").status_code == 200
    listed = api.get("sup", f"/api/v1/children/{child['id']}/referrals").json()
    assert listed[0]["without_consent"] is True and listed[0]["lawful_basis"].startswith("Safeguarding duty")
    package = api.get("cw", f"/api/v1/referrals/{referral['id']}/package").json()
    assert package["without_consent"] is True
