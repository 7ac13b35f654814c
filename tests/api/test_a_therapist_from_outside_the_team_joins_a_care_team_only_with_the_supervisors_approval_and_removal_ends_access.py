"""A therapist of the child's team joins the care team at once; one from another team (or none)
waits, seeing nothing, until the child's team supervisor approves, and the supervisor is told.
Removing a therapist, from the API or the child's page, is audited and ends their access with
the very next request."""

import re

from care_plans.tables import CareTeamMember, CareTeamRequest
from service.audit.tables import AuditEntry
from tests.conftest import run


def _actions(child_id) -> list[tuple[str, str]]:
    rows = run(AuditEntry.select(AuditEntry.actor, AuditEntry.action).where(
        (AuditEntry.child_id == child_id) & AuditEntry.action.like("care_team.%")).order_by(AuditEntry.at))
    return [(r["actor"], r["action"]) for r in rows]


def test_a_therapist_of_another_team_waits_for_the_supervisor(api, child):
    cid = child["id"]
    asked = api.post("cw", f"/api/v1/children/{cid}/care-team", json={"username": "th_other"})
    assert asked.status_code == 201, asked.text
    assert asked.json() == {"child_id": cid, "care_team": ["th"], "pending": ["th_other"]}
    assert api.get("th_other", f"/api/v1/children/{cid}").status_code == 404
    assert api.get("th_other", "/api/v1/children").json() == []
    told = api.get("sup", "/api/v1/notices").json()
    assert [(n["kind"], n["subject"]) for n in told] == [("care_team_request", "th_other")]
    assert child["case_number"] in told[0]["text"]

    assert api.post("cw", f"/api/v1/children/{cid}/care-team/th_other/approve").status_code == 403
    assert api.post("sup_other", f"/api/v1/children/{cid}/care-team/th_other/approve").status_code == 404
    approved = api.post("sup", f"/api/v1/children/{cid}/care-team/th_other/approve")
    assert approved.status_code == 200, approved.text
    assert approved.json() == {"child_id": cid, "care_team": ["th", "th_other"], "pending": []}
    assert api.get("th_other", f"/api/v1/children/{cid}").status_code == 200
    assert _actions(cid)[-2:] == [("cw", "care_team.request"), ("sup", "care_team.approve")]


def test_the_supervisor_adds_a_therapist_from_outside_at_once(api, child):
    added = api.post("sup", f"/api/v1/children/{child['id']}/care-team", json={"username": "th_other"})
    assert added.json()["care_team"] == ["th", "th_other"]
    assert run(CareTeamRequest.count()) == 0


def test_removing_a_therapist_ends_their_access_at_once(api, child):
    cid = child["id"]
    assert api.get("th", f"/api/v1/children/{cid}").status_code == 200
    removed = api.delete("cw", f"/api/v1/children/{cid}/care-team/th")
    assert removed.status_code == 200, removed.text
    assert removed.json() == {"child_id": cid, "care_team": [], "pending": []}
    assert api.get("th", f"/api/v1/children/{cid}").status_code == 404
    assert api.get("th", "/api/v1/children").json() == []
    assert _actions(cid)[-1] == ("cw", "care_team.remove")
    assert api.delete("cw", f"/api/v1/children/{cid}/care-team/th").status_code == 404
    assert api.delete("th", f"/api/v1/children/{cid}/care-team/th").status_code == 404
    assert api.delete("cw_other", f"/api/v1/children/{cid}/care-team/th").status_code == 404


def test_the_childs_page_removes_a_therapist(api, child):
    cid = child["id"]
    page = api.get("cw", f"/children/{cid}")
    assert f'action="/children/{cid}/care-team/th/remove"' in page.text
    token = re.search(r'name="_csrf_token" value="([^"]+)"', page.text).group(1)
    done = api.post("cw", f"/children/{cid}/care-team/th/remove", data={"_csrf_token": token},
                    follow_redirects=False)
    assert done.status_code in (302, 303), done.text
    assert run(CareTeamMember.count()) == 0
    assert _actions(cid)[-1] == ("cw", "care_team.remove")
    assert api.get("th", f"/children/{cid}").status_code == 404
