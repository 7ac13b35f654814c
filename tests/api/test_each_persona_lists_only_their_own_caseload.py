"""GET /api/v1/children lists the caller's visible caseload, filtered as asked, and audits a
read of every child listed."""

from service.audit.tables import AuditEntry
from tests.conftest import run


def register(api, who, name, **extra):
    created = api.post(who, "/api/v1/children", json={"display_name": name, "birth_date": "2013-06-06", **extra})
    assert created.status_code == 201, created.text
    return created.json()


def names(api, who, **params):
    listed = api.get(who, "/api/v1/children", params=params)
    assert listed.status_code == 200, listed.text
    return sorted(c["display_name"] for c in listed.json())


def test_each_persona_sees_their_own(api, child):
    register(api, "cw", "Amira")
    register(api, "cw_other", "Bogdan")
    assert names(api, "cw") == ["Amira", "Baby A"]
    assert names(api, "sup") == ["Amira", "Baby A"]
    assert names(api, "th") == ["Baby A"]
    assert names(api, "cw_other") == names(api, "sup_other") == ["Bogdan"]
    assert names(api, "th_other") == names(api, "admin") == []
    assert api.get(None, "/api/v1/children").status_code == 401


def test_filters_by_name_case_number_status_risk_and_caseworker(api, child):
    amira = register(api, "cw", "Amira")
    register(api, "cw", "Mara")
    assert names(api, "cw", q="AMI") == ["Amira"]
    assert names(api, "cw", q=amira["case_number"]) == ["Amira"]
    register(api, "cw", "Li_50%")
    assert names(api, "cw", q="%") == names(api, "cw", q="_5") == ["Li_50%"]  # typed, not wildcards
    assert names(api, "cw", q="i_5") == ["Li_50%"] and names(api, "cw", q="a%") == []
    api.post("sup", f"/api/v1/children/{amira['id']}/closing", json={"reason": "returned_to_family"})
    assert names(api, "sup", status="closed") == ["Amira"]
    assert names(api, "sup", status="active") == ["Baby A", "Li_50%", "Mara"]
    assert names(api, "sup", risk_level="medium", caseworker="cw") == ["Amira", "Baby A", "Li_50%", "Mara"]
    assert names(api, "sup", caseworker="cw_other") == []
    assert api.get("cw", "/api/v1/children", params={"risk_level": "extreme"}).status_code == 400


def test_a_supervisor_registers_only_to_a_named_caseworker(api):
    refused = api.post("sup", "/api/v1/children", json={"display_name": "E", "birth_date": "2013-06-06"})
    assert refused.status_code == 400
    assert [e["field"] for e in refused.json()["errors"]] == ["caseworker"]


def test_every_child_listed_is_audited_as_read_by_the_caller(api, child):
    register(api, "cw", "Amira")
    listed = api.get("sup", "/api/v1/children").json()
    rows = run(AuditEntry.select(AuditEntry.actor, AuditEntry.child_id).where(AuditEntry.action == "child.list"))
    assert sorted(r["child_id"] for r in rows) == sorted(c["id"] for c in listed)
    assert {r["actor"] for r in rows} == {"sup"}
