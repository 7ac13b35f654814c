"""A child's page lists the case's most recent events, from the chronology itself: filterable
by kind, linking to the full chronology, audited as a chronology read, and never a placement
location; a therapist sees no alert of a kind their role does not see."""

import datetime as dt

from service.audit.tables import AuditEntry
from tests.api.alerting import alerts, registered_days_ago, scan_at, utcnow
from tests.conftest import run


def _ago(hours):
    return (utcnow() - dt.timedelta(hours=hours)).isoformat()


def _section(page: str) -> str:
    start = page.index('id="recent-events"')
    return page[start:page.index("</section>", start)]


def test_the_recent_events_follow_the_chronology_and_its_kinds(api, child):
    cid = child["id"]
    registered_days_ago(cid, 40)
    scan_at(utcnow())
    api.post("cw", f"/api/v1/children/{cid}/placements", json={
        "kind": "kinship", "started_on": (utcnow().date() - dt.timedelta(days=3)).isoformat(),
        "planned": True, "location": "12 Secret Lane"})
    for hours in range(12, 0, -1):
        api.post("cw", f"/api/v1/children/{cid}/check-ins", json={"occurred_at": _ago(hours), "mode": "phone",
                                                                   "child_seen": True})
    page = api.get("cw", f"/children/{cid}")
    assert page.status_code == 200, page.text
    recent = _section(page.text)
    assert recent.count("<tr><td") == 10  # the newest ten of thirteen and more
    assert "Every earlier event, to read or print" in recent and f'href="/children/{cid}/chronology"' in recent
    assert "Secret" not in recent  # the caseworker sees the location in the placements alone

    moves = _section(api.get("cw", f"/children/{cid}", params={"events": "placement"}).text)
    assert "Placement began: kinship (planned)" in moves and "Check-in by" not in moves and "Secret" not in moves
    therapist = api.get("th", f"/children/{cid}", params={"events": "placement"}).text
    assert "Placement began: kinship (planned)" in _section(therapist) and "Secret" not in therapist
    assert f'href="/children/{cid}/chronology?kind=placement"' in moves
    assert "The whole chronology, to read or print" in moves
    reads = run(AuditEntry.count().where((AuditEntry.action == "chronology.read") & (AuditEntry.actor == "cw")))
    assert reads == 2
    assert _section(api.get("cw", f"/children/{cid}", params={"events": "gossip"}).text).count("<tr><td") == 10


def test_a_therapist_sees_only_the_alerts_of_kinds_their_role_sees(api, child):
    registered_days_ago(child["id"], 40)
    scan_at(utcnow())
    assert "missed_check_in" in {a["kind"] for a in alerts(child=child["id"])}
    for who in ("th", "cw"):
        section = _section(api.get(who, f"/children/{child['id']}", params={"events": "alert"}).text)
        assert ("check-in not yet made" in section) == (who == "cw")
        listed = api.get(who, f"/api/v1/children/{child['id']}/chronology", params={"kind": "alert"}).json()
        assert any("check-in not yet made" in e["what"] for e in listed) == (who == "cw")
