"""A first scan over more than 40,000 generated children (`haven demo --synthetic`) raises
every alert it reports and queues every notification, on SQLite and PostgreSQL alike: no
statement grows with the caseload (PostgreSQL takes at most 32,767 parameters in one), so
nothing rolls back. The next scan finds nothing to do."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from tests.bench.scale import generate
from tests.engines.test_haven_demo_fills_an_empty_database_once import one

CHILDREN = 40_500


@pytest.fixture
def caseload(tmp_path):
    made = generate(CHILDREN, tmp_path)
    yield made
    made.drop()


def test_the_first_scan_raises_everything_once(caseload):
    # Both scans as of one instant: on a slow machine a scan takes minutes, and children whose
    # next check-in falls due meanwhile would rightly be due at a later wall-clock scan.
    at = dt.datetime.now(dt.timezone.utc).isoformat()
    first = json.loads(caseload.haven("scan", "--at", at).stdout.strip().splitlines()[-1])
    assert first["children"] == CHILDREN and first["deferred"] == 0
    assert first["raised"] == one(caseload.url, "SELECT COUNT(*) FROM alert") > CHILDREN // 2
    assert first["notifications"] == one(caseload.url, "SELECT COUNT(*) FROM notification") > first["raised"]
    assert one(caseload.url, "SELECT COUNT(*) FROM child WHERE changed = true") == 0
    assert one(caseload.url, "SELECT COUNT(*) FROM child_wake WHERE wake_at IS NOT NULL") == one(
        caseload.url, "SELECT COUNT(*) FROM child WHERE status = 'active'")

    again = json.loads(caseload.haven("scan", "--at", at).stdout.strip().splitlines()[-1])
    assert again["children"] == again["raised"] == 0
