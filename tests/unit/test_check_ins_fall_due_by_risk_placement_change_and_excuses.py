"""When the next check-in falls due: risk cadence, a plan's own cadence, placement changes,
and excused contacts (which cover a visit without restarting the clock)."""

import datetime as dt

import pytest

from care_plans.cadence import Cadence, PlacementChange, check_in_due, check_in_state
from service.settings import Settings

CADENCE = Cadence.from_settings(Settings())
UTC = dt.timezone.utc
REGISTERED = dt.datetime(2027, 1, 4, 10, 0, tzinfo=UTC)  # a Monday


def due(**kw):
    facts = {"registered_at": REGISTERED, "last_seen_at": None, "risk_level": "medium",
             "plan_days": None}
    return check_in_due(CADENCE, **{**facts, **kw})


@pytest.mark.parametrize("level,days", [("critical", 3), ("high", 7), ("medium", 14), ("low", 30)])
def test_the_risk_level_sets_the_interval_from_registration(level, days):
    assert due(risk_level=level) == REGISTERED + dt.timedelta(days=days)


def test_the_clock_runs_from_the_last_time_the_child_was_seen():
    seen = REGISTERED + dt.timedelta(days=10, hours=3)
    assert due(last_seen_at=seen, risk_level="high") == seen + dt.timedelta(days=7)


def test_a_plans_own_cadence_overrides_the_risk_level():
    assert due(risk_level="low", plan_days=5) == REGISTERED + dt.timedelta(days=5)


def test_the_intervals_come_from_the_settings():
    custom = Cadence.from_settings(Settings(check_in_days_critical=1))
    assert check_in_due(custom, registered_at=REGISTERED, last_seen_at=None,
                        risk_level="critical", plan_days=None) == REGISTERED + dt.timedelta(days=1)


def test_an_unplanned_move_brings_the_visit_within_72_hours():
    move = PlacementChange(started_on=dt.date(2027, 1, 6), planned=False)
    assert due(risk_level="low", placement=move) == dt.datetime(2027, 1, 9, tzinfo=UTC)


def test_a_planned_move_brings_the_visit_within_a_week():
    """A week on from 6 Jan, a visit by 13 Jan: until the end of that day."""
    move = PlacementChange(started_on=dt.date(2027, 1, 6), planned=True)
    assert due(risk_level="low", placement=move) == dt.datetime(2027, 1, 14, tzinfo=UTC) - dt.timedelta(microseconds=1)


def test_the_earlier_of_cadence_and_placement_wins():
    move = PlacementChange(started_on=dt.date(2027, 1, 6), planned=True)
    assert due(risk_level="critical", placement=move) == REGISTERED + dt.timedelta(days=3)


def test_seeing_the_child_after_the_move_satisfies_the_placement_visit():
    move = PlacementChange(started_on=dt.date(2027, 1, 6), planned=False)
    seen = dt.datetime(2027, 1, 7, 15, 0, tzinfo=UTC)
    assert due(risk_level="low", placement=move, last_seen_at=seen) == seen + dt.timedelta(days=30)


def test_being_seen_before_the_move_does_not():
    move = PlacementChange(started_on=dt.date(2027, 1, 20), planned=False)
    seen = dt.datetime(2027, 1, 19, 15, 0, tzinfo=UTC)
    assert due(risk_level="low", placement=move, last_seen_at=seen) == dt.datetime(2027, 1, 23, tzinfo=UTC)


def test_an_excused_contact_covers_its_interval_without_restarting_the_clock():
    excuse = REGISTERED + dt.timedelta(days=13)
    assert due(excused=[excuse]) == REGISTERED + dt.timedelta(days=28)


def test_an_excuse_on_the_due_time_itself_still_covers_it():
    assert due(excused=[REGISTERED + dt.timedelta(days=14)]) == REGISTERED + dt.timedelta(days=28)


def test_excuses_in_consecutive_intervals_each_cover_one():
    excuses = [REGISTERED + dt.timedelta(days=d) for d in (10, 20)]
    assert due(excused=excuses) == REGISTERED + dt.timedelta(days=42)


def test_two_excuses_for_the_same_visit_cover_only_that_one():
    excuses = [REGISTERED + dt.timedelta(days=d) for d in (10, 12)]
    assert due(excused=excuses) == REGISTERED + dt.timedelta(days=28)


def test_an_excuse_from_before_the_child_was_last_seen_counts_for_nothing():
    seen = REGISTERED + dt.timedelta(days=20)
    excuse = REGISTERED + dt.timedelta(days=13)
    assert due(last_seen_at=seen, excused=[excuse]) == seen + dt.timedelta(days=14)


def test_an_excuse_does_not_cover_a_placement_visit():
    move = PlacementChange(started_on=dt.date(2027, 1, 6), planned=False)
    excuse = dt.datetime(2027, 1, 8, tzinfo=UTC)
    assert due(placement=move, excused=[excuse]) == dt.datetime(2027, 1, 9, tzinfo=UTC)


def test_a_check_in_is_due_then_late_then_missed_after_the_grace_period():
    due_at = REGISTERED + dt.timedelta(days=14)
    assert check_in_state(due_at, due_at, grace_days=2) == "due"
    assert check_in_state(due_at, due_at + dt.timedelta(hours=1), grace_days=2) == "late"
    assert check_in_state(due_at, due_at + dt.timedelta(days=2), grace_days=2) == "late"
    assert check_in_state(due_at, due_at + dt.timedelta(days=2, seconds=1), grace_days=2) == "missed"
