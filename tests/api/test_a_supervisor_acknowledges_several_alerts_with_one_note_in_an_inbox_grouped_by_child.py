"""The supervisor's inbox: counts by severity and kind at the top, plans waiting for approval
above the alerts, one card per child with that child's alerts, and several alerts acknowledged
at once with one note, each acknowledgement audited; all of them or none."""

import re

from scheduler.tables import Alert
from service.audit.tables import AuditEntry
from tests.api.alerting import registered_days_ago, scan_at, utcnow
from tests.api.plans import draft
from tests.conftest import run


def _two_children_with_alerts(api, child):
    other = api.post("cw", "/api/v1/children", json={"display_name": "Noor", "birth_date": "2014-05-01"}).json()
    for c in (child, other):
        registered_days_ago(c["id"], 40)
    scan_at(utcnow())
    return other


def test_the_inbox_has_counts_plans_first_and_a_card_per_child(api, child):
    other = _two_children_with_alerts(api, child)
    submitted = draft(api, child)
    api.post("cw", f"/api/v1/care-plans/{submitted['id']}/submit")
    page = api.get("sup", "/inbox").text
    assert page.index("Care plans waiting for approval") < page.index('id="alerts-heading"')
    total = run(Alert.count())
    assert f"<strong>{total} waiting</strong>" in page
    assert "Missed check-in: 2" in page
    cards = re.findall(r'<section class="card child-card" aria-labelledby="card-([0-9a-f-]+)"', page)
    assert sorted(cards) == sorted([child["id"], other["id"]])


def test_several_alerts_are_acknowledged_with_one_note(api, child):
    _two_children_with_alerts(api, child)
    ids = [str(i) for i in run(Alert.select(Alert.id).where(Alert.kind == "missed_check_in").output(as_list=True))]
    done = api.post("sup", "/api/v1/alerts/acknowledge", json={"alert_ids": ids, "note": "Visits booked for Friday."})
    assert done.status_code == 200, done.text
    assert sorted(done.json()["acknowledged"]) == sorted(ids)
    rows = run(Alert.select(Alert.status, Alert.acknowledged_note, Alert.acknowledged_by.username.as_alias("by")).where(
        Alert.kind == "missed_check_in"))
    assert rows == [{"status": "acknowledged", "acknowledged_note": "Visits booked for Friday.", "by": "sup"}] * 2
    audited = run(AuditEntry.select(AuditEntry.record_id).where(AuditEntry.action == "alert.acknowledge").output(as_list=True))
    assert sorted(audited) == sorted(ids)
    again = api.post("sup", "/api/v1/alerts/acknowledge", json={"alert_ids": ids, "note": "Again"})
    assert again.status_code == 409


def test_all_or_none(api, child):
    _two_children_with_alerts(api, child)
    ids = [str(i) for i in run(Alert.select(Alert.id).output(as_list=True))]
    assert api.post("cw_other", "/api/v1/alerts/acknowledge", json={"alert_ids": ids, "note": "x"}).status_code == 404
    assert api.post("sup", "/api/v1/alerts/acknowledge", json={"alert_ids": ids, "note": ""}).status_code == 400
    assert api.post("sup", "/api/v1/alerts/acknowledge", json={"alert_ids": [], "note": "x"}).status_code == 400
    assert api.post("sup", "/api/v1/alerts/acknowledge", json={"alert_ids": ["nope"], "note": "x"}).status_code in (400, 404)
    assert run(Alert.count().where(Alert.status == "acknowledged")) == 0
