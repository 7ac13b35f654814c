"""An assessment with an unknown milestone, a milestone observed twice, a future date, a date
before the child's birth, or a status outside achieved/emerging/not_yet is a 400 naming the
field, and nothing is written."""

import datetime as dt

import pytest

from milestones.tables import Assessment, Observation
from tests.api.development import months_ago, register, today
from tests.conftest import run

GOOD = {"milestone": "M02-SE-1", "status": "achieved"}


def body(**changes):
    return {"assessed_on": today().isoformat(), "observations": [GOOD], **changes}


CASES = {
    "unknown code": (body(observations=[GOOD, {"milestone": "M03-SE-1", "status": "achieved"}]),
                     "observations[1].milestone"),
    "duplicate": (body(observations=[GOOD, {"milestone": "M02-SE-1", "status": "not_yet"}]),
                  "observations[1].milestone"),
    "future": (body(assessed_on=(today() + dt.timedelta(days=1)).isoformat()), "assessed_on"),
    "before birth": (body(assessed_on=months_ago(7).isoformat()), "assessed_on"),
    "failed is not a status": (body(observations=[{"milestone": "M02-SE-1", "status": "failed"}]),
                               "observations[0].status"),
    "no observations": (body(observations=[]), "observations"),
    "not a date": (body(assessed_on="soon"), "assessed_on"),
    "unknown field": (body(score=3), "score"),
    "missing date": ({"observations": [GOOD]}, "assessed_on"),
}


@pytest.mark.parametrize("name", list(CASES))
def test_the_field_is_named_and_nothing_is_written(api, name):
    child_id = register(api, months_ago(6))
    payload, field = CASES[name]
    response = api.post("th", f"/api/v1/children/{child_id}/assessments", json=payload)
    assert response.status_code == 400, response.text
    assert field in [e["field"] for e in response.json()["errors"]], response.text
    assert run(Assessment.count()) == 0 and run(Observation.count()) == 0
