"""A form post without its CSRF token and a request without a valid sign-in (no token, or an
unknown one) are refused and kept in the audit trail, so probing leaves a trace."""

from service.audit.tables import AuditEntry
from tests.conftest import run


def _entries(action: str) -> list[dict]:
    return run(AuditEntry.select().where(AuditEntry.action == action))


def test_a_form_post_without_its_csrf_token_is_audited(api, child):
    refused = api.post("cw", f"/children/{child['id']}/care-team", data={"username": "th_other"})
    assert refused.status_code == 403
    [entry] = _entries("access.csrf_refused")
    assert (entry["actor"], entry["record_id"]) == ("cw", f"POST /children/{child['id']}/care-team")


def test_a_request_without_a_valid_token_is_audited(api):
    assert api.client.get("/api/v1/children").status_code == 401
    assert api.client.get("/api/v1/children", headers={"Authorization": "Bearer not-a-token"}).status_code == 401
    entries = _entries("access.unauthenticated")
    assert [(e["actor"], e["record_id"]) for e in entries] == [("(not signed in)", "GET /api/v1/children")] * 2
