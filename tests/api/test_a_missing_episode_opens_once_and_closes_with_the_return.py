"""Missing from care: one open episode at a time, closed when the child returns."""

import datetime as dt

from care_plans.tables import MissingEpisode
from tests.conftest import run


def ago(hours):
    return (dt.datetime.now(dt.timezone.utc) - dt.timedelta(hours=hours)).replace(microsecond=0)


def went_missing(api, child, at, who="cw"):
    return api.post(who, f"/api/v1/children/{child['id']}/missing-episodes",
                    json={"went_missing_at": at.isoformat()})


def test_an_episode_is_opened_and_closed(api, child):
    opened = went_missing(api, child, ago(30))
    assert opened.status_code == 201
    episode = opened.json()["id"]
    returned = ago(2)  # computed once: a second call may fall in the next second
    closed = api.patch("cw", f"/api/v1/children/{child['id']}/missing-episodes/{episode}",
                       json={"returned_at": returned.isoformat()})
    assert closed.status_code == 200
    assert dt.datetime.fromisoformat(closed.json()["returned_at"]) == returned
    listed = api.get("sup", f"/api/v1/children/{child['id']}/missing-episodes").json()
    assert [e["id"] for e in listed] == [episode]


def test_a_child_already_missing_cannot_go_missing_again(api, child):
    went_missing(api, child, ago(30))
    again = went_missing(api, child, ago(20))
    assert again.status_code == 409
    assert run(MissingEpisode.count()) == 1


def test_a_return_before_going_missing_or_in_the_future_is_refused(api, child):
    episode = went_missing(api, child, ago(30)).json()["id"]
    for bad in (ago(31), ago(-5)):
        refused = api.patch("cw", f"/api/v1/children/{child['id']}/missing-episodes/{episode}",
                            json={"returned_at": bad.isoformat()})
        assert refused.status_code == 400
        assert [e["field"] for e in refused.json()["errors"]] == ["returned_at"]
    assert run(MissingEpisode.select(MissingEpisode.returned_at).output(as_list=True)) == [None]


def test_another_childs_episode_is_not_found_through_this_child(api, child):
    other = api.post("cw", "/api/v1/children", json={"display_name": "C", "birth_date": "2012-02-02"}).json()
    episode = went_missing(api, {"id": other["id"]}, ago(30)).json()["id"]
    wrong = api.patch("cw", f"/api/v1/children/{child['id']}/missing-episodes/{episode}",
                      json={"returned_at": ago(1).isoformat()})
    assert wrong.status_code == 404
    assert api.patch("cw", f"/api/v1/children/{child['id']}/missing-episodes/nope",
                     json={"returned_at": ago(1).isoformat()}).status_code == 404


def test_a_return_is_recorded_once_and_never_overwritten(api, child):
    episode = went_missing(api, child, ago(30)).json()["id"]
    first = ago(3)
    path = f"/api/v1/children/{child['id']}/missing-episodes/{episode}"
    assert api.patch("cw", path, json={"returned_at": first.isoformat()}).status_code == 200
    again = api.patch("sup", path, json={"returned_at": ago(1).isoformat()})
    assert again.status_code == 409
    assert [e["field"] for e in again.json()["errors"]] == ["returned_at"]
    stored = run(MissingEpisode.select(MissingEpisode.returned_at).output(as_list=True))
    assert stored == [first]


def test_episodes_follow_one_another_and_never_overlap(api, child):
    episode = went_missing(api, child, ago(48)).json()["id"]
    api.patch("cw", f"/api/v1/children/{child['id']}/missing-episodes/{episode}",
              json={"returned_at": ago(24).isoformat()})
    inside = went_missing(api, child, ago(30))
    assert inside.status_code == 400 and [e["field"] for e in inside.json()["errors"]] == ["went_missing_at"]
    assert run(MissingEpisode.count()) == 1
    assert went_missing(api, child, ago(2)).status_code == 201
