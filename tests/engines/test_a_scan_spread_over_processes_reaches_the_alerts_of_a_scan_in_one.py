"""A scan spread over processes (as a first scan of thousands of children is) raises exactly
what a scan in one process would: a full rescan in one process at the same instant finds
nothing to change, alert by alert; every alert and notification it reports is in the
database, once; no child is left marked, and the lease is given back."""

from __future__ import annotations

import datetime as dt
import random
import uuid

from scheduler import spread
from scheduler.tables import Notification, ScanLease
from care_plans.tables import Child
from tests.api.alerting import alerts, full_scan_at, scan_at, utcnow
from tests.conftest import run
from tests.engines.test_an_idle_rescan_writes_no_row import _a_caseload_with_alerts
from tests.engines.test_the_incremental_scan_and_a_full_scan_reach_the_same_alerts_over_30_days import (
    Caseload, _backdate, _state)


def test_three_processes_raise_what_one_would(api, monkeypatch):
    rng = random.Random(3)
    start = utcnow() - dt.timedelta(days=2)
    caseload = Caseload(api, rng, start)
    _backdate(list(caseload.births), start, rng)
    ids = list(caseload.births) + _a_caseload_with_alerts(api)
    monkeypatch.setattr(spread, "PARALLEL_FROM", 1)  # as if thousands were due
    parts, split = [], spread.parts
    monkeypatch.setattr(spread, "parts", lambda due, count: parts.extend(split(due, count)) or split(due, count))

    at = utcnow()
    spread_out = scan_at(at, scan_processes=3)
    assert spread_out["children"] == len(ids) and spread_out["deferred"] == 0
    assert len(parts) == 3 and sorted(c for part in parts for c in part) == sorted(map(uuid.UUID, ids))
    assert spread_out["raised"] == len(alerts()) >= 10
    assert spread_out["notifications"] == len(run(Notification.select(Notification.id)))
    assert run(Child.count().where(Child.changed == True)) == 0  # noqa: E712
    assert all(lease["expires_at"] is None for lease in run(ScanLease.select()))

    before = _state()
    monkeypatch.setattr(spread, "PARALLEL_FROM", 10**9)
    one = full_scan_at(at)
    assert (one["children"], one["raised"], one["updated"], one["resolved"]) == (len(ids), 0, 0, 0), one
    assert _state() == before
