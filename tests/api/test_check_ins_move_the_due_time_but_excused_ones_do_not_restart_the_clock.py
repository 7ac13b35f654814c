"""A check-in where the child is seen restarts the clock; a contact without seeing the child,
or an excused one, does not (an excused one covers its interval instead)."""

import datetime as dt

from care_plans.tables import CheckIn
from tests.conftest import run


def check_in(api, child, at, **body):
    return api.post("cw", f"/api/v1/children/{child['id']}/check-ins",
                    json={"occurred_at": at.isoformat(), **body})


def record(api, child):
    return api.get("cw", f"/api/v1/children/{child['id']}").json()


def an_hour_ago():
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0) - dt.timedelta(hours=1)


def test_seeing_the_child_restarts_the_clock(api, child):
    seen = an_hour_ago()
    assert check_in(api, child, seen, mode="video", child_seen=True, seen_alone=True).status_code == 201
    after = record(api, child)
    assert dt.datetime.fromisoformat(after["last_seen_at"]) == seen
    assert dt.datetime.fromisoformat(after["check_in_due_at"]) == seen + dt.timedelta(days=14)


def test_a_contact_without_seeing_the_child_does_not(api, child):
    before = record(api, child)
    assert check_in(api, child, an_hour_ago(), mode="phone", child_seen=False).status_code == 201
    after = record(api, child)
    assert after["last_seen_at"] is None
    assert after["check_in_due_at"] == before["check_in_due_at"]


def test_an_excused_contact_covers_one_interval_without_restarting_the_clock(api, child):
    registered = record(api, child)
    before = dt.datetime.fromisoformat(registered["check_in_due_at"])
    just_after = dt.datetime.fromisoformat(registered["registered_at"]) + dt.timedelta(microseconds=1)
    excused = check_in(api, child, just_after, excused=True,
                       excuse_reason="In hospital for a planned operation")
    assert excused.status_code == 201
    after = record(api, child)
    assert after["last_seen_at"] is None
    assert dt.datetime.fromisoformat(after["check_in_due_at"]) == before + dt.timedelta(days=14)


def test_an_earlier_check_in_entered_late_does_not_move_last_seen_back(api, child):
    recent, older = an_hour_ago(), an_hour_ago() - dt.timedelta(days=3)
    check_in(api, child, recent, mode="in_person", child_seen=True)
    check_in(api, child, older, mode="in_person", child_seen=True)
    assert dt.datetime.fromisoformat(record(api, child)["last_seen_at"]) == recent


def test_the_list_shows_each_contact_newest_first(api, child):
    check_in(api, child, an_hour_ago() - dt.timedelta(days=1), mode="phone", child_seen=False,
             notes="Carer says settling in")
    check_in(api, child, an_hour_ago(), excused=True, excuse_reason="Road closed by flooding")
    listed = api.get("th", f"/api/v1/children/{child['id']}/check-ins").json()
    assert [(c["excused"], c["mode"]) for c in listed] == [(True, None), (False, "phone")]
    assert listed[0]["excuse_reason"] == "Road closed by flooding"
    assert run(CheckIn.count()) == 2
