"""The default review cadence is 6 calendar months, never more: after reviews on 30 May and
31 Aug 2025 the next falls due on 28 Feb 2026 (182 days would have been 1 Mar), and a scan on
1 Mar finds it overdue. A plan's own cadence still counts days."""

import datetime as dt

from care_plans import due_dates
from care_plans.tables import CarePlan, Child
from service import db
from tests.api.alerting import alerts, scan_at
from tests.api.plans import approved
from tests.conftest import run

UTC = dt.timezone.utc


def _registered_on(child_id: str, on: dt.date) -> None:
    async def go():
        async with db.writing():
            at = dt.datetime.combine(on, dt.time(9), tzinfo=UTC)
            await Child.update({Child.registered_at: at}).where(Child.id == child_id)
            await due_dates.lock_children([child_id])
    run(go())


def _review(api, plan: dict, on: dt.date) -> dict:
    done = api.post("cw", f"/api/v1/care-plans/{plan['id']}/reviews", json={
        "reviewed_on": on.isoformat(), "summary": "Settled; school going well.",
        "child_views": "I like it here.", "outcome": "continue"})
    assert done.status_code == 201, done.text
    return done.json()


def test_six_months_after_31_august_is_28_february(api, child):
    _registered_on(child["id"], dt.date(2025, 5, 1))
    plan = approved(api, child)
    assert plan["review_every_days"] is None
    _review(api, plan, dt.date(2025, 5, 30))
    second = _review(api, plan, dt.date(2025, 8, 31))
    assert second["next_review_due"] == "2026-02-28"
    assert api.get("cw", f"/api/v1/children/{child['id']}").json()["next_review_due"] == "2026-02-28"
    assert run(CarePlan.select(CarePlan.review_every_days).where(CarePlan.id == plan["id"]).first()) == {
        "review_every_days": None}

    scan_at(dt.datetime(2026, 2, 28, 22, 0, tzinfo=UTC))
    assert alerts(kind="overdue_review") == []
    scan_at(dt.datetime(2026, 3, 1, 9, 0, tzinfo=UTC))
    (overdue,) = alerts(kind="overdue_review")
    assert overdue["cause_key"] == "2026-02-28" and "was due on 28 Feb" in overdue["reasons"][0]


def test_a_plans_own_cadence_still_counts_days(api, child):
    _registered_on(child["id"], dt.date(2025, 5, 1))
    plan = approved(api, child, review_every_days=182)
    assert plan["review_every_days"] == 182
    _review(api, plan, dt.date(2025, 5, 30))
    assert _review(api, plan, dt.date(2025, 8, 31))["next_review_due"] == "2026-03-01"
