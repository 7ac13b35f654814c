"""The team's supervisor can return a submitted care plan to the caseworker with a comment: a
state of its own (`returned`), audited, and shown on the caseworker's page. A blank comment is
a 400 naming `comment`, a plan not waiting for approval a 409, anyone but the team's supervisor
is refused; none of these writes anything. The caseworker revises the plan and submits it
again, and the supervisor can then approve it."""

import html

from care_plans.tables import CarePlan
from service.audit.tables import AuditEntry
from tests.api.plans import draft
from tests.conftest import run


def submitted(api, child) -> dict:
    plan = draft(api, child)
    sent = api.post("cw", f"/api/v1/care-plans/{plan['id']}/submit")
    assert sent.status_code == 200
    return sent.json()


def returns(api, who, plan_id, comment):
    return api.post(who, f"/api/v1/care-plans/{plan_id}/return", json={"comment": comment})


def stored(plan_id) -> dict:
    return run(CarePlan.select(CarePlan.status, CarePlan.version, CarePlan.return_comment)
               .where(CarePlan.id == plan_id).first())


def test_refusals_write_nothing(api, child):
    plan = submitted(api, child)
    before, trail = stored(plan["id"]), run(AuditEntry.count())
    blank = returns(api, "sup", plan["id"], "   ")
    assert blank.status_code == 400 and [e["field"] for e in blank.json()["errors"]] == ["comment"]
    assert returns(api, "cw", plan["id"], "Fine by me").status_code == 403
    assert returns(api, "sup_other", plan["id"], "Not mine").status_code == 404
    assert stored(plan["id"]) == before and before["status"] == "submitted"
    assert run(AuditEntry.count()) == trail + 2  # the two refusals, and nothing else

    still_draft = draft(api, child)
    conflict = returns(api, "sup", still_draft["id"], "Too early")
    assert conflict.status_code == 409 and stored(still_draft["id"])["status"] == "draft"


def test_a_returned_plan_is_revised_resubmitted_and_approved(api, child):
    plan = submitted(api, child)
    comment = "Please add how school transport will work."
    sent_back = returns(api, "sup", plan["id"], comment)
    assert sent_back.status_code == 200, sent_back.text
    body = sent_back.json()
    assert (body["status"], body["return_comment"], body["returned_by"]) == ("returned", comment, "sup")
    assert body["version"] == plan["version"] + 1
    entry = run(AuditEntry.select().where(AuditEntry.action == "care_plan.return").first())
    assert (entry["actor"], entry["child_id"], entry["record_id"]) == ("sup", child["id"], plan["id"])

    page = html.unescape(api.get("cw", f"/children/{child['id']}").text)
    assert "returned to the caseworker" in page and comment in page and "Returned by sup" in page
    assert "Submit again for approval" in page
    assert returns(api, "sup", plan["id"], "Again").status_code == 409  # no longer waiting

    revised = api.patch("cw", f"/api/v1/care-plans/{plan['id']}", json={
        "version": body["version"], "services": ["trauma-focused therapy", "school taxi each weekday"]})
    assert revised.status_code == 200 and revised.json()["status"] == "draft"
    again = api.post("cw", f"/api/v1/care-plans/{plan['id']}/submit")
    assert again.status_code == 200 and again.json()["status"] == "submitted"
    approved = api.post("sup", f"/api/v1/care-plans/{plan['id']}/approve")
    assert approved.status_code == 200 and approved.json()["status"] == "active"
    assert approved.json()["return_comment"] == comment  # the record keeps what was asked
