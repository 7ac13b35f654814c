"""Two-step sign-in (TOTP): once set up (confirmed with a code), a password alone no longer
signs in; the app's code does, once, and each recovery code does, once. A role named in
HAVEN_TWO_FACTOR_ROLES has nothing open but setting it up until it is on."""

import dataclasses
import datetime as dt
import uuid

import pyotp

from service.audit.tables import AuditEntry
from tests.conftest import run

PASSWORD = "a long enough password"


def _person(api, role="therapist") -> str:
    name = f"tf.{uuid.uuid4().hex[:8]}"
    team = {"team": "north"} if role in ("caseworker", "supervisor") else {}
    assert api.post("admin", "/api/v1/users", json={"username": name, "role": role, "password": PASSWORD,
                                                    **team}).status_code == 201
    return name


def _sign_in(api, name, otp=None):
    body = {"username": name, "password": PASSWORD, **({"otp": otp} if otp else {})}
    return api.client.post("/api/v1/auth/token", json=body)


def _as(token):
    return {"Authorization": f"Bearer {token}"}


def _turn_on(api, token) -> tuple[pyotp.TOTP, list[str]]:
    begun = api.client.post("/api/v1/me/two-factor", headers=_as(token))
    assert begun.status_code == 200, begun.text
    totp = pyotp.TOTP(begun.json()["secret"])
    assert begun.json()["uri"].startswith("otpauth://totp/Haven")
    wrong = api.client.post("/api/v1/me/two-factor/confirm", headers=_as(token), json={"code": "000000"})
    assert wrong.status_code == 400 and wrong.json()["errors"][0]["field"] == "code"
    previous = totp.at(dt.datetime.now(dt.timezone.utc) - dt.timedelta(seconds=30))
    confirmed = api.client.post("/api/v1/me/two-factor/confirm", headers=_as(token), json={"code": previous})
    assert confirmed.status_code == 200, confirmed.text
    return totp, confirmed.json()["recovery_codes"]


def test_once_on_a_password_alone_no_longer_signs_in(api):
    name = _person(api)
    totp, recovery = _turn_on(api, _sign_in(api, name).json()["token"])
    assert len(recovery) == 10 and len(set(recovery)) == 10
    alone = _sign_in(api, name)
    assert alone.status_code == 401 and "otp" in alone.json()["detail"]
    assert _sign_in(api, name, "123456").status_code == 401
    code = totp.now()
    assert _sign_in(api, name, code).status_code == 201
    assert _sign_in(api, name, code).status_code == 401  # a code is used once
    assert _sign_in(api, name, recovery[0]).status_code == 201
    assert _sign_in(api, name, recovery[0]).status_code == 401
    entries = run(AuditEntry.select(AuditEntry.action).where(AuditEntry.record_id == name))
    assert {"action": "account.two_factor_on"} in entries


def test_a_role_that_requires_it_opens_nothing_else_until_it_is_on(api):
    app = api.client.app
    settings = app.state.settings
    app.state.settings = dataclasses.replace(settings, two_factor_roles="therapist")
    try:
        name = _person(api)
        token = _sign_in(api, name).json()["token"]
        held = api.client.get("/api/v1/children", headers=_as(token))
        assert held.status_code == 403 and held.json()["errors"][0]["field"] == "two_factor"
        page = api.client.get("/children", headers=_as(token), follow_redirects=False)
        assert page.headers["location"] == "/account/two-factor"
        assert "Key:" in api.client.get("/account/two-factor", headers=_as(token)).text
        _turn_on(api, token)
        assert api.client.get("/api/v1/children", headers=_as(token)).status_code == 200
        assert api.get("cw", "/api/v1/children").status_code == 200  # caseworkers are not required to
    finally:
        app.state.settings = settings
