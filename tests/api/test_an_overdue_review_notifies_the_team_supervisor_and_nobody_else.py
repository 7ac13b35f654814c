"""An overdue review raises one alert whose notifications go to the team's supervisor alone."""

import datetime as dt

from care_plans.tables import Child
from tests.api.alerting import notifications, scan_at, utcnow
from tests.conftest import run


def test_only_the_team_supervisor_hears_of_it(api, child):
    run(Child.update({Child.next_review_due: utcnow().date() - dt.timedelta(days=3)}).where(
        Child.id == child["id"]))
    scan_at(utcnow())
    review = [n for n in notifications() if n["event"] == "raised"]
    kinds = api.get("sup", "/api/v1/alerts?kind=overdue_review").json()
    assert len(kinds) == 1 and "review was due" in kinds[0]["reasons"][0]
    ours = [n for n in review if str(n["alert"]) == kinds[0]["id"]]
    assert {n["username"] for n in ours} == {"sup"}
    assert [i["kind"] for i in api.get("sup", "/api/v1/inbox").json()] == ["overdue_review"]
    assert all(i["kind"] != "overdue_review" for i in api.get("cw", "/api/v1/inbox").json())
    assert api.get("sup_other", "/api/v1/inbox").json() == []
