"""At the AAP ages a standardised screen falls due (a general developmental screen at 9, 18 and
30 months, an autism screen at 18 and 24): it is said in the `assessment_due` alert's reasons,
one alert, and recording the screen takes it out. A screen missed at its age stays due until
the next age (the last for 6 months)."""

import datetime as dt

from care_plans.cadence import add_months
from tests.api.alerting import alerts, scan_at, utcnow


def register(api, months: int, days: int) -> str:
    born = add_months(utcnow().date(), -months) - dt.timedelta(days=days)
    made = api.post("cw", "/api/v1/children", json={"display_name": "Baby B", "birth_date": born.isoformat(),
                                                      "gestational_age_weeks": 40})
    assert made.status_code == 201, made.text
    cid = made.json()["id"]
    api.post("cw", f"/api/v1/children/{cid}/care-team", json={"username": "th"})
    return cid


def open_due() -> list[dict]:
    return [a for a in alerts(kind="assessment_due") if a["status"] != "resolved"]


def test_the_18_month_screens_are_said_once_and_go_when_recorded(api):
    cid = register(api, 18, 3)
    scan_at(utcnow())
    (alert,) = open_due()
    said = " ".join(alert["reasons"])
    assert "general developmental screen" in said and "autism screen (M-CHAT-R/F) is due at 18 months (AAP)" in said

    today = utcnow().date().isoformat()
    api.post("th", f"/api/v1/children/{cid}/screenings", json={
        "instrument": "mchat_rf", "screened_on": today, "result": "low risk", "result_zone": "above_cutoff"})
    scan_at(utcnow() + dt.timedelta(minutes=1))
    (alert,) = open_due()
    said = " ".join(alert["reasons"])
    assert "autism" not in said and "general developmental screen (for example ASQ-3) is due at 18 months" in said


def test_before_nine_months_no_screen_is_said_and_a_missed_one_is_said_until_recorded(api):
    register(api, 8, 3)
    scan_at(utcnow())
    assert all("AAP" not in " ".join(a["reasons"]) for a in open_due())
    register(api, 14, 3)  # the 9-month screen never happened: it is still due, until 18 months
    scan_at(utcnow() + dt.timedelta(minutes=1))
    assert any("is due at 9 months (AAP)" in " ".join(a["reasons"]) for a in open_due())
