"""How the alert scan scales: a full scan (every child evaluated) over 100 and over 1,000
active children with alerts already standing, each against the floor of a scan over no
children at all (its fixed cost: the same statements, no rows), measured in the same run.

Run by hand: `.venv/bin/python -m pytest tests/bench -q -s`.
"""

from tests.api.alerting import full_scan_at, registered_days_ago, scan_at, utcnow
from tests.bench.timing import median_seconds, report
from tests.conftest import wipe_case_data


def _register(api, count: int, start: int) -> None:
    """Children of school age, half of them moved this week, all unseen for 40 days: each
    stands behind at least one open alert, so the scan compares as well as reads."""
    for i in range(start, start + count):
        made = api.post("cw", "/api/v1/children", json={
            "display_name": f"Child {i}", "birth_date": "2013-05-01", "documentation_status": "none"})
        assert made.status_code == 201, made.text
        if i % 2 == 0:
            moved = api.post("cw", f"/api/v1/children/{made.json()['id']}/placements", json={
                "kind": "foster", "started_on": utcnow().date().isoformat(), "planned": False})
            assert moved.status_code == 201, moved.text
        registered_days_ago(made.json()["id"], 40)


def test_the_scan_grows_with_the_rows_not_with_round_trips(api):
    wipe_case_data()
    now = utcnow()
    floor = median_seconds(lambda: full_scan_at(now), repeats=15)
    ratios, registered = {}, 0
    for size in (100, 1000):
        _register(api, size - registered, registered)
        first = scan_at(now)  # evaluates the children registered since the last scan
        assert first["children"] == size - registered and first["raised"] >= size - registered
        registered = size
        # A full scan evaluates every child, as the incremental one does when all are due.
        steady = median_seconds(lambda: full_scan_at(now), repeats=9, warmup=1)
        ratios[size] = report(f"scan of {size} children (alerts standing)", steady, floor,
                              "scan of no children")
    growth = ratios[1000] / ratios[100]
    print(f"10x the children costs {growth:.1f}x the time")
    # Set-based rules: the rows grow tenfold, the statements do not; well under linear in trips.
    assert growth < 15
