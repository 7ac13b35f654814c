"""The risk endpoint lists each factor with its points, since when and its source; a flagged
indicator counts; a rise to high raises risk_escalation; a worker records a disagreement."""

from tests.api.alerting import alerts, scan_at, utcnow


def test_factors_with_points_since_and_source(api, child):
    body = api.get("cw", f"/api/v1/children/{child['id']}/risk").json()
    assert body["level"] == "low" and body["score"] == 2
    (factor,) = body["factors"]
    assert factor["code"] == "no_identity_documents" and factor["points"] == 2
    assert factor["since"] and "Georgia" in factor["source"]
    assert "No validated numeric weights" in body["note"]


def test_a_flag_raises_the_level_to_high_and_an_alert(api, child):
    flagged = api.post("cw", f"/api/v1/children/{child['id']}/risk-indicators",
                       json={"code": "exploiter_contact", "note": "seen with an unknown adult"})
    assert flagged.status_code == 201, flagged.text
    body = api.get("sup", f"/api/v1/children/{child['id']}/risk").json()
    assert body["level"] == "high" and body["score"] == 8
    assert {f["code"]: f["points"] for f in body["factors"]}["indicator_exploiter_contact"] == 6
    scan_at(utcnow())
    assert api.get("cw", f"/api/v1/children/{child['id']}").json()["risk_level"] == "high"
    (alert,) = alerts(kind="risk_escalation")
    assert alert["severity"] == "high" and alert["cause_key"].startswith("high:")
    assert scan_at(utcnow())["raised"] == 0

    cleared = api.delete("cw", f"/api/v1/children/{child['id']}/risk-indicators/{flagged.json()['id']}")
    assert cleared.status_code == 200 and cleared.json()["cleared_at"]
    again = api.delete("cw", f"/api/v1/children/{child['id']}/risk-indicators/{flagged.json()['id']}")
    assert again.status_code == 409 and "cleared_at" in again.text
    scan_at(utcnow())
    (alert,) = alerts(kind="risk_escalation")
    assert alert["status"] == "resolved" and alert["resolved_note"] == "Resolved: the risk level is now low."


def test_a_flag_twice_is_a_conflict_and_a_bad_code_names_the_field(api, child):
    path = f"/api/v1/children/{child['id']}/risk-indicators"
    assert api.post("cw", path, json={"code": "older_companion"}).status_code == 201
    assert api.post("cw", path, json={"code": "older_companion"}).status_code == 409
    bad = api.post("cw", path, json={"code": "tattoo", "extra": 1})
    assert bad.status_code == 400


def test_a_worker_records_why_they_disagree(api, child):
    made = api.post("th", f"/api/v1/children/{child['id']}/risk/disagreements",
                    json={"reason": "She told me an adult waits outside school.", "level": "high"})
    assert made.status_code == 201, made.text
    assert made.json()["level_proposed"] == "high" and made.json()["recorded_by"] == "th"
    listed = api.get("cw", f"/api/v1/children/{child['id']}/risk").json()["disagreements"]
    assert [d["reason"] for d in listed] == ["She told me an adult waits outside school."]
    assert api.post("cw", f"/api/v1/children/{child['id']}/risk/disagreements",
                    json={"reason": ""}).status_code == 400
