"""The risk a person reads (the child's page, `getRisk`) reads only what the score is made of,
not every fact the scan reads; after two weeks of moves, missing episodes, returns, flags,
check-ins and assessments, it must still be, child by child, the level and score the scan
stored for the same instant."""

from __future__ import annotations

import datetime as dt
import random

from scheduler import risk_records
from scheduler.tables import RiskState
from service import db
from service.settings import Settings
from tests.api.alerting import full_scan_at, scan_at, utcnow
from tests.conftest import run
from tests.engines.test_the_incremental_scan_and_a_full_scan_reach_the_same_alerts_over_30_days import (
    Caseload, _backdate)

DAYS = 14


def _stored() -> dict:
    return {str(r["child"]): (r["level"], r["score"])
            for r in run(RiskState.select(RiskState.child, RiskState.level, RiskState.score))}


def _read(child_ids: list, at: dt.datetime) -> dict:
    async def go():
        settings = Settings.from_env()
        async with db.reading():
            return {cid: await risk_records.risk_of(cid, at, settings) for cid in child_ids}
    return run(go())


def test_the_risk_read_for_a_page_is_the_risk_the_scan_stored(api):
    rng = random.Random(20261201)
    start = (utcnow() - dt.timedelta(days=DAYS + 1)).replace(minute=0, second=0)
    caseload = Caseload(api, rng, start)
    _backdate(list(caseload.births), start, rng)
    at = start
    for day in range(1, DAYS):
        previous, at = at, start + dt.timedelta(days=day, hours=rng.randint(0, 23))
        caseload.events(previous, at)
        if day >= DAYS - 3:  # a first placement, then moves: placements count towards the score
            for cid in list(caseload.births)[:3]:
                caseload.move(cid, at - dt.timedelta(hours=1))
        scan_at(at)
    full_scan_at(at)

    read = _read(list(caseload.births), at)
    assert {cid: (r["level"], r["score"]) for cid, r in read.items()} == _stored()
    # The history reached every part of the score: moves, missing and returns, flags.
    factors = {f["code"] for r in read.values() for f in r["factors"]}
    assert {"placement_change", "missing_episode"} <= factors, factors
    assert any(code.startswith("indicator_") for code in factors), factors
