"""A skill observed achieved and later "not yet" is a regression, and always a concern; the
latest observation of a milestone is the one that counts."""

from tests.api.development import assess, months_ago, register


def test_a_lost_skill_is_a_regression_and_a_concern(api):
    child_id = register(api, months_ago(14))
    assess(api, child_id, months_ago(3), {"M09-LC-1": "achieved", "M12-LC-1": "emerging"})
    assess(api, child_id, months_ago(0), {"M09-LC-1": "not_yet", "M12-LC-1": "achieved"})
    body = api.get("th", f"/api/v1/children/{child_id}/development").json()
    assert [r["code"] for r in body["regressions"]] == ["M09-LC-1"]
    assert body["regressions"][0]["domain"] == "language_communication"
    assert [c["code"] for c in body["concerns"]] == ["M09-LC-1"]
    assert body["advice"] is not None
    language = next(d for d in body["domains"] if d["domain"] == "language_communication")
    assert (language["achieved"], language["not_yet"], language["emerging"]) == (1, 1, 0)


def test_not_yet_then_achieved_is_no_concern(api):
    child_id = register(api, months_ago(14))
    assess(api, child_id, months_ago(3), {"M09-LC-1": "not_yet"})
    assess(api, child_id, months_ago(0), {"M09-LC-1": "achieved"})
    body = api.get("th", f"/api/v1/children/{child_id}/development").json()
    assert body["concerns"] == [] and body["regressions"] == [] and body["advice"] is None


def test_a_skill_lost_before_its_checkpoint_is_still_a_regression(api):
    child_id = register(api, months_ago(10))
    assess(api, child_id, months_ago(1), {"M12-MV-1": "achieved"})
    assess(api, child_id, months_ago(0), {"M12-MV-1": "not_yet"})
    body = api.get("th", f"/api/v1/children/{child_id}/development").json()
    assert [r["code"] for r in body["regressions"]] == ["M12-MV-1"]
    assert [c["code"] for c in body["concerns"]] == ["M12-MV-1"]


def test_over_five_there_are_no_checklist_items_and_the_summary_says_so(api):
    child_id = register(api, months_ago(75))
    body = api.get("cw", f"/api/v1/children/{child_id}/development").json()
    assert body["domains"] == [] and body["concerns"] == []
    assert "care plan" in body["beyond_checklist"]
