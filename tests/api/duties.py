"""Helpers for the tests of a missing episode's duties: open an episode, record the return,
read the child's tasks."""

from __future__ import annotations

import datetime as dt


def ago(hours: float) -> dt.datetime:
    return (dt.datetime.now(dt.timezone.utc) - dt.timedelta(hours=hours)).replace(microsecond=0)


def went_missing(api, child_id: str, at: dt.datetime, who: str = "cw") -> str:
    opened = api.post(who, f"/api/v1/children/{child_id}/missing-episodes", json={"went_missing_at": at.isoformat()})
    assert opened.status_code == 201, opened.text
    return opened.json()["id"]


def came_back(api, child_id: str, episode_id: str, at: dt.datetime, who: str = "cw") -> None:
    back = api.patch(who, f"/api/v1/children/{child_id}/missing-episodes/{episode_id}",
                     json={"returned_at": at.isoformat()})
    assert back.status_code == 200, back.text


def tasks(api, child_id: str, who: str = "cw") -> list[dict]:
    listed = api.get(who, f"/api/v1/children/{child_id}/tasks")
    assert listed.status_code == 200, listed.text
    return listed.json()


def by_kind(rows: list[dict]) -> dict[str, dict]:
    return {t["kind"]: t for t in rows}
