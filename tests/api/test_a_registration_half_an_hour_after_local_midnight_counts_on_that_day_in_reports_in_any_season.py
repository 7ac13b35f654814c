"""The reports read an instant's day in the deployment's zone with the offset in force at that
instant, not today's, on both engines. In London (HAVEN_TIMEZONE=Europe/London):

- registered at 23:30 UTC on 1 July 2025, 00:30 on 2 July there (summer time): the first review
  is due 20 working days after 2 July, on 30 July, and one held on 30 July is on time (read
  with winter's offset, registration falls on 1 July and the review is a day late);
- registered at 23:30 UTC on 1 December 2025, 23:30 on 1 December there: due on 29 December, so
  one held on 30 December is late (read with summer's offset, registration falls on 2 December
  and the review on time).

Whatever the season the test runs in, a report that took today's offset would miscount one of
the two groups."""

import datetime as dt

from care_plans.tables import Child
from tests.api import indicators_data as data
from tests.conftest import run

PERIOD = {"from": "2025-07-01", "to": "2026-01-01"}
COPIES = 5  # counts of five and more are shown, not suppressed


async def _registered(ids, name: str, instant: str):
    cid = await data._child(ids, name, instant[:10], "2015-05-01")
    registered = dt.datetime.fromisoformat(instant).replace(tzinfo=dt.timezone.utc)
    await Child.update({Child.registered_at: registered, Child.updated_at: registered}).where(Child.id == cid)
    return cid


async def _build() -> None:
    ids = await data._ids()
    for copy in range(COPIES):
        summer = await _registered(ids, f"S{copy}", "2025-07-01T23:30:00")
        await data._reviews(ids, summer, None, "2025-07-30")
        winter = await _registered(ids, f"W{copy}", "2025-12-01T23:30:00")
        await data._reviews(ids, winter, None, "2025-12-30")


def _on_time_of_due(indicator: dict) -> tuple:
    return indicator["numerator"]["value"], indicator["denominator"]["value"]


def test_first_reviews_count_from_the_local_day_of_registration_in_summer_and_in_winter(api, monkeypatch):
    monkeypatch.setenv("HAVEN_TIMEZONE", "Europe/London")
    run(_build())
    got = api.get("sup", "/api/v1/indicators", params=PERIOD)
    assert got.status_code == 200, got.text
    report = {i["code"]: i for i in got.json()["indicators"]}
    assert _on_time_of_due(report["first_review_in_window"]) == (COPIES, 2 * COPIES)
    # The summer group's second review fell due on 30 October (3 months after the first) and
    # was not held; the winter group's falls due after the period.
    assert _on_time_of_due(report["reviews_on_time"]) == (COPIES, 3 * COPIES)
