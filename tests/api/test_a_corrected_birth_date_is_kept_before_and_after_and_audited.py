"""Correcting a child's details keeps each changed field before and after, with who changed it,
beside the request's audit entry (same actor, same instant); nothing is kept when nothing
differs."""

from care_plans.lifecycle_tables import ChildChange
from service.audit.tables import AuditEntry
from tests.conftest import run


def test_a_birth_date_correction_is_kept_before_and_after(api, child):
    done = api.patch("cw", f"/api/v1/children/{child['id']}", json={"birth_date": "2026-02-01",
                                                                     "birth_date_estimated": False})
    assert done.status_code == 200, done.text
    assert done.json()["birth_date"] == "2026-02-01"
    rows = run(ChildChange.select().where(ChildChange.child == child["id"]).order_by(ChildChange.field))
    assert [(r["field"], r["before"], r["after"]) for r in rows] == [
        ("birth_date", "2026-03-14", "2026-02-01"), ("birth_date_estimated", "True", "False")]
    audited = run(AuditEntry.select(AuditEntry.at, AuditEntry.actor).where(
        (AuditEntry.action == "child.update") & (AuditEntry.child_id == child["id"])))
    assert [a["actor"] for a in audited] == ["cw"]
    assert {r["changed_at"] for r in rows} == {audited[0]["at"]}  # the same instant as its entry
    listed = api.get("th", f"/api/v1/children/{child['id']}/changes").json()
    assert {c["field"] for c in listed} == {"birth_date", "birth_date_estimated"}
    assert listed[0]["changed_by"] == "cw"


def test_a_correction_that_changes_nothing_keeps_nothing(api, child):
    same = api.patch("cw", f"/api/v1/children/{child['id']}", json={"display_name": "Baby A"})
    assert same.status_code == 200
    assert run(ChildChange.count()) == 0


def test_a_case_is_not_closed_by_changing_its_status(api, child):
    refused = api.patch("cw", f"/api/v1/children/{child['id']}", json={"status": "closed"})
    assert refused.status_code == 400
    assert {e["field"] for e in refused.json()["errors"]} == {"status"}
    assert api.get("cw", f"/api/v1/children/{child['id']}").json()["status"] == "active"


def test_the_page_form_corrects_a_birth_date(api, child):
    page = api.get("cw", f"/children/{child['id']}/edit")
    assert page.status_code == 200
    assert 'value="2026-03-14"' in page.text
