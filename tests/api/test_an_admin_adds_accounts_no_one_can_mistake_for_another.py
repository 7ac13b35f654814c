"""An admin adds staff accounts through the API. Usernames are lowercase ASCII, so no two look
alike (`North.cw`, a Cyrillic `е`); a password is never the username; an email looks like
one; a team typed `North` is the team `north`. A refused account is named by field and not
written; only an admin may add one."""

from service.accounts.tables import Team, User
from tests.conftest import run

GOOD = {"username": "north.caseworker9", "role": "caseworker", "password": "a long passphrase",
        "team": "north", "email": "cw9@haven.test"}


def refused_fields(api, **changes) -> set[str]:
    response = api.post("admin", "/api/v1/users", json={**GOOD, **changes})
    assert response.status_code == 400, response.text
    return {e["field"] for e in response.json()["errors"]}


def test_names_that_could_be_mistaken_are_refused_and_nothing_is_written(api):
    users, teams = run(User.count()), run(Team.count())
    for username in ("North.caseworker9", "north.\u0441aseworker9", "-x", ".hidden", "a b", "x" * 65):
        assert refused_fields(api, username=username) == {"username"}, username
    assert refused_fields(api, password="North.Caseworker9") == {"password"}
    assert refused_fields(api, email="not-an-email") == {"email"}
    assert (run(User.count()), run(Team.count())) == (users, teams)


def test_a_team_named_in_another_case_is_the_same_team(api):
    run(Team.insert(Team(name="north")).on_conflict(action="DO NOTHING"))
    teams = run(Team.count())
    added = api.post("admin", "/api/v1/users", json={**GOOD, "team": "North"})
    assert added.status_code == 201, added.text
    assert added.json()["team"] == "north" and run(Team.count()) == teams
    assert api.post("admin", "/api/v1/users", json={**GOOD, "username": "x9"}).status_code == 201


def test_only_an_admin_adds_accounts(api):
    for who in ("cw", "th", "sup"):
        assert api.post(who, "/api/v1/users", json={**GOOD, "username": f"by.{who}"}).status_code == 403
    assert run(User.count().where(User.username.like("by.%"))) == 0


def test_the_only_admin_cannot_be_deactivated_and_an_unknown_user_is_not_found(api):
    alone = api.patch("admin", "/api/v1/users/admin", json={"active": False})
    assert alone.status_code == 409 and alone.json()["errors"][0]["field"] == "active"
    assert run(User.select(User.active).where(User.username == "admin").first())["active"] is True
    assert api.patch("admin", "/api/v1/users/nobody.here", json={"active": False}).status_code == 404
    added = api.post("admin", "/api/v1/users", json={**GOOD, "username": "second.admin", "role": "admin", "team": None})
    assert added.status_code == 201, added.text
    assert api.patch("admin", "/api/v1/users/second.admin", json={"active": False}).status_code == 200
