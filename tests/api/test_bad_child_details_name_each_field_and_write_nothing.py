"""Bad registration input is a 400 naming every bad field, and nothing is written."""

import datetime as dt

from care_plans.tables import CaseNumberCounter, Child
from service.audit.tables import AuditEntry
from tests.conftest import run


def fields(response) -> set[str]:
    assert response.status_code == 400, response.text
    return {e["field"] for e in response.json()["errors"]}


def test_every_bad_field_is_named(api):
    bad = api.post("cw", "/api/v1/children", json={
        "display_name": "", "birth_date": "not a date", "gestational_age_weeks": 50,
        "sex": "other", "documentation_status": "lost", "colour": "blue",
    })
    assert fields(bad) == {"display_name", "birth_date", "gestational_age_weeks", "sex",
                           "documentation_status", "colour"}


def test_a_birth_date_in_the_future_is_refused(api):
    tomorrow = (dt.date.today() + dt.timedelta(days=2)).isoformat()
    assert fields(api.post("cw", "/api/v1/children", json={
        "display_name": "Baby C", "birth_date": tomorrow})) == {"birth_date"}


def test_a_blank_name_or_an_adult_is_refused(api):
    assert fields(api.post("cw", "/api/v1/children", json={
        "display_name": "   ", "birth_date": "2020-01-01"})) == {"display_name"}
    assert fields(api.post("cw", "/api/v1/children", json={
        "display_name": "A", "birth_date": "1990-01-01"})) == {"birth_date"}


def test_a_name_of_invisible_or_control_characters_is_refused(api, child):
    for name in ("\u200b", " \u200b\u00a0", "Ana\x1b[2J", "Bell\x07", "\u202eevil", "two\u2028lines"):
        assert fields(api.post("cw", "/api/v1/children", json={
            "display_name": name, "birth_date": "2020-01-01"})) == {"display_name"}
        assert fields(api.patch("cw", f"/api/v1/children/{child['id']}", json={"display_name": name})) == {"display_name"}
    assert run(Child.select(Child.display_name).output(as_list=True)) == ["Baby A"]
    assert api.post("cw", "/api/v1/children", json={"display_name": "Ана", "birth_date": "2020-01-01"}).status_code == 201


def test_gestational_age_has_its_range(api):
    for weeks in (21, 45):
        assert fields(api.post("cw", "/api/v1/children", json={
            "display_name": "Baby D", "birth_date": "2026-01-01",
            "gestational_age_weeks": weeks})) == {"gestational_age_weeks"}


def test_nothing_was_written(api):
    test_every_bad_field_is_named(api)
    test_a_birth_date_in_the_future_is_refused(api)
    test_a_blank_name_or_an_adult_is_refused(api)
    assert run(Child.count()) == 0
    assert run(CaseNumberCounter.select(CaseNumberCounter.last_number).output(as_list=True)) in ([], [0])
    assert run(AuditEntry.count()) == 0


def test_a_patch_with_bad_fields_changes_nothing(api, child):
    bad = api.patch("cw", f"/api/v1/children/{child['id']}", json={
        "display_name": "", "sex": "x", "status": "gone"})
    assert fields(bad) == {"display_name", "sex", "status"}
    assert run(Child.select(Child.display_name, Child.sex).first()) == {
        "display_name": "Baby A", "sex": "female"}


def test_a_corrected_birth_date_cannot_fall_after_what_is_recorded(api, child):
    placed = api.post("cw", f"/api/v1/children/{child['id']}/placements", json={
        "kind": "foster", "started_on": (dt.date.today() - dt.timedelta(days=10)).isoformat(), "planned": True})
    assert placed.status_code == 201, placed.text
    later = (dt.date.today() - dt.timedelta(days=5)).isoformat()
    assert fields(api.patch("cw", f"/api/v1/children/{child['id']}", json={"birth_date": later})) == {"birth_date"}
    earlier = (dt.date.today() - dt.timedelta(days=400)).isoformat()
    assert api.patch("cw", f"/api/v1/children/{child['id']}", json={"birth_date": earlier}).status_code == 200


def test_every_rule_a_request_breaks_is_named_at_once(api, child):
    future = (dt.date.today() + dt.timedelta(days=30)).isoformat()
    made = api.post("sup", "/api/v1/children", json={
        "display_name": "   ", "birth_date": future, "caseworker": "cw_other"})
    assert fields(made) == {"display_name", "birth_date", "caseworker"}
    changed = api.patch("sup", f"/api/v1/children/{child['id']}", json={
        "display_name": "\u0007", "birth_date": future, "caseworker": "cw_other"})
    assert fields(changed) == {"display_name", "birth_date", "caseworker"}
    assert run(Child.select(Child.display_name).output(as_list=True)) == ["Baby A"]


def test_a_patch_that_changes_nothing_is_a_400_and_writes_nothing(api, child):
    before = run(AuditEntry.count())
    assert fields(api.patch("cw", f"/api/v1/children/{child['id']}", json={})) == {"body"}
    assert run(AuditEntry.count()) == before
