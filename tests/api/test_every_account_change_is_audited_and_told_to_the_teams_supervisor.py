"""Every account change (create, role, team, activate, deactivate) is an audit entry naming the
actor, the account and what changed, written with the change; someone joining a team, or a
role change within it, shows up in that team's supervisor's inbox (and email, when set up)."""

import uuid

from scheduler.notice_mail import deliver_notices
from service.accounts.tables import AccountNotice, User
from service.audit.tables import AuditEntry
from tests.api.alerting import free_port, settings, smtp_server
from tests.conftest import now as utcnow
from tests.conftest import run

PASSWORD = "a long enough password"


def _name(prefix: str) -> str:
    return f"{prefix}.{uuid.uuid4().hex[:8]}"


def _account_entries(username: str) -> list[tuple]:
    rows = run(AuditEntry.select().where((AuditEntry.record_type == "user") & (AuditEntry.record_id == username))
               .order_by(AuditEntry.at))
    return [(r["actor"], r["action"], r["reason"]) for r in rows]


def _notices(who: str, api) -> list[dict]:
    answer = api.get(who, "/api/v1/notices")
    assert answer.status_code == 200, answer.text
    return answer.json()


def test_creating_an_account_is_audited_and_told_to_its_teams_supervisor(api):
    name = _name("north.cw")
    made = api.post("admin", "/api/v1/users", json={"username": name, "role": "caseworker",
                                                    "team": "north", "password": PASSWORD})
    assert made.status_code == 201, made.text
    assert _account_entries(name) == [("admin", "account.create", "role caseworker, team north, password set")]
    told = _notices("sup", api)
    assert [(n["kind"], n["subject"]) for n in told] == [("member_added", name)]
    assert "admin" in told[0]["text"] and "caseworker" in told[0]["text"]
    assert _notices("sup_other", api) == []
    inbox = api.get("sup", "/inbox")
    assert inbox.status_code == 200 and told[0]["text"] in inbox.text


def test_promoting_to_supervisor_is_audited_and_shows_in_the_teams_inbox(api):
    name = _name("north.cw")
    assert api.post("admin", "/api/v1/users", json={"username": name, "role": "caseworker",
                                                    "team": "north", "password": PASSWORD}).status_code == 201
    promoted = api.patch("admin", f"/api/v1/users/{name}", json={"role": "supervisor"})
    assert promoted.status_code == 200, promoted.text
    assert promoted.json() == {"username": name, "role": "supervisor", "team": "north", "active": True}
    assert _account_entries(name)[-1] == ("admin", "account.role", "role caseworker -> supervisor")
    assert [n["kind"] for n in _notices("sup", api)] == ["role_changed", "member_added"]


def test_moving_someone_into_a_team_is_told_to_the_new_teams_supervisor(api):
    name = _name("therapist")
    assert api.post("admin", "/api/v1/users", json={"username": name, "role": "therapist",
                                                    "password": PASSWORD}).status_code == 201
    assert _notices("sup_other", api) == []
    moved = api.patch("admin", f"/api/v1/users/{name}", json={"team": "south"})
    assert moved.status_code == 200, moved.text
    assert _account_entries(name)[-1] == ("admin", "account.team", "team no team -> south")
    assert [(n["kind"], n["subject"]) for n in _notices("sup_other", api)] == [("member_added", name)]
    assert _notices("sup", api) == []


def test_deactivating_and_reactivating_are_audited(api):
    name = _name("north.cw")
    api.post("admin", "/api/v1/users", json={"username": name, "role": "caseworker", "team": "north",
                                             "password": PASSWORD})
    assert api.patch("admin", f"/api/v1/users/{name}", json={"active": False}).status_code == 200
    assert api.patch("admin", f"/api/v1/users/{name}", json={"active": True}).status_code == 200
    actions = [(actor, action) for actor, action, _ in _account_entries(name)]
    assert actions == [("admin", "account.create"), ("admin", "account.deactivate"), ("admin", "account.activate")]


def test_a_refused_change_writes_neither_the_change_nor_an_entry(api):
    name = _name("therapist")
    api.post("admin", "/api/v1/users", json={"username": name, "role": "therapist", "password": PASSWORD})
    refused = api.patch("admin", f"/api/v1/users/{name}", json={"role": "caseworker"})
    assert refused.status_code == 400 and refused.json()["errors"][0]["field"] == "team"
    assert run(User.select(User.role).where(User.username == name).first())["role"] == "therapist"
    assert [action for _, action, _ in _account_entries(name)] == ["account.create"]
    assert api.patch("admin", f"/api/v1/users/{name}", json={}).status_code == 400
    assert api.patch("sup", f"/api/v1/users/{name}", json={"active": False}).status_code == 403


def test_the_notice_is_emailed_once_when_email_is_set_up(api):
    name = _name("north.cw")
    api.post("admin", "/api/v1/users", json={"username": name, "role": "caseworker", "team": "north",
                                             "password": PASSWORD})
    port = free_port()
    controller, box = smtp_server(port)
    try:
        mail = settings(smtp_host="127.0.0.1", smtp_port=port)
        assert run(deliver_notices(utcnow(), mail)) == {"sent": 1, "failed": 0}
        assert run(deliver_notices(utcnow(), mail)) == {"sent": 0, "failed": 0}
    finally:
        controller.stop()
    assert [to for to, _ in box.messages] == [["sup@haven.test"]]
    assert name in box.messages[0][1]
    assert run(AccountNotice.count().where(AccountNotice.email_sent_at.is_not_null())) == 1
