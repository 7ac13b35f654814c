"""The scan is set-based: its number of queries does not grow with the number of children."""

from piccolo.engine.finder import engine_finder

from tests.api.alerting import registered_days_ago, scan_at, utcnow
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
    """Every statement any query runs passes through the engine's `run_querystring`."""
    engine_class = type(engine_finder())
    calls = []
    original = engine_class.run_querystring

    async def counting(self, querystring, *args, **kwargs):
        calls.append(1)
        return await original(self, querystring, *args, **kwargs)

    with monkeypatch.context() as patched:
        patched.setattr(engine_class, "run_querystring", counting)
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
