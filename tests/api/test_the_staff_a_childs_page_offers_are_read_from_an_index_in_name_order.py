"""Every child's page offers every active therapist (to join the care team) and, to a
supervisor, the team's caseworkers: both lists are read from an index that holds them in
username order, not by reading and sorting every account on each page."""

from __future__ import annotations

import uuid

import pytest

from service import db
from service.accounts.services import _ACTIVE_STAFF, _ACTIVE_STAFF_OF_TEAM
from tests.conftest import run


async def _plan(prepared, values: list) -> str:
    sql, bound = prepared.bound(db.engine().engine_type, *values)
    async with db.reading(inline=False):
        if db.is_sqlite():
            return " ".join(r["detail"] for r in await db.fetch(f"EXPLAIN QUERY PLAN {sql}", bound))
        # A handful of accounts in a test database: the planner would rightly read them all.
        await db.fetch("SELECT set_config('enable_seqscan', 'off', true)")
        rows = await db.fetch(f"EXPLAIN {sql}", bound)
    return " ".join(next(iter(r.values())) for r in rows)


@pytest.mark.parametrize("prepared, values, index", [
    (_ACTIVE_STAFF, ["therapist"], "haven_user_role_staff"),
    (_ACTIVE_STAFF_OF_TEAM, ["caseworker", str(uuid.uuid4())], "haven_user_team_staff"),
], ids=["every active therapist", "a team's caseworkers"])
def test_the_choices_come_from_their_index(api, prepared, values, index):
    plan = run(_plan(prepared, values))
    assert index in plan, plan
    assert "TEMP B-TREE" not in plan and "Sort" not in plan, plan  # already in username order
