"""A case chronology: check-ins, placement moves, missing episodes, plan versions, reviews and
alerts in one dated list, newest first, filterable by kind; placement locations never appear,
for a therapist or anyone."""

import datetime as dt

from tests.api.alerting import registered_days_ago, scan_at, utcnow
from tests.api.plans import approved


def _ago(hours):
    return (utcnow() - dt.timedelta(hours=hours)).isoformat()


def test_every_kind_of_event_is_listed_newest_first(api, child):
    registered_days_ago(child["id"], 40)
    scan_at(utcnow())
    cid = child["id"]
    api.post("cw", f"/api/v1/children/{cid}/placements", json={
        "kind": "kinship", "started_on": (utcnow().date() - dt.timedelta(days=3)).isoformat(),
        "planned": True, "location": "12 Secret Lane"})
    episode = api.post("cw", f"/api/v1/children/{cid}/missing-episodes", json={"went_missing_at": _ago(30)})
    api.patch("cw", f"/api/v1/children/{cid}/missing-episodes/{episode.json()['id']}", json={"returned_at": _ago(20)})
    api.post("cw", f"/api/v1/children/{cid}/check-ins", json={"occurred_at": _ago(2), "mode": "in_person",
                                                               "child_seen": True})
    plan = approved(api, child)
    api.post("cw", f"/api/v1/care-plans/{plan['id']}/reviews", json={
        "reviewed_on": utcnow().date().isoformat(), "summary": "Steady", "child_views": "Fine"})

    events = api.get("th", f"/api/v1/children/{cid}/chronology")
    assert events.status_code == 200, events.text
    listed = events.json()
    assert {e["kind"] for e in listed} == {"check_in", "placement", "missing", "plan", "review", "alert"}
    instants = [dt.datetime.fromisoformat(e["at"].replace("Z", "+00:00")) for e in listed]
    assert instants == sorted(instants, reverse=True)
    assert "Secret" not in events.text
    assert "Secret" not in api.get("cw", f"/children/{cid}/chronology").text
    assert "Secret" not in api.get("th", f"/children/{cid}/chronology").text

    only = api.get("cw", f"/api/v1/children/{cid}/chronology", params={"kind": "missing"})
    assert only.status_code == 200, only.text
    only = only.json()
    assert [e["what"] for e in only] == ["Returned to care", "Went missing from care"]
    page = api.get("cw", f"/children/{cid}/chronology", params={"kind": "missing"})
    assert page.status_code == 200 and page.text.count("Went missing from care") == 1
    assert api.get("cw", f"/api/v1/children/{cid}/chronology", params={"kind": "gossip"}).status_code == 400


def test_the_chronology_is_for_those_who_may_see_the_child(api, child):
    assert api.get("cw_other", f"/api/v1/children/{child['id']}/chronology").status_code == 404
    assert api.get("th_other", f"/children/{child['id']}/chronology").status_code == 404
