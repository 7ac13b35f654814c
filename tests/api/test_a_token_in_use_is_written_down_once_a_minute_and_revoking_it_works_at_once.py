"""Signing in with a token reads it on every request, but writes down its last use at most once
a minute (idle expiry is counted in days for tokens, minutes for sessions): a read stays a read.
Revoking the token, or deactivating its holder, still takes effect on the very next request."""

from __future__ import annotations

import datetime as dt

from service.accounts import services
from service.accounts.tables import Token, User
from tests.conftest import now, run


def _fresh_token(username: str) -> str:
    user = run(User.select(User.id).where(User.username == username).first())
    return run(services.issue_token(user["id"], "api", now(), dt.timedelta(days=1)))


def _last_used(secret: str) -> dt.datetime:
    row = run(Token.select(Token.last_used_at).where(Token.digest == services.digest(secret)).first())
    return row["last_used_at"]


def _set_last_used(secret: str, at: dt.datetime) -> None:
    run(Token.update({Token.last_used_at: at}).where(Token.digest == services.digest(secret)))


def _me(api, secret: str) -> int:
    return api.client.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"}).status_code


def test_a_use_within_the_minute_is_not_written_again(api):
    secret = _fresh_token("cw")
    recently = now() - dt.timedelta(seconds=30)
    _set_last_used(secret, recently)
    assert _me(api, secret) == 200
    assert _last_used(secret) == recently


def test_a_use_after_the_minute_is_written_down(api):
    secret = _fresh_token("cw")
    _set_last_used(secret, now() - dt.timedelta(minutes=2))
    before = now()
    assert _me(api, secret) == 200
    assert _last_used(secret) >= before


def test_revoking_a_token_just_used_refuses_the_next_request(api):
    secret = _fresh_token("cw")
    assert _me(api, secret) == 200
    run(services.revoke_token(secret, now()))
    assert _me(api, secret) == 401


def test_deactivating_the_holder_refuses_their_next_request(api):
    secret = _fresh_token("cw_other")
    assert _me(api, secret) == 200
    run(User.update({User.active: False}).where(User.username == "cw_other"))
    try:
        assert _me(api, secret) == 401
    finally:
        run(User.update({User.active: True}).where(User.username == "cw_other"))
