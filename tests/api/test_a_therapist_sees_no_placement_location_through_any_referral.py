"""A therapist on the care team refers for therapeutic services but can never choose the
placement location to share, and no referral route shows it to them, even one the caseworker
made that shares it; a therapist may not refer for other kinds of service."""

from tests.api.referrals import consented, partner, refer

SECRET = "14 Hidden Lane, flat 2"


def test_no_referral_route_shows_a_therapist_the_location(api, child):
    cid = child["id"]
    assert api.post("cw", f"/api/v1/children/{cid}/placements", json={
        "kind": "foster", "started_on": "2026-05-01", "planned": True, "location": SECRET}).status_code == 201
    org = partner(api)
    consented(api, cid, org["id"])
    fields = ["display_name", "placement_kind", "placement_location"]
    chosen = refer(api, cid, org["id"], who="th", kind="trauma_therapy", shared_fields=fields)
    assert chosen.status_code == 400 and chosen.json()["errors"][0]["field"] == "shared_fields"
    assert refer(api, cid, org["id"], who="th", kind="health").status_code == 403
    own = refer(api, cid, org["id"], who="th", kind="trauma_therapy", shared_fields=fields[:2])
    assert own.status_code == 201, own.text
    theirs = refer(api, cid, org["id"], who="cw", shared_fields=fields).json()
    assert api.get("cw", f"/api/v1/referrals/{theirs['id']}/package").text.count(SECRET) == 1

    for path in (f"/api/v1/children/{cid}/referrals", f"/api/v1/referrals/{theirs['id']}",
                 f"/api/v1/referrals/{theirs['id']}/package", f"/api/v1/referrals/{own.json()['id']}/package",
                 f"/referrals/{theirs['id']}", f"/children/{cid}"):
        answer = api.get("th", path)
        assert answer.status_code == 200, (path, answer.status_code)
        assert SECRET not in answer.text and "placement_location" not in answer.text, path
