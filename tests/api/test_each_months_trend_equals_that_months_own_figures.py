"""The trend buckets each indicator's rows by month in one statement; each month it shows is
the figure the indicators give when asked for that month alone (over the caseload built by
hand in tests/api/indicators_data.py, the six months of its period)."""

import datetime as dt

from tests.api import indicators_data as data
from tests.conftest import run

COPIES = 5


def _following(month: str) -> str:
    day = dt.date.fromisoformat(f"{month}-01")
    return (day + dt.timedelta(days=32)).replace(day=1).isoformat()


def test_each_months_figure_is_that_months_own(api):
    run(data.build(COPIES))
    whole = api.get("sup", "/api/v1/indicators", params=data.PERIOD)
    assert whole.status_code == 200, whole.text
    trend = {i["code"]: i["months"] for i in whole.json()["indicators"]}
    months = [m["month"] for m in next(iter(trend.values()))]
    assert months == ["2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06"]
    figures = 0
    for k, month in enumerate(months):
        alone = api.get("sup", "/api/v1/indicators", params={"from": f"{month}-01", "to": _following(month)})
        assert alone.status_code == 200, alone.text
        for i in alone.json()["indicators"]:
            bucket = trend[i["code"]][k]
            assert (bucket["status"], bucket["value"], bucket["shown"]) == (i["status"], i["value"], i["shown"]), \
                (i["code"], month)
            figures += i["status"] == "ok"
    assert figures >= 10  # months with figures shown, not only empty or suppressed ones


def test_a_chart_draws_the_same_months_the_page_lists(api):
    run(data.build(COPIES))
    chart = api.get("sup", "/api/v1/indicators/placement_stability/chart.png", params=data.PERIOD)
    assert chart.status_code == 200 and chart.content.startswith(b"\x89PNG")
