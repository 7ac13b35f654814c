"""`refresh_check_in_due` recomputes several children's due times together, on both engines,
as the scan does after risk levels change; `refresh_review_due` likewise for reviews."""

import datetime as dt

from care_plans.due_dates import refresh_check_in_due, refresh_review_due
from care_plans.tables import Child
from tests.conftest import run

LEVEL_DAYS = {"critical": 3, "high": 7, "medium": 14, "low": 30}


def register(api, n):
    return [api.post("cw", "/api/v1/children", json={
        "display_name": f"Child {i}", "birth_date": "2015-05-05"}).json()["id"] for i in range(n)]


def stored():
    rows = run(Child.select(Child.id, Child.registered_at, Child.check_in_due_at, Child.risk_level))
    return {str(r["id"]): r for r in rows}


def test_new_risk_levels_move_every_childs_due_time(api):
    ids = register(api, 8)
    levels = list(LEVEL_DAYS) * 2
    for cid, level in zip(ids, levels):
        run(Child.update({Child.risk_level: level}).where(Child.id == cid))
    changed = run(refresh_check_in_due(ids, dt.datetime.now(dt.timezone.utc)))
    assert changed == 6  # the two medium-risk children were already right
    for cid, level in zip(ids, levels):
        row = stored()[cid]
        assert row["check_in_due_at"] - row["registered_at"] == dt.timedelta(days=LEVEL_DAYS[level])


def test_a_second_refresh_changes_nothing(api):
    ids = register(api, 3)
    run(Child.update({Child.risk_level: "critical"}).where(Child.id.is_in(ids)))
    now = dt.datetime.now(dt.timezone.utc)
    assert run(refresh_check_in_due(ids, now)) == 3
    assert run(refresh_check_in_due(ids, now)) == 0
    assert run(refresh_check_in_due([], now)) == 0


def test_only_the_named_children_are_touched(api):
    first, second = register(api, 2)
    run(Child.update({Child.risk_level: "low"}, force=True))
    run(refresh_check_in_due([first], dt.datetime.now(dt.timezone.utc)))
    rows = stored()
    assert rows[first]["check_in_due_at"] - rows[first]["registered_at"] == dt.timedelta(days=30)
    assert rows[second]["check_in_due_at"] - rows[second]["registered_at"] == dt.timedelta(days=14)


def test_review_dates_are_repaired_together(api):
    ids = register(api, 3)
    run(Child.update({Child.next_review_due: None}).where(Child.id.is_in(ids)))
    assert run(refresh_review_due(ids, dt.datetime.now(dt.timezone.utc))) == 3
    dues = run(Child.select(Child.next_review_due).output(as_list=True))
    assert None not in dues


def test_more_children_than_a_batch_are_all_done(api, monkeypatch):
    from care_plans import due_dates

    monkeypatch.setattr(due_dates, "BATCH", 2)
    ids = register(api, 5)
    run(Child.update({Child.risk_level: "high"}).where(Child.id.is_in(ids)))
    assert run(refresh_check_in_due(ids, dt.datetime.now(dt.timezone.utc))) == 5
    run(Child.update({Child.next_review_due: None}).where(Child.id.is_in(ids)))
    assert run(refresh_review_due(ids, dt.datetime.now(dt.timezone.utc))) == 5
