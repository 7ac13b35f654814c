"""Pages speak the deployment's time (HAVEN_TIMEZONE): in Auckland a check-in at 18:15 UTC
on 29 Nov shows as 30 Nov, 07:15 NZDT, and a time typed into the check-in form is read as
Auckland time; the API gives the same instant with an offset."""

import datetime as dt

from service.accounts import services
from service.accounts.tables import User
from tests.api.development import register
from tests.conftest import run

UTC = dt.timezone.utc


def _signed_in(api, who: str) -> None:
    user = run(User.select(User.id).where(User.username == who).first())
    secret = run(services.issue_token(user["id"], "session", dt.datetime.now(UTC), dt.timedelta(hours=1)))
    api.client.cookies.set("haven_session", secret)


def test_a_check_in_is_shown_and_typed_in_auckland_time(api, monkeypatch):
    monkeypatch.setenv("HAVEN_TIMEZONE", "Pacific/Auckland")
    child_id = register(api, dt.date(2013, 2, 3))
    recorded = api.post("cw", f"/api/v1/children/{child_id}/check-ins", json={
        "occurred_at": "2026-11-29T18:15:00Z", "mode": "in_person", "child_seen": True})
    assert recorded.status_code == 201, recorded.text
    try:
        _signed_in(api, "cw")
        page = api.client.get(f"/children/{child_id}")
        assert page.status_code == 200
        assert "30 Nov 2026, 07:15 NZDT" in page.text and "18:15" not in page.text

        form = api.client.get(f"/children/{child_id}/check-ins/new")
        assert "Pacific/Auckland time" in form.text
        token = api.client.cookies.get("csrftoken")
        posted = api.client.post(f"/children/{child_id}/check-ins/new", data={
            "_csrf_token": token, "occurred_at": "2026-11-29T09:30", "mode": "phone", "child_seen": "true"},
            follow_redirects=False)
        assert posted.status_code == 303, posted.text
    finally:
        api.client.cookies.clear()
    listed = api.get("cw", f"/api/v1/children/{child_id}/check-ins").json()
    instants = sorted(dt.datetime.fromisoformat(c["occurred_at"]) for c in listed)
    assert instants == [dt.datetime(2026, 11, 28, 20, 30, tzinfo=UTC), dt.datetime(2026, 11, 29, 18, 15, tzinfo=UTC)]
