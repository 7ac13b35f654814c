"""GET /api/v1/audit: a supervisor reads their team's children's entries, an admin all of
them; nobody else reads the trail."""


def other_teams_child(api):
    created = api.post("cw_other", "/api/v1/children", json={"display_name": "D", "birth_date": "2014-04-04"})
    assert created.status_code == 201
    return created.json()["id"]


def test_entries_name_the_actor_action_record_time_and_source(api, child):
    api.get("th", f"/api/v1/children/{child['id']}")
    listed = api.get("sup", "/api/v1/audit", params={"child_id": child["id"]})
    assert listed.status_code == 200
    read = next(e for e in listed.json() if e["action"] == "child.read")
    assert (read["actor"], read["actor_role"], read["record_type"], read["record_id"], read["child_id"]) == (
        "th", "therapist", "child", child["id"], child["id"])
    assert read["at"] and read["source"]
    assert {e["action"] for e in listed.json()} >= {"child.register", "care_team.add", "child.read"}


def test_a_supervisor_sees_only_their_teams_children(api, child):
    other = other_teams_child(api)
    assert api.get("sup", "/api/v1/audit", params={"child_id": other}).status_code == 404
    everything = api.get("sup", "/api/v1/audit").json()
    assert {e["child_id"] for e in everything} == {child["id"]}


def test_an_admin_reads_the_whole_trail(api, child):
    other = other_teams_child(api)
    everything = api.get("admin", "/api/v1/audit").json()
    assert {e["child_id"] for e in everything} == {child["id"], other}
    one = api.get("admin", "/api/v1/audit", params={"child_id": other}).json()
    assert {e["child_id"] for e in one} == {other}


def test_caseworkers_therapists_and_strangers_cannot(api, child):
    for who in ("cw", "th"):
        assert api.get(who, "/api/v1/audit").status_code == 403
    assert api.get(None, "/api/v1/audit").status_code == 401
    assert api.get("sup", "/api/v1/audit", params={"child_id": "not-an-id"}).status_code == 404
