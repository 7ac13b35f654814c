"""A manager reads the service's indicators and nothing of any child: every GET route in the
app, API and pages, answered to a manager, holds no child's name, note or case number, and every
route that reads a child's record refuses them."""

import re

import pytest

from service.app import create_app
from service.settings import Settings
from tests.api import indicators_data as data
from tests.conftest import run

NOTE = "Met her at the bus station after school"


@pytest.fixture
def caseload(api, child):
    run(data.build(1))
    done = api.post("cw", f"/api/v1/children/{child['id']}/check-ins", json={
        "occurred_at": "2026-05-01T10:00:00+00:00", "mode": "in_person", "child_seen": True, "notes": NOTE})
    assert done.status_code == 201, done.text
    return child


def _get_paths(child_id: str) -> list[str]:
    app = create_app(Settings.from_env(), run_scheduler=False)
    paths = set()
    for route in app.routes:
        for handler in getattr(route, "route_handlers", []):
            if "GET" in handler.http_methods and not route.path.startswith(("/static", "/schema")):
                paths.add(re.sub(r"\{child_id:str\}", child_id, route.path))
    return sorted(p for p in paths if "{" not in p)


def test_no_route_answers_a_manager_with_a_name_a_note_or_a_case_number(api, caseload):
    secrets = [*data.names(1), caseload["display_name"] if "display_name" in caseload else "Baby A", NOTE,
               caseload["case_number"], "HV-2025-"]
    answered = []
    for path in _get_paths(caseload["id"]):
        got = api.get("mgr", path, params=data.PERIOD if "indicator" in path or "report" in path else None)
        body = got.content.decode("utf-8", "replace")
        assert not [s for s in secrets if s in body], path
        if got.status_code == 200:
            answered.append(path)
    assert {"/api/v1/indicators", "/reports", "/api/v1/me"} <= set(answered)


@pytest.mark.parametrize("path", ["/api/v1/children", "/api/v1/children/{id}", "/children/{id}",
                                  "/api/v1/children/{id}/check-ins", "/api/v1/alerts", "/inbox",
                                  "/api/v1/audit", "/api/v1/caseload.csv", "/children"])
def test_routes_that_read_children_refuse_a_manager(api, caseload, path):
    got = api.get("mgr", path.format(id=caseload["id"]))
    assert got.status_code == 403, (path, got.status_code)


def test_a_manager_starts_on_the_indicators_and_may_choose_a_team(api, caseload):
    home = api.get("mgr", "/", follow_redirects=False)
    assert home.headers["location"] == "/reports"
    north = api.get("mgr", "/api/v1/indicators", params={**data.PERIOD, "team": "north"})
    assert north.status_code == 200 and north.json()["scope"] == "team"
    chart = api.get("mgr", "/api/v1/indicators/placement_stability/chart.png", params=data.PERIOD)
    assert chart.status_code == 200 and chart.content.startswith(b"\x89PNG")
