"""Check-ins, audit entries, alerts and their notifications take time-ordered ids (UUID version
7): a row's id sorts after those written before it, on either engine, so each new row's key
lands at the end of its primary-key index instead of on a random page of it."""

from __future__ import annotations

import datetime as dt
import uuid

from scheduler.tables import Alert, Notification
from service.audit.tables import AuditEntry
from tests.api.alerting import scan_at
from tests.api.duties import ago, went_missing
from tests.conftest import run


def _check_in(api, child_id: str) -> uuid.UUID:
    sent = api.post("cw", f"/api/v1/children/{child_id}/check-ins", json={
        "occurred_at": dt.datetime.now(dt.timezone.utc).isoformat(), "mode": "in_person", "child_seen": True})
    assert sent.status_code == 201, sent.text
    return uuid.UUID(sent.json()["id"])


def _ids_in_order(found: list[uuid.UUID]) -> bool:
    """In the order written, and as the database itself sorts them."""
    return found == sorted(found) and all(i.version == 7 for i in found)


def test_check_ins_and_their_audit_entries_are_numbered_as_written(api, child):
    check_ins = [_check_in(api, child["id"]) for _ in range(3)]
    assert _ids_in_order(check_ins)
    for _ in range(3):
        assert api.get("sup", f"/api/v1/children/{child['id']}").status_code == 200
    entries = run(AuditEntry.select(AuditEntry.id, AuditEntry.seq).where(
        AuditEntry.child_id == child["id"]).order_by(AuditEntry.id))
    assert len(entries) >= 6
    assert [e["seq"] for e in entries] == sorted(e["seq"] for e in entries)


def test_a_later_scans_alerts_and_notifications_sort_after_an_earlier_ones(api, child):
    went = ago(1)
    went_missing(api, child["id"], went)
    scan_at(went + dt.timedelta(hours=3))  # the first task is late
    first = run(Alert.select(Alert.id).output(as_list=True))
    scan_at(went + dt.timedelta(hours=30))  # the two reports are late now too
    later = [i for i in run(Alert.select(Alert.id).output(as_list=True)) if i not in first]
    assert first and later
    assert _ids_in_order(sorted(first) + sorted(later))

    told = run(Notification.select(Notification.id, Notification.created_at).order_by(Notification.id))
    assert all(t["id"].version == 7 for t in told)
    # Each scan writes its notifications as of its own instant: in id order, the first scan's all
    # come before the second's (which tells of the new alerts and of the first one's escalation).
    instants = [t["created_at"] for t in told]
    assert len(set(instants)) == 2 and instants == sorted(instants)
