"""Placements, check-ins and missing episodes: bad input is a 400 naming each field, no rows."""

import datetime as dt

from care_plans.tables import CheckIn, MissingEpisode, Placement
from service.audit.tables import AuditEntry
from tests.conftest import run

FUTURE = (dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=1)).isoformat()


def fields(response) -> set[str]:
    assert response.status_code == 400, response.text
    return {e["field"] for e in response.json()["errors"]}


def nothing_written():
    assert run(Placement.count()) == 0
    assert run(CheckIn.count()) == 0
    assert run(MissingEpisode.count()) == 0
    assert run(AuditEntry.count().where(AuditEntry.action != "child.register")
               .where(AuditEntry.action != "care_team.add")) == 0


def test_placements(api, child):
    url = f"/api/v1/children/{child['id']}/placements"
    assert fields(api.post("cw", url, json={"kind": "boat", "started_on": "soon", "planned": "yes",
                                             "address": "x"})) == {"kind", "started_on", "planned", "address"}
    assert fields(api.post("cw", url, json={})) == {"kind", "started_on", "planned"}
    assert fields(api.post("cw", url, json={"kind": "foster", "started_on": "2020-01-01",
                                             "planned": True})) == {"started_on"}  # before birth
    nothing_written()


def test_check_ins(api, child):
    url = f"/api/v1/children/{child['id']}/check-ins"
    assert fields(api.post("cw", url, json={"occurred_at": FUTURE, "mode": "in_person",
                                             "child_seen": True})) == {"occurred_at"}
    assert fields(api.post("cw", url, json={"occurred_at": "2026-11-01T10:00:00",
                                             "mode": "telepathy", "child_seen": 3})) == {
        "occurred_at", "mode", "child_seen"}  # a time needs its zone
    assert fields(api.post("cw", url, json={"occurred_at": "2026-11-01T10:00:00Z"})) == {
        "mode", "child_seen"}
    assert fields(api.post("cw", url, json={"occurred_at": "2026-11-01T10:00:00Z",
                                             "excused": True})) == {"excuse_reason"}
    nothing_written()


def test_missing_episodes(api, child):
    url = f"/api/v1/children/{child['id']}/missing-episodes"
    assert fields(api.post("cw", url, json={"went_missing_at": FUTURE})) == {"went_missing_at"}
    assert fields(api.post("cw", url, json={"went_missing_at": 5, "why": "x"})) == {
        "went_missing_at", "why"}
    nothing_written()
