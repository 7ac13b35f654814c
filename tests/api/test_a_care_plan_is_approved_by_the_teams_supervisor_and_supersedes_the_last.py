"""Draft → submitted → active: only the supervisor of the child's team approves; the plan
before it is superseded, its review date is known, and its check-in cadence applies."""

import datetime as dt

from tests.api.plans import approved, draft


def test_a_new_plan_is_a_draft_at_version_one(api, child):
    plan = draft(api, child)
    assert (plan["status"], plan["version"]) == ("draft", 1)
    assert [g["domain"] for g in plan["goals"]] == ["safety", "education"]
    assert plan["next_review_due"] is None


def test_only_a_submitted_plan_can_be_approved(api, child):
    plan = draft(api, child)
    assert api.post("sup", f"/api/v1/care-plans/{plan['id']}/approve").status_code == 409
    submitted = api.post("cw", f"/api/v1/care-plans/{plan['id']}/submit")
    assert submitted.json()["status"] == "submitted"
    assert api.post("cw", f"/api/v1/care-plans/{plan['id']}/submit").status_code == 409


def test_the_caseworker_therapist_and_other_teams_cannot_approve(api, child):
    plan = draft(api, child)
    api.post("cw", f"/api/v1/care-plans/{plan['id']}/submit")
    url = f"/api/v1/care-plans/{plan['id']}/approve"
    assert api.post("cw", url).status_code == 403
    assert api.post("th", url).status_code == 403
    assert api.post("sup_other", url).status_code == 404
    assert api.post("admin", url).status_code == 403
    assert api.get("cw", f"/api/v1/care-plans/{plan['id']}").json()["status"] == "submitted"


def test_approval_activates_the_plan_with_its_next_review_date(api, child):
    plan = approved(api, child)
    assert plan["status"] == "active" and plan["approved_by"] == "sup"
    record = api.get("cw", f"/api/v1/children/{child['id']}").json()
    assert plan["next_review_due"] == record["next_review_due"] is not None


def test_the_plan_before_is_superseded(api, child):
    first = approved(api, child)
    second = approved(api, child)
    listed = {p["id"]: p["status"] for p in api.get("cw", f"/api/v1/children/{child['id']}/care-plans").json()}
    assert listed == {first["id"]: "superseded", second["id"]: "active"}


def test_the_plans_own_check_in_cadence_applies_to_the_child(api, child):
    approved(api, child, check_in_every_days=5)
    record = api.get("cw", f"/api/v1/children/{child['id']}").json()
    registered = dt.datetime.fromisoformat(record["registered_at"])
    assert record["check_in_every_days"] == 5
    assert dt.datetime.fromisoformat(record["check_in_due_at"]) == registered + dt.timedelta(days=5)


def test_a_step_out_of_turn_is_a_conflict_naming_the_plans_status(api, child):
    plan = draft(api, child)
    early = api.post("sup", f"/api/v1/care-plans/{plan['id']}/approve")
    assert early.status_code == 409 and early.json()["errors"] == [
        {"field": "status", "message": "is draft, not submitted"}]
    assert api.post("cw", f"/api/v1/care-plans/{plan['id']}/submit").status_code == 200
    twice = api.post("cw", f"/api/v1/care-plans/{plan['id']}/submit")
    assert twice.status_code == 409 and "waiting for approval" in twice.json()["detail"]
