"""The inbox checks scope on every read: once a child is moved to another caseworker, the first
caseworker's inbox and alert list show none of that child's alerts or reasons; the team's
supervisor still sees them."""

from service import db
from service.accounts import services
from tests.api.alerting import registered_days_ago, scan_at, utcnow
from tests.conftest import PASSWORD, run


def a_second_caseworker_in_north() -> None:
    async def add():
        async with db.writing():
            if not await services.user_named("cw_north_two"):
                await services.add_user("cw_north_two", "caseworker", PASSWORD, utcnow(), team="north")
    run(add())


def test_a_moved_child_leaves_the_inbox(api, child):
    a_second_caseworker_in_north()
    registered_days_ago(child["id"], 40)  # beyond a low-risk child's 30 days and the grace
    scan_at(utcnow())
    assert {i["child_id"] for i in api.get("cw", "/api/v1/inbox").json()} == {child["id"]}

    moved = api.patch("sup", f"/api/v1/children/{child['id']}", json={"caseworker": "cw_north_two"})
    assert moved.status_code == 200, moved.text
    assert api.get("cw", "/api/v1/inbox").json() == []
    assert api.get("cw", "/api/v1/alerts").json() == []
    assert {a["child_id"] for a in api.get("sup", "/api/v1/alerts").json()} == {child["id"]}
