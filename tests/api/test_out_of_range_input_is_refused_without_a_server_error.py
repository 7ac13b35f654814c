"""Inputs a database driver would choke on are 400s that name where they were, not 500s."""

from care_plans.tables import CheckIn
from tests.conftest import run


def test_a_huge_offset_or_limit_is_a_400(api):
    for params in ({"offset": 10**20}, {"limit": 10**20}, {"limit": 0}, {"offset": -1}):
        response = api.get("cw", "/api/v1/children", params=params)
        assert response.status_code == 400, params
        assert {e["field"] for e in response.json()["errors"]} == set(params)


def test_a_nul_character_in_the_query_is_a_400(api):
    response = api.get("cw", "/api/v1/children", params={"q": "a\x00b"})
    assert response.status_code == 400
    assert response.json()["errors"] == [{"field": "query", "message": "contains a NUL character"}]


def test_a_nul_character_in_a_body_is_a_400_and_nothing_is_written(api, child):
    response = api.post("cw", f"/api/v1/children/{child['id']}/check-ins", json={
        "occurred_at": "2026-11-01T10:00:00Z", "mode": "phone", "child_seen": True,
        "notes": "before\x00after"})
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "body"
    assert run(CheckIn.count().where(CheckIn.child == child["id"])) == 0


def test_ordinary_text_still_goes_through(api, child):
    response = api.post("cw", f"/api/v1/children/{child['id']}/check-ins", json={
        "occurred_at": "2026-11-01T10:00:00Z", "mode": "phone", "child_seen": True,
        "notes": "100% settled; said \\u0000 is not a word"})
    assert response.status_code == 201, response.text


def test_a_page_sent_a_nul_character_answers_with_a_page(api, child):
    response = api.client.post(f"/children/{child['id']}/check-ins/new", content=b"notes=a%00b",
                               headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert response.status_code == 400 and response.headers["content-type"].startswith("text/html")
    assert "<h1>This could not be saved</h1>" in response.text
    assert run(CheckIn.count().where(CheckIn.child == child["id"])) == 0


def test_json_nested_too_deeply_is_a_400_naming_the_body(api, child):
    deep = "[" * 5000 + "]" * 5000
    for path in (f"/api/v1/children/{child['id']}/check-ins", "/api/v1/children", "/api/v1/auth/token"):
        response = api.client.post(path, content='{"notes": ' + deep + "}", headers={
            **api._headers("cw"), "Content-Type": "application/json"})
        assert response.status_code == 400, (path, response.text)
        assert response.json()["errors"] == [{"field": "body", "message": "is nested too deeply"}]
    assert run(CheckIn.count().where(CheckIn.child == child["id"])) == 0


def test_an_api_body_not_sent_as_json_is_a_415_and_nothing_is_written(api, child):
    body = '{"occurred_at": "2026-11-01T10:00:00Z", "mode": "phone", "child_seen": true}'
    for kind in ("text/plain", "application/xml", None):
        headers = {**api._headers("cw"), **({"Content-Type": kind} if kind else {})}
        response = api.client.post(f"/api/v1/children/{child['id']}/check-ins", content=body, headers=headers)
        assert response.status_code == 415, (kind, response.text)
        assert response.json()["errors"] == [{"field": "Content-Type", "message": "must be application/json"}]
    assert run(CheckIn.count().where(CheckIn.child == child["id"])) == 0


def test_json_values_of_the_wrong_type_are_not_coerced(api, child):
    loose = api.post("cw", "/api/v1/children", json={
        "display_name": "Lax", "birth_date": "2020-01-01", "birth_date_estimated": "true",
        "gestational_age_weeks": "30"})
    assert loose.status_code == 400
    assert {e["field"] for e in loose.json()["errors"]} == {"birth_date_estimated", "gestational_age_weeks"}
    seconds = api.post("cw", f"/api/v1/children/{child['id']}/check-ins", json={
        "occurred_at": 1700000000, "mode": "phone", "child_seen": "false"})
    assert seconds.status_code == 400
    assert {e["field"] for e in seconds.json()["errors"]} == {"occurred_at", "child_seen"}
    assert run(CheckIn.count().where(CheckIn.child == child["id"])) == 0
