"""How the caseload list scales: a supervisor's list of 50 and of 200 children, each against the
floor of an authenticated request that reads nothing (`/api/v1/me`), measured in the same run.

Run by hand: `.venv/bin/python -m pytest tests/bench -q -s`.
"""

from tests.bench.timing import median_seconds, report


def _register(api, count: int) -> None:
    for i in range(count):
        response = api.post("cw", "/api/v1/children", json={
            "display_name": f"Child {i}", "birth_date": "2015-05-01"})
        assert response.status_code == 201


def test_listing_grows_with_the_page_not_with_round_trips(api):
    floor = median_seconds(lambda: api.get("sup", "/api/v1/me"))
    ratios = {}
    for size in (50, 200):
        _register(api, size - (50 if size == 200 else 0))
        listed = median_seconds(lambda: api.get("sup", "/api/v1/children"), repeats=20)
        ratios[size] = report(f"list {size} children", listed, floor, "GET /api/v1/me")
    growth = ratios[200] / ratios[50]
    print(f"4x the children costs {growth:.1f}x the time")
    # One query for the page and one insert for its audit rows: growth is the rows, not trips.
    assert growth < 8
