"""`haven demo --synthetic N` on an empty caseload: N children registered over five years with
their history (about twenty check-ins each, placements, plans and reviews, missing episodes,
assessments for the under-fives), staff to match, due dates exactly what the rules make them;
the same seed gives the same children; a caseload that is not empty is refused."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from collections import Counter

import pytest

from care_plans.due_dates import refresh_check_in_due, refresh_review_due
from care_plans.tables import (
    CarePlan,
    CarePlanGoal,
    CareTeamMember,
    CheckIn,
    Child,
    MissingEpisode,
    Placement,
    Review,
)
from milestones.tables import Assessment, Milestone, Observation
from scheduler.scan import scan
from scheduler.tables import RiskLevelChange, RiskState
from service import synthetic
from service.accounts.tables import Team, User
from service.settings import Settings
from tests.conftest import DATABASE_URL, run, wipe_case_data

COUNT = 300
SEED = 7


def haven(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "HAVEN_DATABASE_URL": DATABASE_URL, "HAVEN_SCHEDULER": "false"}
    return subprocess.run([sys.executable, "-m", "service.cli", *args], env=env,
                          capture_output=True, text=True, timeout=300)


def forget_generated_staff() -> None:
    """Case data goes between tests but accounts stay: these would be counted by others."""
    wipe_case_data()
    generated = re.compile(r"s\d+r\d+\.")
    users = [u for u in run(User.select(User.username).output(as_list=True)) if generated.match(u)]
    teams = [t for t in run(Team.select(Team.name).output(as_list=True)) if generated.match(t)]
    if users:
        run(User.delete().where(User.username.is_in(users)))
    if teams:
        run(Team.delete().where(Team.name.is_in(teams)))


@pytest.fixture(scope="module")
def generated(tokens):
    wipe_case_data()
    done = haven("demo", "--synthetic", str(COUNT), "--seed", str(SEED))
    assert done.returncode == 0, done.stderr
    yield done.stdout
    forget_generated_staff()


def children() -> list[dict]:
    return run(Child.select().order_by(Child.case_number))


def per_child(table, column) -> Counter:
    return Counter(r[column._meta.name] for r in run(table.select(column)))


def test_the_children_span_every_age_and_five_years_of_registrations(generated):
    kids = children()
    today = dt.datetime.now(dt.timezone.utc).date()
    assert len(kids) == COUNT
    assert len({k["case_number"] for k in kids}) == COUNT
    assert all(re.fullmatch(r"HV-\d{4}-\d{6}", k["case_number"]) for k in kids)
    assert all(k["birth_date"] <= k["registered_at"].date() for k in kids)
    ages = [(today - k["birth_date"]).days / 365.25 for k in kids]
    assert min(ages) < 1 and max(ages) > 16 and all(0 <= a < 18 for a in ages)
    under_five = sum(a < 5 for a in ages)
    assert 0.2 * COUNT < under_five < 0.5 * COUNT
    assert sum(k["gestational_age_weeks"] is not None and k["gestational_age_weeks"] < 37 for k in kids) >= 5
    years_ago = [(today - k["registered_at"].date()).days / 365.25 for k in kids]
    assert min(years_ago) < 0.1 and 4.8 < max(years_ago) <= 5.01
    assert len({k["sex"] for k in kids}) >= 2 and len({k["documentation_status"] for k in kids}) >= 4
    assert sum(k["birth_date_estimated"] for k in kids) >= 10


def test_each_team_has_a_supervisor_caseworkers_for_about_25_children_and_therapists(generated):
    staff = run(User.select(User.role, User.username, User.team.name.as_alias("team")).where(
        User.username.like(f"s{SEED}r1.%")))
    roles = Counter(s["role"] for s in staff)
    assert roles["supervisor"] == 1 and roles["caseworker"] == COUNT // 25 and roles["therapist"] >= 1
    caseloads = Counter(k["caseworker"] for k in children())
    assert len(caseloads) == COUNT // 25 and max(caseloads.values()) == 25
    assert f"s{SEED}r1.t001.supervisor" in generated and synthetic.PASSWORD in generated


def test_about_twenty_check_ins_a_child_some_excused_some_not_seen(generated):
    counts = per_child(CheckIn, CheckIn.child)
    assert 15 <= sum(counts.values()) / COUNT <= 25
    rows = run(CheckIn.select(CheckIn.excused, CheckIn.child_seen, CheckIn.excuse_reason))
    excused = [r for r in rows if r["excused"]]
    assert excused and all(r["excuse_reason"] and not r["child_seen"] for r in excused)
    assert any(not r["excused"] and not r["child_seen"] for r in rows)


def test_one_to_four_placements_each_only_the_current_one_open(generated):
    placements = run(Placement.select(Placement.child, Placement.ended_on, Placement.planned))
    per = Counter(p["child"] for p in placements)
    assert len(per) == COUNT and set(per.values()) <= {1, 2, 3, 4} and len(set(per.values())) >= 3
    assert Counter(p["child"] for p in placements if p["ended_on"] is None) == Counter(dict.fromkeys(per, 1))
    assert {p["planned"] for p in placements} == {True, False}


def test_some_children_went_missing_and_a_few_still_are(generated):
    episodes = run(MissingEpisode.select(MissingEpisode.returned_at))
    still = sum(e["returned_at"] is None for e in episodes)
    assert 1 <= still <= COUNT // 50 and len(episodes) - still >= 10


def test_active_plans_have_goals_the_childs_views_and_reviews(generated):
    plans = run(CarePlan.select())
    active = [p for p in plans if p["status"] == "active"]
    assert len(active) > 0.85 * COUNT and {p["status"] for p in plans} >= {"active", "draft"}
    assert all(p["child_views"] or p["child_views_not_obtained_reason"] for p in plans)
    with_goals = per_child(CarePlanGoal, CarePlanGoal.plan)
    assert all(with_goals[p["id"]] >= 2 for p in plans)
    reviews = run(Review.select(Review.child, Review.child_views, Review.child_views_not_obtained_reason))
    assert len(reviews) > COUNT and all(r["child_views"] or r["child_views_not_obtained_reason"] for r in reviews)


def test_under_fives_have_assessments_against_real_milestones(generated):
    today = dt.datetime.now(dt.timezone.utc).date()
    young = {k["id"] for k in children() if (today - k["birth_date"]).days < 1820
             and (today - k["registered_at"].date()).days > 14}
    assessed = per_child(Assessment, Assessment.child)
    assert young and all(assessed[c] >= 1 for c in young)
    therapists = {r["child"] for r in run(CareTeamMember.select(CareTeamMember.child))}
    assert young <= therapists
    observations = run(Observation.select(Observation.milestone, Observation.status))
    codes = set(run(Milestone.select(Milestone.code).output(as_list=True)))
    assert len(observations) > 5 * len(young) and {o["milestone"] for o in observations} <= codes
    assert {o["status"] for o in observations} == {"achieved", "emerging", "not_yet"}


def test_the_precomputed_due_dates_are_what_the_rules_make_them(generated):
    ids = [k["id"] for k in children()]
    now = dt.datetime.now(dt.timezone.utc)
    assert run(refresh_check_in_due(ids, now)) == 0
    assert run(refresh_review_due(ids, now)) == 0
    kids = children()
    assert sum(k["last_seen_at"] is not None for k in kids) > 0.9 * COUNT
    assert any(k["check_in_due_at"] < now for k in kids) and any(k["check_in_due_at"] > now for k in kids)


def test_a_child_registered_afterwards_gets_the_next_case_number(generated, app_client, tokens):
    made = app_client.post("/api/v1/children", headers={"Authorization": f"Bearer {tokens['cw']}"},
                           json={"display_name": "After", "birth_date": "2020-01-01"})
    assert made.status_code == 201, made.text
    year = dt.datetime.now(dt.timezone.utc).year
    this_year = [k["case_number"] for k in children() if k["case_number"].startswith(f"HV-{year}-")]
    assert made.json()["case_number"] == max(this_year)  # after every generated one


def test_a_caseload_that_is_not_empty_is_refused_and_nothing_is_written(generated):
    before = len(children()), run(User.count())
    refused = haven("demo", "--synthetic", "50", "--seed", str(SEED))
    assert refused.returncode != 0
    assert "already holds children" in refused.stderr
    assert (len(children()), run(User.count())) == before


def test_the_first_scan_scores_each_child_and_starts_its_risk_level_history(generated):
    """Generated children carry no risk yet (their due dates are for a medium level): the
    first scan scores them and writes each one's first level, in the same write."""
    assert (run(RiskState.count()), run(RiskLevelChange.count())) == (0, 0)
    run(scan(dt.datetime.now(dt.timezone.utc), Settings.from_env()))
    states = {r["child"]: (r["level"], r["since"]) for r in run(RiskState.select())}
    history = {r["child"]: (r["level"], r["since"]) for r in run(RiskLevelChange.select())}
    assert len(states) == len(children()) == run(RiskLevelChange.count()) and history == states
    assert all(k["risk_level"] == states[k["id"]][0] for k in children())


def test_the_same_seed_gives_the_same_children(generated):
    now = dt.datetime(2027, 3, 1, 9, 0, tzinfo=dt.timezone.utc)

    def once(seed: int) -> list[tuple]:
        wipe_case_data()
        run(synthetic.generate(120, seed=seed, now=now))
        return [(k["case_number"], k["birth_date"], k["registered_at"]) for k in children()]

    first, again, other = once(SEED), once(SEED), once(SEED + 1)
    assert first == again and len(first) == 120
    assert first != other
