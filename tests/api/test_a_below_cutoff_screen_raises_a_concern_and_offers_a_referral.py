"""A therapist records a standardised screen's result (never its items); a domain below the
cutoff raises a developmental concern on the next scan and offers a referral for a
developmental evaluation; a later screen with the same instrument above the cutoff resolves it.
Caseworkers and supervisors read results; nobody outside the child's scope does."""

import datetime as dt
from urllib.parse import parse_qs, urlparse

from milestones.tables import Screening
from tests.api.alerting import alerts, scan_at, utcnow
from tests.conftest import run

ASQ3 = ("communication", "gross_motor", "fine_motor", "problem_solving", "personal_social")


def asq3(on: dt.date, low: tuple[str, ...] = ()) -> dict:
    return {"instrument": "asq3", "screened_on": on.isoformat(), "domains": [
        {"domain": d, "score": 20.0 if d in low else 50.0, "zone": "below_cutoff" if d in low else "above_cutoff"}
        for d in ASQ3]}


def test_below_the_cutoff_is_a_concern_until_a_later_screen_is_not(api, child):
    path = f"/api/v1/children/{child['id']}/screenings"
    today = utcnow().date()
    assert api.post("cw", path, json=asq3(today)).status_code == 403  # caseworkers read, therapists record
    made = api.post("th", path, json=asq3(today - dt.timedelta(days=2), low=("fine_motor",)))
    assert made.status_code == 201, made.text
    body = made.json()
    assert body["below_cutoff"] == ["fine_motor"] and body["age_corrected"] is True
    assert body["age_months_used"] < 8  # born at 32 weeks: corrected age, not chronological
    link = urlparse(body["referral_link"])
    assert link.path == f"/children/{child['id']}/referrals/new"
    query = parse_qs(link.query)
    assert query["kind"] == ["developmental_evaluation"] and "fine motor below the cutoff" in query["reason"][0]

    scan_at(utcnow())
    (concern,) = [a for a in alerts(kind="developmental_concern") if a["cause_key"].startswith("screen:")]
    assert "fine motor below the cutoff" in concern["reasons"][0] and concern["status"] == "open"
    page = api.get("cw", f"/children/{child['id']}").text
    assert f"/children/{child['id']}/referrals/new?kind=developmental_evaluation" in page

    assert [s["id"] for s in api.get("sup", path).json()] == [body["id"]]
    assert api.get("cw_other", path).status_code == 404 and api.get("th_other", path).status_code == 404

    api.post("th", path, json=asq3(today))
    scan_at(utcnow() + dt.timedelta(minutes=1))
    (after,) = [a for a in alerts(kind="developmental_concern") if a["cause_key"].startswith("screen:")]
    assert after["status"] == "resolved" and "not below the cutoff" in after["resolved_note"]


def test_a_bad_screen_names_each_field_and_writes_nothing(api, child):
    path = f"/api/v1/children/{child['id']}/screenings"
    future = (utcnow().date() + dt.timedelta(days=3)).isoformat()
    bad = api.post("th", path, json={"instrument": "asq3", "screened_on": future,
                                     "domains": [{"domain": "colouring", "zone": "monitoring"}]})
    assert bad.status_code == 400
    fields = {e["field"] for e in bad.json()["errors"]}
    assert fields == {"screened_on", "domains[0].domain"}
    nothing = api.post("th", path, json={"instrument": "other", "screened_on": utcnow().date().isoformat()})
    assert {e["field"] for e in nothing.json()["errors"]} == {"domains", "instrument_name"}
    assert run(Screening.count()) == 0
