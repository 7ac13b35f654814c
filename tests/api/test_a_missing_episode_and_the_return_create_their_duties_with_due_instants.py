"""Opening a missing episode creates its duties as tasks due by the deployment's deadlines: the
police report, the national report, telling the supervisor; the return adds the return
interview (72 hours), the trafficking screen and the safety plan's review. Done tasks keep who,
when and the reference or outcome, audited; a report without its reference is refused."""

import datetime as dt

from care_plans.tables import Task
from service.audit.tables import AuditEntry
from tests.api.duties import ago, by_kind, came_back, tasks, went_missing
from tests.conftest import run


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


def test_the_episode_brings_the_reports_and_the_return_brings_the_follow_up(api, child):
    went = ago(5)
    episode = went_missing(api, child["id"], went)
    opened = by_kind(tasks(api, child["id"]))
    assert set(opened) == {"police_report", "national_report", "tell_supervisor"}
    assert at(opened["police_report"]["due_at"]) == went + dt.timedelta(hours=24)
    assert at(opened["national_report"]["due_at"]) == went + dt.timedelta(hours=24)
    assert "NCMEC" in opened["national_report"]["title"]
    assert at(opened["tell_supervisor"]["due_at"]) == went + dt.timedelta(hours=2)
    assert opened["tell_supervisor"]["overdue"] and not opened["police_report"]["overdue"]
    assert all(t["episode_id"] == episode and "P.L. 113-183" in t["source"]
               for t in opened.values() if t["kind"] != "tell_supervisor")

    back = ago(1)
    came_back(api, child["id"], episode, back)
    after = by_kind(tasks(api, child["id"]))
    assert at(after["return_interview"]["due_at"]) == back + dt.timedelta(hours=72)
    assert "72 hours" in after["return_interview"]["source"]
    assert {"trafficking_screen", "safety_plan_review"} <= set(after)


def test_a_report_is_done_with_its_reference_and_kept_with_who_and_when(api, child):
    went_missing(api, child["id"], ago(3))
    police = by_kind(tasks(api, child["id"]))["police_report"]
    path = f"/api/v1/children/{child['id']}/tasks/{police['id']}/done"

    refused = api.post("cw", path, json={"outcome": "rang them"})
    assert refused.status_code == 400 and refused.json()["errors"][0]["field"] == "reference"
    assert api.post("th", path, json={"reference": "X"}).status_code == 403
    assert api.post("cw_other", path, json={"reference": "X"}).status_code == 404

    done = api.post("cw", path, json={"reference": "MPS-2611-0042"})
    assert done.status_code == 200, done.text
    body = done.json()
    assert body["reference"] == "MPS-2611-0042" and body["done_by"] == "cw" and body["done_at"]
    assert api.post("sup", path, json={"reference": "again"}).status_code == 409
    (row,) = run(Task.select().where(Task.id == police["id"]))
    assert row["reference"] == "MPS-2611-0042" and row["done_at"] is not None
    audited = run(AuditEntry.select(AuditEntry.action).where(AuditEntry.record_id == police["id"]))
    assert [a["action"] for a in audited] == ["task.complete"]


def test_a_deployment_without_a_national_body_gets_no_national_report(api, child, monkeypatch):
    import dataclasses

    settings = api.client.app.state.settings
    monkeypatch.setattr(api.client.app.state, "settings", dataclasses.replace(settings, missing_national_body=""))
    went_missing(api, child["id"], ago(1))
    assert set(by_kind(tasks(api, child["id"]))) == {"police_report", "tell_supervisor"}
