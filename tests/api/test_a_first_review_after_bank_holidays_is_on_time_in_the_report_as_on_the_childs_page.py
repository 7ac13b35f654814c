"""With public holidays configured (HAVEN_REVIEW_HOLIDAYS), the reports count a first review
as on time by the same due day the service gives the child: 20 working days after
registration, less the holidays. Registered on Wednesday 10 December 2025, a child's first
review is due on 7 January 2026 counting weekdays only, and on 12 January with England's bank
holidays (25 and 26 December, 1 January) taken out."""

import dataclasses
import datetime as dt

import pytest

from care_plans.cadence import add_working_days, holiday_calendar
from tests.api import indicators_data as data
from tests.conftest import run

PERIOD = {"from": "2026-01-01", "to": "2026-02-01"}
COPIES = 5  # counts of five and more are shown, not suppressed


async def _build() -> None:
    ids = await data._ids()
    for copy in range(COPIES):
        held_between = await data._child(ids, f"A{copy}", "2025-12-10T12:00:00", "2015-05-01")
        await data._reviews(ids, held_between, None, "2026-01-09")  # after the 7th, by the 12th
        held_after = await data._child(ids, f"B{copy}", "2025-12-10T12:00:00", "2015-05-01")
        await data._reviews(ids, held_after, None, "2026-01-13")


def _first_reviews(api, monkeypatch, holidays: str) -> dict:
    settings = api.client.app.state.settings
    monkeypatch.setattr(api.client.app.state, "settings", dataclasses.replace(settings, review_holidays=holidays))
    got = api.get("sup", "/api/v1/indicators", params=PERIOD)
    assert got.status_code == 200, got.text
    return {i["code"]: i for i in got.json()["indicators"]}


def _on_time_of_due(indicator: dict) -> tuple:
    return indicator["numerator"]["value"], indicator["denominator"]["value"]


def test_the_due_days_counted_by_hand_are_the_services():
    registered = dt.date(2025, 12, 10)
    assert add_working_days(registered, 20) == dt.date(2026, 1, 7)
    assert add_working_days(registered, 20, holiday_calendar("GB-ENG")) == dt.date(2026, 1, 12)


@pytest.mark.parametrize("holidays,on_time", [("GB-ENG", COPIES), ("", 0)])
def test_a_review_held_after_the_weekday_count_is_on_time_when_the_holidays_made_room(api, monkeypatch,
                                                                                     holidays, on_time):
    run(_build())
    report = _first_reviews(api, monkeypatch, holidays)
    assert _on_time_of_due(report["first_review_in_window"]) == (on_time, 2 * COPIES)
    assert _on_time_of_due(report["reviews_on_time"]) == (on_time, 2 * COPIES)
