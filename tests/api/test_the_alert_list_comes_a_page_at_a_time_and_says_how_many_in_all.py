"""The alert list never stops silently: it comes a page at a time, newest first, with
`X-Total-Count` saying how many match in all; pages neither overlap nor skip, and a page size
out of bounds is a 400 naming it."""

from tests.api.alerting import registered_days_ago, scan_at, utcnow


def _register(api, n: int) -> str:
    created = api.post("cw", "/api/v1/children", json={
        "display_name": f"Child {n}", "birth_date": "2019-05-01", "sex": "female",
        "documentation_status": "none"})
    assert created.status_code == 201, created.text
    registered_days_ago(created.json()["id"], 40)  # unseen beyond the cadence: one alert each
    return created.json()["id"]


def test_pages_of_alerts_cover_every_alert_once(api):
    registered = {_register(api, n) for n in range(5)}
    scan_at(utcnow())
    pages, total = [], None
    for offset in (0, 2, 4):
        got = api.get("sup", f"/api/v1/alerts?kind=missed_check_in&limit=2&offset={offset}")
        assert got.status_code == 200, got.text
        total = int(got.headers["X-Total-Count"])
        pages.append(got.json())
    assert [len(p) for p in pages] == [2, 2, 1] and total == 5
    listed = [a for page in pages for a in page]
    assert {a["child_id"] for a in listed} == registered
    assert len({a["id"] for a in listed}) == 5
    raised = [a["raised_at"] for a in listed]
    assert raised == sorted(raised, reverse=True)


def test_a_page_size_out_of_bounds_is_refused_naming_it(api):
    refused = api.get("sup", "/api/v1/alerts?limit=0")
    assert refused.status_code == 400 and "limit" in refused.text
    assert api.get("sup", "/api/v1/alerts?limit=501").status_code == 400
    assert api.get("sup", "/api/v1/alerts?offset=-1").status_code == 400
