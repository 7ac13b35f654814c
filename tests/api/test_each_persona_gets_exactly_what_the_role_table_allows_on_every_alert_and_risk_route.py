"""Every alert, inbox and risk route, called by every persona: the child's caseworker and the
team's supervisor act; the care-team therapist reads risk and the development alerts only;
everyone outside the child's scope is told 404; the admin is refused (403), except a risk read
with a logged reason."""

import datetime as dt

import pytest

from tests.api.alerting import alerts, registered_days_ago, scan_at, utcnow

PERSONAS = ("cw", "cw_other", "th", "th_other", "sup", "sup_other", "admin")


@pytest.fixture
def raised(api, child):
    registered_days_ago(child["id"], 90)  # in care when her development check fell due
    api.post("cw", f"/api/v1/children/{child['id']}/missing-episodes",
             json={"went_missing_at": (utcnow() - dt.timedelta(hours=2)).isoformat()})
    scan_at(utcnow())
    by_kind = {a["kind"]: str(a["id"]) for a in alerts()}
    return child["id"], by_kind


def statuses(api, method, path, body=None):
    call = {"get": api.get, "delete": api.delete}.get(method)
    return {who: (call(who, path) if call else api.post(who, path, json=body)).status_code for who in PERSONAS}


def test_listing_alerts_and_the_inbox(api, raised):
    cid, by_kind = raised
    seen = {who: {a["kind"] for a in api.get(who, "/api/v1/alerts").json()} for who in PERSONAS if who != "admin"}
    assert "missing_from_care" in seen["cw"] and "missing_from_care" in seen["sup"]
    assert seen["th"] == {"assessment_due"} and seen["cw_other"] == seen["sup_other"] == seen["th_other"] == set()
    assert api.get("admin", "/api/v1/alerts").status_code == 403
    assert api.get("admin", "/api/v1/inbox").status_code == 403
    assert api.get("cw_other", f"/api/v1/alerts?child_id={cid}").status_code == 404
    assert api.get(None, "/api/v1/alerts").status_code == 401
    assert api.get("cw", "/api/v1/alerts?status=gone").status_code == 400


def test_acknowledging(api, raised):
    _, by_kind = raised
    path = f"/api/v1/alerts/{by_kind['risk_escalation']}/acknowledge"
    got = statuses(api, "post", path, {"note": "on it"})
    assert got == {"cw": 200, "cw_other": 404, "th": 404, "th_other": 404, "sup": 409, "sup_other": 404,
                   "admin": 403}
    dev = f"/api/v1/alerts/{by_kind['assessment_due']}/acknowledge"
    assert api.post("th", dev, json={"note": "booked"}).status_code == 200
    assert api.post("cw", dev, json={"note": ""}).status_code == 400
    assert api.post("cw", "/api/v1/alerts/not-an-id/acknowledge", json={"note": "x"}).status_code == 404


def test_resolving(api, raised):
    _, by_kind = raised
    path = f"/api/v1/alerts/{by_kind['missing_from_care']}/resolve"
    got = statuses(api, "post", path, {"note": "x"})
    assert got == {"cw": 403, "cw_other": 404, "th": 404, "th_other": 404, "sup": 409, "sup_other": 404,
                   "admin": 403}
    other = f"/api/v1/alerts/{by_kind['risk_escalation']}/resolve"
    assert api.post("th", other, json={"note": "x"}).status_code == 404
    assert api.post("sup", other, json={"note": "Reviewed with the team."}).status_code == 200


def test_risk_routes(api, raised):
    cid, _ = raised
    read = statuses(api, "get", f"/api/v1/children/{cid}/risk")
    assert read == {"cw": 200, "cw_other": 404, "th": 200, "th_other": 404, "sup": 200, "sup_other": 404,
                    "admin": 404}
    assert api.get("admin", f"/api/v1/children/{cid}/risk?reason=safeguarding+audit").status_code == 200
    flag = statuses(api, "post", f"/api/v1/children/{cid}/risk-indicators", {"code": "older_companion"})
    assert flag == {"cw": 201, "cw_other": 404, "th": 403, "th_other": 404, "sup": 409, "sup_other": 404,
                    "admin": 403}
    (indicator,) = api.get("cw", f"/api/v1/children/{cid}/risk").json()["indicators"]
    clear = f"/api/v1/children/{cid}/risk-indicators/{indicator['id']}"
    assert {who: api.delete(who, clear).status_code for who in ("cw_other", "th", "admin", "sup_other")} == {
        "cw_other": 404, "th": 403, "admin": 403, "sup_other": 404}
    assert api.delete("sup", clear).status_code == 200
    assert api.delete("cw", clear).status_code == 409  # cleared already: a conflict, not a missing record
    disagree = statuses(api, "post", f"/api/v1/children/{cid}/risk/disagreements", {"reason": "Too low."})
    assert disagree == {"cw": 201, "cw_other": 404, "th": 201, "th_other": 404, "sup": 201, "sup_other": 404,
                        "admin": 403}
