"""A count from 1 to 4 could point to a child: it is shown as "fewer than 5", and so is any
figure worked from it; zero and counts of 5 or more are shown as they are."""

from tests.api import indicators_data as data
from tests.conftest import run


def test_small_counts_and_the_figures_worked_from_them_are_suppressed(api):
    run(data.build(1))
    body = api.get("sup", "/api/v1/indicators", params=data.PERIOD).json()
    found = {i["code"]: i for i in body["indicators"]}
    assert body["small_count_threshold"] == 5

    # 5 moves among 5 children: shown.
    moves = found["placement_stability"]
    assert moves["status"] == "ok" and moves["numerator"] == {"value": 5, "shown": "5"}

    # 3 of 7 check-ins on time, among 3 children: every count under 5 is hidden, and the share.
    check_ins = found["check_ins_on_time"]
    assert check_ins["status"] == "suppressed"
    assert check_ins["value"] is None and check_ins["shown"] == "fewer than 5"
    assert check_ins["numerator"] == {"value": None, "shown": "fewer than 5"}
    assert check_ins["population"] == {"value": None, "shown": "fewer than 5"}
    assert check_ins["median_days_late"] is None

    # 1 of 5 returns followed by another episode: the 1 is hidden, and the 20% it would give away.
    again = found["missing_again_within_90_days"]
    assert again["numerator"]["shown"] == "fewer than 5" and again["denominator"]["value"] == 5
    assert again["value"] is None

    # Each month is suppressed on its own counts: one episode in a month is "fewer than 5".
    january = found["missing_per_child_year"]["months"][0]
    assert january["status"] == "suppressed" and january["value"] is None


def test_the_page_shows_fewer_than_five_and_never_the_small_number(api):
    run(data.build(1))
    page = api.get("sup", "/reports", params=data.PERIOD)
    assert page.status_code == 200, page.text
    assert "fewer than 5" in page.text
    assert "43%" not in page.text  # 3 of 7 check-ins on time, suppressed
