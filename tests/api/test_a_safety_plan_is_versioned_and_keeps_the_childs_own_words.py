"""A safety plan is written with the child and kept version by version: each keeps the child's
own words as written, a stale version is refused, words (or why there are none) are required,
and writing a version does the open safety-plan review that a return or a move brought."""

import datetime as dt

from care_plans.tables import SafetyPlan
from tests.api.duties import ago, by_kind, came_back, tasks, went_missing
from tests.conftest import run

WORDS = "I feel safe when I can call Amira. I don't want to go back to the market."


def write(api, child_id, version, **fields):
    return api.post("cw", f"/api/v1/children/{child_id}/safety-plan", json={"version": version, **fields})


def test_versions_keep_the_childs_words_and_a_stale_one_is_refused(api, child):
    first = write(api, child["id"], 0, child_words=WORDS, safe_people="Amira (foster carer)")
    assert first.status_code == 201, first.text
    assert first.json()["version"] == 1 and first.json()["child_words"] == WORDS

    second = write(api, child["id"], 1, child_words="Now I also feel safe at school.", if_missing="Call Amira first.")
    assert second.status_code == 201 and second.json()["version"] == 2
    stale = write(api, child["id"], 1, child_words="late writer")
    assert stale.status_code == 409 and stale.json()["errors"][0]["field"] == "version"

    versions = api.get("sup", f"/api/v1/children/{child['id']}/safety-plan/versions").json()
    assert [v["version"] for v in versions] == [2, 1]
    assert versions[1]["child_words"] == WORDS and versions[1]["safe_people"] == "Amira (foster carer)"
    assert run(SafetyPlan.count()) == 2
    assert "Now I also feel safe at school." in api.get("cw", f"/children/{child['id']}").text


def test_the_childs_words_or_why_not_are_required(api, child):
    refused = write(api, child["id"], 0, warning_signs="Goes quiet")
    assert refused.status_code == 400 and refused.json()["errors"][0]["field"] == "child_words"
    assert run(SafetyPlan.count()) == 0
    assert write(api, child["id"], 0, child_words_not_obtained_reason="Too upset to talk today").status_code == 201


def test_a_return_brings_a_review_that_the_next_version_does(api, child):
    episode = went_missing(api, child["id"], ago(10))
    came_back(api, child["id"], episode, ago(1))
    review = by_kind(tasks(api, child["id"]))["safety_plan_review"]
    assert review["done_at"] is None
    assert dt.datetime.fromisoformat(review["due_at"]) - dt.datetime.fromisoformat(
        by_kind(tasks(api, child["id"]))["return_interview"]["due_at"]) == dt.timedelta(days=7) - dt.timedelta(hours=72)
    assert write(api, child["id"], 0, child_words=WORDS).status_code == 201
    done = by_kind(tasks(api, child["id"]))["safety_plan_review"]
    assert done["done_at"] and done["done_by"] == "cw" and "version 1" in done["outcome"]


def test_a_placement_move_brings_a_review(api, child):
    today = dt.date.today().isoformat()
    place = {"kind": "foster", "started_on": today, "planned": True}
    api.post("cw", f"/api/v1/children/{child['id']}/placements", json=place)
    assert "safety_plan_review" not in by_kind(tasks(api, child["id"]))  # a first placement is no move
    api.post("cw", f"/api/v1/children/{child['id']}/placements", json={**place, "kind": "kinship"})
    assert "safety_plan_review" in by_kind(tasks(api, child["id"]))
