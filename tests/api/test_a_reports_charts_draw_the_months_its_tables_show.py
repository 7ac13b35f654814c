"""The charts beside a report's tables draw the months the report has just read: each chart is
a request of its own, which read its indicator's months all over again (half a minute in all
for a whole service of 100,000 children) and could then show other numbers than the table
beside it. After ten minutes a chart reads its months afresh."""

import datetime as dt

from care_plans.tables import Child
from service import db
from service.reports import services
from service.reports.statements import Scope
from service.settings import Settings
from tests.api import indicators_data as data
from tests.conftest import run

CODE = "missing_per_child_year"
COPIES = 5  # fewer than 5 in a count is not shown


async def _more_missing_in_march() -> None:
    ids = await data._ids()
    async with db.writing():
        for child in await Child.select(Child.id).where(Child.display_name.like("Dana %")):
            await data._missing(ids, child["id"], ("2025-03-10", "2025-03-12"))


def _chart_months(after: dt.timedelta) -> list[dict]:
    """The months the chart of CODE draws, asked `after` the report was read."""
    async def go():
        w = services.window(data.PERIOD["from"], data.PERIOD["to"], dt.datetime.now(dt.timezone.utc) + after)
        async with db.reading():
            _, months = await services.one_trend(Scope("service"), w, Settings.from_env(), CODE)
        return [{"month": m.month, "value": m.value} for m in months]
    return run(go())


def test_a_chart_draws_the_months_of_the_report_beside_it_for_ten_minutes(api):
    run(data.build(COPIES))
    got = api.get("mgr", "/api/v1/indicators", params=data.PERIOD)
    assert got.status_code == 200, got.text
    shown = [{"month": m["month"], "value": m["value"]}
             for m in next(i for i in got.json()["indicators"] if i["code"] == CODE)["months"]]
    assert any(m["value"] for m in shown), shown

    run(_more_missing_in_march())  # after the report was read
    chart = api.get("mgr", f"/api/v1/indicators/{CODE}/chart.png", params=data.PERIOD)
    assert chart.status_code == 200 and chart.content.startswith(b"\x89PNG")
    assert _chart_months(dt.timedelta(minutes=1)) == shown

    later = _chart_months(services.CHARTS_KEEP_MONTHS_FOR + dt.timedelta(minutes=1))
    assert [m["month"] for m in later] == [m["month"] for m in shown] and later != shown
