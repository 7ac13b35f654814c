"""A review says of each goal of the plan whether it was met, partly met, not yet met or is no
longer relevant, with a note: kept per goal with the goal's words, given back in the review's
JSON and on the child's page. A finding that is not one of the choices, or a goal the plan does
not have, is a 400 naming it, and nothing is written. The child's views stay required."""

import datetime as dt
import re

from care_plans.tables import Review
from service.audit.tables import AuditEntry
from tests.api.plans import approved
from tests.conftest import run

TODAY = dt.datetime.now(dt.timezone.utc).date().isoformat()
REVIEW = {"reviewed_on": TODAY, "summary": "Settling well", "child_views": "I like my room"}
FOUND = [{"outcome": "met", "note": "Settled since spring"},
         {"outcome": "not_yet", "note": "Misses Mondays; the school bus helps"}]


def fields(response) -> set[str]:
    assert response.status_code == 400, response.text
    return {e["field"] for e in response.json()["errors"]}


def test_each_goals_finding_is_kept_and_shown(api, child):
    plan = approved(api, child)
    made = api.post("cw", f"/api/v1/care-plans/{plan['id']}/reviews", json={**REVIEW, "goals": FOUND})
    assert made.status_code == 201, made.text
    expected = [{"position": 0, "domain": "safety", "description": "Settled in a safe placement", **FOUND[0]},
                {"position": 1, "domain": "education", "description": "Attends school every day", **FOUND[1]}]
    assert made.json()["goals"] == expected
    assert api.get("cw", f"/api/v1/care-plans/{plan['id']}/reviews").json()[0]["goals"] == expected
    page = api.get("cw", f"/children/{child['id']}")
    assert page.status_code == 200
    assert "Misses Mondays; the school bus helps" in page.text and "Not yet" in page.text


def test_a_review_without_findings_keeps_each_goal_unsaid(api, child):
    plan = approved(api, child)
    made = api.post("cw", f"/api/v1/care-plans/{plan['id']}/reviews", json=REVIEW)
    assert made.status_code == 201, made.text
    assert [g["outcome"] for g in made.json()["goals"]] == [None, None]


def test_bad_findings_are_named_and_nothing_is_written(api, child):
    plan = approved(api, child)
    url = f"/api/v1/care-plans/{plan['id']}/reviews"
    bad = [FOUND[0], {"outcome": "failed"}]
    assert fields(api.post("cw", url, json={**REVIEW, "goals": bad})) == {"goals[1].outcome"}
    assert fields(api.post("cw", url, json={**REVIEW, "goals": [*FOUND, FOUND[0]]})) == {"goals[2]"}
    assert fields(api.post("cw", url, json={**REVIEW, "child_views": "", "goals": FOUND})) == {"child_views"}
    assert run(Review.count()) == 0
    assert run(AuditEntry.count().where(AuditEntry.action == "review.create")) == 0


def _form_post(api, plan_id: str, values: dict):
    form = api.get("cw", f"/care-plans/{plan_id}/reviews/new")
    assert form.status_code == 200 and "Attends school every day" in form.text
    token = re.search(r'name="_csrf_token" value="([^"]+)"', form.text).group(1)
    return api.client.post(f"/care-plans/{plan_id}/reviews/new", data=values, follow_redirects=False,
                           headers={**api._headers("cw"), "x-csrftoken": token})


def test_the_review_form_asks_about_each_goal_and_names_a_bad_answer(api, child):
    plan = approved(api, child)
    values = {**REVIEW, "goals[0].outcome": "partly", "goals[0].note": "Two good weeks",
              "goals[1].outcome": "failed", "goals[1].note": ""}
    refused = _form_post(api, plan["id"], values)
    assert refused.status_code == 400 and 'id="goals[1].outcome-error"' in refused.text
    assert run(Review.count()) == 0
    saved = _form_post(api, plan["id"], {**values, "goals[1].outcome": ""})
    assert saved.status_code == 303, saved.text
    found = api.get("cw", f"/api/v1/care-plans/{plan['id']}/reviews").json()[0]["goals"]
    assert [(g["outcome"], g["note"]) for g in found] == [("partly", "Two good weeks"), (None, "")]
