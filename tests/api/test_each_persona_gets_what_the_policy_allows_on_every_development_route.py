"""Every development route by every persona: the child's caseworker and supervisor and the
therapist on the care team read; only the therapist and the supervisor record; anyone else
is told the child does not exist; no token, no entry. A refusal writes nothing, and each
read or write that succeeds leaves its audit entry."""

import pytest

from milestones.tables import Assessment
from service.audit.tables import AuditEntry
from tests.api.development import assess, months_ago, register, today
from tests.conftest import run

READS = {
    "list assessments": ("/api/v1/children/{id}/assessments", "assessment.list"),
    "development summary": ("/api/v1/children/{id}/development", "development.read"),
    "fhir bundle": ("/api/v1/children/{id}/development.fhir", "development.fhir"),
    "chart data": ("/api/v1/children/{id}/development/chart-data", "development.chart"),
    "chart png": ("/api/v1/children/{id}/development.png", "development.chart"),
    "chart svg": ("/api/v1/children/{id}/development.svg", "development.chart"),
    "contract chart png": ("/children/{id}/development.png", "development.chart"),
    "contract chart svg": ("/children/{id}/development.svg", "development.chart"),
}
READ = {"cw": 200, "sup": 200, "th": 200, "cw_other": 404, "th_other": 404, "sup_other": 404,
        "admin": 404, None: 401}
RECORD = {"cw": 403, "sup": 201, "th": 201, "cw_other": 404, "th_other": 404, "sup_other": 404,
          "admin": 403, None: 401}
PERSONAS = list(READ)


def expected(path: str, who) -> int:
    """Outside `/api`, someone not signed in is sent to the sign-in page instead of a 401."""
    return 302 if who is None and not path.startswith("/api/") else READ[who]


def audited(child_id, action) -> int:
    return run(AuditEntry.count().where((AuditEntry.child_id == child_id) & (AuditEntry.action == action)))


@pytest.mark.parametrize("who", PERSONAS, ids=lambda w: w or "anonymous")
@pytest.mark.parametrize("name", list(READS))
def test_reads(api, name, who):
    child_id = register(api, months_ago(5))
    path, action = READS[name]
    response = api.get(who, path.format(id=child_id), follow_redirects=False)
    assert response.status_code == expected(path, who), response.text
    assert audited(child_id, action) == (1 if READ[who] == 200 else 0)
    if response.status_code == 302:
        assert response.headers["location"].startswith("/login")


@pytest.mark.parametrize("who", PERSONAS, ids=lambda w: w or "anonymous")
def test_recording(api, who):
    child_id = register(api, months_ago(5))
    response = api.post(who, f"/api/v1/children/{child_id}/assessments", json={
        "assessed_on": today().isoformat(), "observations": [{"milestone": "M02-SE-1", "status": "achieved"}]})
    assert response.status_code == RECORD[who], response.text
    written = RECORD[who] == 201
    assert run(Assessment.count()) == (1 if written else 0)
    assert audited(child_id, "assessment.create") == (1 if written else 0)


def test_notes_go_to_the_care_team_and_supervisor_only(api):
    child_id = register(api, months_ago(5))
    assess(api, child_id, today(), {"M02-SE-1": "achieved"}, notes="Settles with music")
    for who, sees in (("th", True), ("sup", True), ("cw", False)):
        listed = api.get(who, f"/api/v1/children/{child_id}/assessments").json()
        assert listed[0]["observations"][0]["milestone"] == "M02-SE-1"
        assert (listed[0].get("notes") == "Settles with music") is sees, who


def test_an_admin_reads_development_only_with_a_logged_reason(api):
    child_id = register(api, months_ago(5))
    path = f"/api/v1/children/{child_id}/development"
    assert api.get("admin", path).status_code == 404
    assert api.get("admin", path, params={"reason": "Court order 2026/1477"}).status_code == 200
    entry = run(AuditEntry.select().where(AuditEntry.action == "development.read").first())
    assert entry["actor"] == "admin" and entry["reason"] == "Court order 2026/1477"


def test_an_unknown_child_is_not_found(api):
    assert api.get("cw", "/api/v1/children/not-an-id/development").status_code == 404
    assert api.get("cw", "/api/v1/children/00000000-0000-0000-0000-000000000000/development.png").status_code == 404
    assert api.get("cw", "/children/00000000-0000-0000-0000-000000000000/development.svg").status_code == 404
