"""Administrators keep the list of partner organisations, and every change is audited; a
partner's record holds its own details only, so an admin who manages it learns nothing of the
children referred to it, and the referral routes stay closed to them."""

from service.audit.tables import AuditEntry
from tests.api.referrals import consented, partner, refer
from tests.conftest import run


def test_an_admin_manages_partners_and_sees_no_child(api, child):
    org = partner(api)
    consented(api, child["id"], org["id"])
    referral = refer(api, child["id"], org["id"]).json()
    assert api.post("cw", "/api/v1/partners", json={"name": "X", "services": ["health"]}).status_code == 403
    changed = api.patch("admin", f"/api/v1/partners/{org['id']}", json={"contact": "Intake, 0100 111 111"})
    assert changed.status_code == 200 and changed.json()["contact"] == "Intake, 0100 111 111"
    duplicate = api.post("admin", "/api/v1/partners", json={"name": org["name"], "services": ["health"]})
    assert duplicate.status_code == 409

    for path in ("/api/v1/partners", f"/api/v1/partners/{org['id']}", "/admin/partners"):
        answer = api.get("admin", path)
        assert answer.status_code == 200, path
        for secret in ("Baby A", child["case_number"], child["id"], referral["id"], "babbles"):
            assert secret not in answer.text, (path, secret)
    assert api.get("admin", f"/api/v1/referrals/{referral['id']}").status_code == 403
    assert api.get("admin", f"/api/v1/children/{child['id']}/referrals").status_code == 404
    actions = run(AuditEntry.select(AuditEntry.action).where(AuditEntry.record_id == org["id"]).output(as_list=True))
    assert actions == ["partner.create", "partner.update"]
