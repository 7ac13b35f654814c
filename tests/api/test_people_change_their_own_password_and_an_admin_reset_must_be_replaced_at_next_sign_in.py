"""A person changes their own password (the current one must match; other sign-ins end); an
admin's reset gives a new password shown once, ends the person's sign-ins, and leaves nothing
open but choosing their own. Both are audited. Tokens also lapse when left unused."""

import datetime as dt
import re
import uuid

from service.accounts.tables import Token, User
from service.audit.tables import AuditEntry
from tests.conftest import run

FIRST = "a long enough password"


def _person(api) -> str:
    name = f"pw.{uuid.uuid4().hex[:8]}"
    assert api.post("admin", "/api/v1/users", json={"username": name, "role": "therapist",
                                                    "password": FIRST}).status_code == 201
    return name


def _token(api, name, password) -> str | None:
    got = api.client.post("/api/v1/auth/token", json={"username": name, "password": password})
    return got.json()["token"] if got.status_code == 201 else None


def _as(token):
    return {"Authorization": f"Bearer {token}"}


def _actions(name) -> list[str]:
    return [r["action"] for r in run(AuditEntry.select(AuditEntry.action).where(
        AuditEntry.record_id == name).order_by(AuditEntry.at))]


def test_a_person_changes_their_own_password(api):
    name = _person(api)
    mine, other = _token(api, name, FIRST), _token(api, name, FIRST)
    wrong = api.client.post("/api/v1/me/password", headers=_as(mine),
                            json={"current_password": "not it at all", "new_password": "another long password"})
    assert wrong.status_code == 400 and wrong.json()["errors"][0]["field"] == "current_password"
    short = api.client.post("/api/v1/me/password", headers=_as(mine),
                            json={"current_password": FIRST, "new_password": "short"})
    assert short.status_code == 400 and short.json()["errors"][0]["field"] == "new_password"
    done = api.client.post("/api/v1/me/password", headers=_as(mine),
                           json={"current_password": FIRST, "new_password": "another long password"})
    assert done.status_code == 200, done.text
    assert api.client.get("/api/v1/me", headers=_as(mine)).status_code == 200
    assert api.client.get("/api/v1/me", headers=_as(other)).status_code == 401
    assert _token(api, name, FIRST) is None and _token(api, name, "another long password")
    assert _actions(name) == ["account.create", "account.password_set"]


def test_an_admin_reset_is_shown_once_and_must_be_replaced(api):
    name = _person(api)
    before = _token(api, name, FIRST)
    reset = api.post("admin", f"/api/v1/users/{name}/password-reset")
    assert reset.status_code == 200, reset.text
    given = reset.json()["password"]
    assert len(given) >= 10 and reset.json()["must_change_password"] is True
    assert api.client.get("/api/v1/me", headers=_as(before)).status_code == 401
    assert _actions(name)[-1] == "account.password_reset"
    assert given not in str(run(AuditEntry.select().where(AuditEntry.record_id == name)))

    token = _token(api, name, given)
    me = api.client.get("/api/v1/me", headers=_as(token))
    assert me.status_code == 200 and me.json()["must_change_password"] is True
    held = api.client.get("/api/v1/children", headers=_as(token))
    assert held.status_code == 403 and held.json()["errors"][0]["field"] == "password"
    changed = api.client.post("/api/v1/me/password", headers=_as(token),
                              json={"current_password": given, "new_password": "my very own password"})
    assert changed.status_code == 200
    assert api.client.get("/api/v1/children", headers=_as(token)).status_code == 200
    assert run(User.select(User.must_change_password).where(User.username == name).first()) == {
        "must_change_password": False}


def test_signing_in_on_the_page_after_a_reset_leads_to_the_password_page(api):
    name = _person(api)
    given = api.post("admin", f"/api/v1/users/{name}/password-reset").json()["password"]
    token = re.search(r'name="_csrf_token" value="([^"]+)"', api.client.get("/login").text).group(1)
    signed_in = api.client.post("/login", data={"username": name, "password": given, "_csrf_token": token},
                                follow_redirects=False)
    try:
        assert signed_in.headers["location"] == "/account/password"
        assert "haven_session" in api.client.cookies  # the browser's session, kept by the client
        held = api.client.get("/children", follow_redirects=False)
        assert held.status_code in (302, 303) and held.headers["location"] == "/account/password"
        assert "Choose your own password" in api.client.get("/account/password").text
    finally:
        api.client.cookies.clear()


def test_a_token_left_unused_lapses(api):
    name = _person(api)
    token = _token(api, name, FIRST)
    assert api.client.get("/api/v1/me", headers=_as(token)).status_code == 200
    long_ago = dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=15)
    run(Token.update({Token.last_used_at: long_ago}).where(Token.user.username == name))
    assert api.client.get("/api/v1/me", headers=_as(token)).status_code == 401
