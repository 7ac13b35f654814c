"""Pages leave the same audit trail as their JSON twins: opening a child's page records each
part read, and a change made through a form records the change, by the person who made it."""

from playwright.sync_api import expect

from service.audit.tables import AuditEntry
from tests.browser.conftest import db


def _actions(child_id: str, actor: str) -> list[str]:
    rows = db(AuditEntry.select(AuditEntry.action).where(
        (AuditEntry.child_id == child_id) & (AuditEntry.actor == actor)))
    return sorted(r["action"] for r in rows)


def test_every_page_read_and_write_of_a_child_is_audited(api, open_as):
    child = api.post("cw", "/api/v1/children", {"display_name": "Ivo", "birth_date": "2010-10-10"})
    api.post("cw", f"/api/v1/children/{child['id']}/care-team", {"username": "th"})

    therapist = open_as("th")
    therapist.goto(f"/children/{child['id']}")
    expect(therapist.get_by_role("heading", name="Ivo")).to_be_visible()
    read = _actions(child["id"], "th")
    assert {"child.list", "child.read", "placement.list", "check_in.list", "missing.list",
            "care_plan.list"} <= set(read)

    caseworker = open_as("cw")
    caseworker.goto(f"/children/{child['id']}/missing/new")
    caseworker.get_by_role("button", name="Record missing episode").click()
    expect(caseworker.get_by_role("status")).to_contain_text("missing episode is recorded")
    assert "missing.create" in _actions(child["id"], "cw")
