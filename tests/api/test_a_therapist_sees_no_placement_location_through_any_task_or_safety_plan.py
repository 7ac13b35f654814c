"""Placement locations are for the child's caseworker and supervisor alone: a therapist on the
care team sees the tasks and the safety plan, but no safe places, no report reference and no
location written into any other field, in the JSON or on the page."""

import datetime as dt

from tests.api.duties import ago, by_kind, came_back, tasks, went_missing

PLACE = "14 Larch Close, Leeds"


def test_no_location_reaches_a_therapist(api, child):
    cid = child["id"]
    api.post("cw", f"/api/v1/children/{cid}/placements", json={
        "kind": "foster", "started_on": dt.date.today().isoformat(), "planned": True, "location": PLACE})
    episode = went_missing(api, cid, ago(6))
    police = by_kind(tasks(api, cid))["police_report"]
    api.post("cw", f"/api/v1/children/{cid}/tasks/{police['id']}/done",
             json={"reference": "WYP-77", "outcome": f"Officers checked {PLACE.upper()} and the park."})
    came_back(api, cid, episode, ago(1))
    api.post("cw", f"/api/v1/children/{cid}/safety-plan", json={
        "version": 0, "child_words": f"Home is {PLACE}; I want to stay there.",
        "safe_places": PLACE, "if_missing": f"Carers at {PLACE} call the police."})

    as_caseworker = api.get("cw", f"/api/v1/children/{cid}/safety-plan/versions").text
    assert PLACE in as_caseworker  # the case holders see it all

    seen = [api.get("th", f"/api/v1/children/{cid}/tasks"),
            api.get("th", f"/api/v1/children/{cid}/safety-plan/versions"),
            api.get("th", f"/children/{cid}")]
    assert [r.status_code for r in seen] == [200, 200, 200]
    for response in seen:
        assert PLACE.lower() not in response.text.lower()
        assert "Larch Close" not in response.text
    (plan,) = seen[1].json()
    assert plan.get("safe_places") is None
    assert "I want to stay there" in plan["child_words"] and "WYP-77" not in seen[0].text
    assert by_kind(seen[0].json())["police_report"]["done_by"] == "cw"
