"""Past 5 years the CDC checklists end but a developmental check still falls due every 6
months: the review is recorded in words, with no milestones, and it clears the check that
was due. Without words it is refused, naming the notes; under 5 milestones are still needed."""

from milestones.tables import Assessment
from tests.api.alerting import alerts, registered_days_ago, scan_at, utcnow
from tests.api.development import months_ago, register, today
from tests.conftest import run


def review(api, child_id: str, notes: str):
    return api.post("th", f"/api/v1/children/{child_id}/assessments",
                    json={"assessed_on": today().isoformat(), "observations": [], "notes": notes})


def test_a_review_in_words_clears_the_check_that_was_due(api):
    child_id = register(api, months_ago(75))
    registered_days_ago(child_id, 60)  # in care when the check fell due
    scan_at(utcnow())
    assert [a["status"] for a in alerts(kind="assessment_due")] == ["open"]

    refused = review(api, child_id, "   ")
    assert refused.status_code == 400 and [e["field"] for e in refused.json()["errors"]] == ["notes"]
    assert run(Assessment.count()) == 0

    made = review(api, child_id, "Reads with her carer nightly; making friends at school.")
    assert made.status_code == 201, made.text
    assert made.json()["observations"] == []
    assert api.get("cw", f"/api/v1/children/{child_id}/development.png").status_code == 200
    listed = api.get("th", f"/api/v1/children/{child_id}/assessments").json()
    assert [a["notes"] for a in listed] == ["Reads with her carer nightly; making friends at school."]
    assert api.get("th", f"/api/v1/children/{child_id}/development/chart-data").json()["points"] == []
    scan_at(utcnow())
    assert [a["status"] for a in alerts(kind="assessment_due")] == ["resolved"]


def test_under_five_words_alone_are_not_an_assessment(api):
    child_id = register(api, months_ago(30))
    refused = review(api, child_id, "Playing well.")
    assert refused.status_code == 400 and [e["field"] for e in refused.json()["errors"]] == ["observations"]
    assert run(Assessment.count()) == 0
