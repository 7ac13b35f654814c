"""A developmental check that has fallen due raises assessment_due for the caseworker and the
care team; recording the assessment resolves it. A milestone due and not yet seen raises a
developmental concern that the care-team therapist sees."""

from tests.api.alerting import alerts, notifications, registered_days_ago, scan_at, utcnow


def test_a_check_due_is_resolved_by_the_assessment(api, child):
    registered_days_ago(child["id"], 60)  # in care since before the checkpoint came
    scan_at(utcnow())
    (due,) = alerts(kind="assessment_due")
    assert "developmental check was due" in due["reasons"][0]
    heard = {n["username"] for n in notifications() if str(n["alert"]) == str(due["id"])}
    assert heard == {"cw", "th"}
    assert [a["kind"] for a in api.get("th", "/api/v1/alerts").json()] == ["assessment_due"]
    assert api.get("th_other", "/api/v1/alerts").json() == []

    milestones = api.get("th", "/api/v1/milestones?age_months=6").json()
    observed = [{"milestone": m["code"], "status": "not_yet"} for m in milestones[:1]] + [
        {"milestone": m["code"], "status": "achieved"} for m in milestones[1:]]
    made = api.post("th", f"/api/v1/children/{child['id']}/assessments",
                    json={"assessed_on": utcnow().date().isoformat(), "observations": observed})
    assert made.status_code == 201, made.text
    scan_at(utcnow())
    (due,) = alerts(kind="assessment_due")
    assert due["status"] == "resolved" and due["resolved_note"].startswith("Resolved: a developmental check was recorded on ")
    (concern,) = api.get("th", "/api/v1/alerts?kind=developmental_concern").json()
    assert milestones[0]["code"] in concern["reasons"][0] and concern["severity"] == "warning"
    acked = api.post("th", f"/api/v1/alerts/{concern['id']}/acknowledge", json={"note": "Seeing her next week."})
    assert acked.status_code == 200
