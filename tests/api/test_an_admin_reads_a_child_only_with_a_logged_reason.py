"""Break-glass: without a reason an admin is told the child does not exist (a blank one is a
400); with one, the admin may read, and the reason is kept in the audit entry of that read."""

from service.audit.tables import AuditEntry
from tests.conftest import run

REASON = "Subject access request SAR-2027-031"


def test_without_a_reason_the_child_is_not_found(api, child):
    assert api.get("admin", f"/api/v1/children/{child['id']}").status_code == 404
    assert api.get("admin", f"/api/v1/children/{child['id']}", params={"reason": " "}).status_code == 400


def test_with_a_reason_the_read_is_allowed_and_logged_with_it(api, child):
    read = api.get("admin", f"/api/v1/children/{child['id']}", params={"reason": REASON})
    assert read.status_code == 200
    assert read.json()["case_number"] == child["case_number"]
    entry = run(AuditEntry.select().where(AuditEntry.actor == "admin").first())
    assert (entry["action"], entry["child_id"], entry["reason"]) == ("child.read", child["id"], REASON)


def test_the_reason_opens_reading_only(api, child):
    changed = api.patch("admin", f"/api/v1/children/{child['id']}?reason=x", json={"languages": []})
    assert changed.status_code == 403
    assert api.get("admin", "/api/v1/children", params={"reason": REASON}).json() == []


def test_a_reason_does_not_widen_anyone_elses_scope(api, child):
    assert api.get("cw_other", f"/api/v1/children/{child['id']}", params={"reason": REASON}).status_code == 404


def test_an_unknown_child_is_still_not_found(api):
    missing = "7d69824a-f138-441f-8e18-b78230207302"
    assert api.get("admin", f"/api/v1/children/{missing}", params={"reason": REASON}).status_code == 404
