"""`haven demo` on an empty database: two teams, their staff, about forty children of every
age with months of history; run again, it adds nothing."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import subprocess
import sys

import pytest

from tests import engine as test_engine


def query(url: str, sql: str) -> list[tuple]:
    if url.startswith("sqlite:///"):
        with contextlib.closing(sqlite3.connect(url.removeprefix("sqlite:///"))) as conn:
            return conn.execute(sql).fetchall()
    import asyncpg

    async def go():
        conn = await asyncpg.connect(url)
        try:
            return [tuple(r) for r in await conn.fetch(sql)]
        finally:
            await conn.close()

    return test_engine.run_outside_loop(go())


def one(url: str, sql: str):
    return query(url, sql)[0][0]


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    kind, url, first = test_engine.demo_copy()
    env = {**os.environ, "HAVEN_DATABASE_URL": url, "HAVEN_SCHEDULER": "false"}
    cwd = tmp_path_factory.mktemp("demo")

    def run_demo():
        return subprocess.run([sys.executable, "-m", "service.cli", "demo"], env=env, cwd=cwd,
                              capture_output=True, text=True, check=True, timeout=120).stdout

    counts = {t: one(url, f"SELECT COUNT(*) FROM {t}") for t in
              ("child", "check_in", "placement", "care_plan", "review", "audit_entry", "haven_user",
               "risk_level_history")}
    yield url, first, counts, run_demo
    test_engine.drop(kind, url)


def test_two_teams_with_their_staff_and_printed_logins(demo):
    url, printed, _, _ = demo
    assert sorted(r[0] for r in query(url, "SELECT name FROM team")) == ["north", "south"]
    roles = dict(query(url, "SELECT role, COUNT(*) FROM haven_user GROUP BY role"))
    assert roles["admin"] == 1 and roles["supervisor"] == 2 and roles["therapist"] == 2
    assert 4 <= roles["caseworker"] <= 6
    logins = [line.split() for line in printed.splitlines() if line.startswith("  ")]
    assert len(logins) == sum(roles.values())


def test_about_forty_children_of_every_age(demo):
    url, _, counts, _ = demo
    assert 35 <= counts["child"] <= 45
    infants = one(url, "SELECT COUNT(*) FROM child WHERE gestational_age_weeks < 37")
    estimated = one(url, "SELECT COUNT(*) FROM child WHERE birth_date_estimated")
    teens = one(url, "SELECT COUNT(*) FROM child WHERE birth_date < '2014-01-01'")
    assert infants >= 3 and estimated >= 3 and teens >= 10
    assert one(url, "SELECT COUNT(DISTINCT team) FROM child") == 2


def test_months_of_history(demo):
    url, _, counts, _ = demo
    assert counts["check_in"] > 300 and counts["review"] > 20 and counts["placement"] > 45
    assert one(url, "SELECT COUNT(*) FROM check_in WHERE excused") >= 3
    assert one(url, "SELECT COUNT(*) FROM placement WHERE NOT planned AND reason <> ''") >= 3
    assert one(url, "SELECT COUNT(*) FROM missing_episode WHERE returned_at IS NOT NULL") >= 3
    assert one(url, "SELECT COUNT(*) FROM missing_episode WHERE returned_at IS NULL") == 1
    assert one(url, "SELECT COUNT(*) FROM care_team_member") >= 10
    assert one(url, "SELECT COUNT(*) FROM audit_entry WHERE source = 'demo'") == counts["audit_entry"]


def test_plans_in_every_state_with_the_childs_views(demo):
    url, _, _, _ = demo
    states = dict(query(url, "SELECT status, COUNT(*) FROM care_plan GROUP BY status"))
    assert set(states) == {"draft", "submitted", "active", "superseded"}
    assert one(url, "SELECT COUNT(*) FROM care_plan WHERE child_views = '' "
                    "AND child_views_not_obtained_reason = ''") == 0
    assert one(url, "SELECT COUNT(*) FROM care_plan WHERE status = 'active' AND next_review_due IS NULL") == 0
    assert one(url, "SELECT COUNT(*) FROM care_plan_revision") >= 1


def test_some_children_need_attention_and_most_do_not(demo):
    url, _, counts, _ = demo
    today = one(url, "SELECT MAX(recorded_at) FROM check_in")
    today = today if isinstance(today, str) else today.isoformat()
    overdue_reviews = one(url, f"SELECT COUNT(*) FROM child WHERE next_review_due < '{today[:10]}'")
    not_seen = one(url, f"SELECT COUNT(*) FROM child WHERE check_in_due_at < '{today[:10]}'")
    assert overdue_reviews == 1
    assert 2 <= not_seen <= counts["child"] // 4


def test_each_child_starts_its_risk_level_history_at_the_level_the_scan_gave_it(demo):
    url, _, counts, _ = demo
    assert counts["risk_level_history"] == counts["child"]
    assert one(url, "SELECT COUNT(*) FROM risk_level_history h JOIN risk_state s ON s.child = h.child "
                    "JOIN child c ON c.id = h.child WHERE h.level = s.level AND h.level = c.risk_level "
                    "AND h.since = s.since") == counts["child"]


def test_referrals_in_several_states_one_stalled_and_consent_given_and_withdrawn(demo):
    url, _, _, _ = demo
    states = {r[0] for r in query(url, "SELECT state FROM referral")}
    assert {"drafted", "sent", "started", "closed", "declined"} <= states
    assert one(url, "SELECT COUNT(*) FROM alert WHERE kind = 'referral_stalled' AND status = 'open'") == 1
    assert one(url, "SELECT COUNT(*) FROM referral WHERE lawful_basis <> '' AND basis_approved_at IS NOT NULL") == 1
    assert one(url, "SELECT COUNT(*) FROM consent WHERE withdrawn_at IS NOT NULL AND given_by = 'child'") == 1
    assert one(url, "SELECT COUNT(*) FROM consent WHERE withdrawn_at IS NULL") >= 5
    steps = one(url, "SELECT COUNT(*) FROM referral_step")
    assert one(url, "SELECT COUNT(*) FROM audit_entry WHERE action LIKE 'referral.%'") == steps + 1  # + approval


def test_a_second_run_adds_nothing(demo):
    url, _, counts, run_demo = demo
    assert "already holds data" in run_demo()
    for table, count in counts.items():
        assert one(url, f"SELECT COUNT(*) FROM {table}") == count, table
