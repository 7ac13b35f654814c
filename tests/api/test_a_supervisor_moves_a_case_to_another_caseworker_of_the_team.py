"""The team's supervisor moves a child to another caseworker of the team: the child leaves the
old caseload and joins the new one, the move is kept before and after and audited, and the
scan's changed mark is set. A caseworker cannot move a case; another team's caseworker is refused."""

from care_plans.lifecycle_tables import ChildChange
from care_plans.tables import Child
from service.audit.tables import AuditEntry
from tests.api.lifecycle import a_second_caseworker_in_north
from tests.conftest import run


def test_the_supervisor_moves_the_case(api, child):
    second = a_second_caseworker_in_north()
    run(Child.update({Child.changed: False}).where(Child.id == child["id"]))
    moved = api.post("sup", f"/api/v1/children/{child['id']}/reassign", json={"caseworker": second})
    assert moved.status_code == 200, moved.text
    assert moved.json()["caseworker"] == second
    assert [c["id"] for c in api.get("cw", "/api/v1/children").json()] == []
    row = run(Child.select(Child.changed, Child.caseworker.username.as_alias("cw")).where(
        Child.id == child["id"]).first())
    assert row == {"changed": True, "cw": second}
    kept = run(ChildChange.select(ChildChange.field, ChildChange.before, ChildChange.after))
    assert kept == [{"field": "caseworker", "before": "cw", "after": second}]
    assert run(AuditEntry.exists().where((AuditEntry.action == "child.reassign") & (AuditEntry.actor == "sup")))


def test_a_caseworker_may_not_move_a_case(api, child):
    second = a_second_caseworker_in_north()
    assert api.post("cw", f"/api/v1/children/{child['id']}/reassign", json={"caseworker": second}).status_code == 403
    assert api.patch("cw", f"/api/v1/children/{child['id']}", json={"caseworker": second}).status_code == 403


def test_a_caseworker_of_another_team_is_refused(api, child):
    refused = api.post("sup", f"/api/v1/children/{child['id']}/reassign", json={"caseworker": "cw_other"})
    assert refused.status_code == 400
    assert {e["field"] for e in refused.json()["errors"]} == {"caseworker"}
    assert run(ChildChange.count()) == 0


def test_the_page_form_moves_the_case(api, child):
    second = a_second_caseworker_in_north()
    page = api.get("sup", f"/children/{child['id']}")
    assert 'action="/children/' in page.text and "Move the case to" in page.text
