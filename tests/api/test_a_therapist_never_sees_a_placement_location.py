"""A placement's location is for the child's caseworker and their supervisor only."""

from care_plans.tables import Placement
from tests.conftest import run

SECRET = "Flat 3, 14 Rowan Terrace"


def place(api, child):
    created = api.post("cw", f"/api/v1/children/{child['id']}/placements", json={
        "kind": "foster", "started_on": "2026-04-01", "planned": True, "location": SECRET})
    assert created.status_code == 201, created.text
    return created.json()


def test_the_caseworker_and_supervisor_see_it(api, child):
    assert place(api, child)["location"] == SECRET
    for who in ("cw", "sup"):
        listed = api.get(who, f"/api/v1/children/{child['id']}/placements")
        assert [p["location"] for p in listed.json()] == [SECRET]


def test_the_therapist_on_the_care_team_sees_the_placement_but_not_where(api, child):
    place(api, child)
    listed = api.get("th", f"/api/v1/children/{child['id']}/placements")
    assert listed.status_code == 200
    assert [p["kind"] for p in listed.json()] == ["foster"]
    assert "location" not in listed.json()[0]
    assert SECRET not in listed.text


def test_nor_does_an_admin_breaking_glass(api, child):
    place(api, child)
    listed = api.get("admin", f"/api/v1/children/{child['id']}/placements",
                     params={"reason": "audit request 17 from the court"})
    assert listed.status_code == 200
    assert SECRET not in listed.text


def test_the_therapist_may_not_record_a_placement(api, child):
    refused = api.post("th", f"/api/v1/children/{child['id']}/placements", json={
        "kind": "shelter", "started_on": "2026-04-01", "planned": False})
    assert refused.status_code == 403
    assert run(Placement.count()) == 0
