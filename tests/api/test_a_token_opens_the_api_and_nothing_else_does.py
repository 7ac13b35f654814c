"""Sign-in through the API: a token is issued for the right password only, hashed at rest."""

from service.accounts.tables import Token
from tests.conftest import PASSWORD, run


def test_the_right_password_gets_a_token_that_works(api):
    issued = api.client.post("/api/v1/auth/token", json={"username": "cw", "password": PASSWORD})
    assert issued.status_code == 201
    token = issued.json()["token"]
    me = api.client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert me.status_code == 200
    assert me.json()["username"] == "cw"
    stored = run(Token.select(Token.digest).output(as_list=True))
    assert token not in stored


def test_a_wrong_password_is_refused(api):
    refused = api.client.post("/api/v1/auth/token", json={"username": "cw", "password": "nope"})
    assert refused.status_code == 401


def test_no_token_means_401(api):
    assert api.client.get("/api/v1/me").status_code == 401
    assert api.client.get("/api/v1/me", headers={"Authorization": "Bearer made-up"}).status_code == 401


def test_a_revoked_token_stops_working(api):
    token = api.client.post("/api/v1/auth/token", json={"username": "sup", "password": PASSWORD}).json()["token"]
    headers = {"Authorization": f"Bearer {token}"}
    assert api.client.delete("/api/v1/auth/token", headers=headers).status_code == 204
    assert api.client.get("/api/v1/me", headers=headers).status_code == 401


def test_bad_sign_in_input_names_each_field(api):
    bad = api.client.post("/api/v1/auth/token", json={"username": 7})
    assert bad.status_code == 400
    fields = {e["field"] for e in bad.json()["errors"]}
    assert fields == {"username", "password"}
