"""A referral left past its clock (`referral_clocks.csv`) raises exactly one `referral_stalled`
alert, however many scans follow, and moving it on resolves it. A sent early-intervention
referral has 10 days for an answer; once accepted, 45 days from sending until it starts."""

import datetime as dt

from tests.api.alerting import alerts, full_scan_at, scan_at, utcnow
from tests.api.referrals import consented, partner, refer, step


def _stalled():
    return alerts(kind="referral_stalled")


def test_one_alert_while_it_waits_resolved_when_it_moves(api, child):
    org = partner(api)
    consented(api, child["id"], org["id"])
    rid = refer(api, child["id"], org["id"]).json()["id"]
    assert step(api, rid, "sent").status_code == 200
    now = utcnow()
    scan_at(now + dt.timedelta(days=9))
    assert _stalled() == []
    for days in (11, 12, 15):
        scan_at(now + dt.timedelta(days=days))
    full_scan_at(now + dt.timedelta(days=15))
    (alert,) = _stalled()
    assert alert["status"] == "open" and alert["cause_key"] == f"{rid}:sent"
    assert "Little Steps Early Intervention" in alert["reasons"][0] and "waited for an answer" in alert["reasons"][0]
    assert "Baby A" not in alert["reasons"][0]

    assert step(api, rid, "accepted").status_code == 200
    scan_at(now + dt.timedelta(days=15, minutes=1))
    (resolved,) = _stalled()
    assert resolved["status"] == "resolved" and resolved["resolved_note"] == "Resolved: the referral moved on."
    scan_at(now + dt.timedelta(days=44))
    assert len(_stalled()) == 1
    scan_at(now + dt.timedelta(days=46))
    assert [a["cause_key"] for a in _stalled() if a["status"] == "open"] == [f"{rid}:accepted"]
