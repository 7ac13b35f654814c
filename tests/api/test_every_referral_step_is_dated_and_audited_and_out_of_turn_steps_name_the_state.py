"""A referral moves drafted -> sent -> accepted -> started -> closed with an outcome: each step
is a dated row with who took it, and an audit entry; a step out of turn is a 409 naming the
state it is in; closing needs an outcome; only the team's supervisor revokes."""

import datetime as dt

from service.audit.tables import AuditEntry
from tests.api.referrals import consented, partner, refer, step
from tests.conftest import run


def _actions(referral_id: str) -> list[tuple[str, str]]:
    rows = run(AuditEntry.select(AuditEntry.action, AuditEntry.actor).where(
        AuditEntry.record_id == referral_id).order_by(AuditEntry.seq))
    return [(r["action"], r["actor"]) for r in rows if not r["action"].endswith((".read", ".list"))]


def test_each_step_is_dated_audited_and_taken_in_turn(api, child):
    org = partner(api)
    consented(api, child["id"], org["id"])
    referral = refer(api, child["id"], org["id"]).json()
    rid = referral["id"]

    early = step(api, rid, "started")
    assert early.status_code == 409 and "is drafted" in early.json()["detail"]
    before = (dt.datetime.now(dt.timezone.utc) - dt.timedelta(hours=3)).isoformat()
    too_early = step(api, rid, "sent", at=before)
    assert too_early.status_code == 400 and too_early.json()["errors"][0]["field"] == "at"
    sent_at = dt.datetime.now(dt.timezone.utc).isoformat()
    assert step(api, rid, "sent", at=sent_at).status_code == 200
    assert step(api, rid, "accepted", note="Assessment booked").status_code == 200
    assert step(api, rid, "started").status_code == 200
    no_outcome = step(api, rid, "closed")
    assert no_outcome.status_code == 400 and no_outcome.json()["errors"][0]["field"] == "outcome"
    closed = step(api, rid, "closed", outcome="Evaluation done; weekly sessions agreed")
    assert closed.status_code == 200, closed.text
    body = closed.json()
    assert [s["state"] for s in body["steps"]] == ["drafted", "sent", "accepted", "started", "closed"]
    assert all(s["at"] and s["by"] == "cw" for s in body["steps"])
    assert body["steps"][1]["at"].startswith(sent_at[:16]) and body["outcome"].startswith("Evaluation done")
    after = step(api, rid, "revoked", who="sup")
    assert after.status_code == 409 and "is closed" in after.json()["detail"]
    assert _actions(rid) == [("referral.create", "cw"), ("referral.sent", "cw"), ("referral.accepted", "cw"),
                             ("referral.started", "cw"), ("referral.closed", "cw")]


def test_only_the_supervisor_revokes(api, child):
    org = partner(api)
    consented(api, child["id"], org["id"])
    rid = refer(api, child["id"], org["id"]).json()["id"]
    assert step(api, rid, "sent").status_code == 200
    assert step(api, rid, "revoked", who="cw").status_code == 403
    assert step(api, rid, "revoked", who="sup_other").status_code == 404
    revoked = step(api, rid, "revoked", who="sup", note="Sent to the wrong service; a new referral follows.")
    assert revoked.status_code == 200 and revoked.json()["state"] == "revoked"
    assert _actions(rid)[-1] == ("referral.revoked", "sup")
