"""Starting a placement ends the current one, and the child must be seen within 7 days of a
planned move, 72 hours of an unplanned one, or sooner if the cadence says so."""

import datetime as dt

from care_plans.tables import Placement
from tests.conftest import run


def move(api, child, started_on, planned, kind="foster"):
    return api.post("cw", f"/api/v1/children/{child['id']}/placements", json={
        "kind": kind, "started_on": started_on.isoformat(), "planned": planned})


def due(api, child):
    return dt.datetime.fromisoformat(api.get("cw", f"/api/v1/children/{child['id']}").json()["check_in_due_at"])


def test_the_previous_placement_ends_on_the_day_the_new_one_starts(api, child):
    today = dt.date.today()
    assert move(api, child, today - dt.timedelta(days=20), True).status_code == 201
    assert move(api, child, today - dt.timedelta(days=2), False, "shelter").status_code == 201
    rows = run(Placement.select(Placement.kind, Placement.ended_on).order_by(Placement.started_on))
    assert rows == [{"kind": "foster", "ended_on": today - dt.timedelta(days=2)},
                    {"kind": "shelter", "ended_on": None}]


def test_an_unplanned_move_makes_a_visit_due_within_72_hours(api, child):
    start = dt.date.today() - dt.timedelta(days=1)
    move(api, child, start, False)
    midnight = dt.datetime.combine(start, dt.time(0), tzinfo=dt.timezone.utc)
    assert due(api, child) == midnight + dt.timedelta(hours=72)


def test_a_planned_move_within_a_week_unless_the_cadence_is_sooner(api, child):
    start = dt.date.today() - dt.timedelta(days=1)
    before = due(api, child)  # medium risk: 14 days from registration
    move(api, child, start, True)
    # "a visit by" the seventh day: until that day's end (local time; UTC here)
    by = dt.datetime.combine(start + dt.timedelta(days=8), dt.time(0), tzinfo=dt.timezone.utc)
    assert due(api, child) == min(before, by - dt.timedelta(microseconds=1))


def test_seeing_the_child_after_the_move_lifts_the_placement_deadline(api, child):
    start = dt.date.today() - dt.timedelta(days=1)
    move(api, child, start, False)
    seen = dt.datetime.now(dt.timezone.utc).replace(microsecond=0) - dt.timedelta(hours=1)
    api.post("cw", f"/api/v1/children/{child['id']}/check-ins", json={
        "occurred_at": seen.isoformat(), "mode": "in_person", "child_seen": True})
    assert due(api, child) == seen + dt.timedelta(days=14)


def test_a_placement_cannot_start_before_the_current_one_or_in_the_future(api, child):
    today = dt.date.today()
    move(api, child, today - dt.timedelta(days=5), True)
    for bad in (today - dt.timedelta(days=6), today + dt.timedelta(days=3)):
        refused = move(api, child, bad, True)
        assert refused.status_code == 400
        assert [e["field"] for e in refused.json()["errors"]] == ["started_on"]
    assert run(Placement.count()) == 1
