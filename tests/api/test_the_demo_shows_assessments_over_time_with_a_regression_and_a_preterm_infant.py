"""The demo's development history: children under 5 with a therapist get assessments over time,
recorded and audited as the therapist; a preterm infant is observed by corrected age, and the
first child loses a skill, so the summary shows a regression. Older children get their
6-monthly developmental reviews in words, so no check is left due for them; a child with no
therapist on the care team is assessed by the team's supervisor."""

import datetime as dt

from care_plans.tables import Child
from milestones import demo
from milestones.tables import Assessment
from service.audit.tables import AuditEntry
from tests.api.alerting import alerts, scan_at, utcnow
from tests.api.development import months_ago, register
from tests.conftest import run


def registered_months_ago(child_id, months):
    at = dt.datetime.combine(months_ago(months), dt.time(9), tzinfo=dt.timezone.utc)
    run(Child.update({Child.registered_at: at}).where(Child.id == child_id))


def test_demo_assessments(api):
    preterm = register(api, months_ago(10), weeks=28)
    toddler = register(api, months_ago(30))
    older = register(api, months_ago(80))
    registered_months_ago(preterm, 5)  # first seen at 5 months chronological, 2 corrected
    for child_id in (toddler, older):
        registered_months_ago(child_id, 9)
    run(demo.fill(dt.datetime.now(dt.timezone.utc)))

    listed = api.get("th", f"/api/v1/children/{preterm}/assessments").json()
    assert len(listed) >= 2 and {a["assessed_by"] for a in listed} == {"th"}
    first = listed[-1]  # newest first
    assert {o["milestone"][:3] for o in first["observations"]} == {"M02"}  # corrected, not 4 months
    reviews = api.get("th", f"/api/v1/children/{older}/assessments").json()
    assert len(reviews) >= 2 and all(r["observations"] == [] and r["notes"] for r in reviews)
    scan_at(utcnow())
    assert alerts(child=older, kind="assessment_due") == []
    assert run(AuditEntry.count().where(AuditEntry.action == "assessment.create")) == run(Assessment.count())
    regressions = [api.get("th", f"/api/v1/children/{c}/development").json()["regressions"]
                   for c in (preterm, toddler)]
    assert any(regressions)


def test_a_child_with_no_therapist_is_assessed_by_the_teams_supervisor(api):
    created = api.post("cw", "/api/v1/children", json={
        "display_name": "No therapist yet", "birth_date": months_ago(20).isoformat()})
    child_id = created.json()["id"]
    registered_months_ago(child_id, 7)
    run(demo.fill(dt.datetime.now(dt.timezone.utc)))
    listed = api.get("sup", f"/api/v1/children/{child_id}/assessments").json()
    assert len(listed) >= 2 and {a["assessed_by"] for a in listed} == {"sup"}
