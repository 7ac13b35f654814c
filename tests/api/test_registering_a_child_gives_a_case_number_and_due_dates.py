"""Registration: who may register a child to whom, the case number, and the first due dates."""

import datetime as dt
import re

from care_plans.tables import Child
from service.audit.tables import AuditEntry
from tests.conftest import run

BABY = {"display_name": "Baby B", "birth_date": "2026-01-02", "birth_date_estimated": True,
        "gestational_age_weeks": 30, "sex": "male", "documentation_status": "none",
        "languages": ["ro"]}


def test_a_caseworker_registers_to_their_own_caseload(api):
    created = api.post("cw", "/api/v1/children", json=BABY)
    assert created.status_code == 201, created.text
    body = created.json()
    assert re.fullmatch(r"HV-\d{4}-\d{6}", body["case_number"])
    child = api.get("cw", f"/api/v1/children/{body['id']}").json()
    assert child["caseworker"] == "cw" and child["team"] == "north"
    assert child["languages"] == ["ro"] and child["gestational_age_weeks"] == 30


def test_registration_sets_the_check_in_and_first_review_due_dates(api):
    body = api.post("cw", "/api/v1/children", json=BABY).json()
    child = api.get("cw", f"/api/v1/children/{body['id']}").json()
    registered = dt.datetime.fromisoformat(child["registered_at"])
    due = dt.datetime.fromisoformat(child["check_in_due_at"])
    assert due - registered == dt.timedelta(days=14)  # medium risk until the first scan
    review = dt.date.fromisoformat(child["next_review_due"])
    assert 26 <= (review - registered.date()).days <= 28  # 20 working days


def test_case_numbers_are_sequential_and_unique(api):
    numbers = [api.post("cw", "/api/v1/children", json=BABY).json()["case_number"] for _ in range(3)]
    serials = [int(n.rsplit("-", 1)[1]) for n in numbers]
    assert serials == [serials[0], serials[0] + 1, serials[0] + 2]


def test_a_supervisor_registers_to_a_caseworker_of_their_team_only(api):
    mine = api.post("sup", "/api/v1/children", json={**BABY, "caseworker": "cw"})
    assert mine.status_code == 201
    assert api.get("cw", f"/api/v1/children/{mine.json()['id']}").status_code == 200
    other = api.post("sup", "/api/v1/children", json={**BABY, "caseworker": "cw_other"})
    assert other.status_code == 400
    assert [e["field"] for e in other.json()["errors"]] == ["caseworker"]


def test_a_caseworker_cannot_register_to_someone_else(api):
    refused = api.post("cw", "/api/v1/children", json={**BABY, "caseworker": "cw_other"})
    assert refused.status_code == 400
    assert [e["field"] for e in refused.json()["errors"]] == ["caseworker"]


def test_therapists_admins_and_strangers_cannot_register(api):
    assert api.post("th", "/api/v1/children", json=BABY).status_code == 403
    assert api.post("admin", "/api/v1/children", json=BABY).status_code == 403
    assert api.post(None, "/api/v1/children", json=BABY).status_code == 401
    assert run(Child.count()) == 0


def test_registration_is_audited_with_the_actor(api):
    body = api.post("cw", "/api/v1/children", json=BABY).json()
    rows = run(AuditEntry.select().where(AuditEntry.action == "child.register"))
    assert [(r["actor"], r["child_id"]) for r in rows] == [("cw", body["id"])]
