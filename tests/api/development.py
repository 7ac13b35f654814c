"""Children of a chosen age for the development tests, with `th` on the care team, and
assessments recorded through the API."""

import datetime as dt

from care_plans.cadence import add_months


def today() -> dt.date:
    return dt.datetime.now(dt.timezone.utc).date()


def months_ago(months: int, days: int = 0) -> dt.date:
    return add_months(today(), -months) - dt.timedelta(days=days)


def register(api, birth_date: dt.date, weeks: int | None = None, estimated: bool = False) -> str:
    created = api.post("cw", "/api/v1/children", json={
        "display_name": "Test child", "birth_date": birth_date.isoformat(),
        "birth_date_estimated": estimated, "gestational_age_weeks": weeks})
    assert created.status_code == 201, created.text
    child_id = created.json()["id"]
    assert api.post("cw", f"/api/v1/children/{child_id}/care-team", json={"username": "th"}).status_code == 201
    return child_id


def assess(api, child_id: str, on: dt.date, observed: dict[str, str], who: str = "th", notes: str = ""):
    response = api.post(who, f"/api/v1/children/{child_id}/assessments", json={
        "assessed_on": on.isoformat(), "notes": notes,
        "observations": [{"milestone": code, "status": status} for code, status in observed.items()]})
    assert response.status_code == 201, response.text
    return response.json()
