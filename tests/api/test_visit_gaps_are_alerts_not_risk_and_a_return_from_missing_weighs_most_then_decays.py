"""The risk score speaks of the child's situation, not of the worker's visits: a child unseen
for weeks scores nothing for it (the missed check-in is an alert of its own). A return from a
missing episode raises the score at once, steps down after 30 days and again after 90, each
step named with its points; the risk page and the scan agree."""

import datetime as dt

from scheduler.tables import RiskState
from tests.api.alerting import registered_days_ago, scan_at, utcnow
from tests.conftest import run


def factors(api, child_id) -> dict:
    return {f["code"]: f["points"] for f in api.get("cw", f"/api/v1/children/{child_id}/risk").json()["factors"]}


def test_unseen_weeks_score_nothing(api, child):
    registered_days_ago(child["id"], 70)
    assert factors(api, child["id"]) == {"no_identity_documents": 2}


def test_a_return_weighs_most_then_decays(api, child):
    went = utcnow() - dt.timedelta(days=2)
    episode = api.post("cw", f"/api/v1/children/{child['id']}/missing-episodes",
                       json={"went_missing_at": went.isoformat()}).json()
    back = api.patch("cw", f"/api/v1/children/{child['id']}/missing-episodes/{episode['id']}",
                     json={"returned_at": (went + dt.timedelta(hours=20)).isoformat()})
    assert back.status_code == 200, back.text
    assert factors(api, child["id"]) == {"no_identity_documents": 2, "missing_episode": 4, "returned_30_days": 6}

    at = utcnow()
    assert [score_after(child["id"], at + dt.timedelta(days=d)) for d in (0, 40, 100)] == [
        (12, "high"), (9, "high"), (6, "medium")]  # 6, then 3, then nothing for the return


def score_after(child_id: str, at: dt.datetime) -> tuple[int, str]:
    scan_at(at)
    row = run(RiskState.select(RiskState.score, RiskState.level).where(RiskState.child == child_id).first())
    return row["score"], row["level"]
