"""The scan is set-based: its number of statements does not grow with the number of children
(up to a batch), whether they run through the ORM or as raw SQL."""

from tests.api.alerting import counting_statements, registered_days_ago, scan_at, utcnow
from tests.conftest import wipe_case_data


def children(api, n):
    ids = []
    for i in range(n):
        made = api.post("cw", "/api/v1/children", json={"display_name": f"C{i}", "birth_date": "2012-05-01",
                                                         "documentation_status": "none"})
        ids.append(made.json()["id"])
        if i % 2 == 0:
            api.post("cw", f"/api/v1/children/{ids[-1]}/placements", json={
                "kind": "independent", "started_on": utcnow().date().isoformat(), "planned": False})
    for cid in ids:
        registered_days_ago(cid, 40)
    return ids


def counted_scan(monkeypatch) -> tuple[int, dict]:
    with monkeypatch.context() as patched:
        calls = counting_statements(patched)
        summary = scan_at(utcnow())
    return len(calls), summary


def test_five_and_fifty_children_cost_the_same(api, monkeypatch):
    children(api, 5)
    few, summary = counted_scan(monkeypatch)
    assert summary["children"] == 5 and summary["raised"] >= 5
    wipe_case_data()
    children(api, 50)
    many, summary = counted_scan(monkeypatch)
    assert summary["children"] == 50 and summary["raised"] >= 50
    assert few == many
