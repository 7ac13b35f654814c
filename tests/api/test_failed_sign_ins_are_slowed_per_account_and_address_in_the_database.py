"""Password guessing is slowed with counts kept in the database (so every instance sees them):
after 5 failures in a row an account must wait, longer after each further failure, and a
success clears the count; an address with 20 failures must wait whatever account it tries. The
client address is the connecting peer's; `X-Forwarded-For` counts only from a trusted proxy."""

import contextlib
import re
import dataclasses
import datetime as dt
import uuid

from litestar.testing import transport

from service.accounts.tables import SignInFailure
from service.audit.tables import AuditEntry
from tests.conftest import PASSWORD, run

RIGHT = "a long enough password"


def _user(api) -> str:
    name = f"guess.{uuid.uuid4().hex[:8]}"
    made = api.post("admin", "/api/v1/users", json={"username": name, "role": "therapist", "password": RIGHT})
    assert made.status_code == 201
    return name


def _try(api, name, password, **headers):
    return api.client.post("/api/v1/auth/token", json={"username": name, "password": password}, headers=headers)


def _row(key: str) -> dict | None:
    return run(SignInFailure.select().where(SignInFailure.key == key).first())


def test_five_failures_make_the_account_wait_even_for_the_right_password(api):
    name = _user(api)
    assert [_try(api, name, "wrong password").status_code for _ in range(5)] == [401] * 5
    waited = _try(api, name, RIGHT)
    assert waited.status_code == 429
    assert 25 <= int(waited.headers["retry-after"]) <= 30
    assert waited.json()["status_code"] == 429
    assert _row(f"account:{name}")["failures"] == 5
    assert len(run(AuditEntry.select().where(AuditEntry.action == "access.unauthenticated"))) == 5


def test_the_wait_doubles_after_each_further_failure(api):
    name = _user(api)
    for _ in range(5):
        _try(api, name, "wrong password")
    past = dt.datetime.now(dt.timezone.utc) - dt.timedelta(seconds=1)
    run(SignInFailure.update({SignInFailure.blocked_until: past}).where(SignInFailure.key == f"account:{name}"))
    assert _try(api, name, "wrong again").status_code == 401
    assert 55 <= int(_try(api, name, RIGHT).headers["retry-after"]) <= 60


def test_a_success_clears_the_accounts_count(api):
    name = _user(api)
    for _ in range(4):
        _try(api, name, "wrong password")
    assert _try(api, name, RIGHT).status_code == 201
    assert _row(f"account:{name}") is None
    assert [_try(api, name, "wrong password").status_code for _ in range(4)] == [401] * 4
    assert _try(api, name, RIGHT).status_code == 201


def test_a_wait_written_by_another_instance_holds_here(api):
    name = _user(api)
    later = dt.datetime.now(dt.timezone.utc) + dt.timedelta(minutes=5)
    run(SignInFailure.insert(SignInFailure(key=f"account:{name}", failures=9, last_failure_at=later,
                                           blocked_until=later)))
    assert _try(api, name, RIGHT).status_code == 429
    form = api.client.get("/login").text
    token = re.search(r'name="_csrf_token" value="([^"]+)"', form).group(1)
    page = api.client.post("/login", data={"username": name, "password": RIGHT, "_csrf_token": token},
                           follow_redirects=False)
    assert page.status_code == 429 and "Try again in" in page.text
    assert "haven_session" not in page.cookies


def test_an_address_with_twenty_failures_waits_whatever_it_claims_to_be(api):
    for n in range(20):
        assert _try(api, f"nobody{n}", "wrong password", **{"X-Forwarded-For": f"198.51.100.{n}"}).status_code == 401
    assert _row("address:testclient")["failures"] == 20
    assert _try(api, "cw", PASSWORD, **{"X-Forwarded-For": "203.0.113.9"}).status_code == 429


@contextlib.contextmanager
def _behind_proxy(api, peer: str, trusted: str):
    """Requests arrive from `peer`, and the app trusts `trusted` as its proxies."""
    original_parse, app = transport.TestClientTransport.parse_request, api.client.app
    settings = app.state.settings

    def parse(self, request):
        return {**original_parse(self, request), "client": (peer, 40000)}

    transport.TestClientTransport.parse_request = parse
    app.state.settings = dataclasses.replace(settings, trusted_proxies=trusted)
    try:
        yield
    finally:
        transport.TestClientTransport.parse_request = original_parse
        app.state.settings = settings


def test_a_trusted_proxy_names_the_client_and_an_untrusted_peer_does_not(api):
    with _behind_proxy(api, "10.0.0.5", "10.0.0.0/24"):
        _try(api, "nobody", "wrong", **{"X-Forwarded-For": "1.2.3.4, 203.0.113.7, 10.0.0.9"})
    with _behind_proxy(api, "192.0.2.1", "10.0.0.0/24"):
        _try(api, "nobody", "wrong", **{"X-Forwarded-For": "203.0.113.8"})
    sources = {e["source"] for e in run(AuditEntry.select().where(AuditEntry.action == "access.unauthenticated"))}
    assert sources == {"203.0.113.7", "192.0.2.1"}
    assert _row("address:203.0.113.7")["failures"] == 1 and _row("address:192.0.2.1")["failures"] == 1
