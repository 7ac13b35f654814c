"""Closing a case: the caseworker asks with a reason, the team's supervisor approves (or closes
directly). On approval every open alert of the child is resolved with that reason, and every
later write to the record is a 409 naming the status; reads go on."""

from care_plans.lifecycle_tables import CaseClosure
from care_plans.tables import Child
from scheduler.tables import Alert
from service.audit.tables import AuditEntry
from tests.api.alerting import alerts, registered_days_ago, scan_at, utcnow
from tests.conftest import run


def _errors(response) -> set[str]:
    return {e["field"] for e in response.json()["errors"]}


def test_the_caseworker_asks_and_the_supervisor_approves(api, child):
    registered_days_ago(child["id"], 40)
    scan_at(utcnow())
    raised = alerts(child=child["id"])
    assert raised and {a["status"] for a in raised} == {"open"}
    asked = api.post("cw", f"/api/v1/children/{child['id']}/closing",
                     json={"reason": "returned_to_family", "note": "Reunited with her mother."})
    assert asked.status_code == 201, asked.text
    assert asked.json()["status"] == "requested" and asked.json()["child_status"] == "active"
    assert api.post("cw", f"/api/v1/children/{child['id']}/closing/approve").status_code == 403

    approved = api.post("sup", f"/api/v1/children/{child['id']}/closing/approve")
    assert approved.status_code == 200, approved.text
    assert approved.json()["child_status"] == "closed"
    rows = run(Alert.select(Alert.status, Alert.resolved_note, Alert.resolved_by.username.as_alias("by")))
    note = "Case closed: returned to their family. Reunited with her mother."
    assert rows == [{"status": "resolved", "by": "sup", "resolved_note": note}] * len(raised)
    assert sorted(approved.json()["resolved_alerts"]) == sorted(str(a["id"]) for a in raised)
    assert run(Child.select(Child.status).first()) == {"status": "closed"}
    assert run(AuditEntry.exists().where((AuditEntry.action == "case.close") & (AuditEntry.actor == "sup")))

    scan_at(utcnow())  # the scan leaves the closed case alone: nothing reopened, no new note
    assert {a["resolved_note"] for a in alerts(child=child["id"])} == {note}


def test_every_write_to_a_closed_case_is_a_409_naming_its_status(api, child):
    assert api.post("sup", f"/api/v1/children/{child['id']}/closing", json={"reason": "turned_18"}).status_code == 201
    writes = [
        api.patch("cw", f"/api/v1/children/{child['id']}", json={"languages": ["ro"]}),
        api.post("cw", f"/api/v1/children/{child['id']}/check-ins",
                 json={"occurred_at": utcnow().isoformat(), "mode": "phone", "child_seen": True}),
        api.post("sup", f"/api/v1/children/{child['id']}/closing", json={"reason": "turned_18"}),
        api.post("sup", f"/api/v1/children/{child['id']}/risk/disagreements", json={"reason": "Too high a level", "level": "low"}),
    ]
    for refused in writes:
        assert refused.status_code == 409, refused.text
        assert "closed" in refused.text
    assert api.get("th", f"/api/v1/children/{child['id']}").status_code == 200
    page = api.get("cw", f"/children/{child['id']}")
    assert "This case is closed: turned 18" in page.text
    assert "Record a check-in" not in page.text


def test_other_needs_a_note_and_one_request_waits_at_a_time(api, child):
    bare = api.post("cw", f"/api/v1/children/{child['id']}/closing", json={"reason": "other"})
    assert bare.status_code == 400 and _errors(bare) == {"note"}
    assert api.post("cw", f"/api/v1/children/{child['id']}/closing", json={"reason": "moved_authority"}).status_code == 201
    again = api.post("cw", f"/api/v1/children/{child['id']}/closing", json={"reason": "moved_authority"})
    assert again.status_code == 409
    declined = api.post("sup", f"/api/v1/children/{child['id']}/closing/decline")
    assert declined.status_code == 200 and declined.json()["status"] == "declined"
    assert run(CaseClosure.select(CaseClosure.status).output(as_list=True)) == ["declined"]
    assert api.post("th", f"/api/v1/children/{child['id']}/closing", json={"reason": "turned_18"}).status_code == 403
