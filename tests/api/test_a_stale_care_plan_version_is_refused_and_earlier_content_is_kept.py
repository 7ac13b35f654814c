"""PATCH carries the version it was based on: a stale one is a 409 that changes nothing; a
fresh one bumps the version and keeps the earlier content as a revision."""

import datetime as dt

from care_plans.tables import CarePlan, CarePlanRevision
from tests.api.plans import approved, draft
from tests.conftest import run


def test_a_fresh_version_is_accepted_and_bumped(api, child):
    plan = draft(api, child)
    changed = api.patch("cw", f"/api/v1/care-plans/{plan['id']}", json={
        "version": 1, "services": ["speech therapy"]})
    assert changed.status_code == 200
    assert (changed.json()["version"], changed.json()["services"]) == (2, ["speech therapy"])


def test_a_stale_version_is_a_409_and_changes_nothing(api, child):
    plan = draft(api, child)
    api.patch("cw", f"/api/v1/care-plans/{plan['id']}", json={"version": 1, "services": ["a"]})
    stale = api.patch("sup", f"/api/v1/care-plans/{plan['id']}", json={"version": 1, "services": ["b"]})
    assert stale.status_code == 409
    assert [e["field"] for e in stale.json()["errors"]] == ["version"]
    row = run(CarePlan.select(CarePlan.version, CarePlan.services).output(load_json=True).first())
    assert row == {"version": 2, "services": ["a"]}
    assert run(CarePlanRevision.count()) == 1


def test_the_earlier_content_is_kept_as_a_revision(api, child):
    plan = draft(api, child)
    api.patch("cw", f"/api/v1/care-plans/{plan['id']}", json={
        "version": 1, "goals": [{"domain": "health", "description": "Dental check"}]})
    revision = run(CarePlanRevision.select().output(load_json=True).first())
    assert revision["version"] == 1
    assert [g["domain"] for g in revision["content"]["goals"]] == ["safety", "education"]
    assert revision["content"]["child_views"] == plan["child_views"]


def test_a_change_sends_a_submitted_plan_back_to_draft(api, child):
    plan = draft(api, child)
    version = api.post("cw", f"/api/v1/care-plans/{plan['id']}/submit").json()["version"]
    changed = api.patch("cw", f"/api/v1/care-plans/{plan['id']}", json={
        "version": version, "review_every_days": 90})
    assert changed.json()["status"] == "draft"


def test_an_approved_plan_is_changed_by_drafting_a_new_one(api, child):
    plan = approved(api, child)
    refused = api.patch("cw", f"/api/v1/care-plans/{plan['id']}", json={
        "version": plan["version"], "services": ["x"]})
    assert refused.status_code == 409
    assert run(CarePlanRevision.count()) == 0


def test_a_version_too_large_to_store_is_a_400_naming_it(api, child):
    plan = draft(api, child)
    for version in (2**31, 2**63, 2**64):
        refused = api.patch("cw", f"/api/v1/care-plans/{plan['id']}", json={"version": version, "services": ["x"]})
        assert refused.status_code == 400, refused.text
        assert [e["field"] for e in refused.json()["errors"]] == ["version"]
    assert run(CarePlan.select(CarePlan.version).output(as_list=True)) == [1]


def test_goal_dates_decades_away_are_refused_by_goal(api, child):
    goals = [{"domain": "health", "description": "Hearing test", "target_date": (dt.date.today() + dt.timedelta(days=60)).isoformat()},
             {"domain": "education", "description": "School place", "target_date": "9999-12-31"},
             {"domain": "identity", "description": "Passport", "target_date": "0001-01-01"}]
    refused = api.post("cw", f"/api/v1/children/{child['id']}/care-plans",
                       json={"goals": goals, "child_views": "I like my school"})
    assert refused.status_code == 400, refused.text
    assert {e["field"] for e in refused.json()["errors"]} == {"goals[1].target_date", "goals[2].target_date"}
    plan = draft(api, child)
    changed = api.patch("cw", f"/api/v1/care-plans/{plan['id']}", json={"version": 1, "goals": goals[1:2]})
    assert changed.status_code == 400 and changed.json()["errors"][0]["field"] == "goals[0].target_date"
    assert run(CarePlan.select(CarePlan.version).output(as_list=True)) == [1]


def test_a_patch_with_only_the_version_changes_nothing(api, child):
    plan = draft(api, child)
    refused = api.patch("cw", f"/api/v1/care-plans/{plan['id']}", json={"version": 1})
    assert refused.status_code == 400 and refused.json()["errors"][0]["field"] == "body"
    assert run(CarePlan.select(CarePlan.version).output(as_list=True)) == [1]
    assert run(CarePlanRevision.count()) == 0
