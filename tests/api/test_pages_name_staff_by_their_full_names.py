"""Pages name staff by their full names: the caseworker, the therapist on the care team, who
recorded a check-in, in the child's page and the inbox. The username is for signing in and the
admin's list of accounts."""

import re
import uuid

from tests.api.alerting import registered_days_ago, scan_at, utcnow

PASSWORD = "a long passphrase"


def _staff(api, role: str, full_name: str) -> str:
    username = f"{role[:5]}.{uuid.uuid4().hex[:8]}"
    made = api.post("admin", "/api/v1/users", json={
        "username": username, "role": role, "password": PASSWORD, "team": "north", "full_name": full_name})
    assert made.status_code == 201, made.text
    token = api.client.post("/api/v1/auth/token", json={"username": username, "password": PASSWORD})
    api.tokens = {**api.tokens, username: token.json()["token"]}
    return username


def test_the_childs_page_and_the_inbox_show_full_names_not_usernames(api):
    worker, therapist = _staff(api, "caseworker", "Rosa Mendes"), _staff(api, "therapist", "Tomás Ruiz")
    child = api.post(worker, "/api/v1/children", json={"display_name": "Baby N", "birth_date": "2025-06-01"}).json()
    assert api.post(worker, f"/api/v1/children/{child['id']}/care-team", json={"username": therapist}).status_code in (200, 201)
    seen = api.post(worker, f"/api/v1/children/{child['id']}/check-ins", json={
        "occurred_at": utcnow().isoformat(), "mode": "phone", "child_seen": True})
    assert seen.status_code == 201, seen.text

    page = api.get("sup", f"/children/{child['id']}").text
    assert "Rosa Mendes" in page and "Tomás Ruiz" in page
    assert '<td data-label="By">Rosa Mendes</td>' in page
    said = re.sub(r"<[^>]*>", " ", page)  # what a reader sees; links and form values may hold a username
    assert worker not in said and therapist not in said

    registered_days_ago(child["id"], 40)
    scan_at(utcnow())
    assert "Caseworker Rosa Mendes" in api.get("sup", "/inbox").text
