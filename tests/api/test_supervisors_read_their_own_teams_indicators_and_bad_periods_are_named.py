"""A supervisor reads their own team's indicators (or one of its caseworkers'), never another
team's; caseworkers, therapists and admins read none. A bad period or an unknown team is a
400 naming the field."""

import pytest

from tests.api import indicators_data as data
from tests.conftest import run


def test_a_supervisor_reads_their_team_and_its_caseworkers_but_no_other_team(api):
    run(data.build(1))
    own = api.get("sup", "/api/v1/indicators", params=data.PERIOD).json()
    assert own["scope"] == "team" and own["scope_label"] == "team north"
    other = api.get("sup_other", "/api/v1/indicators", params=data.PERIOD).json()
    assert {i["code"]: i["population"] for i in other["indicators"]}["placement_stability"]["value"] == 0
    assert api.get("sup_other", "/api/v1/indicators", params={**data.PERIOD, "team": "north"}).status_code == 403
    assert api.get("sup_other", "/api/v1/indicators", params={**data.PERIOD, "caseworker": "cw"}).status_code == 403
    mine = api.get("sup", "/api/v1/indicators", params={**data.PERIOD, "caseworker": "cw"})
    assert mine.status_code == 200 and mine.json()["scope"] == "caseworker"


@pytest.mark.parametrize("who", ["cw", "th", "admin"])
def test_other_roles_read_no_indicators(api, who):
    assert api.get(who, "/api/v1/indicators").status_code == 403
    assert api.get(who, "/reports").status_code == 403


@pytest.mark.parametrize("params,field", [
    ({"from": "2025-07-01", "to": "2025-01-01"}, "from"),
    ({"from": "2010-01-01", "to": "2025-01-01"}, "from"),
    ({"from": "0001-01-01"}, "from"),
    ({"to": "9999-12-31"}, "to"),
    ({"from": "2025-02-30"}, "from"),
    ({"team": "nowhere"}, "team"),
    ({"caseworker": "sup"}, "caseworker"),
])
def test_a_bad_period_or_scope_is_a_400_naming_the_field(api, params, field):
    got = api.get("mgr", "/api/v1/indicators", params=params)
    assert got.status_code == 400, got.text
    assert field in [e["field"] for e in got.json()["errors"]]


def test_an_unknown_indicator_chart_is_a_400(api):
    got = api.get("mgr", "/api/v1/indicators/nothing/chart.png")
    assert got.status_code == 400 and got.json()["errors"][0]["field"] == "code"
